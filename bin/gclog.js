#!/usr/bin/env node
// Thin launcher: all behaviour lives in the built CLI (dist/cli/main.js).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

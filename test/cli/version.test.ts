// The version printed by --version and carried in `generator` is package.json's.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATOR, VERSION } from '../../src/version.js';
import { ROOT } from './run-cli.js';

describe('version', () => {
  it('src/version.ts holds package.json version', () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect(GENERATOR).toBe(`gclog ${pkg.version}`);
  });
});

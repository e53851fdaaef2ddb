// Runs the BUILT command line (`node bin/gclog.js …`, built by `npm test` first) as a child process,
// and checks the shape every error must have: one line on stderr, the key words, no stack trace.

import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/gclog.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function assertBuilt(): void {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run npm run build (npm test does it first)`);
}

export function runCli(args: string[], options: SpawnSyncOptions & { input?: string | Buffer } = {}): CliResult {
  assertBuilt();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
    ...options,
  });
  if (result.error) throw result.error;
  return { status: result.status, signal: result.signal, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Runs the CLI, reads stdout until `firstBytes` have arrived, then closes the pipe (as `| head` does). */
export function runCliClosingStdout(args: string[], firstBytes: number): Promise<CliResult & { received: number }> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let received = 0;
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.stdout.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received >= firstBytes) child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout: '', stderr, received }));
  });
}

/** One line on stderr, with these words, no stack trace, and this exit code. */
export function expectOneLineError(result: CliResult, exitCode: number, words: Array<string | RegExp>): void {
  const context = `exit ${result.status}, stderr:\n${result.stderr}`;
  expect(result.stderr.endsWith('\n'), context).toBe(true);
  const lines = result.stderr.slice(0, -1).split('\n');
  expect(lines, context).toHaveLength(1);
  expect(result.stderr, context).not.toMatch(/^\s+at /m);
  expect(lines[0], context).toMatch(/^gclog: /);
  for (const word of words) {
    if (typeof word === 'string') expect(lines[0]!.toLowerCase(), context).toContain(word.toLowerCase());
    else expect(lines[0], context).toMatch(word);
  }
  expect(result.status, context).toBe(exitCode);
}

// A pipe from a running app: `node --trace-gc app.js | gclog analyze - --json`, with a real Node
// (this machine's) allocating for a moment. gclog reports when the input ends, and counts every GC
// line the app printed (the test keeps a copy of the app's output, as `tee` would).

import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from './run-cli.js';

const ALLOCATING_APP = `
const kept = [];
for (let round = 0; round < 40; round++) {
  const garbage = [];
  for (let index = 0; index < 20000; index++) garbage.push({ index, text: 'x'.repeat(index % 64) });
  kept.push(garbage.slice(0, 500));
  if (kept.length > 10) kept.shift();
}
console.log('app done');
`;
const GC_LINE = / ms: (?:Shared )?(?:Scavenge|Minor Mark-Compact|Minor Mark-Sweep|Incremental Minor Mark-Sweep|Mark-sweep|Mark-Compact|Incremental Mark-Compact)[ (]/;

describe('reading a running app from a pipe', () => {
  it('counts the GC lines of node --trace-gc piped into gclog analyze -', async () => {
    const app = spawn(process.execPath, ['--trace-gc', '--max-semi-space-size=1', '-e', ALLOCATING_APP], { stdio: ['ignore', 'pipe', 'inherit'] });
    const gclog = spawn(process.execPath, [BIN, 'analyze', '-', '--json'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const appOutput: Buffer[] = [];
    app.stdout.on('data', (chunk: Buffer) => {
      appOutput.push(chunk);
      gclog.stdin.write(chunk);
    });
    app.stdout.on('end', () => gclog.stdin.end());
    let stdout = '';
    let stderr = '';
    gclog.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    gclog.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [appStatus, gclogStatus] = await Promise.all([
      new Promise<number | null>((resolve) => app.on('close', resolve)),
      new Promise<number | null>((resolve) => gclog.on('close', resolve)),
    ]);
    expect(appStatus).toBe(0);
    expect(stderr).toBe('');
    expect(gclogStatus).toBe(0);
    const printed = Buffer.concat(appOutput).toString('utf8');
    const gcLines = printed.split('\n').filter((line) => GC_LINE.test(line)).length;
    expect(printed).toContain('app done');
    expect(gcLines).toBeGreaterThan(0);
    const summary = JSON.parse(stdout) as { inputs: Array<{ name: string; gcEvents: number }>; isolates: Array<{ counts: { total: number } }> };
    expect(summary.inputs[0]!.name).toBe('stdin');
    expect(summary.inputs[0]!.gcEvents).toBe(gcLines);
    expect(summary.isolates.reduce((sum, isolate) => sum + isolate.counts.total, 0)).toBe(gcLines);
  }, 60_000);
});

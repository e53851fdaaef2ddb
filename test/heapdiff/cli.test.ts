// `gclog heapdiff` as users run it: the built binary on the committed snapshots, its outputs and errors.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultHeapDiffHtmlPath } from '../../src/cli/heapdiff-command.js';
import { expectOneLineError, runCli } from '../cli/run-cli.js';
import { SNAPSHOTS } from './samples.js';

describe('gclog heapdiff', () => {
  it('prints the table: headline, the growers with their retainers, then what changed without growing', () => {
    const result = runCli(['heapdiff', ...SNAPSHOTS]);
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('gclog heapdiff: 3 snapshots, 6.4 MB → 11.0 MB reachable (+4.6 MB)');
    expect(lines[1]).toBe('  1. samples/heapsnapshots/leaky-service-1.heapsnapshot.gz: 71,451 nodes, 6.4 MB');
    expect(result.stdout).toContain('\nGrew at every step\n');
    expect(result.stdout).toMatch(/\n {2}Grant +1,000 → 2,000 → 3,000 +\+2,000 .*\n {6}held by Map grantsByRequest ← module scope of leaky-service\.cjs \(all 2,000 sampled instances\)\n/);
    // handleRequest() rose at every step, by 11.8 KB in all: under the 16 KB of growth, and said so.
    const roseLittle = result.stdout.indexOf('\nRose at every step, but by less than 16.0 KB in all (too little to call growth)\n');
    const changed = result.stdout.indexOf('\nChanged, but not at every step (not a leak by this rule)\n');
    expect(roseLittle).toBeGreaterThan(0);
    expect(changed).toBeGreaterThan(roseLittle);
    expect(result.stdout.slice(roseLittle, changed)).toMatch(/\n {2}handleRequest\(\) +1 → 1 → 1 +0 +7\.5 KB → 7\.6 KB → 19\.3 KB +\+11\.8 KB\n/);
    expect(result.stdout.slice(changed)).toMatch(/^\nChanged, but not at every step \(not a leak by this rule\)\n.*\n {2}BatchRow +0 → 3,000 → 0 /);
    expect(result.stdout.slice(changed)).not.toContain('handleRequest()');
    expect(result.stderr).toBe('');
  }, 60_000);

  it('with two snapshots: what rose too little, then what shrank or kept its bytes', () => {
    const result = runCli(['heapdiff', SNAPSHOTS[0]!, SNAPSHOTS[2]!]);
    expect(result.status).toBe(0);
    const roseLittle = result.stdout.indexOf('\nRose by less than 16.0 KB (too little to call growth)\n');
    const rest = result.stdout.indexOf('\nShrank, or kept their bytes\n');
    expect(roseLittle).toBeGreaterThan(0);
    expect(rest).toBeGreaterThan(roseLittle);
    expect(result.stdout.slice(roseLittle, rest)).toMatch(/\n {2}handleRequest\(\) +1 → 1 +0 +7\.5 KB → 19\.3 KB +\+11\.8 KB\n/);
    expect(result.stdout.slice(rest)).toMatch(/\n {2}_addListener\(\) +1 → 1 +0 +4\.8 KB → 4\.1 KB +-744 B\n/);
    expect(result.stdout).not.toContain('not at every step');
  }, 60_000);

  it('--json: the HeapDiff object', () => {
    const result = runCli(['heapdiff', SNAPSHOTS[0]!, SNAPSHOTS[2]!, '--json']);
    expect(result.status).toBe(0);
    const diff = JSON.parse(result.stdout) as { stepsJudged: boolean; growing: { className: string; counts: number[] }[] };
    expect(diff.stepsJudged).toBe(false);
    expect(diff.growing.find((entry) => entry.className === 'Grant')?.counts).toEqual([1000, 3000]);
  }, 60_000);

  it('--html --out writes the page atomically and says where', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gclog-heapdiff-cli-')), 'diff.html');
    const result = runCli(['heapdiff', ...SNAPSHOTS, '--html', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`gclog: wrote ${out}\n`);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
    expect(defaultHeapDiffHtmlPath(SNAPSHOTS)).toBe('leaky-service-1-to-leaky-service-3.heapdiff.html');
  }, 60_000);

  it('one snapshot is a usage error; a GC log is not a snapshot (exit code 16)', () => {
    const one = runCli(['heapdiff', SNAPSHOTS[0]!]);
    expect(one.status).toBe(2);
    expect(one.stderr).toBe('gclog: heapdiff takes two heap snapshots or more, oldest first. Run gclog heapdiff --help for usage.\n');
    const log = runCli(['heapdiff', 'samples/node22-leak.log', SNAPSHOTS[0]!]);
    expectOneLineError(log, 16, [/samples\/node22-leak\.log is not a whole V8 heap snapshot \(it does not start with a snapshot header\)/]);
    const dir = mkdtempSync(join(tmpdir(), 'gclog-heapdiff-cli-'));
    const cut = join(dir, 'cut.heapsnapshot');
    writeFileSync(cut, '{"snapshot":{"meta":{}}');
    expectOneLineError(runCli(['heapdiff', cut, SNAPSHOTS[0]!]), 16, [/cut\.heapsnapshot is not a whole V8 heap snapshot/]);
  }, 60_000);
});

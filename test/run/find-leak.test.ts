// src/run/preload/find-leak.cjs exactly as a user runs it, `node --require ./src/run/preload/find-leak.cjs
// app.js` with GCLOG_FIND_LEAK_DIR set, on real Node 18, 20, 22, 24 and 26 binaries: it takes its snapshots
// when the floor grew, says when and what it costs, and their heapdiff names the leaks. On Node 12 and
// 16 it loads, says it cannot, and leaves the app alone.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heapdiffFiles } from '../../src/heapdiff/heapdiff.js';
import { findLeakSnapshots } from '../../src/heapdiff/run-snapshots.js';
import { nodeBinary } from '../heapdiff/node-binaries.js';

const PRELOAD = './src/run/preload/find-leak.cjs';
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function run(major: number, app: string, env: Record<string, string>, args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), `gclog-find-leak-${major}-`));
  folders.push(dir);
  const result = spawnSync(nodeBinary(major), ['--max-old-space-size=40', '--require', PRELOAD, app, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env['PATH'] ?? '', GCLOG_FIND_LEAK_DIR: dir, GCLOG_FIND_LEAK_WARMUP_MS: '300', ...env },
  });
  return { dir, status: result.status, stdout: result.stdout, lines: result.stderr.split('\n').filter((line) => line !== '') };
}

const MB = 1024 * 1024;
// Without the batch: whether its rows read as growing depends on where in a batch each snapshot
// falls (1,000 → 2,000 → 3,000 within one batch is growth). Its rows never growing is tested on
// fixed snapshots (test/heapdiff/leak-cases.test.ts).
const SERVICE = ['samples/heapsnapshots/leaky-service.cjs', ['-', '1000', '25', '1', 'grants,listeners,cache,lru,inflight']] as const;

describe.each([18, 20, 22, 24, 26])('find-leak on Node %i', (major) => {
  it('takes three snapshots as the floor grows, says why, what it needs and how long it paused; their heapdiff names the leaks', async () => {
    const { dir, status, lines } = run(major, SERVICE[0], { GCLOG_FIND_LEAK_MAX_SNAPSHOTS: '3' }, [...SERVICE[1]]);
    expect(status).toBe(0);
    const announced = lines.filter((line) => line.includes(': heap snapshot '));
    expect(announced).toHaveLength(3);
    expect(announced[0]).toMatch(/^gclog: main thread: heap snapshot 1 of at most 3, after the warm-up \(\d+ major GCs\), floor [\d.]+ MB: the app pauses while it is written, and needs about [\d.]+ MB more memory meanwhile \(the heap's size\)$/);
    // Each next one only when the floor rose by 10% of the last one's and by 1 MB at least, as printed.
    const floors = [Number(/floor ([\d.]+) MB/.exec(announced[0]!)![1])];
    for (const line of announced.slice(1)) {
      const match = /the floor grew from ([\d.]+) MB to ([\d.]+) MB/.exec(line)!;
      expect(Number(match[1])).toBe(floors[floors.length - 1]);
      floors.push(Number(match[2]));
    }
    for (let index = 1; index < floors.length; index++) expect(floors[index]! - floors[index - 1]!).toBeGreaterThanOrEqual(Math.max(floors[index - 1]! * 0.1, 1) - 0.1);
    const wrote = lines.filter((line) => line.includes(': wrote '));
    expect(wrote).toHaveLength(3);
    const [series] = await findLeakSnapshots(dir);
    expect(series!.threadId).toBe(0);
    expect(series!.paths).toHaveLength(3);
    series!.paths.forEach((path, index) => {
      const match = /^gclog: main thread: wrote (.+) \(([\d.]+) MB\) in ([\d.]+) s, the app paused meanwhile$/.exec(wrote[index]!)!;
      expect(match[1]).toBe(path);
      expect(Number(match[2])).toBe(Number((statSync(path).size / MB).toFixed(1)));
    });
    expect(lines[lines.length - 1]).toMatch(/^gclog: main thread: the floor grew to [\d.]+ MB but no more snapshots are taken: 3 taken, the most allowed$/);

    const diff = await heapdiffFiles(series!.paths);
    const growing = new Map(diff.growing.map((entry) => [entry.className, entry]));
    expect(growing.get('Grant')?.retainer?.text).toBe('Map grantsByRequest ← module scope of leaky-service.cjs');
    expect(growing.get('CacheEntry')?.retainer?.text).toBe('Object responseCache [key] ← module scope of leaky-service.cjs');
    expect(growing.get('onConfigChange()')?.retainer?.text).toBe('Array [] ← Object .change ← EventEmitter configBus ._events ← module scope of leaky-service.cjs');
    expect(growing.has('LruEntry')).toBe(false);
  }, 180_000);
});

describe('find-leak, other cases', () => {
  it('in a worker thread: the worker takes its own snapshots, named by its threadId', async () => {
    const { dir, status, lines } = run(22, 'samples/heapsnapshots/worker-service.cjs', { GCLOG_FIND_LEAK_MAX_SNAPSHOTS: '3' }, [...SERVICE[1]]);
    expect(status).toBe(0);
    // The main thread only starts the worker: its floor never grows, it takes none.
    expect(lines.filter((line) => line.startsWith('gclog: main thread'))).toEqual([]);
    const taken = lines.filter((line) => /^gclog: worker 1: wrote /.test(line)).length;
    expect(taken).toBeGreaterThanOrEqual(2);
    const series = await findLeakSnapshots(dir);
    expect(series.map((entry) => [entry.threadId, entry.paths.length])).toEqual([[1, taken]]);
    const diff = await heapdiffFiles(series[0]!.paths);
    expect(diff.growing.find((entry) => entry.className === 'Grant')?.retainer?.text).toBe('Map grantsByRequest ← module scope of leaky-service.cjs');
  }, 180_000);

  it('stops at the disk cap, and says so with the numbers', async () => {
    const { dir, status, lines } = run(22, SERVICE[0], { GCLOG_FIND_LEAK_MAX_DISK_MB: '50' }, [...SERVICE[1]]);
    expect(status).toBe(0);
    const [series] = await findLeakSnapshots(dir);
    const written = series!.paths.reduce((sum, path) => sum + statSync(path).size, 0);
    expect(written).toBeLessThanOrEqual(50 * MB);
    expect(lines).toContain(`gclog: main thread: ${lines.find((line) => line.includes('disk cap'))!.slice('gclog: main thread: '.length)}`);
    expect(lines.find((line) => line.includes('disk cap'))).toMatch(new RegExp(`the next would pass the 50\\.0 MB disk cap \\(${(written / MB).toFixed(1).replace('.', '\\.')} MB written\\)$`));
  }, 180_000);

  it.each([12, 16])('Node %i: loads, says it needs Node 18, and the app runs as before', (major) => {
    const result = spawnSync(nodeBinary(major), ['--require', PRELOAD, '-e', 'console.log("app ran")'], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', GCLOG_FIND_LEAK_DIR: join(tmpdir(), 'gclog-never-written') },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('app ran\n');
    expect(result.stderr).toMatch(/^gclog: find-leak needs Node 18 or newer \(this is v\d+\.\d+\.\d+\): no heap snapshots taken\n$/);
  });

  it('without GCLOG_FIND_LEAK_DIR it does nothing', () => {
    const result = spawnSync(nodeBinary(22), ['--require', PRELOAD, '-e', 'console.log("app ran")'], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
    expect(result.stdout).toBe('app ran\n');
    expect(result.stderr).toBe('');
  });
});

describe('install', () => {
  it('a second install in the same thread returns the first watcher, so nothing is taken twice', () => {
    const preload = createRequire(import.meta.url)('../../src/run/preload/find-leak.cjs') as { install: (options: { dir: string }) => { snapshots(): string[]; stop(): void } };
    const dir = mkdtempSync(join(tmpdir(), 'gclog-find-leak-install-'));
    folders.push(dir);
    const first = preload.install({ dir });
    expect(preload.install({ dir })).toBe(first);
    expect(first.snapshots()).toEqual([]);
    first.stop();
    const again = preload.install({ dir });
    expect(again).not.toBe(first);
    again.stop();
  });
});

describe('floorGrewClearly', () => {
  const { floorGrewClearly } = createRequire(import.meta.url)('../../src/run/preload/find-leak.cjs') as { floorGrewClearly: (last: number, floor: number, fraction: number, minBytes: number) => boolean };
  it('10% of the last floor when that is over 1 MB: 20 MB → 22 MB, a byte under and at the bound', () => {
    expect(floorGrewClearly(20 * MB, 22 * MB - 1, 0.1, MB)).toBe(false);
    expect(floorGrewClearly(20 * MB, 22 * MB, 0.1, MB)).toBe(true);
  });
  it('1 MB when 10% is less: 5 MB → 6 MB', () => {
    expect(floorGrewClearly(5 * MB, 6 * MB - 1, 0.1, MB)).toBe(false);
    expect(floorGrewClearly(5 * MB, 6 * MB, 0.1, MB)).toBe(true);
  });
});

// Each leak of samples/heapsnapshots/leaky-service.cjs alone, beside the two non-leaks, run now by a
// real Node (22, and 18, 20, 24 for the Map leak: their snapshot formats differ) and diffed: the
// leaked constructor comes first, with the variable that holds it; LruEntry and BatchRow never grow.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heapdiffFiles } from '../../src/heapdiff/heapdiff.js';
import { nodeBinary } from './node-binaries.js';

const SERVICE = resolve('samples/heapsnapshots/leaky-service.cjs');
const folders: string[] = [];

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function runCase(major: number, workloads: string) {
  const folder = mkdtempSync(join(tmpdir(), `gclog-leak-${workloads.split(',')[0]}-`));
  folders.push(folder);
  execFileSync(nodeBinary(major), [SERVICE, folder, '1000', '3', '1', workloads], { stdio: 'ignore', timeout: 60_000 });
  const files = readdirSync(folder).sort().map((name) => join(folder, name));
  expect(files).toHaveLength(3);
  return heapdiffFiles(files);
}

const CASES = [
  { leak: 'grants', major: 22, first: 'Grant', held: 'Map grantsByRequest ← module scope of leaky-service.cjs' },
  { leak: 'listeners', major: 22, first: 'onConfigChange()', held: 'Array [] ← Object .change ← EventEmitter configBus ._events ← module scope of leaky-service.cjs' },
  { leak: 'closures', major: 22, first: 'ArrayBuffer', held: 'Buffer chunk ← scope of flushChunk() ← Array shutdownHooks [] ← module scope of leaky-service.cjs' },
  { leak: 'cache', major: 22, first: 'CacheEntry', held: 'Object responseCache [key] ← module scope of leaky-service.cjs' },
  { leak: 'grants', major: 18, first: 'Grant', held: 'Map grantsByRequest ← module scope of leaky-service.cjs' },
  { leak: 'grants', major: 20, first: 'Grant', held: 'Map grantsByRequest ← module scope of leaky-service.cjs' },
  { leak: 'grants', major: 24, first: 'Grant', held: 'Map grantsByRequest ← module scope of leaky-service.cjs' },
];

describe('one leak at a time, beside a bounded LRU and a batch job', () => {
  it.each(CASES)('$leak on Node $major: $first first, held by $held', async ({ leak, major, first, held }) => {
    const diff = await runCase(major, `${leak},lru,batch`);
    expect(diff.growing[0]?.className).toBe(first);
    expect(diff.growing[0]?.retainer?.text).toBe(held);
    // The path is that of the instances made since the first snapshot (ids kept across snapshots).
    expect(diff.growing[0]!.retainer!.sampled).toBeGreaterThanOrEqual(diff.growing[0]!.countAdded);
    const growing = diff.growing.map((entry) => entry.className);
    expect(growing).not.toContain('LruEntry');
    expect(growing).not.toContain('BatchRow');
    expect(diff.changed.find((entry) => entry.className === 'BatchRow')?.counts).toEqual([0, 3000, 0]);
    expect(diff.changed.find((entry) => entry.className === 'LruEntry')?.counts ?? [300, 300, 300]).toEqual([300, 300, 300]);
  }, 120_000);

  it('no leak at all: nothing of the program grows at every step', async () => {
    const diff = await runCase(22, 'lru,batch');
    expect(diff.growing.filter((entry) => !entry.internal).map((entry) => entry.className)).toEqual([]);
  }, 120_000);
});

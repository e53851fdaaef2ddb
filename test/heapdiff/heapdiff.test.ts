// heapdiff on three real snapshots of samples/heapsnapshots/leaky-service.cjs (Node 22), 1000
// requests apart: the four leaks grow at every step with the counts the service was written to
// leak, each held where the code holds it; the bounded LRU and the batch's rows never grow.

import { beforeAll, describe, expect, it } from 'vitest';
import { diffTotals, type HeapDiff, isGrowing, MIN_GROWTH_BYTES } from '../../src/heapdiff/diff.js';
import { heapdiffFiles, heapdiffOfRun } from '../../src/heapdiff/heapdiff.js';
import { growthHeadline } from '../../src/report/heapdiff/words.js';
import { SNAPSHOTS } from './samples.js';

const classOf = (diff: HeapDiff, name: string) => diff.changed.find((entry) => entry.className === name);

describe('three snapshots of a service with four leaks and two non-leaks', () => {
  let diff: HeapDiff;
  beforeAll(async () => {
    diff = await heapdiffFiles(SNAPSHOTS);
  }, 60_000);

  it('Map never trimmed: Grant, 1000 more per 1000 requests, held by the Map grantsByRequest', () => {
    const grant = classOf(diff, 'Grant')!;
    expect(grant.growing).toBe(true);
    expect(grant.counts).toEqual([1000, 2000, 3000]);
    // Each Grant is 56 bytes of its own (4 properties): 56,000 per step.
    expect(grant.selfBytes).toEqual([56000, 112000, 168000]);
    expect(grant.retainer?.text).toBe('Map grantsByRequest ← module scope of leaky-service.cjs');
    expect(grant.retainer?.instances).toBe(2000);
  });

  it('a listener per request: onConfigChange() and its RequestContext, held by configBus._events.change', () => {
    const listener = classOf(diff, 'onConfigChange()')!;
    expect(listener.growing).toBe(true);
    expect(listener.counts).toEqual([1000, 2000, 3000]);
    expect(listener.retainer?.text).toBe('Array [] ← Object .change ← EventEmitter configBus ._events ← module scope of leaky-service.cjs');
    const context = classOf(diff, 'RequestContext')!;
    expect(context.growing).toBe(true);
    // The captured variable, named from the closure scope's ScopeInfo (V8 gives only its slot).
    expect(context.retainer?.text).toBe('context in scope of onConfigChange() ← Array [] ← Object .change ← EventEmitter configBus ._events ← module scope of leaky-service.cjs');
  });

  it('a closure capturing a 16 KB Buffer every 10 requests: ArrayBuffer first, 100 × (16,384 + 88) bytes a step', () => {
    expect(diff.growing[0]!.className).toBe('ArrayBuffer');
    const buffers = classOf(diff, 'ArrayBuffer')!;
    expect(buffers.counts).toEqual([137, 237, 337]);
    expect(buffers.bytes[1]! - buffers.bytes[0]!).toBe(100 * (16384 + 88));
    expect(buffers.bytes[2]! - buffers.bytes[1]!).toBe(100 * (16384 + 88));
    expect(buffers.retainer?.text).toBe('Buffer chunk ← scope of flushChunk() ← Array shutdownHooks [] ← module scope of leaky-service.cjs');
  });

  it('a cache without bound: CacheEntry held under its key in responseCache', () => {
    const entry = classOf(diff, 'CacheEntry')!;
    expect(entry.growing).toBe(true);
    expect(entry.counts).toEqual([1000, 2000, 3000]);
    expect(entry.retainer?.text).toBe('Object responseCache [key] ← module scope of leaky-service.cjs');
  });

  it('never lists the bounded LRU or the batch rows as growing', () => {
    const lru = classOf(diff, 'LruEntry')!;
    expect(lru.counts).toEqual([300, 300, 300]);
    expect(lru.growing).toBe(false);
    const rows = classOf(diff, 'BatchRow')!;
    expect(rows.counts).toEqual([0, 3000, 0]);
    expect(rows.growing).toBe(false);
    expect(diff.growing.map((entry) => entry.className)).not.toContain('LruEntry');
    expect(diff.growing.map((entry) => entry.className)).not.toContain('BatchRow');
  });

  it('counts every reachable byte once: the classes add up to each snapshot’s total', () => {
    const totalsOf = (index: number) => diff.changed.reduce((sum, entry) => sum + entry.bytes[index]!, 0);
    // Unchanged classes are not in `changed`: their bytes are the same in every snapshot.
    const unchanged = diff.snapshots[0]!.totalBytes - totalsOf(0);
    diff.snapshots.forEach((snapshot, index) => expect(totalsOf(index) + unchanged).toBe(snapshot.totalBytes));
    expect(growthHeadline(diff)).toMatch(/^10 classes grew at every one of the 2 steps, the mark of a leak; most: ArrayBuffer, \+3\.1 MB \(\+200 instances\)\.$/);
  });
});

describe('two snapshots', () => {
  it('the batch caught in flight shows as grown, and the headline says two cannot tell a leak from a one-off', async () => {
    const diff = await heapdiffFiles(SNAPSHOTS.slice(0, 2));
    expect(diff.stepsJudged).toBe(false);
    expect(classOf(diff, 'BatchRow')!.growing).toBe(true);
    expect(growthHeadline(diff)).toContain('Two snapshots cannot tell a leak from a one-off allocation: take a third later and pass all three.');
  }, 60_000);

  it('first and last: the batch has come and gone, the leaks remain', async () => {
    const diff = await heapdiffFiles([SNAPSHOTS[0]!, SNAPSHOTS[2]!]);
    expect(classOf(diff, 'BatchRow')).toBeUndefined();
    expect(classOf(diff, 'Grant')!.growing).toBe(true);
  }, 60_000);

  it('heapdiffOfRun: null for fewer than two snapshots', async () => {
    expect(await heapdiffOfRun([SNAPSHOTS[0]!])).toBeNull();
  });
});

describe('isGrowing', () => {
  it('needs growth of MIN_GROWTH_BYTES (16 KB) over the run: just under and at the bound', () => {
    expect(MIN_GROWTH_BYTES).toBe(16384);
    expect(isGrowing([1000, 1000 + 16383])).toBe(false);
    expect(isGrowing([1000, 1000 + 16384])).toBe(true);
  });

  it('needs a rise at every step: a flat or falling step is not growth', () => {
    expect(isGrowing([0, 100_000, 100_000])).toBe(false);
    expect(isGrowing([0, 100_000, 99_999])).toBe(false);
    expect(isGrowing([0, 1, 16384])).toBe(true);
    expect(isGrowing([0, 100_000, 100_001])).toBe(true);
  });

  it('one snapshot is never growth', () => {
    expect(isGrowing([100_000])).toBe(false);
    expect(diffTotals([
      { path: 'a', nodeCount: 1, totalBytes: 10, classes: new Map([['A', { count: 1, selfBytes: 10, bytes: 10 }]]) },
      { path: 'b', nodeCount: 1, totalBytes: 10, classes: new Map([['A', { count: 1, selfBytes: 10, bytes: 10 }]]) },
    ]).changed).toEqual([]);
  });
});

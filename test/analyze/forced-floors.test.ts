// Forced GCs and the floor. A forced Mark-Compact right after another (a heap snapshot's "heap profiler", global.gc()'s "testing",
// with no young GC between) measures the same live set at the same moment: it is one floor, not two.
// Real logs: gclog run --find-leak on leaky-service.cjs (samples/heapsnapshots/find-leak.sh) and
// global.gc() called twice in a row (samples/forced/gc-twice.js).

import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import { samplePath } from '../support/samples.js';

const main = async (name: string) => (await analyzeFiles([samplePath(name)])).isolates.find((isolate) => isolate.isMain)!;

describe('forced Mark-Compacts right after another', () => {
  it('find-leak-node22-b.log: the 6 heap-profiler GCs of 3 snapshots are not floors; no "flat since" from one instant', async () => {
    // Lines 63-65: "23862 ms: Mark-Compact 32.9 (41.0) -> 27.2 … finalize incremental marking via task",
    // then "24045 ms: Mark-Compact (reduce) 27.3 (41.8) -> 26.7 … heap profiler" and "24137 ms: … 26.7 -> 26.7 … heap profiler".
    // Before: 9 floors after the warm-up, the last 3 at one instant, read "grew to a level of about 26.7 MB,
    // reached at 23.9 s, and has been flat since (a cache or pool reaching its size, not a leak)".
    const isolate = await main('heapsnapshots/find-leak-node22-b.log');
    expect(isolate.counts['Mark-Compact']).toBe(28);
    expect(isolate.leak.evidence.forcedRepeats).toBe(6);
    expect(isolate.leak.evidence.markCompacts).toBe(22);
    expect(isolate.leak.evidence.plateau).toBeNull();
    expect(isolate.leak.verdict).toBe('insufficient-data');
    expect(isolate.leak.reasons).toEqual([
      'only 3 Mark-Compacts after the warm-up (22 in 31.2 s), while the heap left after GCs went from 4.3 MB to 27.7 MB; ' +
        'not counting 6 forced Mark-Compacts right after another (a heap snapshot or global.gc() measuring the same moment again): a trend needs 5; ' +
        'over them the floor went from 21.9 MB to 27.2 MB in 21.5 s',
    ]);
    // The forced floors stay in the chart and the floor's min and last (heap values the log printed).
    expect(isolate.series.floors.filter((floor) => floor.timeMs >= 23_862).map((floor) => floor.heapAfterMb)).toEqual([27.2, 26.7, 26.7]);
    expect(isolate.floors.total?.lastMb).toBe(26.7);
  });

  it('find-leak-node22-a.log: before, a "no steady rise" (tau 0.52) from the drops the forced GCs add', async () => {
    const isolate = await main('heapsnapshots/find-leak-node22-a.log');
    expect(isolate.leak.evidence.forcedRepeats).toBe(6);
    expect(isolate.leak.verdict).toBe('insufficient-data');
    expect(isolate.leak.reasons[0]).toMatch(/^only 3 Mark-Compacts after the warm-up \(23 in 29\.6 s\), .*over them the floor went from 23\.2 MB to 27\.7 MB in 8\.6 s$/);
  });

  it('a V8 Mark-Compact right after another stays a floor: only forced reasons are repeats', async () => {
    // find-leak-node22-b.log lines 25-32: V8's own Mark-Compacts ("finalize incremental marking via task"),
    // back to back with no young GC between, 1543 … 2371 ms: all counted.
    const isolate = await main('heapsnapshots/find-leak-node22-b.log');
    const v8Own = isolate.reasons.filter((row) => !row.forced).reduce((sum, row) => sum + row.byGeneration.old, 0);
    expect(v8Own).toBe(22);
    expect(isolate.leak.evidence.markCompacts).toBe(v8Own);
  });

  it('a forced Mark-Compact after a young GC stays a floor (node22-forced.log: global.gc() between young GCs)', async () => {
    const isolate = await main('node22-forced.log');
    expect(isolate.leak.evidence.forcedRepeats).toBe(0);
    expect(isolate.leak.evidence.markCompacts).toBe(isolate.counts['Mark-Compact']);
  });

  it('find-leak-node22.log and -node26.log: a burst of V8 Mark-Compacts in the last second is no "flat since": leak', async () => {
    // node22: 12 floors after the warm-up, 19.1 MB at 3049 ms (line 23) … 27.4 MB at 12735 ms (line 50); the last 4 (the
    // plateau's tail) fall within 11750 … 12735 ms: 0.99 s, 0.11 of the head's 8.6 s (3049 … 11662 ms). Before, "grew to a level of about 27.4 MB, reached at 11.8 s,
    // and has been flat since (a cache or pool reaching its size, not a leak)".
    const node22 = await main('heapsnapshots/find-leak-node22.log');
    expect(node22.leak.evidence.plateau).toBeNull();
    expect(node22.leak.verdict).toBe('leak');
    expect(node22.leak.reasons).toEqual([
      "the floor after Mark-Compact rose +90.3 MB/min (Theil–Sen, 12 points over 9.7 s: 19.1 MB → 27.4 MB, +56% of its 26.1 MB level, Kendall's tau 0.82)",
    ]);
    // node26: before, "grew to a level of about 25.9 MB, reached at 8.9 s, and has been flat since".
    const node26 = await main('heapsnapshots/find-leak-node26.log');
    expect(node26.leak.verdict).toBe('leak');
    expect(node26.leak.reasons[0]).toBe(
      "the floor after Mark-Compact rose +133.0 MB/min (Theil–Sen, 11 points over 5.7 s: 16.8 MB → 26.1 MB, +50% of its 25.4 MB level, Kendall's tau 0.87)",
    );
  });

  it('global.gc() twice in a row: one floor per pair, the verdicts as before (leak at 1 MB/s kept, none without)', async () => {
    const leak = await main('forced/node22-gc-twice-leak.log');
    // 38 "testing" and one of V8's own, which a pair followed at once: 20 repeats.
    expect(leak.counts['Mark-Compact']).toBe(39);
    expect(leak.leak.evidence.forcedRepeats).toBe(20);
    expect(leak.leak.verdict).toBe('leak');
    const none = await main('forced/node22-gc-twice-none.log');
    expect(none.counts['Mark-Compact']).toBe(38);
    expect(none.leak.evidence.forcedRepeats).toBe(19);
    expect(none.leak.verdict).toBe('none');
  });
});

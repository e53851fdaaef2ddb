// Every claim of the report on real logs: one where it holds (its exact sentence, with numbers
// checked against the log's own lines, noted above each) and one where it does not; and each
// numeric bound just below and just above.

import { describe, expect, it } from 'vitest';
import type { IsolateSummary } from '../../src/analyze/summary.js';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import { HIDDEN_YOUNG_MIN_GROWTH_MB, HIDDEN_YOUNG_MIN_MARK_COMPACTS } from '../../src/analyze/log-shape.js';
import { CONCURRENT_MARKING_SINCE, mutatorUtilisation, pauseShares, youngVersusOldFrequency, youngVersusOldPause } from '../../src/report/claims/generations.js';
import { floorTrendSentence } from '../../src/report/claims/floor.js';
import {
  allocationAdvice,
  HIGH_PROMOTION_SHARE,
  insufficientDataStep,
  leakStep,
  LONG_MARK_COMPACT_MS,
  LOW_OVERHEAD_FRACTION,
  liveSetAdvice,
  nothingNeedsAction,
  outOfMemoryStep,
  promotionAdvice,
} from '../../src/report/claims/next-steps.js';
import { allocationFailureMeaning, runtimePerformGcMeaning } from '../../src/report/claims/reasons.js';
import {
  NEW_SPACE_NEARLY_EMPTY_MB,
  newSpaceEmptied,
  noYoungGcs,
  promotionMeasured,
  youngCollectorWork,
  youngGcsCounted,
  youngGcsHidden,
} from '../../src/report/claims/young-generation.js';
import { SAMPLES, sampleSummary } from './samples.js';
import { samplePath } from '../support/samples.js';

const cache = new Map<string, Promise<IsolateSummary>>();
function main(name: string): Promise<IsolateSummary> {
  if (!cache.has(name)) cache.set(name, sampleSummary(name).then((summary) => summary.isolates[0]!));
  return cache.get(name)!;
}

describe('claims on real logs', () => {
  describe('steps for young GCs started by external memory (node22-external: 660 of 666)', () => {
    it('name Buffers, never a larger new space or a heap profile of allocation', async () => {
      const external = await main('node22-external');
      expect(promotionAdvice(external)).toBe(
        '54% of what was allocated got promoted, but 660 of the 666 young GCs were started by external memory pressure (Buffers, ArrayBuffers growing), before the new space filled: a larger new space would not change when they run. Fewer or reused Buffers would.',
      );
      expect(allocationAdvice(external)).toBe(
        'Young GCs cost 51% of the pause time, 660 of the 666 started by external memory pressure: allocate fewer or smaller Buffers, reuse them, or let go of them sooner.',
      );
    });
  });

  describe('insufficientDataStep', () => {
    it('asks for more Mark-Compacts where there were too few (run/node22-npm-cluster: 4 after the warm-up), for more time where 8 fell in the first minute', async () => {
      const few = (await analyzeFiles([samplePath('run/node22-npm-cluster.log')])).isolates[0]!;
      expect([few.leak.verdict, few.leak.evidence.points]).toEqual(['insufficient-data', 4]);
      expect(insufficientDataStep(few)).toBe('Record for longer, so that several Mark-Compacts happen after the warm-up; then the floor can be judged.');
      const short = (await analyzeFiles([samplePath('corpus/logs/service-node14-30s-seed1.log.gz')])).isolates[0]!;
      expect([short.leak.verdict, short.leak.evidence.points]).toEqual(['insufficient-data', 8]);
      expect(insufficientDataStep(short)).toBe('Record a few minutes of the app under real load: a leak keeps rising, a settling app levels off; then the floor can be judged.');
      expect(insufficientDataStep(await main('node22-leak'))).toBeNull();
    });
  });

  describe('youngCollectorWork', () => {
    it('node22-steady.minor: holds', async () => {
      expect(youngCollectorWork(await main('node22-steady.minor'))).toBe(
        "A Minor Mark-Sweep cleans only the new space. It marks the objects still in use and sweeps the rest away in place, without copying; pages where many objects survive are promoted to the old space whole. Its cost depends on how much survives, not on how much garbage there was.",
      );
    });
    it('node18-steady.minor: holds', async () => {
      expect(youngCollectorWork(await main('node18-steady.minor'))).toBe(
        "A Minor Mark-Compact cleans only the new space. It marks the objects still in use and compacts them, moving them together, and drops the rest, so its cost depends on how much survives, not on how much garbage there was.",
      );
    });
    it('node22-steady: holds', async () => {
      expect(youngCollectorWork(await main('node22-steady'))).toBe(
        "A Scavenge cleans only the new space. It copies the objects still in use (survivors of their first Scavenge within the new space, those that survive a second one to the old space) and drops the rest at once, so its cost depends on how much survives, not on how much garbage there was.",
      );
    });
    it('node26-steady.ignore-scavenger: says nothing', async () => {
    // node26-steady.ignore-scavenger: 41 "Incremental Mark-Compact" lines, no Scavenge; Σ max(0, before − previous after) = 6223.2 MB
      expect(youngCollectorWork(await main('node26-steady.ignore-scavenger'))).toBeNull();
    });
  });
  describe('youngGcsCounted', () => {
    it('node22-forced: holds', async () => {
    // node22-forced: 13 Scavenge and 12 Mark-Compact lines; Scavenge pauses average 0.8246 ms; every Mark-Compact and 12 Scavenges end in "testing"
      expect(youngGcsCounted(await main('node22-forced'))).toBe(
        "Here: 13 Scavenges, 135 per minute (one every 443 ms). Each paused the program 0.82 ms on average and freed 0.6 MB.",
      );
    });
    it('node26-steady.ignore-scavenger: says nothing', async () => {
    // node26-steady.ignore-scavenger: 41 "Incremental Mark-Compact" lines, no Scavenge; Σ max(0, before − previous after) = 6223.2 MB
      expect(youngGcsCounted(await main('node26-steady.ignore-scavenger'))).toBeNull();
    });
  });
  describe('youngGcsHidden', () => {
    it('node26-steady.ignore-scavenger: holds', async () => {
    // node26-steady.ignore-scavenger: 41 "Incremental Mark-Compact" lines, no Scavenge; Σ max(0, before − previous after) = 6223.2 MB
      expect(youngGcsHidden(await main('node26-steady.ignore-scavenger'))).toBe(
        "Young GCs are not in this log: it has 41 Mark-Compacts and no young GC, yet the heap grew by 6,223 MB between them, which takes allocation and so young GCs. V8 ran them, but --trace-gc-ignore-scavenger hides them (or the log is an excerpt), so the pause totals, GC overhead and allocation in this report leave them out.",
      );
    });
    it('node12-oom.plain: says nothing', async () => {
    // node12-oom.plain: only the 2 Mark-sweeps of the "Last few GCs" block
      expect(youngGcsHidden(await main('node12-oom.plain'))).toBeNull();
    });
    it('node22-steady: says nothing', async () => {
      expect(youngGcsHidden(await main('node22-steady'))).toBeNull();
    });
  });
  describe('noYoungGcs', () => {
    it('node12-oom.plain: holds', async () => {
    // node12-oom.plain: only the 2 Mark-sweeps of the "Last few GCs" block
      expect(noYoungGcs(await main('node12-oom.plain'))).toBe(
        "This log holds no young-generation GC (2 GCs in all), so nothing is said here about the new space.",
      );
    });
    it('node26-steady.ignore-scavenger: says nothing', async () => {
    // node26-steady.ignore-scavenger: 41 "Incremental Mark-Compact" lines, no Scavenge; Σ max(0, before − previous after) = 6223.2 MB
      expect(noYoungGcs(await main('node26-steady.ignore-scavenger'))).toBeNull();
    });
  });
  describe('newSpaceEmptied', () => {
    it('node22-churn.verbose: holds', async () => {
    // node22-churn.verbose: "New space, used:" after the 184 Scavenges: mean 162.5 KB, max 333 KB
      expect(newSpaceEmptied(await main('node22-churn.verbose'))).toBe(
        "The new space was nearly emptied each time: 0.2 MB on average (at most 0.3 MB, over 184 Scavenges with --trace-gc-verbose figures) stayed in it after a Scavenge.",
      );
    });
    it('node22-steady.verbose: holds', async () => {
    // node22-steady.verbose: "New space, used:" after the 133 Scavenges: mean 6304 KB, max 12463 KB
      expect(newSpaceEmptied(await main('node22-steady.verbose'))).toBe(
        "The new space was not emptied: 6.2 MB on average (at most 12.2 MB, over 133 Scavenges with --trace-gc-verbose figures) stayed in it after a Scavenge, because a Scavenge copies first-time survivors within the new space and promotes only objects that survive a second one.",
      );
    });
    it('node22-steady: says nothing', async () => {
      expect(newSpaceEmptied(await main('node22-steady'))).toBeNull();
    });
  });
  describe('youngVersusOldPause', () => {
    it('node22-steady: holds', async () => {
      expect(youngVersusOldPause(await main('node22-steady'))).toBe(
        "Here the young GCs were the shorter: 10.6 ms on average against 31.1 ms for a Mark-Compact. A young GC works on a small space and only on what survives; a Mark-Compact walks everything the program keeps.",
      );
    });
    it('node8-steady: holds', async () => {
    // node8-steady: 655 Scavenges averaging 10.8568 ms, 72 Mark-sweeps averaging 6.45 ms, each "finalize incremental marking via …"; no "average mu"
      expect(youngVersusOldPause(await main('node8-steady'))).toBe(
        "Here the Mark-Compacts were the shorter: 6.45 ms on average against 10.9 ms for a young GC, although a Mark-Compact walks everything the program keeps. Every Mark-Compact here finalised incremental marking: V8 had marked the old space in steps between the program's work (and on helper threads from Node 10), so the pause shown is only the finalisation. The marking steps are in the incremental part of each Mark-Compact's line (gclog events: incremental).",
      );
    });
    it('node26-steady.ignore-scavenger: says nothing', async () => {
    // node26-steady.ignore-scavenger: 41 "Incremental Mark-Compact" lines, no Scavenge; Σ max(0, before − previous after) = 6223.2 MB
      expect(youngVersusOldPause(await main('node26-steady.ignore-scavenger'))).toBeNull();
    });
  });
  describe('youngVersusOldFrequency', () => {
    it('node22-steady: holds', async () => {
      expect(youngVersusOldFrequency(await main('node22-steady'))).toBe(
        "Young GCs were the more frequent: 389 young GCs against 97 Mark-Compacts, as the new space fills again and again with new objects.",
      );
    });
    it('node6-oom: Mark-Compacts back to back near the heap limit (24 in a row freed under 5%), not pretenuring', async () => {
      expect(youngVersusOldFrequency(await main('node6-oom'))).toBe(
        'Here the Mark-Compacts were the more frequent: 182 Mark-Compacts against 54 young GCs. Near the heap limit V8 runs Mark-Compacts back to back, each freeing little (here 24 in a row freed under 5% of the heap), until it gave up.',
      );
    });
    it('node26-steady.minor: as frequent, 17 of each', async () => {
      expect(youngVersusOldFrequency(await main('node26-steady.minor'))).toMatch(/^Here young GCs and Mark-Compacts were as frequent: 17 of each\. Between Mark-Compacts/);
    });
    it('names direct old-generation allocation only from a quarter of what was allocated', async () => {
      const isolate = structuredClone(await main('node24-steady'));
      isolate.directOldGrowthMb = isolate.allocation.totalMb * 0.25;
      expect(youngVersusOldFrequency(isolate)).toMatch(/V8 allocated straight into the old generation/);
      isolate.directOldGrowthMb = isolate.allocation.totalMb * 0.2499;
      expect(youngVersusOldFrequency(isolate)).toBe('Here the Mark-Compacts were the more frequent: 57 Mark-Compacts against 15 young GCs.');
    });
    it('node24-steady: holds', async () => {
    // node24-steady: 15 Scavenges and 57 Mark-Compacts
      expect(youngVersusOldFrequency(await main('node24-steady'))).toBe(
        "Here the Mark-Compacts were the more frequent: 57 Mark-Compacts against 15 young GCs. Between Mark-Compacts with no young GC in between, the heap grew by 11,378 MB (92% of what was allocated): V8 allocated straight into the old generation (large objects, or allocation sites whose objects mostly survive), which only a Mark-Compact frees.",
      );
    });
    it('node26-external: holds', async () => {
    // node26-external: 38 Scavenges and 105 Mark-Compacts
      expect(youngVersusOldFrequency(await main('node26-external'))).toBe(
        "Here the Mark-Compacts were the more frequent: 105 Mark-Compacts against 38 young GCs. Between Mark-Compacts with no young GC in between, the heap grew by 1,627 MB (75% of what was allocated): V8 allocated straight into the old generation (large objects, or allocation sites whose objects mostly survive), which only a Mark-Compact frees.",
      );
    });
    it('node22-forced: holds', async () => {
    // node22-forced: 13 Scavenge and 12 Mark-Compact lines; Scavenge pauses average 0.8246 ms; every Mark-Compact and 12 Scavenges end in "testing"
      expect(youngVersusOldFrequency(await main('node22-forced'))).toBe(
        "Young GCs were the more frequent: 13 young GCs against 12 Mark-Compacts, 12 of them forced by the program (see the findings).",
      );
    });
  });
  describe('mutatorUtilisation', () => {
    it('node20-steady: holds', async () => {
    // node20-steady: the last "average mu = 0.899"
      expect(mutatorUtilisation(await main('node20-steady'))).toBe(
        "V8's mutator utilisation at the last Mark-Compact was 0.899. V8 updates this average only at Mark-Compacts, so it leaves out the young GCs since then and is not the share of time without GC.",
      );
    });
    it('node8-steady: says nothing', async () => {
    // node8-steady: 655 Scavenges averaging 10.8568 ms, 72 Mark-sweeps averaging 6.45 ms, each "finalize incremental marking via …"; no "average mu"
      expect(mutatorUtilisation(await main('node8-steady'))).toBeNull();
    });
  });
  describe('promotionAdvice', () => {
    it('node22-steady: holds', async () => {
      expect(promotionAdvice(await main('node22-steady'))).toBe(
        "48% of what was allocated got promoted: objects live just long enough to reach the old space. A larger new space gives them time to die young: try node --max-semi-space-size=32 (MB; or 64; Node 20 and later size it from the heap limit, so it may be as large already: --trace-gc-verbose shows it, as half the new space's committed size), then compare the two logs with gclog compare.",
      );
    });
    it('node22-leak: holds', async () => {
      expect(promotionAdvice(await main('node22-leak'))).toBe(
        "61% of what was allocated got promoted, but here memory is being kept: the promoted objects are that memory, so a larger new space (--max-semi-space-size) would not let them die young. Find what keeps them first.",
      );
    });
    it('node24-steady: says nothing', async () => {
    // node24-steady: 15 Scavenges and 57 Mark-Compacts
      expect(promotionAdvice(await main('node24-steady'))).toBeNull();
    });
  });
  describe('allocationAdvice', () => {
    it('node22-steady: holds', async () => {
      expect(allocationAdvice(await main('node22-steady'))).toBe(
        "Young GCs cost 58% of the pause time: allocate less on hot paths; a sampling heap profile (node --heap-prof) shows where the allocation comes from.",
      );
    });
    it('node20-oom: says nothing', async () => {
    // node20-oom: distinct records: 93 Scavenges and 16 Mark-Compacts end in "allocation failure"
      expect(allocationAdvice(await main('node20-oom'))).toBeNull();
    });
    it('node24-steady: says nothing', async () => {
    // node24-steady: 15 Scavenges and 57 Mark-Compacts
      expect(allocationAdvice(await main('node24-steady'))).toBeNull();
    });
    it('node8-steady: holds', async () => {
    // node8-steady: 655 Scavenges averaging 10.8568 ms, 72 Mark-sweeps averaging 6.45 ms, each "finalize incremental marking via …"; no "average mu"
      expect(allocationAdvice(await main('node8-steady'))).toBe(
        "Young GCs cost 94% of the pause time: allocate less on hot paths; DevTools' allocation sampling (Memory tab, with node --inspect on Node 6.3+) shows where the allocation comes from; --heap-prof needs Node 12+.",
      );
    });
  });
  describe('outOfMemoryStep', () => {
    it('node20-oom: holds', async () => {
    // node20-oom: distinct records: 93 Scavenges and 16 Mark-Compacts end in "allocation failure"
      expect(outOfMemoryStep(await main('node20-oom'))).toBe(
        "The process ran out of memory: what matters is what it keeps, not how fast it allocates. Find what is retained: run with node --heapsnapshot-near-heap-limit=2 to write heap snapshots as the heap nears its limit.",
      );
    });
    it('node22-steady: says nothing', async () => {
      expect(outOfMemoryStep(await main('node22-steady'))).toBeNull();
    });
  });
  describe('leakStep', () => {
    it('node8-leak: holds', async () => {
      expect(leakStep(await main('node8-leak'))).toBe(
        "Take two heap snapshots a few seconds apart (DevTools with node --inspect on Node 6.3+, or the heapdump npm module; --heapsnapshot-signal needs Node 12+) and compare them in DevTools (Comparison view, sort by # Delta).",
      );
    });
    it('node22-leak: holds', async () => {
      expect(leakStep(await main('node22-leak'))).toBe(
        "Take two heap snapshots a few seconds apart (node --heapsnapshot-signal=SIGUSR2, then kill -USR2 <pid>; or DevTools with node --inspect) and compare them in DevTools (Comparison view, sort by # Delta).",
      );
    });
    it('node20-oom: says nothing', async () => {
    // node20-oom: distinct records: 93 Scavenges and 16 Mark-Compacts end in "allocation failure"
      expect(leakStep(await main('node20-oom'))).toBeNull();
    });
  });
  describe('nothingNeedsAction', () => {
    it('node22-forced: holds', async () => {
    // node22-forced: 13 Scavenge and 12 Mark-Compact lines; Scavenge pauses average 0.8246 ms; every Mark-Compact and 12 Scavenges end in "testing"
      expect(nothingNeedsAction(await main('node22-forced'))).toBe(
        "Nothing here needs action: GC pauses took 1.2% of the time and the longest pause was 7.71 ms.",
      );
    });
    it('node22-steady: says nothing', async () => {
      expect(nothingNeedsAction(await main('node22-steady'))).toBeNull();
    });
  });
  describe('runtimePerformGcMeaning', () => {
    it('formats/node0.10-steady: holds', async () => {
      // grep 'Scavenge.*Runtime::PerformGC' → 357 lines, 'Mark-sweep.*Runtime::PerformGC' → 42
      expect(runtimePerformGcMeaning(await main('formats/node0.10-steady'))).toBe(
        '"Runtime::PerformGC" (V8 3.14, Node 0.10) started 357 young GCs and 42 Mark-Compacts: V8 runs it when a call from JavaScript into its runtime could not allocate, to collect the space that was full (a young GC for the new space, unless V8 chose a Mark-Compact and printed why), or everything when the call failed again.',
      );
    });
    it('formats/node0.10-oom: holds, one Mark-Compact', async () => {
      // grep 'Scavenge.*Runtime::PerformGC' → 71 lines, 'Mark-sweep.*Runtime::PerformGC' → 1
      expect(runtimePerformGcMeaning(await main('formats/node0.10-oom'))).toMatch(/^"Runtime::PerformGC" \(V8 3\.14, Node 0\.10\) started 71 young GCs and 1 Mark-Compact: /);
    });
    it('formats/node0.12-steady (V8 3.28 no longer prints it): says nothing', async () => {
      expect(runtimePerformGcMeaning(await main('formats/node0.12-steady'))).toBeNull();
    });
  });

  describe('allocationFailureMeaning', () => {
    it('node20-oom: holds', async () => {
    // node20-oom: distinct records: 93 Scavenges and 16 Mark-Compacts end in "allocation failure"
      expect(allocationFailureMeaning(await main('node20-oom'))).toBe(
        "\"allocation failure\" started 93 young GCs, each when the new space was full, and 16 Mark-Compacts, each when an allocation could not be served and V8 chose a full GC (the old generation near its limit, or too little room in it to promote what a young GC would keep).",
      );
    });
    it('node22-steady: holds', async () => {
      expect(allocationFailureMeaning(await main('node22-steady'))).toBe(
        "\"allocation failure\" is normal here: it started 389 young GCs, each when the new space was full.",
      );
    });
    it('node26-steady.ignore-scavenger: says nothing', async () => {
    // node26-steady.ignore-scavenger: 41 "Incremental Mark-Compact" lines, no Scavenge; Σ max(0, before − previous after) = 6223.2 MB
      expect(allocationFailureMeaning(await main('node26-steady.ignore-scavenger'))).toBeNull();
    });
  });
});

describe('bounds, just below and just above', () => {
  it('CONCURRENT_MARKING_SINCE: helper threads only for logs of Node 10 or later', async () => {
    const steady = await main('node8-steady');
    const from = (min: number, max: number): string => youngVersusOldPause({ ...steady, nodeMajorRange: { min, max } })!;
    expect(from(4, CONCURRENT_MARKING_SINCE - 1)).toContain("in steps between the program's work, on its thread, so");
    expect(from(CONCURRENT_MARKING_SINCE, CONCURRENT_MARKING_SINCE)).toContain("in steps between the program's work and on helper threads, so");
    expect(from(CONCURRENT_MARKING_SINCE - 1, CONCURRENT_MARKING_SINCE)).toContain('(and on helper threads from Node 10), so');
  });

  it('NEW_SPACE_NEARLY_EMPTY_MB: emptied at the bound, not above it', async () => {
    const churn = await main('node22-churn.verbose');
    const withNewSpace = (mb: number): IsolateSummary => ({
      ...churn,
      series: { ...churn.series, spaces: churn.series.spaces.map((point) => ({ ...point, usedKb: { ...point.usedKb, new: mb * 1024 } })) },
    });
    expect(newSpaceEmptied(withNewSpace(NEW_SPACE_NEARLY_EMPTY_MB - 0.01))).toMatch(/^The new space was nearly emptied each time/);
    expect(newSpaceEmptied(withNewSpace(NEW_SPACE_NEARLY_EMPTY_MB + 0.01))).toMatch(/^The new space was not emptied/);
  });

  it('HIGH_PROMOTION_SHARE: no advice just below, advice just above', async () => {
    const steady = await main('node22-steady');
    const promoted = (share: number): IsolateSummary => ({ ...steady, promotion: { ...steady.promotion, totalMb: steady.allocation.totalMb * share } });
    expect(promotionAdvice(promoted(HIGH_PROMOTION_SHARE - 0.001))).toBeNull();
    expect(promotionAdvice(promoted(HIGH_PROMOTION_SHARE + 0.001))).toMatch(/^20% of what was allocated got promoted: /);
  });

  it('DOMINANT_PAUSE_SHARE and LOW_OVERHEAD_FRACTION: "allocate less" only from both', async () => {
    const steady = await main('node22-steady');
    const youngMs = steady.pauses.byType['Scavenge']!.totalMs;
    const share = (value: number): IsolateSummary => ({ ...steady, pauses: { ...steady.pauses, all: { ...steady.pauses.all, totalMs: youngMs / value } } });
    expect(allocationAdvice(share(0.499))).toBeNull();
    expect(allocationAdvice(share(0.501))).toMatch(/^Young GCs cost 50% of the pause time/);
    const overhead = (fraction: number): IsolateSummary => ({ ...steady, overhead: { ...steady.overhead, fraction } });
    expect(allocationAdvice(overhead(LOW_OVERHEAD_FRACTION - 0.001))).toBeNull();
    expect(allocationAdvice(overhead(LOW_OVERHEAD_FRACTION + 0.001))).not.toBeNull();
  });

  it('LONG_MARK_COMPACT_MS: the live-set step from a p99 of 100 ms', async () => {
    const steady = await main('node22-steady');
    const p99 = (ms: number): IsolateSummary => ({
      ...steady,
      pauses: { ...steady.pauses, byType: { ...steady.pauses.byType, 'Mark-Compact': { ...steady.pauses.byType['Mark-Compact']!, p99Ms: ms } } },
    });
    expect(liveSetAdvice(p99(LONG_MARK_COMPACT_MS - 0.01))).toBeNull();
    expect(liveSetAdvice(p99(LONG_MARK_COMPACT_MS))).toBe(
      'Mark-Compacts reach 100 ms (p99): their length grows with the live heap, so keep less in memory (bound caches, drop references early).',
    );
  });

  it('HIDDEN_YOUNG_MIN_GROWTH_MB and HIDDEN_YOUNG_MIN_MARK_COMPACTS: hidden young GCs only past both', async () => {
    const hidden = await main('node26-steady.ignore-scavenger');
    const grew = (mb: number): IsolateSummary => ({ ...hidden, allocation: { ...hidden.allocation, totalMb: mb } });
    expect(youngGcsHidden(grew(HIDDEN_YOUNG_MIN_GROWTH_MB - 0.1))).toBeNull();
    expect(noYoungGcs(grew(HIDDEN_YOUNG_MIN_GROWTH_MB - 0.1))).toBe('This log holds no young-generation GC (41 GCs in all), so nothing is said here about the new space.');
    expect(youngGcsHidden(grew(HIDDEN_YOUNG_MIN_GROWTH_MB + 0.1))).toMatch(/^Young GCs are not in this log: it has 41 Mark-Compacts and no young GC, yet the heap grew by 64\.1 MB/);
    const markCompacts = (count: number): IsolateSummary => ({ ...hidden, counts: { ...hidden.counts, 'Mark-Compact': count } });
    expect(youngGcsHidden(markCompacts(HIDDEN_YOUNG_MIN_MARK_COMPACTS - 1))).toBeNull();
    expect(youngGcsHidden(markCompacts(HIDDEN_YOUNG_MIN_MARK_COMPACTS))).toMatch(/^Young GCs are not in this log: it has 2 Mark-Compacts/);
  });
});

describe('review fixes: claims without their premise', () => {
  it('mutatorUtilisation: a log without Mark-Compacts has only the starting value (idle-node12-5s: 4 Scavenges)', async () => {
    const isolate = (await analyzeFiles(['samples/corpus/logs/idle-node12-5s-seed1.log.gz'])).isolates[0]!;
    expect(mutatorUtilisation(isolate)).toBe("V8's mutator utilisation reads 1.000, the value it starts with: V8 updates it only at Mark-Compacts, and this log has none.");
  });

  it('allocationFailureMeaning: one Mark-Compact is not "each" (node22-oom.plain)', async () => {
    expect(allocationFailureMeaning(await main('node22-oom.plain'))).toBe(
      '"allocation failure" started 1 Mark-Compact, when an allocation could not be served and V8 chose a full GC (the old generation near its limit, or too little room in it to promote what a young GC would keep).',
    );
  });
});

// node22-steady.gcprofiler.json, counted from its JSON: 135 GC entries, 126 of them Scavenge (mean
// cost 13256.2 µs, mean usedHeapSize before − after 2.71 MB), 9 MarkSweepCompact; endTime − startTime
// 3014 ms; costs sum to 2027.8 ms (67.3% of it); the longest cost 77735.9 µs.
describe('claims on a v8.GCProfiler result: no time per GC, nothing said per time', () => {
  const profile = (): Promise<IsolateSummary> =>
    analyzeFiles([`${SAMPLES}formats/node22-steady.gcprofiler.json`]).then((summary) => summary.isolates[0]!);

  it('youngGcsCounted: the count and each one’s pause, no rate', async () => {
    expect(youngGcsCounted(await profile())).toBe('Here: 126 Scavenges. Each paused the program 13.3 ms on average and freed 2.7 MB.');
  });
  it('promotionMeasured: the speed is unknown', async () => {
    expect(promotionMeasured(await profile())).toBe('How fast objects were promoted to the old space is unknown: the profiler records no time for each GC.');
  });
  it("pauseShares: the GC share is of the profile's span, and none without a span", async () => {
    const isolate = await profile();
    expect(pauseShares(isolate)).toBe("In this run young GCs took 82% of the pause time and Mark-Compacts 18%; all GC together paused for 67% of the profile's span.");
    // The same profile, its span taken away in code.
    expect(pauseShares({ ...isolate, profile: { ...isolate.profile!, spanMs: null } })).toBe('In this run young GCs took 82% of the pause time and Mark-Compacts 18%.');
  });
  it('floorTrendSentence: the floors in order and their median, no slope', async () => {
    expect(floorTrendSentence(await profile())).toBe(
      'Leaving out the first fifth of the Mark-Compacts, 8 of 9 remain, read in the order recorded (the profiler gives no time, so no trend per minute): their median floor is 32.4 MB.',
    );
  });
  it("nothingNeedsAction: says nothing here (the GC share warns), and reads the profile's span when nothing warns", async () => {
    const isolate = await profile();
    expect(isolate.findings.map((finding) => `${finding.id}:${finding.severity}`)).toEqual(['gc-overhead:warn']);
    expect(nothingNeedsAction(isolate)).toBeNull();
    // The same profile, its warning taken away in code: the wording is the point.
    expect(nothingNeedsAction({ ...isolate, findings: [] })).toBe("Nothing here needs action: GC paused for 67% of the profile's span and the longest pause was 77.7 ms.");
    expect(nothingNeedsAction({ ...isolate, findings: [], profile: { ...isolate.profile!, spanMs: null } })).toBe('Nothing here needs action: the longest pause was 77.7 ms.');
  });
  it("the gc-overhead finding: the profile's span, not the time", async () => {
    expect((await profile()).findings[0]!.statement).toBe("GC paused for 67.3% of the profile's span (2,028 ms of 3.0 s; the time of each GC is not recorded).");
  });
});

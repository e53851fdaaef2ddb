// The analyzer on real logs. Expected numbers were computed from the log text by a separate
// script (a regular expression over the `--trace-gc` lines, then sums, nearest-rank percentiles,
// per-second sums in Python), not from gclog's output.

import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import type { IsolateSummary } from '../../src/analyze/summary.js';
import { samplePath } from '../support/samples.js';

async function mainThread(sample: string): Promise<IsolateSummary> {
  const summary = await analyzeFiles([samplePath(sample)]);
  return summary.isolates[0]!;
}

describe('node20-steady.log (123 Scavenges, 37 Mark-Compacts, one isolate)', () => {
  it('pauses: count, total, mean, nearest-rank percentiles and max, by type and overall', async () => {
    const isolate = await mainThread('node20-steady.log');
    expect(isolate.counts).toEqual({ total: 160, Scavenge: 123, 'Mark-Compact': 37 });
    expect(isolate.pauses.all).toEqual({ count: 160, totalMs: 5241.71, meanMs: 32.76, p50Ms: 29.95, p95Ms: 67.23, p99Ms: 94.45, maxMs: 96.79, approximate: false });
    expect(isolate.pauses.byType['Scavenge']).toEqual({ count: 123, totalMs: 3170.38, meanMs: 25.78, p50Ms: 22.51, p95Ms: 45.8, p99Ms: 52.09, maxMs: 90.31, approximate: false });
    expect(isolate.pauses.byType['Mark-Compact']).toEqual({ count: 37, totalMs: 2071.33, meanMs: 55.98, p50Ms: 57.77, p95Ms: 94.45, p99Ms: 96.79, maxMs: 96.79, approximate: false });
    const histogramTotal = Object.values(isolate.pauses.histogram.counts).flat().reduce((sum, count) => sum + count, 0);
    expect(histogramTotal).toBe(160);
  });

  it('GC time is every pause in full, where whole-ms timestamps make pauses seem to overlap (node4-leak.log)', async () => {
    // 9,127 records (`N ms: Scavenge a (b) -> c (d) MB, X / 0 ms` or `Mark-sweep`), their pauses X sum to
    // 6537.80 ms; many end within the ms the one before ended, and once counted only once (6022 ms).
    const isolate = await mainThread('formats/node4-leak.log');
    expect(isolate.counts.total).toBe(9127);
    expect(isolate.overhead.gcTimeMs).toBe(6537.8);
    expect(isolate.pauses.all.totalMs).toBe(6537.8);
  });

  it('duration and overhead: V8 prints a GC when it ends, so the first began at 41 − 2.4 ms; the last ended at 20024 ms', async () => {
    const isolate = await mainThread('node20-steady.log');
    // First line: `41 ms: Scavenge … 2.40 / 0.00 ms`; last: `20024 ms: Mark-Compact … 42.44 / 0.00 ms`.
    expect(isolate.startMs).toBeCloseTo(38.6, 9);
    expect(isolate.endMs).toBe(20024);
    expect(isolate.durationMs).toBe(19985.4);
    // No two pauses overlap in this log: the time covered by GC is the sum of the pauses.
    expect(isolate.overhead.gcTimeMs).toBe(5241.71);
    expect(isolate.overhead.fraction).toBeCloseTo(5241.71 / 19985.4, 12);
    // The last `average mu =` printed in the log.
    expect(isolate.overhead.lastAverageMu).toBe(0.899);
    // Each pause spread over the seconds its interval [t − pause, t] covers: the second from 17 s holds
    // 305.27 ms; 20 seconds reach 100 ms.
    expect(isolate.overhead.worstWindow).toEqual({ startMs: 17000, gcMs: 305.27, byCollector: [{ type: 'Scavenge', gcMs: 164.57 }, { type: 'Mark-Compact', gcMs: 140.7 }] });
    expect(isolate.overhead.windowsOverThreshold).toBe(20);
  });

  it('floors, allocation and the young generation', async () => {
    const isolate = await mainThread('node20-steady.log');
    expect(isolate.floors.source).toBe('total');
    expect(isolate.floors.total).toMatchObject({ points: 37, firstMb: 33.6, minMb: 31.3, maxMb: 33.6, lastMb: 31.7 });
    // Σ max(0, heap before − heap after the previous GC) over the log, then ÷ 19.9854 s.
    expect(isolate.allocation).toEqual({ totalMb: 5765.9, mbPerSecond: 288.506, source: 'heap-growth' });
    expect(isolate.young).toMatchObject({ count: 123, meanPauseMs: 25.78, meanFreedMb: 9.4, meanSurvivalRatio: 0.9008 });
    expect(isolate.young.perMinute).toBeCloseTo((123 / 19985.4) * 60_000, 9);
    // grep: 123 Scavenge lines end in "allocation failure", 37 Mark-Compact lines in "finalize incremental marking via stack guard".
    expect(isolate.reasons).toEqual([
      { reason: 'allocation failure', count: 123, pauseMs: 3170.38, forced: false, byGeneration: { young: 123, old: 0 } },
      { reason: 'finalize incremental marking via stack guard', count: 37, pauseMs: 2071.33, forced: false, byGeneration: { young: 0, old: 37 } },
    ]);
  });
});

describe('node22-leak.log: the leak evidence, recomputed from the log text', () => {
  it('cuts the warm-up at a fifth of the span and fits Theil–Sen on the 48 floors after it', async () => {
    // Computed apart (Python, over the 585 record lines): the first GC began at 31.66 ms (36 − 4.34),
    // the last ended at 28015 ms; of 63 Mark-Compacts, 48 end after 5628.33 ms. Their pairwise slopes'
    // median is 311.842 MB/min, every pair rises (tau 1, Mann–Kendall z 10.02), median floor 92.45 MB.
    const isolate = await mainThread('node22-leak.log');
    const evidence = isolate.leak.evidence;
    expect(evidence.warmUpEndMs).toBeCloseTo(5628.328, 6);
    expect(evidence.points).toBe(48);
    expect(evidence.markCompacts).toBe(63);
    expect(evidence.slopeMbPerMinute).toBeCloseTo(311.8424737, 6);
    expect(evidence.tau).toBe(1);
    expect(evidence.mannKendallZ).toBeCloseTo(10.0168215, 6);
    expect(evidence.levelMb).toBe(92.45);
    expect(evidence.growthMb).toBeCloseTo(115.184215, 5);
    expect(evidence.shutdownMs).toBeNull();
    expect(isolate.floors.total).toMatchObject({ trendPoints: 48, levelMb: 92.45, slopeMbPerMinute: 311.8425 });
  });
});

describe('leak verdicts on real workloads, Node 6 to 26', () => {
  const versions = [6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26];

  it.each(versions)('Node %i: the leaking app reads leak', async (version) => {
    const isolate = await mainThread(`node${version}-leak.log`);
    expect(isolate.leak.verdict).toBe('leak');
    expect(isolate.leak.evidence.slopeMbPerMinute).toBeGreaterThan(0);
    expect(isolate.findings[0]).toMatchObject({ id: 'leak', severity: 'error' });
  });

  it.each(versions)('Node %i: the steady service reads none', async (version) => {
    const isolate = await mainThread(`node${version}-steady.log`);
    expect(isolate.leak.verdict).toBe('none');
    expect(isolate.findings.some((finding) => finding.id === 'leak')).toBe(false);
  });

  it.each(versions)('Node %i: the out-of-memory crash is a leak with its fatal line', async (version) => {
    const isolate = await mainThread(`node${version}-oom.log`);
    expect(isolate.leak.verdict).toBe('leak');
    expect(isolate.leak.evidence.outOfMemory).toBe(true);
    expect(isolate.findings[0]).toMatchObject({ id: 'out-of-memory', severity: 'error' });
  });

  it('a fixed leak reads none (compare/leak-after.log: floor 33.4 → 34.1 MB over 102 Mark-Compacts)', async () => {
    const isolate = await mainThread('compare/leak-after.log');
    expect(isolate.leak.verdict).toBe('none');
    expect(isolate.floors.total).toMatchObject({ points: 102, firstMb: 33.4, lastMb: 34.1 });
  });

  it('too few Mark-Compacts read insufficient-data (node22-oom.plain.log has one, from the OOM block)', async () => {
    const summary = await analyzeFiles([samplePath('node22-oom.plain.log')]);
    expect(summary.isolates[0]!.counts.total).toBe(1);
    // The crash still makes it suspected: an OOM is evidence even without a trend.
    expect(summary.isolates[0]!.leak.verdict).toBe('suspected');
    expect(summary.isolates[0]!.leak.evidence.points).toBe(1);
    expect(summary.isolates[0]!.leak.reasons).toEqual(['the process ran out of memory (1 Mark-Compact in the log, from its out-of-memory report: whether the live set grew cannot be told)']);
  });

  it('says "no Mark-Compact", not "only 0 Mark-Compacts" (corpus idle-node18: Scavenges only, 9.3 s)', async () => {
    const summary = await analyzeFiles([samplePath('corpus/logs/idle-node18-10s-seed1.log.gz')]);
    expect(summary.isolates[0]!.counts['Mark-Compact'] ?? 0).toBe(0);
    expect(summary.isolates[0]!.leak.reasons).toEqual(['no Mark-Compact in 9.3 s: a trend needs 5']);
  });

  it('an out-of-memory report alone is not a floor, even with 3 Mark-Compacts in it (oom-block/node8-oom.plain.log)', async () => {
    // Its "Last few GCs": 3 Mark-sweeps within 0.1 s, two of them "last resort" GCs.
    const summary = await analyzeFiles([samplePath('oom-block/node8-oom.plain.log')]);
    expect(summary.isolates[0]!.counts['Mark-Compact']).toBe(3);
    expect(summary.isolates[0]!.leak.reasons).toEqual([
      'the process ran out of memory (3 Mark-Compacts in the log, all from its out-of-memory report: whether the live set grew cannot be told)',
    ]);
  });
});

describe('isolates', () => {
  it('keeps the main thread and each worker apart, main thread first (node24-workers.log)', async () => {
    const summary = await analyzeFiles([samplePath('node24-workers.log')]);
    // grep -oE '^\[[0-9]+:0x[0-9a-f]+\]' node24-workers.log | sort | uniq -c → four isolates of one process.
    const labels = summary.isolates.map((isolate) => isolate.label);
    expect(labels[0]).toBe('main thread');
    expect(labels.slice(1).sort()).toEqual(['worker 1', 'worker 2', 'worker 3']);
    expect(summary.isolates[0]!.isMain).toBe(true);
    expect(summary.isolates.slice(1).every((isolate) => !isolate.isMain && isolate.label.startsWith('worker '))).toBe(true);
    expect(new Set(summary.isolates.map((isolate) => isolate.pid)).size).toBe(1);
    expect(summary.isolates.reduce((sum, isolate) => sum + isolate.counts.total, 0)).toBe(134);
  });

  it('numbers workers in the order they first appear, and lists them so (node18-workers.log)', async () => {
    // Lines 9, 10, 11 are the first of isolates 0x7ff190000d60, 0x7ff194000d60, 0x7ff18c000d60; the
    // parser hands line 9's record on after line 11's, which once made 0x7ff190000d60 "worker 3".
    const summary = await analyzeFiles([samplePath('node18-workers.log')]);
    expect(summary.isolates.map((isolate) => [isolate.label, isolate.isolate, isolate.series.events[0]!.line])).toEqual([
      ['main thread', '0x146dbd00', 1],
      ['worker 1', '0x7ff190000d60', 9],
      ['worker 2', '0x7ff194000d60', 10],
      ['worker 3', '0x7ff18c000d60', 11],
    ]);
  });

  it('lists main threads in the order they appear, a package manager’s own process last of them (run/node22-npm-cluster.log)', async () => {
    const summary = await analyzeFiles([samplePath('run/node22-npm-cluster.log')]);
    expect(summary.isolates.map((isolate) => isolate.label)).toEqual([
      'node cluster-app.js 3 (pid 1605)',
      'node cluster-app.js 3 (pid 1606)',
      'npm start --prefix app (package manager)',
      'node cluster-app.js 3 (pid 1605) worker 1',
      'node cluster-app.js 3 (pid 1606) worker 1',
    ]);
    // npm's process started first (line order too): only its role puts it after the app's.
    const npm = summary.isolates[2]!;
    expect(npm.series.events[0]!.line).toBeLessThan(summary.isolates[0]!.series.events[0]!.line);
  });
});

describe('per-space floors from --trace-gc-verbose (node20-leak.verbose.log)', () => {
  it('reports old space growing while new space stays small', async () => {
    const isolate = await mainThread('node20-leak.verbose.log');
    expect(isolate.floors.source).toBe('spaces');
    const old = isolate.floors.bySpace['old']!;
    const young = isolate.floors.bySpace['new']!;
    // `Old space, used: … KB` after each of the 32 Mark-Compacts: 31961 KB after the first, 76245 KB after the last.
    expect(old).toMatchObject({ points: 32, firstMb: 31961 / 1024, minMb: 31961 / 1024, lastMb: 76245 / 1024, maxMb: 76245 / 1024 });
    expect(old.slopeMbPerMinute).toBeGreaterThan(10);
    expect(young.maxMb).toBeLessThan(old.minMb);
    expect(isolate.promotion.source).toBe('spaces');
  });
});

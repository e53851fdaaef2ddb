// `gclog compare` end to end on the real before/after pairs in samples/compare (Node 22), through
// the built binary (npm test builds first). Expected numbers come from the log text, not from
// gclog: each is worked out in a comment from the lines it rests on.

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Comparison, MetricRow } from '../../src/compare/comparison.js';

const LEAK_BEFORE = 'samples/compare/leak-before.log';
const LEAK_AFTER = 'samples/compare/leak-after.log';
const SEMI_DEFAULT = 'samples/compare/semi-default.log';
const SEMI_SMALL = 'samples/compare/semi-small.log';

function gclog(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/gclog.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function compareJson(...args: string[]): Comparison {
  const result = gclog('compare', ...args, '--json');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Comparison;
}

const row = (comparison: Comparison, id: string): MetricRow => comparison.pairs[0]!.metrics.find((metric) => metric.id === id)!;

/*
 * leak-before.log (leak.js 22 400000 2): 278 GC lines, 244 `Scavenge` (3 of them `Scavenge (interleaved)`)
 * and 34 `Mark-Compact`. V8 prints a GC when it ends: the first (line 1, `54 ms`, 5.99 ms) began at
 * 48.01 ms; the last, line 278, ended at 28021 ms, so the isolate's span is 28021 − 48.01 ms. Pauses sum
 * to 12023.06 ms and none overlaps another. Sorted, the 265th
 * (⌈0.95·278⌉) is 142.33 ms. The last Mark-Compact (line 276) leaves 80.4 MB.
 * leak-after.log (leak-fixed.js, same arguments): 508 GC lines, 406 Scavenge, 102 Mark-Compact; the first
 * ended at 36 ms after 2.65 ms, the last (line 508) at 27891 ms → 27891 − 33.35 ms span; pauses sum to 12645.18 ms; the 483rd
 * smallest pause (⌈0.95·508⌉) is 65.86 ms; the last Mark-Compact (line 508) leaves 34.1 MB.
 * Floors after the warm-up (Mark-Compacts from 20% of the span on): rising 105.2 MB/min (Theil–Sen)
 * before, median 59.25 MB; flat after (Theil–Sen 0.00 MB/min), median 33.9 MB.
 */
const LEAK = {
  before: { gcs: 278, scavenges: 244, markCompacts: 34, spanMs: 28021 - 48.01, gcCoveredMs: 12023.06, p95Ms: 142.33, lastFloorMb: 80.4 },
  after: { gcs: 508, scavenges: 406, markCompacts: 102, spanMs: 27891 - 33.35, gcCoveredMs: 12645.18, p95Ms: 65.86, lastFloorMb: 34.1 },
};

/*
 * semi-default.log (steady.js 15): 233 GC lines, 199 Scavenge, 34 Mark-Compact; the first ended at 78 ms
 * after 12.87 ms, the last (line 233) at 15090 ms → 15090 − 65.13 ms span; pauses sum to 6919.91 ms (two
 * seem to overlap by 0.02 ms: the timestamps are whole ms; one thread's pauses cannot); p95 is the 222nd
 * (⌈0.95·233⌉) smallest pause, 86.41 ms; the last Mark-Compact leaves 31.9 MB.
 * semi-small.log (same with --max-semi-space-size=1): 1887 GC lines, 1840 Scavenge, 47 Mark-Compact;
 * the first ended at 74 ms after 2.94 ms, the last at 15062 ms (line 1888) → 15062 − 71.06 ms span; pauses sum
 * to 7622.20 ms;
 * p95 is the 1793rd smallest, 9.47 ms; the longest, 533.35 ms, is the Scavenge of line 248; the last
 * Mark-Compact (line 1849) leaves 31.6 MB.
 */
const SEMI = {
  before: { gcs: 233, scavenges: 199, markCompacts: 34, spanMs: 15090 - 65.13, gcCoveredMs: 6919.91, p95Ms: 86.41, lastFloorMb: 31.9 },
  after: { gcs: 1887, scavenges: 1840, markCompacts: 47, spanMs: 15062 - 71.06, gcCoveredMs: 7622.2, p95Ms: 9.47, lastFloorMb: 31.6 },
};

type Side = typeof LEAK.before;

function expectFigures(comparison: Comparison, before: Side, after: Side): void {
  const both = (id: string, b: number, a: number, digits = 6) => {
    expect(row(comparison, id).before, `${id} before`).toBeCloseTo(b, digits);
    expect(row(comparison, id).after, `${id} after`).toBeCloseTo(a, digits);
  };
  both('count.all', before.gcs, after.gcs);
  both('count.Scavenge', before.scavenges, after.scavenges);
  both('count.Mark-Compact', before.markCompacts, after.markCompacts);
  both('overhead', (before.gcCoveredMs / before.spanMs) * 100, (after.gcCoveredMs / after.spanMs) * 100, 4);
  both('rate.gcs.all', (before.gcs * 60_000) / before.spanMs, (after.gcs * 60_000) / after.spanMs, 4);
  both('rate.gcs.Scavenge', (before.scavenges * 60_000) / before.spanMs, (after.scavenges * 60_000) / after.spanMs, 4);
  both('pause.p95.all', before.p95Ms, after.p95Ms);
  both('floor.last', before.lastFloorMb, after.lastFloorMb);
  const overhead = row(comparison, 'overhead');
  expect(overhead.differenceAbsolute).toBeCloseTo(overhead.after! - overhead.before!, 9);
  expect(overhead.differencePercent).toBeCloseTo(((overhead.after! - overhead.before!) / overhead.before!) * 100, 9);
}

describe('gclog compare on the leak fix (leak-before → leak-after)', () => {
  it('says improved, decided by the leak verdict, p95 pause and the floor', () => {
    const comparison = compareJson(LEAK_BEFORE, LEAK_AFTER);
    expectFigures(comparison, LEAK.before, LEAK.after);
    expect(comparison.verdict.verdict).toBe('improved');
    expect(comparison.verdict.improved.map((decider) => decider.id)).toEqual(['leak', 'pause.p95.all', 'floor.level', 'floor.trend']);
    expect(comparison.verdict.regressed).toEqual([]);
    expect(comparison.pairs[0]!.states[0]).toMatchObject({ id: 'leak', before: 'leak', after: 'none', change: 'improved' });
    expect(row(comparison, 'floor.trend').before).toBeCloseTo(105.2, 1);
    expect(row(comparison, 'floor.trend').after).toBeCloseTo(0, 1);
    // The median floor, not the last one, decides: 59.25 → 33.9 MB.
    expect(row(comparison, 'floor.level')).toMatchObject({ before: 59.25, after: 33.9, change: 'improved', decisive: true });
    expect(row(comparison, 'floor.last')).toMatchObject({ before: 80.4, after: 34.1, decisive: false });
    // 42.98% → 45.39% is +5.6%: inside the 10% threshold, so overhead does not decide.
    expect(row(comparison, 'overhead').change).toBe('unchanged');
    // The fixed app does twice the work in the same time: more GCs per minute, shown, not decisive.
    expect(row(comparison, 'rate.gcs.all').change).toBe('regressed');
    expect(row(comparison, 'rate.gcs.all').decisive).toBe(false);
    expect(comparison.pairs[0]!.reasons).toEqual({ appeared: [], vanished: [] });
  });

  it('says regressed the other way round, with the same metrics', () => {
    const comparison = compareJson(LEAK_AFTER, LEAK_BEFORE);
    expectFigures(comparison, LEAK.after, LEAK.before);
    expect(comparison.verdict.verdict).toBe('regressed');
    expect(comparison.verdict.regressed.map((decider) => decider.id)).toEqual(['leak', 'pause.p95.all', 'floor.level', 'floor.trend']);
    expect(comparison.verdict.improved).toEqual([]);
  });

  it('prints the verdict line first with the numbers that decided it', () => {
    const { stdout, status } = gclog('compare', LEAK_BEFORE, LEAK_AFTER);
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      'Verdict: IMPROVED — Leak verdict leak → none; Pause p95, all GCs 142.33 ms → 65.86 ms (−54%); ' +
        'Floor after Mark-Compact, median 59.3 MB → 33.9 MB (−43%); Floor trend 105.17 MB/min → 0.00 MB/min (−100%)',
    );
    expect(stdout).toMatch(/^Paired: #0 main thread \(pid 24614 0x317f0000\) ↔ #0 main thread \(pid 25226 0x2a74e000\) \(paired by role\)$/m);
    expect(stdout).toMatch(/^  Scavenge in the log\s+244\s+406\s+\+162\s+\+66%\s+changed$/m);
  });

  it('sets exit code 1 with --fail-on-regression only when regressed', () => {
    expect(gclog('compare', LEAK_AFTER, LEAK_BEFORE, '--fail-on-regression').status).toBe(1);
    expect(gclog('compare', LEAK_BEFORE, LEAK_AFTER, '--fail-on-regression').status).toBe(0);
    expect(gclog('compare', LEAK_AFTER, LEAK_BEFORE).status).toBe(0);
  });
});

describe('gclog compare on a 1 MB semi-space (semi-default → semi-small)', () => {
  it('says improved: far shorter pauses; more time in GC, but within what the default run itself swings', () => {
    const comparison = compareJson(SEMI_DEFAULT, SEMI_SMALL);
    expectFigures(comparison, SEMI.before, SEMI.after);
    // 46.06% → 50.84% of the time is +10.4%, beyond the threshold; but the default run's own GC time
    // per second swings so much (bursts of Mark-Compacts) that its 90% interval, 35.5–53.1%, holds 50.8%.
    expect(row(comparison, 'overhead').intervalBefore).toEqual({ low: 35.503, high: 53.102 });
    expect(row(comparison, 'overhead').change).toBe('unchanged');
    expect(comparison.verdict.verdict).toBe('improved');
    expect(comparison.verdict.regressed).toEqual([]);
    expect(comparison.verdict.improved.map((decider) => decider.text)).toEqual(['Pause p95, all GCs 86.41 ms → 9.47 ms (−89%)']);
    // The mechanism, shown but not deciding: 8× the scavenges per minute, and a longer worst pause.
    expect(row(comparison, 'rate.gcs.Scavenge').change).toBe('regressed');
    expect(row(comparison, 'pause.max.all').after).toBe(533.35);
    expect(row(comparison, 'pause.max.all').change).toBe('regressed');
    // 31.9 → 31.6 MB: under the 1 MB minimum, the same floor.
    expect(row(comparison, 'floor.last').change).toBe('unchanged');
    // Neither floor rises steadily (Mann–Kendall z < 1.64): flat, so the same.
    expect(row(comparison, 'floor.trend').change).toBe('unchanged');
  });

  it('swaps better and worse the other way round', () => {
    const comparison = compareJson(SEMI_SMALL, SEMI_DEFAULT);
    expectFigures(comparison, SEMI.after, SEMI.before);
    expect(comparison.verdict.verdict).toBe('regressed');
    expect(comparison.verdict.improved).toEqual([]);
    expect(comparison.verdict.regressed.map((decider) => decider.id)).toEqual(['pause.p95.all']);
  });

  it('--threshold is a percent of the smaller value: p95 86.41 → 9.47 ms moved 812% of 9.47', () => {
    const below = compareJson(SEMI_DEFAULT, SEMI_SMALL, '--threshold', '812');
    expect(below.thresholdPercent).toBe(812);
    expect(below.verdict.verdict).toBe('improved');
    expect(compareJson(SEMI_DEFAULT, SEMI_SMALL, '--threshold', '813').verdict.verdict).toBe('unchanged');
    expect(gclog('compare', SEMI_DEFAULT, SEMI_SMALL, '--fail-on-regression').status).toBe(0);
    expect(gclog('compare', SEMI_SMALL, SEMI_DEFAULT, '--fail-on-regression').status).toBe(1);
  }, 30_000);
});

describe('gclog compare on the same program, the second time beside three busy processes (busy-quiet → busy-loaded)', () => {
  it('says unchanged: the pauses stretched (p95 34.01 → 52.00 ms) while the allocation rate fell 2.9×, as a slower machine does', () => {
    const comparison = compareJson('samples/compare/busy-quiet.log', 'samples/compare/busy-loaded.log');
    expect(row(comparison, 'pause.p95.all')).toMatchObject({ before: 34.01, after: 52, change: 'regressed', machineOnly: true });
    expect(row(comparison, 'rate.allocation')).toMatchObject({ before: 942.209, after: 322.567 });
    expect(comparison.verdict.verdict).toBe('unchanged');
    // The same pair read the other way round (a faster machine): unchanged too.
    expect(compareJson('samples/compare/busy-loaded.log', 'samples/compare/busy-quiet.log').verdict.verdict).toBe('unchanged');
  });
});

describe('gclog compare: pairing and errors', () => {
  it('pairs by --isolate and rejects one that names nothing (exit 12, one line)', () => {
    expect(compareJson(LEAK_BEFORE, LEAK_AFTER, '--isolate', '0:0').pairs[0]!.pairedBy).toBe('user');
    const missing = gclog('compare', LEAK_BEFORE, LEAK_AFTER, '--isolate', 'worker 1');
    expect(missing.status).toBe(12);
    expect(missing.stderr).toBe(
      'gclog: --isolate: no isolate "worker 1" in the before log (samples/compare/leak-before.log). It has: #0 main thread (pid 24614 0x317f0000).\n',
    );
  });

  it('takes several runs a side with --vs: each metric the median, the runs listed', () => {
    const comparison = compareJson(LEAK_BEFORE, LEAK_AFTER, '--vs', SEMI_DEFAULT, SEMI_SMALL);
    expect(comparison.before).toEqual({ inputs: [LEAK_BEFORE, LEAK_AFTER], runs: 2 });
    expect(comparison.after).toEqual({ inputs: [SEMI_DEFAULT, SEMI_SMALL], runs: 2 });
    expect(comparison.pairs[0]!.runs).toEqual({ before: 2, after: 2 });
    // p95 of each run: 142.33 and 65.86 ms before, 86.41 and 9.47 ms after; a side's value is their median.
    expect(row(comparison, 'pause.p95.all')).toMatchObject({ before: (142.33 + 65.86) / 2, after: (86.41 + 9.47) / 2, runsBefore: [142.33, 65.86], runsAfter: [86.41, 9.47] });
    const text = gclog('compare', LEAK_BEFORE, LEAK_AFTER, '--vs', SEMI_DEFAULT, SEMI_SMALL).stdout.split('\n');
    expect(text[1]).toBe(`before ${LEAK_BEFORE}, ${LEAK_AFTER} (2 runs, each metric their median)`);
  });

  it('refuses three logs without --vs, and --vs without logs (exit 2)', () => {
    expect(gclog('compare', LEAK_BEFORE, LEAK_AFTER, SEMI_DEFAULT)).toMatchObject({
      status: 2,
      stderr:
        'gclog: compare takes two logs, before and after (got 3); for several runs a side, put --vs between them: compare before-*.log --vs after-*.log. Run gclog compare --help for usage.\n',
    });
    expect(gclog('compare', LEAK_BEFORE, '--vs').status).toBe(2);
  });

  it('rejects a negative threshold and two stdin inputs as usage errors (exit 2)', () => {
    expect(gclog('compare', LEAK_BEFORE, LEAK_AFTER, '--threshold', '-5')).toMatchObject({
      status: 2,
      stderr: 'gclog: --threshold takes a percentage ≥ 0, e.g. --threshold 10. Run gclog compare --help for usage.\n',
    });
    expect(gclog('compare', '-', '-').status).toBe(2);
    expect(gclog('compare', LEAK_BEFORE, '--json', '--html').status).toBe(2);
  });

  it('reports a missing file like analyze does (exit 3)', () => {
    expect(gclog('compare', LEAK_BEFORE, 'samples/compare/nope.log')).toMatchObject({
      status: 3,
      stderr: 'gclog: samples/compare/nope.log: no such file. Check the path, or pass - to read the log from stdin.\n',
    });
  });
});

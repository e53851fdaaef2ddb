// compareSummaries on a real summary and variants of it: each variant changes one thing, so the
// test knows what the verdict must be without trusting the code's own numbers.

import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import type { IsolateSummary, Summary } from '../../src/analyze/summary.js';
import { compareSummaries } from '../../src/compare/compare.js';
import { sideLeakVerdict, sideValue } from '../../src/compare/metrics.js';
import { MACHINE_SPEED_FACTOR, workChanges } from '../../src/compare/work-change.js';
import type { Comparison, MetricRow } from '../../src/compare/comparison.js';
import { parseIsolatePick } from '../../src/compare/pairing.js';
import { AppError } from '../../src/errors.js';

const SAMPLE = 'samples/node12-steady.log';
let base: Summary;

beforeAll(async () => {
  base = await analyzeFiles([SAMPLE]);
}, 30_000);

function variant(change: (isolate: IsolateSummary, summary: Summary) => void): Summary {
  const copy = structuredClone(base);
  change(copy.isolates[0]!, copy);
  return copy;
}

/**
 * Doubles the GCs per minute: the GC's work changed, so pause and GC-time changes count (two runs
 * that only differ in pause times are what a busier machine does, see work-change.ts).
 */
function moreWork(isolate: IsolateSummary): void {
  isolate.counts.total *= 2;
}

/** Moves the overhead and its interval within the run together, as a rerun that really changed would. */
function scaleOverhead(isolate: IsolateSummary, factor: number): void {
  isolate.overhead.fraction *= factor;
  const interval = isolate.intervals.overheadPercent!;
  isolate.intervals.overheadPercent = { low: interval.low * factor, high: interval.high * factor };
}

/** Sets the overhead with an interval of ± `halfWidth` points around it. */
function setOverhead(isolate: IsolateSummary, fraction: number, halfWidth = 0.1): void {
  isolate.overhead.fraction = fraction;
  isolate.intervals.overheadPercent = { low: fraction * 100 - halfWidth, high: fraction * 100 + halfWidth };
}

const row = (comparison: Comparison, id: string): MetricRow => {
  const found = comparison.pairs[0]!.metrics.find((metric) => metric.id === id);
  if (found === undefined) throw new Error(`no row ${id}`);
  return found;
};

const deciderIds = (comparison: Comparison, change: 'improved' | 'regressed') => comparison.verdict[change].map((decider) => decider.id);

describe('compareSummaries', () => {
  it('finds a log unchanged against itself', () => {
    const comparison = compareSummaries(base, base);
    expect(comparison.verdict).toEqual({ verdict: 'unchanged', improved: [], regressed: [] });
    const changes = new Set(comparison.pairs[0]!.metrics.map((metric) => metric.change));
    expect([...changes].every((change) => change === 'unchanged' || change === 'not-comparable')).toBe(true);
    expect(comparison.pairs[0]!.reasons).toEqual({ appeared: [], vanished: [] });
    expect(comparison.thresholdPercent).toBe(10);
  });

  it('calls doubled GC overhead a regression, and the swap an improvement', () => {
    const worse = variant((isolate) => {
      scaleOverhead(isolate, 2);
      moreWork(isolate);
    });
    const forward = compareSummaries(base, worse);
    expect(forward.verdict.verdict).toBe('regressed');
    expect(deciderIds(forward, 'regressed')).toEqual(['overhead']);
    expect(row(forward, 'overhead').differencePercent).toBeCloseTo(100, 9);
    const backward = compareSummaries(worse, base);
    expect(backward.verdict.verdict).toBe('improved');
    expect(deciderIds(backward, 'improved')).toEqual(['overhead']);
    expect(row(backward, 'overhead').differencePercent).toBeCloseTo(-50, 9);
  });

  it('is mixed when one decisive metric gets better and another worse', () => {
    const traded = variant((isolate) => {
      scaleOverhead(isolate, 1.5);
      moreWork(isolate);
      isolate.pauses.all.p95Ms = isolate.pauses.all.p95Ms / 2;
      const interval = isolate.intervals.pauseP95Ms!;
      isolate.intervals.pauseP95Ms = { low: interval.low / 2, high: interval.high / 2 };
    });
    const comparison = compareSummaries(base, traded);
    expect(comparison.verdict.verdict).toBe('mixed');
    expect(deciderIds(comparison, 'regressed')).toEqual(['overhead']);
    expect(deciderIds(comparison, 'improved')).toEqual(['pause.p95.all']);
  });

  it('shows but does not decide on metrics outside the verdict (max pause, per-type percentiles)', () => {
    const spiky = variant((isolate) => {
      isolate.pauses.all.maxMs *= 3;
      isolate.pauses.byType.Scavenge!.p99Ms *= 3;
    });
    const comparison = compareSummaries(base, spiky);
    expect(row(comparison, 'pause.max.all').change).toBe('regressed');
    expect(row(comparison, 'pause.p99.Scavenge').change).toBe('regressed');
    expect(comparison.verdict.verdict).toBe('unchanged');
  });

  it('keeps small moves inside the threshold, and a lower --threshold sees them', () => {
    const at20 = variant((isolate) => setOverhead(isolate, 0.2));
    const at21 = variant((isolate) => {
      setOverhead(isolate, 0.216); // +8%, 1.6 points
      moreWork(isolate);
    });
    expect(compareSummaries(at20, at21).verdict.verdict).toBe('unchanged');
    expect(compareSummaries(at20, at21, { thresholdPercent: 5 }).verdict.verdict).toBe('regressed');
  });

  it('compares logs of different lengths per minute, not by totals', () => {
    // The same run twice as long: twice the GCs in twice the time.
    const longer = variant((isolate) => {
      isolate.durationMs *= 2;
      isolate.counts.total *= 2;
      for (const type of Object.keys(isolate.counts) as Array<keyof typeof isolate.counts>) {
        if (type !== 'total') isolate.counts[type] = isolate.counts[type]! * 2;
      }
    });
    const comparison = compareSummaries(base, longer);
    expect(row(comparison, 'rate.gcs.all').before).toBeCloseTo(row(comparison, 'rate.gcs.all').after!, 9);
    expect(row(comparison, 'rate.gcs.all').change).toBe('unchanged');
    expect(row(comparison, 'count.all').change).toBe('changed');
    expect(row(comparison, 'count.all').direction).toBe('neutral');
    expect(comparison.verdict.verdict).toBe('unchanged');
  });

  it('ranks the leak verdict and a fatal out-of-memory crash', () => {
    const leaking = variant((isolate) => {
      isolate.leak.verdict = 'leak';
      isolate.outOfMemory = { location: 'Reached heap limit', message: 'Allocation failed - JavaScript heap out of memory', line: 1 };
    });
    const comparison = compareSummaries(base, leaking);
    expect(comparison.pairs[0]!.states.map((state) => [state.id, state.before, state.after, state.change])).toEqual([
      ['leak', base.isolates[0]!.leak.verdict, 'leak', base.isolates[0]!.leak.verdict === 'leak' ? 'unchanged' : 'regressed'],
      ['out-of-memory', 'no', 'yes', 'regressed'],
    ]);
    expect(compareSummaries(leaking, base).verdict.verdict).toBe('improved');
    const unknown = variant((isolate) => {
      isolate.leak.verdict = 'insufficient-data';
    });
    expect(compareSummaries(unknown, leaking).pairs[0]!.states[0]!.change).toBe('regressed');
    expect(compareSummaries(leaking, unknown).pairs[0]!.states[0]!.change).toBe('not-comparable');
  });

  it('judges a shrinking floor as a flat one, a scattered one too: only a growing trend is worse', () => {
    // A rise counts when the leak detector took it for a leak or a suspected one.
    const withTrend = (slopeMbPerMinute: number, mannKendallZ: number, trendPoints = 10, verdict: 'leak' | 'suspected' | 'none' = 'leak') =>
      variant((isolate) => {
        isolate.floors.total = { ...isolate.floors.total!, slopeMbPerMinute, trendPoints };
        isolate.leak.evidence = { ...isolate.leak.evidence, mannKendallZ, slopeMbPerMinute, plateau: null, givenBack: null };
        isolate.leak.verdict = verdict;
      });
    const flat = withTrend(0, 3, 10, 'none');
    expect(row(compareSummaries(flat, withTrend(-5, 3)), 'floor.trend').change).toBe('unchanged');
    expect(row(compareSummaries(flat, withTrend(5, 3)), 'floor.trend').change).toBe('regressed');
    expect(row(compareSummaries(withTrend(5, 3), withTrend(-5, 3)), 'floor.trend').change).toBe('improved');
    // A rise the leak detector would not even suspect (Mann–Kendall z just under 1.64) is flat.
    expect(row(compareSummaries(flat, withTrend(8, 1.63)), 'floor.trend').change).toBe('unchanged');
    expect(row(compareSummaries(flat, withTrend(8, 1.64)), 'floor.trend').change).toBe('regressed');
    // A rise the detector did not take for a leak (too short, too small) is flat, whatever its slope.
    expect(row(compareSummaries(flat, withTrend(8, 3, 10, 'none')), 'floor.trend').change).toBe('unchanged');
    expect(row(compareSummaries(flat, withTrend(8, 3, 10, 'suspected')), 'floor.trend').change).toBe('regressed');
    // Four Mark-Compacts after the warm-up are too few for a trend, as for the leak verdict.
    expect(row(compareSummaries(flat, withTrend(50, 3, 4)), 'floor.trend').change).toBe('not-comparable');
    expect(row(compareSummaries(flat, withTrend(50, 3, 5)), 'floor.trend').change).toBe('regressed');
  });

  it('needs a change to leave both runs\' intervals, not only to pass the noise rule', () => {
    // 20% → 30% passes the noise rule; it counts only while the intervals do not overlap.
    const before = variant((isolate) => setOverhead(isolate, 0.2, 4.99));
    const apart = variant((isolate) => setOverhead(isolate, 0.3, 4.99));
    const touching = variant((isolate) => setOverhead(isolate, 0.3, 5.01));
    expect(row(compareSummaries(before, apart), 'overhead').change).toBe('regressed');
    expect(row(compareSummaries(before, touching), 'overhead').change).toBe('unchanged');
    expect(row(compareSummaries(before, touching), 'overhead').intervalAfter).toEqual({ low: 30 - 5.01, high: 30 + 5.01 });
  });

  it('judges the floor by its median over the run, not its last value', () => {
    const lastMoved = variant((isolate) => {
      isolate.floors.total = { ...isolate.floors.total!, lastMb: isolate.floors.total!.lastMb * 3 };
    });
    const comparison = compareSummaries(base, lastMoved);
    expect(row(comparison, 'floor.last').change).toBe('regressed');
    expect(row(comparison, 'floor.last').decisive).toBe(false);
    expect(row(comparison, 'floor.level').change).toBe('unchanged');
    expect(comparison.verdict.verdict).toBe('unchanged');
  });

  it('judges the floor\'s median only from 5 floors after the warm-up', () => {
    const withLevel = (levelMb: number, trendPoints: number) =>
      variant((isolate) => {
        isolate.floors.total = { ...isolate.floors.total!, levelMb, trendPoints, levelIntervalMb: null };
      });
    expect(row(compareSummaries(withLevel(30, 5), withLevel(60, 5)), 'floor.level').change).toBe('regressed');
    expect(row(compareSummaries(withLevel(30, 4), withLevel(60, 5)), 'floor.level').change).toBe('not-comparable');
    expect(row(compareSummaries(withLevel(30, 5), withLevel(60, 4)), 'floor.level').change).toBe('not-comparable');
  });

  it('lets the leak verdict decide only when it crosses leak: none ↔ suspected is noise', () => {
    const withVerdict = (verdict: 'none' | 'suspected' | 'leak') =>
      variant((isolate) => {
        isolate.leak.verdict = verdict;
      });
    const state = (a: Summary, b: Summary) => compareSummaries(a, b).pairs[0]!.states[0]!.change;
    expect(state(withVerdict('none'), withVerdict('suspected'))).toBe('changed');
    expect(state(withVerdict('suspected'), withVerdict('none'))).toBe('changed');
    expect(compareSummaries(withVerdict('suspected'), withVerdict('none')).verdict.verdict).toBe('unchanged');
    expect(state(withVerdict('suspected'), withVerdict('leak'))).toBe('regressed');
    expect(state(withVerdict('leak'), withVerdict('none'))).toBe('improved');
    // A leak after a run too short to judge is a regression; a fix cannot be read from a short run.
    const unknown = variant((isolate) => void (isolate.leak.verdict = 'insufficient-data'));
    expect(state(unknown, withVerdict('leak'))).toBe('regressed');
    expect(state(withVerdict('leak'), unknown)).toBe('not-comparable');
    expect(state(unknown, withVerdict('none'))).toBe('not-comparable');
  });

  it('lists GC reasons that appeared or vanished', () => {
    const forced = variant((isolate) => {
      isolate.reasons = [...isolate.reasons.slice(1), { reason: 'testing', count: 3, pauseMs: 9, forced: true }];
    });
    const comparison = compareSummaries(base, forced);
    expect(comparison.pairs[0]!.reasons).toEqual({ appeared: ['testing'], vanished: [base.isolates[0]!.reasons[0]!.reason] });
  });
});

describe('swapping the logs', () => {
  const FLIPPED = { improved: 'regressed', regressed: 'improved', mixed: 'mixed', unchanged: 'unchanged' } as const;
  const MIRROR = { improved: 'regressed', regressed: 'improved', unchanged: 'unchanged', changed: 'changed', 'not-comparable': 'not-comparable' } as const;

  for (const [before, after] of [
    ['samples/compare/leak-before.log', 'samples/compare/leak-after.log'],
    ['samples/compare/semi-default.log', 'samples/compare/semi-small.log'],
  ] as const) {
    it(`flips every judgement and the verdict: ${before} ↔ ${after}`, async () => {
      const [a, b] = [await analyzeFiles([before]), await analyzeFiles([after])];
      const forward = compareSummaries(a, b);
      const backward = compareSummaries(b, a);
      expect(backward.verdict.verdict).toBe(FLIPPED[forward.verdict.verdict]);
      expect(backward.verdict.improved.map((d) => d.id)).toEqual(forward.verdict.regressed.map((d) => d.id));
      expect(backward.verdict.regressed.map((d) => d.id)).toEqual(forward.verdict.improved.map((d) => d.id));
      const changes = (comparison: Comparison) => comparison.pairs[0]!.metrics.map((metric) => [metric.id, metric.change]);
      expect(changes(backward)).toEqual(changes(forward).map(([id, change]) => [id, MIRROR[change as keyof typeof MIRROR]]));
    }, 30_000);
  }
});

describe('pairing isolates', () => {
  /** A before log with a main thread and two workers, an after log with a main thread and one worker. */
  function withWorkers(workers: number): Summary {
    return variant((main, summary) => {
      for (let index = 1; index <= workers; index++) {
        summary.isolates.push({ ...structuredClone(main), label: `worker ${index}`, isMain: false, isolate: `0x${index}0000` });
      }
    });
  }

  it('pairs main thread with main thread and worker n with worker n, and lists the rest', () => {
    const comparison = compareSummaries(withWorkers(2), withWorkers(1));
    expect(comparison.pairs.map((pair) => [pair.before.label, pair.after.label, pair.pairedBy])).toEqual([
      ['main thread', 'main thread', 'role'],
      ['worker 1', 'worker 1', 'role'],
    ]);
    expect(comparison.unpaired.before.map((ref) => [ref.index, ref.label])).toEqual([[2, 'worker 2']]);
    expect(comparison.unpaired.after).toEqual([]);
  });

  it('names the pair in the deciders when several pairs are compared', () => {
    const before = withWorkers(1);
    const after = structuredClone(before);
    scaleOverhead(after.isolates[1]!, 2);
    moreWork(after.isolates[1]!);
    const comparison = compareSummaries(before, after);
    expect(comparison.verdict.verdict).toBe('regressed');
    expect(comparison.verdict.regressed[0]!.pair).toBe('worker 1');
    expect(comparison.verdict.regressed[0]!.text).toMatch(/^worker 1: GC overhead /);
    expect(comparison.pairs[0]!.verdict.verdict).toBe('unchanged');
  });

  it('takes --isolate by number, label or address; others are unpaired', () => {
    const before = withWorkers(2);
    const after = withWorkers(1);
    const byNumber = compareSummaries(before, after, { isolates: [parseIsolatePick('2:0')] });
    expect(byNumber.pairs.map((pair) => [pair.before.label, pair.after.label, pair.pairedBy])).toEqual([['worker 2', 'main thread', 'user']]);
    expect(byNumber.unpaired.before.map((ref) => ref.index)).toEqual([0, 1]);
    expect(byNumber.unpaired.after.map((ref) => ref.index)).toEqual([1]);
    const byLabel = compareSummaries(before, after, { isolates: [parseIsolatePick('Worker 1')] });
    expect(byLabel.pairs.map((pair) => [pair.before.index, pair.after.index])).toEqual([[1, 1]]);
    const byAddress = compareSummaries(before, after, { isolates: [parseIsolatePick('0x20000:main thread')] });
    expect(byAddress.pairs.map((pair) => [pair.before.index, pair.after.index])).toEqual([[2, 0]]);
  });

  it('explains an --isolate that names nothing, listing what there is (exit code 12)', () => {
    const attempt = () => compareSummaries(withWorkers(1), withWorkers(1), { isolates: [parseIsolatePick('0:7')] });
    expect(attempt).toThrow(AppError);
    try {
      attempt();
    } catch (error) {
      expect((error as AppError).exitCode).toBe(12);
      expect((error as AppError).message).toMatch(/^--isolate: no isolate "7" in the after log \(samples\/node12-steady\.log\)\. It has: #0 main thread \(pid \d+ 0x[0-9a-f]+\), #1 worker 1 \(pid \d+ 0x10000\)\.$/);
    }
  });

  it('refuses to put one isolate in two pairs', () => {
    expect(() => compareSummaries(withWorkers(1), withWorkers(1), { isolates: [parseIsolatePick('0:0'), parseIsolatePick('0:1')] })).toThrow(
      /an isolate can be in one pair only/,
    );
  });

  it('refuses a log without isolates', () => {
    const empty = variant((_, summary) => {
      summary.isolates = [];
    });
    expect(() => compareSummaries(empty, base)).toThrow(/nothing to compare: the before log \(samples\/node12-steady\.log\) has no isolate with GC events\./);
  });
});

describe('several runs a side', () => {
  const withOverhead = (fraction: number, low: number, high: number) =>
    variant((isolate) => {
      isolate.overhead.fraction = fraction;
      isolate.intervals.overheadPercent = { low, high };
    });

  it('takes the median over the runs, and spans every run and its interval', () => {
    const side = sideValue(
      [withOverhead(0.2, 19, 21), withOverhead(0.3, 29, 31), withOverhead(0.22, 21.5, 22.5)].map((run) => run.isolates[0]!),
      (isolate) => isolate.overhead.fraction * 100,
      (isolate) => isolate.intervals.overheadPercent,
    );
    expect(side.value).toBeCloseTo(22, 9);
    expect(side.values.map((value) => Math.round(value))).toEqual([20, 30, 22]);
    expect(side.interval).toEqual({ low: 19, high: 31 });
  });

  it('gives decisive values without intervals of their own the spread of the runs as interval, and others none', () => {
    const runs = [withOverhead(0.2, 0, 0), withOverhead(0.3, 0, 0)].map((run) => run.isolates[0]!);
    expect(sideValue(runs, (isolate) => isolate.overhead.fraction * 100).interval).toBeNull();
    const side = sideValue(runs, (isolate) => isolate.overhead.fraction * 100, undefined, true);
    expect(side.value).toBeCloseTo(25, 9);
    expect(side.interval!.low).toBeCloseTo(20, 9);
    expect(side.interval!.high).toBeCloseTo(30, 9);
  });

  it('reads a change only beyond what the reruns spread over', () => {
    // One run a side: 20% → 26% with tight intervals is a regression.
    const before = [withOverhead(0.2, 19.9, 20.1)];
    const busier = withOverhead(0.26, 25.9, 26.1);
    moreWork(busier.isolates[0]!);
    expect(compareSummaries(before, [busier]).verdict.verdict).toBe('regressed');
    // A rerun of "before" at 27%: the before side now spans 19.9–27.1%, so 26% is within it.
    const reruns = [withOverhead(0.2, 19.9, 20.1), withOverhead(0.27, 26.9, 27.1)];
    const comparison = compareSummaries(reruns, [busier]);
    expect(comparison.verdict.verdict).toBe('unchanged');
    expect(comparison.before.runs).toBe(2);
    expect(comparison.pairs[0]!.runs).toEqual({ before: 2, after: 1 });
    expect(row(comparison, 'overhead').runsBefore!.map((value) => Math.round(value))).toEqual([20, 27]);
  });

  it('takes a side\'s leak verdict from most of its runs', () => {
    const runs = (...verdicts: Array<'leak' | 'suspected' | 'none' | 'insufficient-data'>) =>
      verdicts.map((verdict) => variant((isolate) => void (isolate.leak.verdict = verdict)).isolates[0]!);
    expect(sideLeakVerdict(runs('leak', 'leak', 'none'))).toBe('leak');
    expect(sideLeakVerdict(runs('leak', 'none'))).toBe('suspected');
    expect(sideLeakVerdict(runs('none', 'none', 'insufficient-data'))).toBe('none');
    expect(sideLeakVerdict(runs('suspected', 'none'))).toBe('suspected');
    expect(sideLeakVerdict(runs('insufficient-data'))).toBe('insufficient-data');
  });
});

describe('pauses that moved while the GC did the same work', () => {
  // Overhead doubled (a busier machine stretches every pause): counted only if the work changed too.
  const slower = (change: (isolate: IsolateSummary) => void = () => {}) =>
    variant((isolate) => {
      scaleOverhead(isolate, 2);
      change(isolate);
    });

  it('are shown as worse but left out of the verdict', () => {
    const comparison = compareSummaries(base, slower());
    expect(row(comparison, 'overhead')).toMatchObject({ change: 'regressed', machineOnly: true });
    expect(comparison.verdict.verdict).toBe('unchanged');
    expect(workChanges(comparison.pairs[0]!.metrics)).toEqual([]);
  });

  it('count once GCs per minute moved by 50%', () => {
    const rate = (factor: number) =>
      slower((isolate) => {
        isolate.counts.total = Math.round(isolate.counts.total * factor);
      });
    const base50 = compareSummaries(base, rate(1.5));
    expect(workChanges(base50.pairs[0]!.metrics)).toEqual(['rate.gcs.all']);
    expect(base50.verdict.verdict).toBe('regressed');
    expect(workChanges(compareSummaries(base, rate(1.49)).pairs[0]!.metrics)).toEqual([]);
  });

  it('count once the allocation rate moved by 10%', () => {
    const allocation = (factor: number) => slower((isolate) => void (isolate.allocation.mbPerSecond *= factor));
    expect(workChanges(compareSummaries(base, allocation(1.1)).pairs[0]!.metrics)).toEqual(['rate.allocation']);
    expect(workChanges(compareSummaries(base, allocation(1.099)).pairs[0]!.metrics)).toEqual([]);
  });

  it('do not count when the allocation rate moved the other way, as a slower machine moves it, until MACHINE_SPEED_FACTOR', () => {
    // Overhead ×2 beside allocation ÷3.99: a busier CPU (compare/busy-*.log: ÷2.9). From ÷4, the program's.
    const allocation = (factor: number) => slower((isolate) => void (isolate.allocation.mbPerSecond *= factor));
    const busy = compareSummaries(base, allocation(1 / (MACHINE_SPEED_FACTOR - 0.01)));
    expect(workChanges(busy.pairs[0]!.metrics)).toEqual(['rate.allocation']);
    expect(row(busy, 'overhead')).toMatchObject({ change: 'regressed', machineOnly: true });
    expect(busy.verdict.verdict).toBe('unchanged');
    const program = compareSummaries(base, allocation(1 / MACHINE_SPEED_FACTOR));
    expect(row(program, 'overhead').machineOnly).toBeUndefined();
    expect(program.verdict.verdict).toBe('regressed');
    // The same way as the pauses (more allocation, more GC time): the program's, at any size.
    expect(compareSummaries(base, allocation(1.5)).verdict.verdict).toBe('regressed');
  });

  it('count GCs a minute that moved the other way only when the allocation rate did not follow them', () => {
    // Half the GCs a minute and half the allocation beside twice the GC time: a slower machine.
    const both = slower((isolate) => {
      isolate.counts.total = Math.round(isolate.counts.total / 2);
      isolate.allocation.mbPerSecond /= 2;
    });
    expect(compareSummaries(base, both).verdict.verdict).toBe('unchanged');
    // Half the GCs a minute alone (the allocation as before): the program's new space or heap changed.
    const gcsAlone = slower((isolate) => void (isolate.counts.total = Math.round(isolate.counts.total / 2)));
    expect(compareSummaries(base, gcsAlone).verdict.verdict).toBe('regressed');
  });

  it('count once the median floor moved by 10%', () => {
    const floor = (factor: number) =>
      slower((isolate) => {
        isolate.floors.total = { ...isolate.floors.total!, levelMb: isolate.floors.total!.levelMb * factor };
      });
    expect(workChanges(compareSummaries(base, floor(1.1)).pairs[0]!.metrics)).toEqual(['floor.level']);
    expect(workChanges(compareSummaries(base, floor(1.099)).pairs[0]!.metrics)).toEqual([]);
  });
});

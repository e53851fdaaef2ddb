// The noise rule: when a difference between two runs is a change and not run-to-run jitter.
// A metric changed only when |after − before| reaches both the relative threshold (percent of
// the smaller of the two values, so that swapping the logs flips the verdict exactly) and the
// metric unit's minimum absolute difference. Stated in the README.

import type { Change, Direction, MetricUnit } from './comparison.js';

/**
 * On the corpus's same-code pairs, 10% is above what the median floor (≤ 9%) and the allocation rate
 * (≤ 2%) moved; pauses and GC time moved far more and are judged against the GC's work (work-change.ts).
 */
export const DEFAULT_THRESHOLD_PERCENT = 10;



/**
 * Below these, two runs of the same code differ anyway: timer resolution and scheduling make
 * pauses jitter by a few tenths of a millisecond, and heap figures by a megabyte.
 */
export const MINIMUM_ABSOLUTE_DIFFERENCE: Record<MetricUnit, number> = {
  ms: 0.5,
  '%': 0.5,
  'per min': 1,
  'MB/s': 1,
  MB: 1,
  'MB/min': 1,
  count: 1,
};

// Float subtraction (1.8 − 1.3 = 0.5000000000000002) must not move a difference across a bound.
const EPSILON = 1e-9;

export interface Difference {
  absolute: number;
  /** Relative to before, as shown; null when before is 0. */
  percent: number | null;
}

export function difference(before: number, after: number): Difference {
  const absolute = after - before;
  return { absolute, percent: before === 0 ? null : (absolute / Math.abs(before)) * 100 };
}

/**
 * True when the difference is beyond noise: both the minimum and the relative threshold are reached.
 * The threshold is taken of the smaller value: against `before` alone, 46 → 51 (+10.6%) would be a
 * change and 51 → 46 (−9.5%) not, and swapping the logs would not flip the verdict.
 */
export function isBeyondNoise(before: number, after: number, minimumAbsolute: number, thresholdPercent: number): boolean {
  const absolute = Math.abs(after - before);
  if (absolute < EPSILON || absolute + EPSILON < minimumAbsolute) return false;
  const smaller = Math.min(Math.abs(before), Math.abs(after));
  return smaller === 0 || (absolute / smaller) * 100 + EPSILON >= thresholdPercent;
}

/** Judges one numeric metric. `before`/`after` are the values the rule looks at (see metrics.ts). */
export function judge(
  before: number | null,
  after: number | null,
  direction: Direction,
  minimumAbsolute: number,
  thresholdPercent: number,
): Change {
  if (before === null || after === null || !Number.isFinite(before) || !Number.isFinite(after)) return 'not-comparable';
  if (!isBeyondNoise(before, after, minimumAbsolute, thresholdPercent)) return 'unchanged';
  if (direction === 'neutral') return 'changed';
  return after < before ? 'improved' : 'regressed';
}

export interface Interval {
  low: number;
  high: number;
}

/**
 * Whether two runs' 90% intervals overlap: a difference that stays within what either run could
 * have shown on a rerun is not a change, however far apart the two estimates are. No interval on
 * either side (too few values) leaves the decision to the noise rule alone.
 */
export function intervalsOverlap(before: Interval | null, after: Interval | null): boolean {
  if (before === null || after === null) return false;
  return before.low <= after.high + EPSILON && after.low <= before.high + EPSILON;
}

/** Judges an ordered state (none < suspected < leak; no OOM < OOM): any step is a change. */
export function judgeRank(before: number | null, after: number | null): Change {
  if (before === null || after === null) return 'not-comparable';
  if (before === after) return 'unchanged';
  return after < before ? 'improved' : 'regressed';
}

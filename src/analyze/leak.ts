// The leak verdict: does the live set (heap used after each Mark-Compact) keep growing?
// Rules (also in the README):
// - leak: an out-of-memory crash with a rising floor; or, after the warm-up, a floor that rises
//   steadily (R² ≥ 0.6) by ≥ 25% of its mean and ≥ 2 MB over the log.
// - suspected: an OOM crash; a weaker rise (R² ≥ 0.3, ≥ 10% and ≥ 1 MB); memwatch's rule (the
//   floor grew 5 times in a row, by ≥ 10% in all, and never fell back below where it started);
//   4+ ineffective Mark-Compacts in a row; floor ≥ 80% of the limit.
// - insufficient-data: fewer than 5 Mark-Compacts after the warm-up, and none of the above.
// - none: otherwise.

import { fitLine } from './trend.js';
import type { Leak, LeakEvidence, LeakVerdict } from './summary.js';

/** The first 20% of the log's time is warm-up: heaps grow to their working size there. */
export const WARM_UP_FRACTION = 0.2;
export const MIN_TREND_POINTS = 5;
export const MEMWATCH_STREAK = 5;
/** A growth streak counts for memwatch's rule only if the floor grew this much over it (not 0.1 MB steps). */
export const MEMWATCH_MIN_GROWTH = 0.1;
export const INEFFECTIVE_STREAK = 4;

export interface FloorSample {
  timeMs: number;
  heapAfterMb: number;
}

export interface LeakInput {
  /** Floors after each Mark-Compact, in time order. */
  floors: FloorSample[];
  startMs: number;
  endMs: number;
  ineffectiveMarkCompacts: number;
  outOfMemory: boolean;
  heapLimitMb: number | null;
}

/** A last Mark-Compact that frees more than this share of the previous floor is the app letting go at exit. */
export const SHUTDOWN_DROP = 0.5;

/**
 * The floors the trend is fitted on: after the warm-up (at least MIN_TREND_POINTS when there are
 * that many at all), without a final collapse at shutdown (Node 24+ collects almost everything
 * when the script ends), which is not the live set of the running app.
 */
export function trendFloors(floors: FloorSample[], startMs: number, endMs: number): FloorSample[] {
  const last = floors.at(-1);
  const beforeLast = floors.at(-2);
  const running =
    last !== undefined && beforeLast !== undefined && last.heapAfterMb < beforeLast.heapAfterMb * SHUTDOWN_DROP ? floors.slice(0, -1) : floors;
  const cutoff = startMs + (endMs - startMs) * WARM_UP_FRACTION;
  const after = running.filter((floor) => floor.timeMs >= cutoff);
  return after.length >= MIN_TREND_POINTS ? after : running.slice(-MIN_TREND_POINTS);
}

/**
 * memwatch's rule, after the warm-up: the longest run of floors each above the one before, counted
 * only when the run grew by MEMWATCH_MIN_GROWTH in all (0.1 MB wobbles are not growth) and the
 * floor never fell back below where the run started (a cache that fills and empties is not a leak).
 */
export function longestGrowthStreak(floors: FloorSample[]): number {
  // lowestFrom[i]: the lowest floor from i to the end.
  const lowestFrom = new Array<number>(floors.length + 1).fill(Infinity);
  for (let index = floors.length - 1; index >= 0; index--) lowestFrom[index] = Math.min(floors[index]!.heapAfterMb, lowestFrom[index + 1]!);
  let longest = 0;
  let streak = 0;
  let streakStartMb = 0;
  for (let index = 1; index < floors.length; index++) {
    const previous = floors[index - 1]!.heapAfterMb;
    const floor = floors[index]!.heapAfterMb;
    if (floor <= previous) {
      streak = 0;
      continue;
    }
    if (streak === 0) streakStartMb = previous;
    streak++;
    const grew = floor >= streakStartMb * (1 + MEMWATCH_MIN_GROWTH);
    const kept = lowestFrom[index + 1]! >= streakStartMb;
    if (grew && kept) longest = Math.max(longest, streak);
  }
  return longest;
}

export function judgeLeak(input: LeakInput): Leak {
  const points = trendFloors(input.floors, input.startMs, input.endMs);
  const growthStreak = longestGrowthStreak(points);
  const fit = points.length >= 2 ? fitLine(points.map((p) => p.timeMs / 60_000), points.map((p) => p.heapAfterMb)) : null;
  const spanMinutes = points.length >= 2 ? (points[points.length - 1]!.timeMs - points[0]!.timeMs) / 60_000 : 0;
  const meanFloor = points.reduce((sum, p) => sum + p.heapAfterMb, 0) / Math.max(1, points.length);
  const growthMb = fit === null ? null : fit.slope * spanMinutes;
  const relativeGrowth = growthMb === null || meanFloor <= 0 ? null : growthMb / meanFloor;
  const lastFloor = input.floors.at(-1)?.heapAfterMb ?? null;
  const evidence: LeakEvidence = {
    slopeMbPerMinute: fit === null ? null : fit.slope,
    r2: fit === null ? null : fit.r2,
    points: points.length,
    relativeGrowth,
    longestGrowthStreak: growthStreak,
    ineffectiveMarkCompacts: input.ineffectiveMarkCompacts,
    outOfMemory: input.outOfMemory,
    heapLimitMb: input.heapLimitMb,
    heapLimitFraction: input.heapLimitMb !== null && lastFloor !== null ? lastFloor / input.heapLimitMb : null,
  };

  const reasons: string[] = [];
  const enoughPoints = points.length >= MIN_TREND_POINTS && fit !== null;
  const rises = (r2: number, relative: number, absoluteMb: number): boolean =>
    enoughPoints && fit.slope > 0 && fit.r2 >= r2 && (relativeGrowth ?? 0) >= relative && (growthMb ?? 0) >= absoluteMb;
  const trendText = (): string =>
    `the floor after Mark-Compact rises ${fit!.slope.toFixed(2)} MB/min (R² ${fit!.r2.toFixed(2)}, ${points.length} points, +${((relativeGrowth ?? 0) * 100).toFixed(0)}% over the log)`;

  let verdict: LeakVerdict;
  if (input.outOfMemory && (fit?.slope ?? 0) > 0) {
    verdict = 'leak';
    reasons.push('the process ran out of memory while the floor after Mark-Compact was rising');
  } else if (rises(0.6, 0.25, 2)) {
    verdict = 'leak';
    reasons.push(trendText());
  } else {
    const suspicions: string[] = [];
    if (input.outOfMemory) suspicions.push('the process ran out of memory');
    if (rises(0.3, 0.1, 1)) suspicions.push(trendText());
    if (growthStreak >= MEMWATCH_STREAK) {
      suspicions.push(`the heap after a full GC grew ${growthStreak} times in a row (memwatch's rule: 5, by ≥ 10%)`);
    }
    if (input.ineffectiveMarkCompacts >= INEFFECTIVE_STREAK) {
      suspicions.push(`${input.ineffectiveMarkCompacts} Mark-Compacts in a row freed under 5% of the heap`);
    }
    if ((evidence.heapLimitFraction ?? 0) >= 0.8) {
      suspicions.push(`the floor is at ${((evidence.heapLimitFraction ?? 0) * 100).toFixed(0)}% of the heap limit`);
    }
    if (suspicions.length > 0) {
      verdict = 'suspected';
      reasons.push(...suspicions);
    } else if (!enoughPoints) {
      verdict = 'insufficient-data';
      reasons.push(`only ${points.length} Mark-Compact(s) after the warm-up; ${MIN_TREND_POINTS} are needed for a trend`);
    } else {
      verdict = 'none';
      reasons.push(
        `the floor after Mark-Compact is flat: ${fit.slope.toFixed(2)} MB/min (R² ${fit.r2.toFixed(2)}, ${points.length} points, ${((relativeGrowth ?? 0) * 100).toFixed(0)}% over the log)`,
      );
    }
  }
  return { verdict, evidence, reasons };
}

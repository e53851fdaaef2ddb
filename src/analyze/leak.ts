// The leak verdict, from all the evidence a GC log holds: the floor after each Mark-Compact (the
// live set) with a robust trend, the heap left after every GC (short logs), external memory
// (`--trace-gc-verbose`), an out-of-memory crash and the heap limit. The rules and their bounds
// are in the README ("Leak verdict"); the bounds were chosen on the labelled corpus in
// samples/corpus (see test/analyze/corpus.test.ts for its confusion matrix).

import { fixed, formatCount, formatDuration, formatMb, formatSlope, plural } from '../format.js';
import { assessGrowth, MIN_TREND_POINTS, type Growth, type TimedValue } from './growth.js';
import { median } from './robust.js';
import type { ExternalLeak, Leak, LeakEvidence, LeakVerdict } from './summary.js';

export { MIN_TREND_POINTS } from './growth.js';

/** The warm-up lasts at most the first 20% of the log's time: heaps grow to their working size there… */
export const WARM_UP_FRACTION = 0.2;
/** …and ends earlier at the first floor that reaches this share of the floors' level in the second half of the run… */
export const WARM_UP_REACHED_SHARE = 0.8;
/** …but never before this share of the log's time (a Mark-Compact in the first instants is the process starting). */
export const WARM_UP_MIN_FRACTION = 0.02;
/** A last Mark-Compact that leaves less than this share of the previous floor is the app letting go at exit. */
export const SHUTDOWN_DROP = 0.5;
export const MEMWATCH_STREAK = 5;
/** A growth streak counts for memwatch's rule only if the floor grew this much over it (not 0.1 MB steps). */
export const MEMWATCH_MIN_GROWTH = 0.1;
export const INEFFECTIVE_STREAK = 4;

/** `leak`: a rise this unlikely for a floor that only swings (Mann–Kendall z; 2.33 is p ≈ 1%)… */
export const LEAK_MIN_Z = 2.33;
/** …of at least this share of the floor's level… */
export const LEAK_MIN_RELATIVE_GROWTH = 0.05;
/** …and at least this many MB over the run. */
export const LEAK_MIN_GROWTH_MB = 2;
/**
 * A rise seen over less than this much time is judged only when it is large (LEAK_SHORT_SPAN_MIN_
 * RELATIVE_GROWTH): in its first minute any Node app's floor creeps up by a few MB (compiled code,
 * feedback, caches and pools settling), which a slow leak cannot be told from.
 */
export const LEAK_MIN_SPAN_MS = 60_000;
export const LEAK_SHORT_SPAN_MIN_RELATIVE_GROWTH = 0.5;
/**
 * The largest rise of the floor (share of its level) seen within the first minute of a run WITHOUT a
 * leak, in the labelled corpora (samples/corpus, Node 12–26, and samples/corpus/old-node, Node 0.10–5):
 * +58%, cache-warm-node26-60s-seed1 (a cache filling over 33 s; test/corpus/old-node.test.ts checks it).
 * Leaks of old Node rise +10% to +47% in the same time, so no lower bound tells them apart: the
 * sentence says so.
 */
export const NO_LEAK_FIRST_MINUTE_MAX_RISE = 0.58;
/** `suspected`: a weaker rise (z 1.64 is p ≈ 5%). */
export const SUSPECT_MIN_Z = 1.64;
export const SUSPECT_MIN_RELATIVE_GROWTH = 0.05;
export const SUSPECT_MIN_GROWTH_MB = 1;

/** Short logs: the floor after Mark-Compact, from at least this many floors (the first instants left out)… */
export const SHORT_MIN_FLOORS = 2;
/** …rose at every Mark-Compact, to at least this many times its first value… */
export const SHORT_MIN_GROWTH_FACTOR = 3;
/** …by at least this many MB… */
export const SHORT_MIN_GROWTH_MB = 50;
/** …and the heap left after GCs, over at least this many time bins spanning SHORT_MIN_SPAN_MS… */
export const SHORT_MIN_BINS = 4;
export const SHORT_MIN_SPAN_MS = 2000;
/** …was still climbing at the end: from the lowest point of its last quarter, this share of its whole climb. */
export const SHORT_MIN_LATE_GROWTH_SHARE = 0.15;

/** External memory leaks: a rise this consistent (Mann–Kendall z)… */
export const EXTERNAL_MIN_Z = 2.33;
/** …doubling at least… */
export const EXTERNAL_MIN_GROWTH_FACTOR = 2;
/** …by at least this many MB. */
export const EXTERNAL_MIN_GROWTH_MB = 16;

/** A floor at this share of the heap limit is a risk whatever its trend. */
export const NEAR_LIMIT_FRACTION = 0.8;

export interface FloorSample {
  timeMs: number;
  heapAfterMb: number;
}

export interface LeakInput {
  /** Every Mark-Compact (thinned evenly past 20,000), in time order. */
  floors: FloorSample[];
  /** The lowest heap left after any GC, per time bin (see envelope.ts). */
  heapAfterEnvelope: TimedValue[];
  /** External memory and ArrayBuffer backing stores after each GC, per time bin (`--trace-gc-verbose`). */
  external: { reported: TimedValue[]; backingStore: TimedValue[] } | null;
  startMs: number;
  endMs: number;
  ineffectiveMarkCompacts: number;
  outOfMemory: boolean;
  /** Every GC of the log came from an out-of-memory report's "Last few GCs": V8's last-resort GCs, not the run. */
  onlyOomReport?: boolean;
  heapLimitMb: number | null;
  /** Forced Mark-Compacts right after another (a heap snapshot, global.gc()), left out of `floors`. */
  forcedRepeats?: number;
}

/** Where the running app's memory is judged: after the warm-up, before a shutdown collapse. */
export interface RunWindow {
  warmUpEndMs: number;
  /** Time of a final Mark-Compact that let go of the heap at exit, left out everywhere; null when none. */
  shutdownMs: number | null;
}

/**
 * The warm-up ends at WARM_UP_FRACTION of the log's time, or earlier when the floor has already
 * reached WARM_UP_REACHED_SHARE of its level in the second half (an app that fills its working set
 * in its first seconds: cutting a fifth of the run would throw away floors of the running app).
 */
export function runWindow(floors: Array<{ timeMs: number; heapAfterMb: number }>, startMs: number, endMs: number): RunWindow {
  const last = floors.at(-1);
  const beforeLast = floors.at(-2);
  const shutdown = last !== undefined && beforeLast !== undefined && last.heapAfterMb < beforeLast.heapAfterMb * SHUTDOWN_DROP;
  const running = shutdown ? floors.slice(0, -1) : floors;
  const byTime = startMs + (endMs - startMs) * WARM_UP_FRACTION;
  const midMs = startMs + (endMs - startMs) / 2;
  const secondHalf = running.filter((floor) => floor.timeMs >= midMs).map((floor) => floor.heapAfterMb);
  const reached = secondHalf.length === 0 ? undefined : running.find((floor) => floor.heapAfterMb >= median(secondHalf) * WARM_UP_REACHED_SHARE);
  const earliest = startMs + (endMs - startMs) * WARM_UP_MIN_FRACTION;
  const warmUpEndMs = reached === undefined ? byTime : Math.max(earliest, Math.min(byTime, reached.timeMs));
  return { warmUpEndMs, shutdownMs: shutdown ? last.timeMs : null };
}

/** The floors of the running app: no shutdown collapse; after the warm-up unless `withWarmUp`. */
export function runningFloors<T extends { timeMs: number }>(floors: T[], window: RunWindow, withWarmUp = false): T[] {
  return floors.filter(
    (floor) => (withWarmUp || floor.timeMs >= window.warmUpEndMs) && (window.shutdownMs === null || floor.timeMs < window.shutdownMs),
  );
}

/**
 * memwatch's rule, after the warm-up: the longest run of floors each above the one before, counted
 * only when the run grew by MEMWATCH_MIN_GROWTH in all (0.1 MB wobbles are not growth) and the
 * floor never fell back below where the run started (a cache that fills and empties is not a leak).
 */
export function longestGrowthStreak(floors: Array<{ heapAfterMb: number }>): number {
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

const asSeries = (floors: FloorSample[]): TimedValue[] => floors.map((floor) => ({ timeMs: floor.timeMs, valueMb: floor.heapAfterMb }));
const mb = formatMb;
const rate = formatSlope;

/** One phrase for a rise, with a slope only when there are enough points for one. */
function riseText(what: string, growth: Growth): string {
  const span = formatDuration(growth.lastMs - growth.firstMs);
  if (growth.slopeMbPerMinute === null) {
    return `${what} went from ${mb(growth.firstMb)} to ${mb(growth.lastMb)} in ${span} (${formatCount(growth.points)} points: too few for a trend)`;
  }
  return (
    `${what} rose ${rate(growth.slopeMbPerMinute)} (Theil–Sen, ${formatCount(growth.points)} points over ${span}: ` +
    `${mb(growth.firstMb)} → ${mb(growth.lastMb)}, +${(growth.relativeGrowth * 100).toFixed(0)}% of its ${mb(growth.levelMb)} level, Kendall's tau ${fixed(growth.tau!, 2)})`
  );
}

/**
 * External memory leaks when it rises steadily (Mann–Kendall z), at least doubles from where it
 * started (1 MB at least, so that a few KB growing is not "doubling"), by EXTERNAL_MIN_GROWTH_MB or
 * more, without levelling off or coming back down.
 */
export function externalLeaking(growth: Growth): boolean {
  return (
    growth.slopeMbPerMinute !== null &&
    (growth.mannKendallZ ?? 0) >= EXTERNAL_MIN_Z &&
    growth.growthMb >= EXTERNAL_MIN_GROWTH_MB &&
    growth.lastMb >= Math.max(growth.firstMb, 1) * EXTERNAL_MIN_GROWTH_FACTOR &&
    growth.plateau === null &&
    growth.givenBack === null
  );
}

/** A leak of external memory (Buffers, ArrayBuffers), judged on its own series. */
export function judgeExternal(external: LeakInput['external'], window: RunWindow): ExternalLeak | null {
  if (external === null) return null;
  const candidates: Array<[ExternalLeak['kind'], TimedValue[]]> = [
    ['backing-store', external.backingStore],
    ['external', external.reported],
  ];
  let best: ExternalLeak | null = null;
  for (const [kind, series] of candidates) {
    const running = runningFloors(series, { ...window, warmUpEndMs: -Infinity });
    const growth = assessGrowth(running);
    if (growth === null || growth.slopeMbPerMinute === null) continue;
    const leaking = externalLeaking(growth);
    const candidate: ExternalLeak = {
      kind,
      leaking,
      firstMb: growth.firstMb,
      lastMb: growth.lastMb,
      maxMb: growth.maxMb,
      slopeMbPerMinute: growth.slopeMbPerMinute,
      tau: growth.tau,
      points: growth.points,
    };
    if (best === null || (candidate.leaking && !best.leaking) || (candidate.leaking === best.leaking && candidate.lastMb - candidate.firstMb > best.lastMb - best.firstMb)) {
      best = candidate;
    }
  }
  return best;
}

const EXTERNAL_NAMES: Record<ExternalLeak['kind'], string> = {
  external: 'external memory (outside the JS heap: Buffers, native add-ons)',
  'backing-store': 'ArrayBuffer backing stores (Buffers and typed arrays, outside the JS heap)',
};

/**
 * Short logs (too few floors for a trend): growth unmistakable from every GC. The floor rose at
 * every Mark-Compact, by SHORT_MIN_GROWTH_FACTOR and SHORT_MIN_GROWTH_MB, and the heap left after
 * GCs was still climbing at the end. One Mark-Compact is never enough: until the first ones run,
 * the heap left after young GCs climbs in any app (promoted garbage waits for a Mark-Compact).
 */
export function shortLogRise(heapAfterEnvelope: TimedValue[], window: RunWindow, floors: FloorSample[]): string | null {
  if (floors.length < SHORT_MIN_FLOORS) return null;
  for (let index = 1; index < floors.length; index++) if (floors[index]!.heapAfterMb <= floors[index - 1]!.heapAfterMb) return null;
  const first = floors[0]!;
  const last = floors[floors.length - 1]!;
  if (last.heapAfterMb < first.heapAfterMb * SHORT_MIN_GROWTH_FACTOR || last.heapAfterMb - first.heapAfterMb < SHORT_MIN_GROWTH_MB) return null;
  const envelope = runningFloors(heapAfterEnvelope, { ...window, warmUpEndMs: -Infinity });
  if (envelope.length < SHORT_MIN_BINS || envelope[envelope.length - 1]!.timeMs - envelope[0]!.timeMs < SHORT_MIN_SPAN_MS) return null;
  const quarter = Math.max(1, Math.floor(envelope.length / 4));
  const startMb = Math.min(...envelope.slice(0, quarter).map((point) => point.valueMb));
  // The lowest point of the last quarter (often just after a Mark-Compact) to the end.
  const lateStartMb = Math.min(...envelope.slice(envelope.length - quarter - 1).map((point) => point.valueMb));
  const endMb = envelope[envelope.length - 1]!.valueMb;
  if (endMb - lateStartMb < (endMb - startMb) * SHORT_MIN_LATE_GROWTH_SHARE || endMb <= startMb) return null;
  const span = formatDuration(envelope[envelope.length - 1]!.timeMs - envelope[0]!.timeMs);
  return (
    `short log (${span}, ${plural(floors.length, 'Mark-Compact')} after the start: too few for a trend), but the floor after Mark-Compact rose at every one, ` +
    `${fixed(last.heapAfterMb / first.heapAfterMb, 1)}× (${mb(first.heapAfterMb)} → ${mb(last.heapAfterMb)}), and the heap left after each GC was still climbing at the end (${mb(endMb)})`
  );
}

/**
 * The floor's trend alone: `leak` for a rise unlikely as a swing (Mann–Kendall z), large against the
 * floor's level and in MB; `suspected` for a weaker one; `too-short` for either seen over less than
 * LEAK_MIN_SPAN_MS unless the rise is large; `none` otherwise, and always for fewer than
 * MIN_TREND_POINTS points, growth that stopped (a plateau) or memory given back.
 */
export function trendVerdict(growth: Growth): 'leak' | 'suspected' | 'too-short' | 'none' {
  if (growth.slopeMbPerMinute === null || growth.plateau !== null || growth.givenBack !== null) return 'none';
  const z = growth.mannKendallZ ?? 0;
  const rises = (minZ: number, minRelative: number, minMb: number): boolean =>
    z >= minZ && growth.relativeGrowth >= minRelative && growth.growthMb >= minMb;
  const longEnough = growth.lastMs - growth.firstMs >= LEAK_MIN_SPAN_MS;
  if (rises(LEAK_MIN_Z, LEAK_MIN_RELATIVE_GROWTH, LEAK_MIN_GROWTH_MB)) {
    return longEnough || growth.relativeGrowth >= LEAK_SHORT_SPAN_MIN_RELATIVE_GROWTH ? 'leak' : 'too-short';
  }
  if (rises(SUSPECT_MIN_Z, SUSPECT_MIN_RELATIVE_GROWTH, SUSPECT_MIN_GROWTH_MB)) return longEnough ? 'suspected' : 'too-short';
  return 'none';
}

export function judgeLeak(input: LeakInput): Leak {
  const window = runWindow(input.floors, input.startMs, input.endMs);
  const trendPoints = runningFloors(input.floors, window);
  const allRunning = runningFloors(input.floors, window, true);
  const growth = assessGrowth(asSeries(trendPoints));
  const growthStreak = longestGrowthStreak(trendPoints);
  const external = judgeExternal(input.external, window);
  const lastFloor = input.floors.at(-1)?.heapAfterMb ?? null;
  const heapLimitFraction = input.heapLimitMb !== null && growth !== null ? growth.lastMb / input.heapLimitMb : input.heapLimitMb !== null && lastFloor !== null ? lastFloor / input.heapLimitMb : null;
  const trended = growth !== null && growth.slopeMbPerMinute !== null;

  const reasons: string[] = [];
  const notes: string[] = [];
  let verdict: LeakVerdict;
  let shortLog = false;

  const rise = growth === null ? 'none' : trendVerdict(growth);

  if (input.outOfMemory) {
    const whole = assessGrowth(asSeries(allRunning));
    // The last-resort GCs before a crash, within a fraction of a second, tell nothing of how the floor moved.
    const judged = whole !== null && whole.points >= 3 && input.onlyOomReport !== true;
    if (judged && (whole.lastMb > whole.firstMb || input.ineffectiveMarkCompacts >= INEFFECTIVE_STREAK)) {
      verdict = 'leak';
      reasons.push(`the process ran out of memory after the floor after Mark-Compact rose from ${mb(whole.firstMb)} to ${mb(whole.lastMb)}`);
    } else {
      verdict = 'suspected';
      reasons.push(
        !judged
          ? `the process ran out of memory (${whole === null ? 'no Mark-Compact' : plural(whole.points, 'Mark-Compact')} in the log${input.onlyOomReport === true && whole !== null ? `, ${whole.points === 1 ? '' : 'all '}from its out-of-memory report` : ''}: whether the live set grew cannot be told)`
          : `the process ran out of memory with the floor after Mark-Compact at ${mb(whole.lastMb)}, not rising: the app may need more than its heap limit`,
      );
    }
  } else if (rise === 'leak' || rise === 'suspected') {
    verdict = rise;
    reasons.push(riseText('the floor after Mark-Compact', growth!));
  } else if (rise === 'too-short') {
    verdict = 'insufficient-data';
    reasons.push(
      // The rise of the fitted trend (Theil–Sen slope × span), which the rule judges; the first and last floors can differ from it.
      `the trend of the floor after Mark-Compact rose ${mb(growth!.growthMb)} (+${percent(growth!.relativeGrowth)} of its ${mb(growth!.levelMb)} level) over ${formatDuration(growth!.lastMs - growth!.firstMs)} ` +
        `(${formatCount(growth!.points)} Mark-Compacts, Kendall's tau ${fixed(growth!.tau!, 2)}), within the run's first minute, where the trend of runs without a leak rose by up to +${percent(NO_LEAK_FIRST_MINUTE_MAX_RISE)} ` +
        `(caches and pools filling): so short a rise is called a leak only from +${percent(LEAK_SHORT_SPAN_MIN_RELATIVE_GROWTH)} of trend, steady (Mann–Kendall z ≥ ${LEAK_MIN_Z}); record a few minutes to tell it from a leak`,
    );
  } else if (trended) {
    verdict = 'none';
    // A plateau or memory given back is named only where it is what keeps a rise from being a leak.
    const withoutShapes = trendVerdict({ ...growth, plateau: null, givenBack: null });
    if (withoutShapes === 'none') {
      reasons.push(steadyText(growth));
    } else if (growth.givenBack !== null) {
      reasons.push(
        `the floor after Mark-Compact rose to ${mb(growth.givenBack.peakMb)} at ${formatDuration(growth.givenBack.peakMs)} and came back down to ${mb(growth.givenBack.backToMb)}: memory held for a while and given back`,
      );
    } else if (growth.plateau !== null) {
      reasons.push(
        `the floor after Mark-Compact grew to a level of about ${mb(growth.plateau.levelMb)}, reached at ${formatDuration(growth.plateau.sinceMs)}, and has been flat since (a cache or pool reaching its size, not a leak)`,
      );
    } else {
      reasons.push(steadyText(growth));
    }
  } else {
    const firstInstants = input.startMs + (input.endMs - input.startMs) * WARM_UP_MIN_FRACTION;
    const short = shortLogRise(input.heapAfterEnvelope, window, allRunning.filter((floor) => floor.timeMs >= firstInstants));
    if (short !== null) {
      verdict = 'leak';
      shortLog = true;
      reasons.push(short);
    } else {
      verdict = 'insufficient-data';
      reasons.push(
        tooFewText(input.floors.length, trendPoints.length, input.endMs - input.startMs, input.heapAfterEnvelope, input.forcedRepeats ?? 0) +
          (growth !== null && growth.points >= 2
            ? `; over them the floor went from ${mb(growth.firstMb)} to ${mb(growth.lastMb)} in ${formatDuration(growth.lastMs - growth.firstMs)}`
            : ''),
      );
    }
  }

  if (external?.leaking) {
    const externalText =
      `${EXTERNAL_NAMES[external.kind]} grew from ${mb(external.firstMb)} to ${mb(external.lastMb)}, ${rate(external.slopeMbPerMinute!)} ` +
      `(${formatCount(external.points)} points, Kendall's tau ${fixed(external.tau!, 2)})`;
    if (verdict === 'leak') reasons.push(externalText);
    else {
      if (verdict === 'none' || verdict === 'insufficient-data') reasons.length = 0;
      verdict = 'leak';
      reasons.unshift(externalText);
    }
  }
  if (heapLimitFraction !== null && heapLimitFraction >= NEAR_LIMIT_FRACTION && verdict !== 'leak') {
    if (verdict !== 'suspected') reasons.length = 0;
    verdict = 'suspected';
    reasons.push(`the floor is at ${(heapLimitFraction * 100).toFixed(0)}% of the ${mb(input.heapLimitMb!)} heap limit`);
  }

  if (growthStreak >= MEMWATCH_STREAK) {
    notes.push(`memwatch's rule fired (the floor grew ${growthStreak} times in a row, by ≥ ${MEMWATCH_MIN_GROWTH * 100}%); shown as evidence, it does not decide alone`);
  }
  if (input.ineffectiveMarkCompacts >= INEFFECTIVE_STREAK) {
    notes.push(`${formatCount(input.ineffectiveMarkCompacts)} Mark-Compacts in a row freed under 5% of the heap`);
  }
  const timeToLimit = minutesToLimit(verdict, growth, input.heapLimitMb, input.outOfMemory);
  if (timeToLimit !== null) {
    notes.push(`at this rate the floor reaches the ${mb(input.heapLimitMb!)} heap limit in about ${formatDuration(timeToLimit * 60_000)}`);
  }

  const evidence: LeakEvidence = {
    slopeMbPerMinute: growth?.slopeMbPerMinute ?? null,
    r2: growth?.r2 ?? null,
    points: trendPoints.length,
    relativeGrowth: growth === null ? null : growth.relativeGrowth,
    longestGrowthStreak: growthStreak,
    ineffectiveMarkCompacts: input.ineffectiveMarkCompacts,
    outOfMemory: input.outOfMemory,
    heapLimitMb: input.heapLimitMb,
    heapLimitFraction,
    markCompacts: input.floors.length,
    forcedRepeats: input.forcedRepeats ?? 0,
    warmUpEndMs: window.warmUpEndMs,
    shutdownMs: window.shutdownMs,
    tau: growth?.tau ?? null,
    mannKendallZ: growth?.mannKendallZ ?? null,
    growthMb: growth?.growthMb ?? null,
    levelMb: growth?.levelMb ?? null,
    plateau: growth?.plateau ?? null,
    givenBack: growth?.givenBack ?? null,
    shortLog,
    external,
    minutesToLimit: timeToLimit,
  };
  return { verdict, evidence, reasons, notes };
}

const percent = (fraction: number): string => `${(fraction * 100).toFixed(0)}%`;

/**
 * Too few Mark-Compacts for a trend, said with the time they fell in: old V8 (Node 0.12–5) lets the
 * heap grow several-fold between two of them, so a 15-s log can hold one, however much it grew.
 */
function tooFewText(all: number, afterWarmUp: number, spanMs: number, heapAfter: TimedValue[], forcedRepeats: number): string {
  const first = heapAfter[0];
  const last = heapAfter.at(-1);
  const grew = first !== undefined && last !== undefined && last.valueMb > first.valueMb ? `, while the heap left after GCs went from ${mb(first.valueMb)} to ${mb(last.valueMb)}` : '';
  const span = formatDuration(spanMs);
  const counted =
    all === 0
      ? `no Mark-Compact in ${span}`
      : all < MIN_TREND_POINTS
        ? `only ${plural(all, 'Mark-Compact')} in ${span}`
        : afterWarmUp === 0
          ? `no Mark-Compact after the warm-up (${formatCount(all)} in ${span})`
          : `only ${plural(afterWarmUp, 'Mark-Compact')} after the warm-up (${formatCount(all)} in ${span})`;
  const warm = all < MIN_TREND_POINTS && afterWarmUp < all ? (afterWarmUp === 0 ? ', none after the warm-up' : `, ${afterWarmUp} after the warm-up`) : '';
  const repeats =
    forcedRepeats === 0 ? '' : `; not counting ${plural(forcedRepeats, 'forced Mark-Compact')} right after another (a heap snapshot or global.gc() measuring the same moment again)`;
  return `${counted}${warm}${grew}${repeats}: a trend needs ${MIN_TREND_POINTS}`;
}

/**
 * A floor the detector does not call a leak, said as it is: falling, rising too little to matter,
 * or swinging; with the slowest leak that would have stood out of its swing over this span, since
 * "no leak" can only mean "none this log can show".
 */
function steadyText(growth: Growth): string {
  const slope = growth.slopeMbPerMinute!;
  const spanMs = growth.lastMs - growth.firstMs;
  const span = formatDuration(spanMs);
  const spread = `between ${mb(growth.minMb)} and ${mb(growth.maxMb)}`;
  const z = growth.mannKendallZ ?? 0;
  if (slope < 0 && z <= -LEAK_MIN_Z) {
    return `the floor after Mark-Compact fell ${rate(-slope).replace('+', '')} over ${span} (${formatCount(growth.points)} points, ${spread})`;
  }
  const hiddenRate = spanMs > 0 ? ((growth.maxMb - growth.minMb) * 60_000) / spanMs : 0;
  // A floor that did not move at all hides no leak worth a number.
  const hidden = hiddenRate >= 0.05 ? `; a leak slower than about ${rate(hiddenRate).replace('+', '')} would not stand out of this swing over this span` : '';
  if (z >= SUSPECT_MIN_Z && growth.growthMb > 0) {
    return (
      `the floor after Mark-Compact rose only ${mb(growth.growthMb)} (+${(growth.relativeGrowth * 100).toFixed(0)}% of its ${mb(growth.levelMb)} level) over ${span} ` +
      `(${formatCount(growth.points)} points): too little to call a leak${hidden}`
    );
  }
  return `the floor after Mark-Compact stayed ${spread} over ${span} (${formatCount(growth.points)} points, level ${mb(growth.levelMb)}, no steady rise: Kendall's tau ${fixed(growth.tau!, 2)})${hidden}`;
}

function minutesToLimit(verdict: LeakVerdict, growth: Growth | null, heapLimitMb: number | null, outOfMemory: boolean): number | null {
  if (outOfMemory || heapLimitMb === null || growth === null || growth.slopeMbPerMinute === null) return null;
  if ((verdict !== 'leak' && verdict !== 'suspected') || growth.slopeMbPerMinute <= 0) return null;
  return Math.max(0, (heapLimitMb - growth.lastMb) / growth.slopeMbPerMinute);
}

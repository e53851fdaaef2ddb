// How a memory series behaves over a run (the floor after Mark-Compact, a space's floor, external
// memory): its level, a robust trend, and the shapes that are not leaks though the series rose —
// growth that stopped (a cache reaching its bound) and memory held for a while and given back.

import { fitLine } from './trend.js';
import { kendallTau, MAX_PAIRWISE_POINTS, median, theilSen, thin } from './robust.js';

export interface TimedValue {
  timeMs: number;
  valueMb: number;
}

/** No slope, R² or tau is claimed from fewer points than this ("gained X MB in Y s" instead). */
export const MIN_TREND_POINTS = 5;
/** The last part of the series, as a share of its points, that decides whether growth has stopped. */
export const PLATEAU_TAIL_SHARE = 0.4;
/** The tail must hold at least this many points to call a plateau (8 floors in all). */
export const PLATEAU_MIN_TAIL_POINTS = 3;
/** Growth stopped when the tail rose less than this share of the growth before it. */
export const PLATEAU_TAIL_GROWTH_SHARE = 0.2;
/** A plateau needs the series to have gained this much first (else it just stayed level)… */
export const PLATEAU_MIN_GAIN_MB = 1;
/** …and this share of the plateau's level. */
export const PLATEAU_MIN_GAIN_SHARE = 0.05;
/** Memory given back: after its peak the series fell back within this share of its rise above the start… */
export const GIVEN_BACK_SHARE = 0.25;
/** …and the rise was real memory held, not a wobble: at least this share of the start's level… */
export const GIVEN_BACK_MIN_RISE_SHARE = 0.25;
/** …held over at least this many floors in the upper half of the rise. */
export const GIVEN_BACK_MIN_HELD_POINTS = 2;

export interface Growth {
  points: number;
  firstMs: number;
  lastMs: number;
  firstMb: number;
  lastMb: number;
  minMb: number;
  maxMb: number;
  /** The median value: the series' level, robust to one high or low point. */
  levelMb: number;
  /** Theil–Sen slope in MB/min; null with fewer than MIN_TREND_POINTS points. */
  slopeMbPerMinute: number | null;
  /** R² of the least-squares line, for reference; null with fewer than MIN_TREND_POINTS points. */
  r2: number | null;
  /** Kendall's tau (+1: every later value higher); null with fewer than MIN_TREND_POINTS points. */
  tau: number | null;
  /** Mann–Kendall z: how unlikely the rise is for a level that only swings (2.33 ≈ 1%). */
  mannKendallZ: number | null;
  /** Growth over the span: slope × span with a trend, else last − first. */
  growthMb: number;
  /** growthMb ÷ levelMb. */
  relativeGrowth: number;
  /** The series grew, then stayed flat: reached `levelMb` by `sinceMs`. */
  plateau: { levelMb: number; sinceMs: number } | null;
  /** The series rose to `peakMb` at `peakMs`, then fell back near where it started (`backToMb`). */
  givenBack: { peakMb: number; peakMs: number; backToMb: number } | null;
}

export function assessGrowth(series: TimedValue[]): Growth | null {
  if (series.length === 0) return null;
  const values = series.map((point) => point.valueMb);
  const first = series[0]!;
  const last = series[series.length - 1]!;
  const levelMb = median(values);
  const trended = series.length >= MIN_TREND_POINTS;
  const points = series.map((point) => ({ x: point.timeMs / 60_000, y: point.valueMb }));
  const sen = trended ? theilSen(points) : null;
  const fit = trended ? fitLine(points.map((p) => p.x), points.map((p) => p.y)) : null;
  const tau = trended ? kendallTau(points) : null;
  const spanMinutes = (last.timeMs - first.timeMs) / 60_000;
  const growthMb = sen === null ? last.valueMb - first.valueMb : sen.slope * spanMinutes;
  return {
    points: series.length,
    firstMs: first.timeMs,
    lastMs: last.timeMs,
    firstMb: first.valueMb,
    lastMb: last.valueMb,
    minMb: Math.min(...values),
    maxMb: Math.max(...values),
    levelMb,
    slopeMbPerMinute: sen?.slope ?? null,
    r2: fit?.r2 ?? null,
    tau,
    mannKendallZ: trended ? mannKendallZ(thin(values, MAX_PAIRWISE_POINTS)) : null,
    growthMb,
    relativeGrowth: levelMb > 0 ? growthMb / levelMb : 0,
    plateau: plateauOf(series),
    givenBack: givenBackOf(series),
  };
}

/**
 * Growth that stopped: the tail (the last PLATEAU_TAIL_SHARE of the points) rose less than
 * PLATEAU_TAIL_GROWTH_SHARE of what the series gained before it, and the series did gain.
 * The tail must stay up (its lowest point above half the gain), and last at least
 * PLATEAU_TAIL_GROWTH_SHARE of the head's time: over less, a rise going on at the head's own rate
 * would add under that share too, so "stopped" could not be told from "still rising" (a burst of
 * Mark-Compacts in the last second of a run: 0.11 and 0.05 of the head's time in two runs of
 * gclog run --find-leak on a leaking service, samples/heapsnapshots/find-leak-node22.log and -node26.log; the plateaus of the labelled corpora span 0.23 to 1.15).
 * The level reached is the tail's median; `sinceMs` is when the series first came within the tail's
 * own spread of it.
 */
export function plateauOf(series: TimedValue[]): Growth['plateau'] {
  const tailLength = Math.floor(series.length * PLATEAU_TAIL_SHARE);
  if (tailLength < PLATEAU_MIN_TAIL_POINTS || series.length - tailLength < 2) return null;
  const head = series.slice(0, series.length - tailLength);
  const tail = series.slice(series.length - tailLength);
  const headSpanMs = head[head.length - 1]!.timeMs - head[0]!.timeMs;
  if (tail[tail.length - 1]!.timeMs - tail[0]!.timeMs < headSpanMs * PLATEAU_TAIL_GROWTH_SHARE) return null;
  const tailValues = tail.map((point) => point.valueMb);
  const tailLevel = median(tailValues);
  const headStart = median(head.slice(0, Math.max(1, Math.ceil(head.length / 3))).map((point) => point.valueMb));
  const gainedBefore = tailLevel - headStart;
  if (gainedBefore < PLATEAU_MIN_GAIN_MB || gainedBefore < tailLevel * PLATEAU_MIN_GAIN_SHARE) return null;
  const tailTrend = theilSen(tail.map((point) => ({ x: point.timeMs / 60_000, y: point.valueMb })));
  const tailSpanMinutes = (tail[tail.length - 1]!.timeMs - tail[0]!.timeMs) / 60_000;
  const tailGrowth = tailTrend === null ? 0 : tailTrend.slope * tailSpanMinutes;
  if (tailGrowth >= gainedBefore * PLATEAU_TAIL_GROWTH_SHARE) return null;
  const tailLow = Math.min(...tailValues);
  // A tail that falls back is memory given back, not growth that stopped: the tail stays up.
  if (tailLow < headStart + gainedBefore / 2) return null;
  const reached = series.find((point) => point.valueMb >= tailLow) ?? tail[0]!;
  return { levelMb: tailLevel, sinceMs: reached.timeMs };
}

/**
 * Memory held for a while and given back: the peak is not among the last points, rose at least
 * GIVEN_BACK_MIN_RISE_SHARE above the start's level, and what came after it fell back to within
 * GIVEN_BACK_SHARE of that rise.
 */
export function givenBackOf(series: TimedValue[]): Growth['givenBack'] {
  if (series.length < 3) return null;
  let peakIndex = 0;
  for (let index = 1; index < series.length; index++) if (series[index]!.valueMb > series[peakIndex]!.valueMb) peakIndex = index;
  if (peakIndex === 0 || peakIndex === series.length - 1) return null;
  const startMb = Math.min(...series.slice(0, peakIndex).map((point) => point.valueMb));
  const peak = series[peakIndex]!;
  const after = series.slice(peakIndex + 1).map((point) => point.valueMb);
  const backToMb = Math.min(...after);
  // The series must end low too: one dip after the peak and a climb after it is not "given back".
  const endMb = after[after.length - 1]!;
  const allowance = (peak.valueMb - startMb) * GIVEN_BACK_SHARE;
  // Memory held: at least two floors up in the upper half of the rise (one high floor is a spike).
  const held = series.filter((point) => point.valueMb >= startMb + (peak.valueMb - startMb) / 2).length;
  if (held < GIVEN_BACK_MIN_HELD_POINTS) return null;
  if (peak.valueMb - startMb < startMb * GIVEN_BACK_MIN_RISE_SHARE || peak.valueMb <= startMb) return null;
  if (backToMb > startMb + allowance || endMb > startMb + 2 * allowance) return null;
  return { peakMb: peak.valueMb, peakMs: peak.timeMs, backToMb };
}

/** Mann–Kendall's trend statistic, normalised (ties ignored in the variance: floors rarely tie). */
export function mannKendallZ(values: number[]): number {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(values[j]! - values[i]!);
  const variance = (n * (n - 1) * (2 * n + 5)) / 18;
  if (variance === 0) return 0;
  return s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0;
}

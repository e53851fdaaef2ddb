// Claims about the floor after Mark-Compact and the leak verdict: each a sentence stated only when
// this log's numbers support it. The cut (warm-up, a shutdown collapse) is the verdict's own, so
// counts here always match the points the verdict used.

import type { FloorTrend, IsolateSummary } from '../../analyze/summary.js';
import { fixed, formatCount, formatDuration, formatMb, formatSlope, plural } from '../../format.js';

/** What was left out of the trend, in words: "the warm-up (first 4.0 s)" and the exit collapse. */
function cutWords(isolate: IsolateSummary): string {
  const evidence = isolate.leak.evidence;
  const warmUpMs = Math.max(0, evidence.warmUpEndMs - isolate.startMs);
  const warmUp = warmUpMs < 100 ? 'the start (its first instants)' : `the warm-up (the first ${formatDuration(warmUpMs)})`;
  return evidence.shutdownMs === null ? warmUp : `${warmUp} and the collapse at exit (${formatDuration(evidence.shutdownMs)})`;
}

/** Where the floor went over the log; a collapse at exit is said as such, not as where the floor went. */
export function floorRangeSentence(isolate: IsolateSummary, floor: FloorTrend): string {
  const exit = isolate.leak.evidence.shutdownMs;
  return exit === null || floor !== isolate.floors.total
    ? `The floor went from ${formatMb(floor.firstMb)} to ${formatMb(floor.lastMb)} (lowest ${formatMb(floor.minMb)}, highest ${formatMb(floor.maxMb)}).`
    : `The floor went from ${formatMb(floor.firstMb)} to ${formatMb(floor.lastRunningMb)} (highest ${formatMb(floor.maxMb)}), ` +
        `then fell to ${formatMb(floor.lastMb)} at ${formatDuration(exit)}: the app letting go of its memory at exit, left out of the trend.`;
}

/**
 * The floor's trend over the Mark-Compacts that count: a slope only from 5 points or more, else
 * what the floor did in plain numbers. Null without any Mark-Compact after the cut.
 */
export function floorTrendSentence(isolate: IsolateSummary, floor: FloorTrend | null = isolate.floors.total): string | null {
  if (floor === null) return null;
  if (isolate.timeKnown === false) return floorOrderSentence(isolate);
  const counted = floor.trendPoints;
  const of = `${plural(counted, 'Mark-Compact')} of ${formatCount(floor.points)}`;
  if (counted === 0) return `Every Mark-Compact falls in ${cutWords(isolate)}: none is left to show a trend.`;
  if (floor.slopeMbPerMinute === null) {
    return (
      `Leaving out ${cutWords(isolate)}, ${of} ${counted === 1 ? 'remains' : 'remain'}: too few for a trend (5 are needed)` +
      (counted >= 2 && floor.trendFromMs !== null && floor.trendToMs !== null
        ? `; the floor changed by ${signedMb(floor.growthMb)} over ${formatDuration(floor.trendToMs - floor.trendFromMs)}.`
        : '.')
    );
  }
  const tau = isolate.leak.evidence.tau;
  return (
    `Leaving out ${cutWords(isolate)}, the floor moved ${formatSlope(floor.slopeMbPerMinute)} over ${of} (its median ${formatMb(floor.levelMb)})` +
    (floor === isolate.floors.total && tau !== null
      ? `; Kendall's tau ${fixed(tau, 2)} says how steadily (1: each floor above the one before; 0: no direction).`
      : '.')
  );
}

/**
 * Without the GCs' times (v8.GCProfiler): the Mark-Compacts the verdict read, in order, and their
 * median floor; no slope, since nothing says how far apart they ran.
 */
export function floorOrderSentence(isolate: IsolateSummary): string {
  const { points, markCompacts, levelMb } = isolate.leak.evidence;
  if (points === 0 || levelMb === null) return `Leaving out the first fifth of the ${plural(markCompacts, 'Mark-Compact')}, none is left to read.`;
  return (
    `Leaving out the first fifth of the Mark-Compacts, ${points} of ${markCompacts} ${points === 1 ? 'remains' : 'remain'}, read in the order recorded (the profiler gives no time, so no trend per minute): ` +
    `their median floor is ${formatMb(levelMb)}.`
  );
}

function signedMb(value: number): string {
  const text = formatMb(Math.abs(value));
  return Number(fixed(value, 1)) === 0 ? text : `${value > 0 ? '+' : '−'}${text}`;
}

/** The verdict with the evidence that decided it, and what else was seen (never deciding). */
export function leakVerdictSentence(isolate: IsolateSummary): string {
  const { verdict, reasons, notes } = isolate.leak;
  const because = reasons.length > 0 ? `: ${reasons.join('; ')}` : '';
  const also = notes.length > 0 ? ` Also seen: ${notes.join('; ')}.` : '';
  switch (verdict) {
    case 'leak':
      return `So memory leaks${because}.${also}`;
    case 'suspected':
      return `So a leak is suspected${because}.${also}`;
    case 'none':
      return `So no leak${because}.${also}`;
    case 'insufficient-data':
      return `Not enough data to judge a leak${because}.${also}`;
  }
}

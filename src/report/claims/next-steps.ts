// Claims that are steps to take, each given only where this log calls for it, with tools that exist
// in the Node version the log came from.

import { allocationProfileTools, heapSnapshotTools, largerNewSpace, nearHeapLimitTools, newSpaceFlagName } from '../../analyze/advice.js';
import { MIN_TREND_POINTS } from '../../analyze/growth.js';
import { DOMINANT_PAUSE_SHARE, externalPressureYoungGcs, youngPauseShare } from '../../analyze/log-shape.js';
import type { IsolateSummary } from '../../analyze/summary.js';
import { formatCount, formatMs, formatPercent } from '../../format.js';
import { sentences, type Claim } from './claim.js';

/** Promoted share of allocation from which objects likely die just after promotion. */
export const HIGH_PROMOTION_SHARE = 0.2;
/** GC share of the time below which GC is not worth working on. */
export const LOW_OVERHEAD_FRACTION = 0.05;
/** Mark-Compact p99 from which their length is worth acting on. */
export const LONG_MARK_COMPACT_MS = 100;

const keeps = (isolate: IsolateSummary): boolean => isolate.leak.verdict === 'leak' || isolate.leak.verdict === 'suspected';

export function outOfMemoryStep(isolate: IsolateSummary): string | null {
  if (isolate.outOfMemory === null) return null;
  return `The process ran out of memory: what matters is what it keeps, not how fast it allocates. Find what is retained: ${nearHeapLimitTools(isolate.nodeMajorRange)}.`;
}

export function leakStep(isolate: IsolateSummary): string | null {
  if (!keeps(isolate) || isolate.outOfMemory !== null) return null;
  // The leak finding's step: how far apart follows how fast the floor rose, and heap snapshots given are linked there.
  const finding = isolate.findings.find((item) => item.id === 'leak');
  if (finding !== undefined) return finding.nextStep;
  return `Find what is kept: take two heap snapshots a few minutes apart (${heapSnapshotTools(isolate.nodeMajorRange)}) and compare them (Comparison view, sorted by # Delta).`;
}

export function insufficientDataStep(isolate: IsolateSummary): string | null {
  if (isolate.leak.verdict !== 'insufficient-data') return null;
  // Enough Mark-Compacts, but all within the run's first minute: more time is what is missing.
  if (isolate.leak.evidence.points >= MIN_TREND_POINTS) return 'Record a few minutes of the app under real load: a leak keeps rising, a settling app levels off; then the floor can be judged.';
  return 'Record for longer, so that several Mark-Compacts happen after the warm-up; then the floor can be judged.';
}

/** A bigger new space for a high promotion share, unless the promoted objects are the memory being kept. */
export function promotionAdvice(isolate: IsolateSummary): string | null {
  const { promotion, allocation } = isolate;
  if (isolate.young.count === 0 || allocation.totalMb <= 0) return null;
  const share = promotion.totalMb / allocation.totalMb;
  if (share < HIGH_PROMOTION_SHARE) return null;
  const external = externalPressureYoungGcs(isolate);
  if (external !== null) {
    // Young GCs started early, by Buffers growing, give objects less time to die: the new space's size is not the lever.
    return (
      `${formatPercent(share)} of what was allocated got promoted, but ${formatCount(external.count)} of the ${formatCount(external.young)} young GCs were started by external memory pressure (Buffers, ArrayBuffers growing), ` +
      `before the new space filled: a larger new space would not change when they run. Fewer or reused Buffers would.`
    );
  }
  if (keeps(isolate) || isolate.outOfMemory !== null) {
    return (
      `${formatPercent(share)} of what was allocated got promoted, but here memory is being kept: the promoted objects are that memory, ` +
      `so a larger new space (${newSpaceFlagName(isolate.nodeMajorRange)}) would not let them die young. Find what keeps them first.`
    );
  }
  return (
    `${formatPercent(share)} of what was allocated got promoted: objects live just long enough to reach the old space. ` +
    `A larger new space gives them time to die young: try ${largerNewSpace(isolate.nodeMajorRange, 32, 64, isolate.young.semiSpaceMb)}, then compare the two logs with gclog compare.`
  );
}

/** "Allocate less" only where young GCs take most of the pause time, GC costs enough, and the process did not run out of memory. */
export function allocationAdvice(isolate: IsolateSummary): string | null {
  const share = youngPauseShare(isolate);
  const fraction = isolate.overhead.fraction;
  if (share < DOMINANT_PAUSE_SHARE || fraction === null || fraction < LOW_OVERHEAD_FRACTION || isolate.outOfMemory !== null) return null;
  const external = externalPressureYoungGcs(isolate);
  if (external !== null) {
    return `Young GCs cost ${formatPercent(share)} of the pause time, ${formatCount(external.count)} of the ${formatCount(external.young)} started by external memory pressure: allocate fewer or smaller Buffers, reuse them, or let go of them sooner.`;
  }
  return `Young GCs cost ${formatPercent(share)} of the pause time: allocate less on hot paths; ${allocationProfileTools(isolate.nodeMajorRange)}.`;
}

export function liveSetAdvice(isolate: IsolateSummary): string | null {
  const old = isolate.pauses.byType['Mark-Compact'];
  if (old === undefined || old.p99Ms < LONG_MARK_COMPACT_MS) return null;
  return `Mark-Compacts reach ${formatMs(old.p99Ms)} (p99): their length grows with the live heap, so keep less in memory (bound caches, drop references early).`;
}

/** Only where no finding warns and the floor is steady. */
export function nothingNeedsAction(isolate: IsolateSummary): string | null {
  const fraction = isolate.overhead.fraction;
  if (isolate.leak.verdict !== 'none' || fraction === null || isolate.findings.some((finding) => finding.severity !== 'info')) return null;
  const share =
    isolate.timeKnown !== false
      ? `GC pauses took ${formatPercent(fraction)} of the time and `
      : (isolate.profile?.spanMs ?? 0) > 0
        ? `GC paused for ${formatPercent(fraction)} of the profile's span and `
        : '';
  return `Nothing here needs action: ${share}the longest pause was ${formatMs(isolate.pauses.all.maxMs)}.`;
}

export function findingsFirst(isolate: IsolateSummary): string | null {
  const serious = isolate.findings.filter((finding) => finding.severity !== 'info').length;
  if (serious === 0) return null;
  return `Start with the findings above (${serious} ${serious === 1 ? 'warning or error' : 'warnings and errors'}); none of the steps here fits this log better.`;
}

export const NEXT_STEPS: Claim[] = [outOfMemoryStep, leakStep, insufficientDataStep, promotionAdvice, allocationAdvice, liveSetAdvice];

/** The steps this log calls for; when none does, whether anything needs action at all. */
export function nextSteps(isolate: IsolateSummary): string[] {
  const steps = sentences(isolate, NEXT_STEPS);
  return steps.length > 0 ? steps : sentences(isolate, [nothingNeedsAction, findingsFirst]);
}

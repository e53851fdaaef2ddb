// What the log itself shows about its collectors, shared by the findings and the report's claims:
// which young collector ran, who took the pause time, and whether young GCs are missing from it.

import type { GcType } from '../events.js';
import type { IsolateSummary, PauseStats } from './summary.js';

type Analyzed = Omit<IsolateSummary, 'findings'>;

export const YOUNG_TYPES: GcType[] = ['Scavenge', 'Minor Mark-Compact', 'Minor Mark-Sweep'];

/** Share of the pause time above which one generation is where the time goes. */
export const DOMINANT_PAUSE_SHARE = 0.5;

/**
 * Heap growth between Mark-Compacts (MB, summed) above which an app must have run young GCs: it is
 * more than any default new space (V8's semi-spaces are at most 16 MB, 2 × 16 MB with the copy).
 */
export const HIDDEN_YOUNG_MIN_GROWTH_MB = 64;
/** Mark-Compacts needed to see the heap grow between them. */
export const HIDDEN_YOUNG_MIN_MARK_COMPACTS = 2;

/** The young collector this log used most; null when it has no young GC. */
export function youngCollector(isolate: Analyzed): GcType | null {
  let best: GcType | null = null;
  for (const type of YOUNG_TYPES) if ((isolate.counts[type] ?? 0) > (best === null ? 0 : isolate.counts[best] ?? 0)) best = type;
  return best;
}

/** Pause statistics of every young GC together (count and total exact; mean over all of them). */
export function youngPauses(isolate: Analyzed): Pick<PauseStats, 'count' | 'totalMs' | 'meanMs'> | null {
  let count = 0;
  let totalMs = 0;
  for (const type of YOUNG_TYPES) {
    const stats = isolate.pauses.byType[type];
    if (stats === undefined) continue;
    count += stats.count;
    totalMs += stats.totalMs;
  }
  return count === 0 ? null : { count, totalMs, meanMs: totalMs / count };
}

/** Young GCs' share of all pause time (0 without young GCs or pauses). */
export function youngPauseShare(isolate: Analyzed): number {
  const young = youngPauses(isolate);
  return young !== null && isolate.pauses.all.totalMs > 0 ? young.totalMs / isolate.pauses.all.totalMs : 0;
}

/** Mark-Compacts' share of all pause time. */
export function markCompactPauseShare(isolate: Analyzed): number {
  const old = isolate.pauses.byType['Mark-Compact'];
  return old !== undefined && isolate.pauses.all.totalMs > 0 ? old.totalMs / isolate.pauses.all.totalMs : 0;
}

/**
 * Young GCs the log does not show: Mark-Compacts only, yet the heap grew between them by more than
 * a new space holds, which only allocation does and which would have started young GCs. So V8 ran
 * them and `--trace-gc-ignore-scavenger` hid them, or the log is an excerpt. Null when not so.
 */
export function hiddenYoungGcs(isolate: Analyzed): { markCompacts: number; grewMb: number } | null {
  const markCompacts = isolate.counts['Mark-Compact'] ?? 0;
  if (youngPauses(isolate) !== null || markCompacts < HIDDEN_YOUNG_MIN_MARK_COMPACTS) return null;
  // With Mark-Compacts alone, allocation is exactly the growth from one's end to the next's start.
  const grewMb = isolate.allocation.source === 'heap-growth' ? isolate.allocation.totalMb : 0;
  return grewMb >= HIDDEN_YOUNG_MIN_GROWTH_MB ? { markCompacts, grewMb } : null;
}

/** Forced GCs (global.gc(), heap snapshots, memory-pressure calls) by reason and generation. */
export function forcedGcs(isolate: Analyzed): { count: number; young: number; old: number; reasons: IsolateSummary['reasons'] } {
  const reasons = isolate.reasons.filter((row) => row.forced);
  return {
    count: reasons.reduce((sum, row) => sum + row.count, 0),
    young: reasons.reduce((sum, row) => sum + row.byGeneration.young, 0),
    old: reasons.reduce((sum, row) => sum + row.byGeneration.old, 0),
    reasons,
  };
}

/** Share of the young GCs from which their trigger, not the new space's size, is what sets how many there are. */
export const EXTERNAL_PRESSURE_YOUNG_SHARE = 0.5;

/**
 * Young GCs V8 started because memory outside the JS heap grew (`external memory pressure`:
 * Buffers, ArrayBuffers), not because the new space filled; a larger new space leaves them as many.
 * Null unless they are at least EXTERNAL_PRESSURE_YOUNG_SHARE of the young GCs.
 */
export function externalPressureYoungGcs(isolate: Analyzed): { count: number; young: number } | null {
  const young = youngPauses(isolate)?.count ?? 0;
  if (young === 0) return null;
  const count = isolate.reasons.filter((row) => row.reason.includes('external memory pressure')).reduce((sum, row) => sum + row.byGeneration.young, 0);
  return count / young >= EXTERNAL_PRESSURE_YOUNG_SHARE ? { count, young } : null;
}

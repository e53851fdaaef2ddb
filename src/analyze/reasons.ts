// GC reasons: how often each one started a GC and how much pause it cost.

import type { GcEvent } from '../events.js';
import { round } from './pause-stats.js';
import type { ReasonRow } from './summary.js';

/** Reasons that mean someone asked for a GC (global.gc(), a heap snapshot, a memory-pressure call). */
export const FORCED_REASONS = new Set(['testing', 'low memory notification', 'heap profiler', 'debugger', 'measure memory', 'memory pressure']);

/** The row of GCs whose record gave no reason (a v8.GCProfiler result gives none at all). */
export const NOT_PRINTED_REASON = '(not printed)';

export class ReasonTable {
  private readonly rows = new Map<string, ReasonRow>();

  add(reason: string | null, pauseMs: number, generation: GcEvent['generation']): void {
    const key = reason ?? NOT_PRINTED_REASON;
    let row = this.rows.get(key);
    if (row === undefined) {
      row = { reason: key, count: 0, pauseMs: 0, forced: FORCED_REASONS.has(key), byGeneration: { young: 0, old: 0 } };
      this.rows.set(key, row);
    }
    row.count++;
    row.byGeneration[generation]++;
    row.pauseMs += pauseMs;
  }

  /** Rows by pause time, longest first. */
  result(): ReasonRow[] {
    return [...this.rows.values()]
      .map((row) => ({ ...row, pauseMs: round(row.pauseMs), byGeneration: { ...row.byGeneration } }))
      .sort((a, b) => b.pauseMs - a.pauseMs || b.count - a.count);
  }
}

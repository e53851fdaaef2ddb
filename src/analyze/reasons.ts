// GC reasons: how often each one started a GC and how much pause it cost.

import { round } from './pause-stats.js';
import type { ReasonRow } from './summary.js';

/** Reasons that mean someone asked for a GC (global.gc(), a heap snapshot, a memory-pressure call). */
export const FORCED_REASONS = new Set(['testing', 'low memory notification', 'heap profiler', 'debugger', 'measure memory', 'memory pressure']);

export class ReasonTable {
  private readonly rows = new Map<string, ReasonRow>();

  add(reason: string | null, pauseMs: number): void {
    const key = reason ?? '(not printed)';
    let row = this.rows.get(key);
    if (row === undefined) this.rows.set(key, (row = { reason: key, count: 0, pauseMs: 0, forced: FORCED_REASONS.has(key) }));
    row.count++;
    row.pauseMs += pauseMs;
  }

  /** Rows by pause time, longest first. */
  result(): ReasonRow[] {
    return [...this.rows.values()]
      .map((row) => ({ ...row, pauseMs: round(row.pauseMs) }))
      .sort((a, b) => b.pauseMs - a.pauseMs || b.count - a.count);
  }
}

// Did the GC's work change, or only the machine? Two runs of the same code on a busier machine show
// every pause stretched and more time in GC while doing the same GCs on the same heap (same GCs per
// minute, same allocation rate, same floor). On the labelled corpus, same-code pairs moved GC rates
// by up to 35%, allocation rates by up to 2% and the median floor by 8% (95th percentile; 20% once,
// a cache that filled late), while their p95 pause and GC overhead moved by up to 469% and 217% (a
// run slowed by a busy CPU). So a change in pause time or GC overhead decides the verdict only when
// the work changed beyond those bounds too.

import type { MetricRow } from './comparison.js';

/** What the GC had to do, and how far it must move (percent of the smaller value) to count as changed. */
export const WORK_METRICS: ReadonlyArray<{ id: string; percent: number }> = [
  { id: 'rate.gcs.all', percent: 50 },
  { id: 'rate.allocation', percent: 10 },
  { id: 'floor.level', percent: 10 },
];

/** The metrics a busier machine moves on its own. */
export const TIMING_METRICS: ReadonlySet<string> = new Set(['overhead', 'pause.p95.all']);

/** The work metrics that moved beyond their bound (and beyond their unit's minimum), by id. */
export function workChanges(metrics: MetricRow[]): string[] {
  const changed: string[] = [];
  for (const { id, percent } of WORK_METRICS) {
    const row = metrics.find((metric) => metric.id === id);
    if (row === undefined || row.before === null || row.after === null) continue;
    const absolute = Math.abs(row.after - row.before);
    const smaller = Math.min(Math.abs(row.before), Math.abs(row.after));
    if (absolute + 1e-9 < row.minimumAbsolute) continue;
    if (smaller === 0 ? absolute > 0 : (absolute / smaller) * 100 + 1e-9 >= percent) changed.push(id);
  }
  return changed;
}

/**
 * Marks the timing rows that moved while the work did not: shown as better or worse, but left out
 * of the verdict (`machineOnly`).
 */
export function markMachineOnly(metrics: MetricRow[]): MetricRow[] {
  if (workChanges(metrics).length > 0) return metrics;
  return metrics.map((row) =>
    TIMING_METRICS.has(row.id) && row.decisive && (row.change === 'improved' || row.change === 'regressed') ? { ...row, machineOnly: true } : row,
  );
}

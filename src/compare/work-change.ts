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
 * Work measured per second, which the machine's speed moves too, the other way round from the
 * pauses: a run on a busier CPU allocates less a second (fewer GCs a minute) while every pause
 * stretches (same code on Node 20, 7 s runs: allocation −18% to −40% beside p95 +30% to +115%).
 */
export const THROUGHPUT_METRICS: ReadonlySet<string> = new Set(['rate.gcs.all', 'rate.allocation']);

/**
 * How far (after ÷ before, either way) a machine's speed moved a rate in real runs, with margin: the
 * same program beside three busy processes allocated 2.9× less a second (compare/busy-*.log), while a
 * new space shrunk to 1 MB ran 8.1× the GCs a minute (compare/semi-*.log). A rate that moved the
 * other way from the pauses by this factor or more is the program's doing.
 */
export const MACHINE_SPEED_FACTOR = 4;

/**
 * Marks the timing rows that moved while the work did not: shown as better or worse, but left out
 * of the verdict (`machineOnly`). A rate counts as changed work beside a timing row when it moved
 * the same way (more allocation beside longer pauses is the program's doing; less allocation beside
 * longer pauses is what a slower machine does); or the other way by MACHINE_SPEED_FACTOR or more; or,
 * for GCs a minute, the other way while the allocation rate did not follow it (a smaller new space:
 * more GCs, each shorter, for the same allocation). A changed floor counts either way.
 */
export function markMachineOnly(metrics: MetricRow[]): MetricRow[] {
  const changed = workChanges(metrics);
  return metrics.map((row) => {
    if (!TIMING_METRICS.has(row.id) || !row.decisive || (row.change !== 'improved' && row.change !== 'regressed')) return row;
    const timingRose = row.after! > row.before!;
    const explained = changed.some((id) => {
      if (!THROUGHPUT_METRICS.has(id)) return true;
      const rose = movedUp(metrics, id);
      if (rose === timingRose) return true;
      // A machine moves the GC rate only with the allocation rate: GCs a minute moving alone is the program's (a new space resized).
      if (id === 'rate.gcs.all' && !changed.some((other) => other === 'rate.allocation' && movedUp(metrics, other) === rose)) return true;
      const work = metrics.find((metric) => metric.id === id)!;
      const [smaller, larger] = [Math.abs(work.before!), Math.abs(work.after!)].sort((a, b) => a - b) as [number, number];
      return smaller === 0 || larger / smaller >= MACHINE_SPEED_FACTOR;
    });
    return explained ? row : { ...row, machineOnly: true };
  });
}

function movedUp(metrics: MetricRow[], id: string): boolean {
  const row = metrics.find((metric) => metric.id === id)!;
  return row.after! > row.before!;
}

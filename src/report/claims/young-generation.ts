// Claims about the new space: which young collector ran and how, what it left, what it promoted.

import { hiddenYoungGcs, youngCollector, YOUNG_TYPES } from '../../analyze/log-shape.js';
import type { IsolateSummary } from '../../analyze/summary.js';
import type { GcType } from '../../events.js';
import { fixed, formatInterval, formatMb, formatMs, formatPercent, grouped, plural } from '../../format.js';

/** Mean MB left in the new space after a young GC at or below which it was "emptied" (two V8 pages). */
export const NEW_SPACE_NEARLY_EMPTY_MB = 0.5;

/** What each young collector does, as V8 implements it. */
export const YOUNG_COLLECTOR_WORK: Record<string, string> = {
  Scavenge:
    'A Scavenge cleans only the new space. It copies the objects still in use (survivors of their first Scavenge within the new space, those that survive a second one to the old space) and drops the rest at once, so its cost depends on how much survives, not on how much garbage there was.',
  'Minor Mark-Compact':
    'A Minor Mark-Compact cleans only the new space. It marks the objects still in use and compacts them, moving them together, and drops the rest, so its cost depends on how much survives, not on how much garbage there was.',
  'Minor Mark-Sweep':
    'A Minor Mark-Sweep cleans only the new space. It marks the objects still in use and sweeps the rest away in place, without copying; pages where many objects survive are promoted to the old space whole. Its cost depends on how much survives, not on how much garbage there was.',
};

/** The name to use for the young GCs: the collector when only one ran, else "young GC". */
export function youngName(isolate: IsolateSummary): string {
  const types = YOUNG_TYPES.filter((type) => (isolate.counts[type] ?? 0) > 0);
  return types.length === 1 ? types[0]! : 'young GC';
}

export function youngCollectorWork(isolate: IsolateSummary): string | null {
  const collector = youngCollector(isolate);
  return collector === null ? null : YOUNG_COLLECTOR_WORK[collector]!;
}

export function youngGcsCounted(isolate: IsolateSummary): string | null {
  const { young } = isolate;
  if (young.count === 0) return null;
  const name = youngName(isolate);
  // Without the GCs' times (v8.GCProfiler) how often they ran is unknown: the count alone.
  const often = isolate.timeKnown === false ? '' : `, ${grouped(young.perMinute, 0)} per minute (one every ${formatInterval(young.perMinute)})`;
  return (
    `Here: ${plural(young.count, name)}${often}. ` +
    `Each paused the program ${formatMs(young.meanPauseMs)} on average and freed ${formatMb(young.meanFreedMb)}.`
  );
}

/** A --trace-gc-ignore-scavenger log, or an excerpt: say that young GCs are missing, and claim nothing about them. */
export function youngGcsHidden(isolate: IsolateSummary): string | null {
  const hidden = hiddenYoungGcs(isolate);
  if (hidden === null) return null;
  return (
    `Young GCs are not in this log: it has ${plural(hidden.markCompacts, 'Mark-Compact')} and no young GC, yet the heap grew by ${formatMb(hidden.grewMb)} between them, which takes allocation and so young GCs. ` +
    'V8 ran them, but --trace-gc-ignore-scavenger hides them (or the log is an excerpt), so the pause totals, GC overhead and allocation in this report leave them out.'
  );
}

/** No young GC, and no sign that any was hidden (a short excerpt, an out-of-memory block alone). */
export function noYoungGcs(isolate: IsolateSummary): string | null {
  if (isolate.young.count > 0 || hiddenYoungGcs(isolate) !== null) return null;
  return `This log holds no young-generation GC (${plural(isolate.counts.total, 'GC')} in all), so nothing is said here about the new space.`;
}

export function heapAfterYoungGcs(isolate: IsolateSummary): string | null {
  if (isolate.young.count === 0) return null;
  const name = youngName(isolate);
  return (
    `After a ${name}, ${formatPercent(isolate.young.meanSurvivalRatio)} of the heap was still in use on average: ` +
    `the old space, which a ${name} does not touch, and what the ${name} kept.`
  );
}

/** New-space use after each young GC, from --trace-gc-verbose (the GCs the charts keep). */
export function newSpaceAfterYoungGcs(isolate: IsolateSummary): { meanMb: number; maxMb: number; count: number } | null {
  const youngLines = new Set(isolate.series.events.filter((event) => YOUNG_TYPES.includes(event.type as GcType)).map((event) => event.line));
  const usedMb = isolate.series.spaces
    .filter((point) => youngLines.has(point.line) && point.usedKb['new'] !== undefined)
    .map((point) => point.usedKb['new']! / 1024);
  if (usedMb.length === 0) return null;
  return { meanMb: usedMb.reduce((sum, mb) => sum + mb, 0) / usedMb.length, maxMb: Math.max(...usedMb), count: usedMb.length };
}

const KEPT_IN_NEW_SPACE: Record<string, string> = {
  Scavenge: 'a Scavenge copies first-time survivors within the new space and promotes only objects that survive a second one',
  'Minor Mark-Compact': 'a Minor Mark-Compact keeps the survivors it does not promote in the new space',
  'Minor Mark-Sweep': 'a Minor Mark-Sweep leaves survivors where they are, promoting whole only the pages where many survived',
  'young GC': 'young GCs keep recent survivors in the new space until they are promoted',
};

/** "The new space is emptied each time" only where --trace-gc-verbose shows it nearly empty after young GCs. */
export function newSpaceEmptied(isolate: IsolateSummary): string | null {
  const after = newSpaceAfterYoungGcs(isolate);
  if (after === null) return null;
  const name = youngName(isolate);
  const amounts = `${formatMb(after.meanMb)} on average (at most ${formatMb(after.maxMb)}, over ${plural(after.count, name)} with --trace-gc-verbose figures)`;
  if (after.meanMb <= NEW_SPACE_NEARLY_EMPTY_MB) {
    return `The new space was nearly emptied each time: ${amounts} stayed in it after a ${name}.`;
  }
  return `The new space was not emptied: ${amounts} stayed in it after a ${name}, because ${KEPT_IN_NEW_SPACE[name]}.`;
}

export function promotionMeasured(isolate: IsolateSummary): string | null {
  const { promotion, allocation } = isolate;
  if (isolate.young.count === 0) return null;
  if (isolate.timeKnown === false) return 'How fast objects were promoted to the old space is unknown: the profiler records no time for each GC.';
  if (promotion.source === 'none') return 'The log does not show how much was promoted to the old space.';
  const share = allocation.totalMb > 0 ? ` That is ${formatPercent(promotion.totalMb / allocation.totalMb)} of the ${formatMb(allocation.totalMb)} allocated.` : '';
  const estimate = promotion.source === 'heap-growth' ? ' (estimated from how the heap grew between GCs)' : '';
  return `${formatMb(promotion.totalMb)} survived long enough to be promoted to the old space, ${formatMb(promotion.mbPerSecond)} per second${estimate}.${share}`;
}

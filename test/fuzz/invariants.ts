// What must hold for ANY input, however damaged: every number is finite, and the summary agrees
// with the events it was made from. Each check throws with the JSON path of what is wrong.

import { MAX_RUNS_PER_INPUT } from '../../src/analyze/analyzer.js';
import type { PauseStats, Summary } from '../../src/analyze/summary.js';
import { GC_TYPES, isGcEvent, type GcEvent, type TraceEvent } from '../../src/events.js';

/** Throws at the first number that is NaN or ±Infinity (JSON would print it as null and hide it). */
export function assertAllFinite(value: unknown, path = '$'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path} is ${value}`);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertAllFinite(item, `${path}[${index}]`));
    return;
  }
  for (const [key, item] of Object.entries(value)) assertAllFinite(item, `${path}.${key}`);
}

/** Half a unit of the 2-decimal rounding the summary applies to means and totals. */
const ROUNDING = 0.005;

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

function assertOrderedPauses(stats: PauseStats, path: string): void {
  const { p50Ms, p95Ms, p99Ms, maxMs, meanMs } = stats;
  check(p50Ms <= p95Ms && p95Ms <= p99Ms && p99Ms <= maxMs, `${path}: percentiles out of order: p50 ${p50Ms}, p95 ${p95Ms}, p99 ${p99Ms}, max ${maxMs}`);
  check(meanMs <= maxMs + ROUNDING + Math.abs(maxMs) * 1e-12, `${path}: mean ${meanMs} > max ${maxMs}`);
}

function isolateKey(pid: number | null, isolate: string | null): string {
  return `${pid ?? ''}:${isolate ?? ''}`;
}

/** The summary's counts, pauses, floors and overhead agree with the events and with themselves. */
export function assertConsistentSummary(events: TraceEvent[], summary: Summary): void {
  const gcEvents = events.filter(isGcEvent);
  const byIsolate = new Map<string, GcEvent[]>();
  for (const event of gcEvents) {
    const key = isolateKey(event.pid, event.isolate);
    byIsolate.set(key, [...(byIsolate.get(key) ?? []), event]);
  }
  check(summary.inputs[0]!.gcEvents === gcEvents.length, `inputs[0].gcEvents ${summary.inputs[0]!.gcEvents} != ${gcEvents.length} events`);
  const total = summary.isolates.reduce((sum, isolate) => sum + isolate.counts.total, 0);
  check(total === gcEvents.length, `sum of isolate totals ${total} != ${gcEvents.length} events`);

  // A pid+isolate whose clock goes back is a new run of it (the out-of-memory block reprints GCs and never
  // starts one): each run is one isolate of the summary, matched here by its counts and time span.
  // Past MAX_RUNS_PER_INPUT clock steps back in the input, steps no longer split.
  const runsByKey = new Map<string, GcEvent[][]>();
  const lastTimes = new Map<string, number>();
  let splits = 0;
  for (const event of gcEvents) {
    const key = isolateKey(event.pid, event.isolate);
    let runs = runsByKey.get(key);
    const lastTimeMs = lastTimes.get(key) ?? -Infinity;
    if (runs === undefined) {
      runsByKey.set(key, (runs = [[]]));
      lastTimes.set(key, event.timeMs);
    } else if (event.timeMs < lastTimeMs && event.source !== 'oom-report') {
      if (splits < MAX_RUNS_PER_INPUT) {
        splits++;
        runs.push([]);
      }
      lastTimes.set(key, event.timeMs);
    } else if (event.timeMs > lastTimeMs) lastTimes.set(key, event.timeMs);
    runs.at(-1)!.push(event);
  }
  summary.isolates.forEach((isolate, index) => {
    const path = `isolates[${index}]`;
    const runs = runsByKey.get(isolateKey(isolate.pid, isolate.isolate)) ?? [];
    const match = runs.findIndex((run) => run.length === isolate.counts.total && run.reduce((max, event) => Math.max(max, event.timeMs), -Infinity) === (isolate.counts.total === 0 ? -Infinity : isolate.endMs));
    const own = match === -1 ? [] : runs.splice(match, 1)[0]!;
    check(isolate.counts.total === own.length, `${path}.counts.total ${isolate.counts.total} != ${own.length} events of that isolate`);
    const byType = GC_TYPES.reduce((sum, type) => sum + (isolate.counts[type] ?? 0), 0);
    check(byType === isolate.counts.total, `${path}: counts by type add up to ${byType}, total is ${isolate.counts.total}`);
    for (const type of GC_TYPES) {
      const expected = own.filter((event) => event.type === type).length;
      check((isolate.counts[type] ?? 0) === expected, `${path}.counts.${type} ${isolate.counts[type]} != ${expected}`);
    }

    const pauses = isolate.pauses;
    check(pauses.all.count === isolate.counts.total, `${path}.pauses.all.count ${pauses.all.count} != total ${isolate.counts.total}`);
    assertOrderedPauses(pauses.all, `${path}.pauses.all`);
    let countByType = 0;
    for (const [type, stats] of Object.entries(pauses.byType)) {
      countByType += stats.count;
      check(stats.count === (isolate.counts[type as keyof typeof isolate.counts] ?? 0), `${path}.pauses.byType.${type}.count != counts.${type}`);
      assertOrderedPauses(stats, `${path}.pauses.byType.${type}`);
    }
    check(countByType === pauses.all.count, `${path}: pause counts by type add up to ${countByType}, not ${pauses.all.count}`);
    for (const [type, buckets] of Object.entries(pauses.histogram.counts)) {
      const inHistogram = buckets.reduce((sum, count) => sum + count, 0);
      check(inHistogram === pauses.byType[type as keyof typeof pauses.byType]?.count, `${path}.pauses.histogram.counts.${type} holds ${inHistogram} pauses`);
    }

    const fraction = isolate.overhead.fraction;
    check(fraction === null ? isolate.overhead.unmeasured !== null : fraction >= 0 && fraction <= 1 && isolate.overhead.unmeasured === null, `${path}.overhead.fraction ${fraction} (unmeasured: ${isolate.overhead.unmeasured})`);
    check(isolate.overhead.gcTimeMs >= 0, `${path}.overhead.gcTimeMs ${isolate.overhead.gcTimeMs} < 0`);
    check(isolate.durationMs >= 0, `${path}.durationMs ${isolate.durationMs} < 0`);

    const floor = isolate.floors.total;
    const oldEvents = own.filter((event) => event.generation === 'old');
    if (floor === null) {
      check(oldEvents.length === 0, `${path}.floors.total is null with ${oldEvents.length} Mark-Compacts`);
    } else {
      // A forced Mark-Compact right after another is the same floor read again: not a point of its own.
      const repeats = isolate.leak.evidence.forcedRepeats;
      check(floor.points + repeats === oldEvents.length, `${path}.floors.total.points ${floor.points} + ${repeats} forced repeats != ${oldEvents.length} Mark-Compacts`);
      check(floor.minMb <= floor.lastMb && floor.lastMb <= floor.maxMb, `${path}.floors.total: min ${floor.minMb} ≤ last ${floor.lastMb} ≤ max ${floor.maxMb} fails`);
      check(floor.minMb <= floor.firstMb && floor.firstMb <= floor.maxMb, `${path}.floors.total: min ${floor.minMb} ≤ first ${floor.firstMb} ≤ max ${floor.maxMb} fails`);
    }
    // Each floor drawn is the heap after a Mark-Compact of this isolate. It can be above the heap before
    // that GC even in a real log (node6-steady.log line 14: `Mark-sweep 39.0 (71.0) -> 39.3 (78.0) MB`,
    // allocation during incremental marking), so the floor only has to be faithful to its record.
    for (const point of isolate.series.floors) {
      // Out-of-memory blocks glue several records on one line: any of them may be the one.
      const candidates = oldEvents.filter((event) => event.line === point.line && event.heapAfterMb === point.heapAfterMb);
      check(candidates.length > 0, `${path}.series.floors: no Mark-Compact at line ${point.line} with heap after ${point.heapAfterMb}`);
    }
  });
}

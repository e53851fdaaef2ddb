// What `compare` measures on each side of an isolate pair: one definition per table row, with
// its unit, which way is better, and whether it decides the verdict. Rates are per minute or per
// GC so that logs of different lengths compare fairly; totals are shown but never judged.

import { MIN_TREND_POINTS } from '../analyze/leak.js';
import type { FloorTrend, IsolateSummary, LeakVerdict } from '../analyze/summary.js';
import { GC_TYPES, type GcType } from '../events.js';
import type { Change, Direction, MetricGroup, MetricRow, MetricUnit, StateRow } from './comparison.js';
import { SUSPECT_MIN_Z } from '../analyze/leak.js';
import { median } from '../analyze/robust.js';
import { MINIMUM_ABSOLUTE_DIFFERENCE, difference, intervalsOverlap, judge, judgeRank, type Interval } from './noise-rule.js';

interface MetricDefinition {
  id: string;
  group: MetricGroup;
  label: string;
  unit: MetricUnit;
  direction: Direction;
  decisive: boolean;
  value: (isolate: IsolateSummary) => number | null;
  /** What the noise rule looks at, when not the shown value (a shrinking floor is judged as flat). */
  judged?: (isolate: IsolateSummary) => number | null;
  /** The value's 90% interval within its run: a change must leave it, not only pass the noise rule. */
  interval?: (isolate: IsolateSummary) => Interval | null;
}

const PERCENTILES = [
  ['p50', 'p50Ms'],
  ['p95', 'p95Ms'],
  ['p99', 'p99Ms'],
  ['max', 'maxMs'],
] as const;

/**
 * The percentile of all pauses that decides the verdict: the tail requests feel, yet resting on
 * enough pauses to be stable (with a few hundred GCs, p99 and max are one or two pauses each).
 */
const DECISIVE_PERCENTILES = new Set(['p95']);

const perMinute = (count: number | undefined, isolate: IsolateSummary): number | null =>
  isolate.durationMs > 0 ? ((count ?? 0) * 60_000) / isolate.durationMs : null;

/** Types seen on either side, in GC_TYPES order, so absent ones do not add empty rows. */
function typesOf(before: IsolateSummary, after: IsolateSummary): GcType[] {
  return GC_TYPES.filter((type) => (before.counts[type] ?? 0) > 0 || (after.counts[type] ?? 0) > 0);
}

/** Spaces with any content on either side (empty large-object spaces would add rows of zeros). */
function spacesOf(before: IsolateSummary, after: IsolateSummary): string[] {
  const names = new Set([...Object.keys(before.floors.bySpace), ...Object.keys(after.floors.bySpace)]);
  names.delete('all');
  return [...names].filter((space) =>
    [before, after].some((isolate) => (isolate.floors.bySpace[space]?.maxMb ?? 0) > 0.05),
  );
}

/** Below this R² a space's slope is scatter, not a trend. */
export const TREND_MIN_R2 = 0.3;

/**
 * The trend as judged: only growth is worse (a shrinking floor counts as flat); a rise the leak
 * detector does not take for a leak or a suspected one (too weak, too short, a plateau; for a
 * space, R² below TREND_MIN_R2) is flat; and below 5 Mark-Compacts after the warm-up there is no
 * trend at all. So the trend and the leak verdict never tell two stories.
 */
function judgedTrend(trend: FloorTrend | null | undefined, isolate: IsolateSummary, isTotal: boolean): number | null {
  if (trend === null || trend === undefined || trend.trendPoints < MIN_TREND_POINTS || trend.slopeMbPerMinute === null) return null;
  const rising = isTotal ? floorRiseCounted(isolate) : (trend.r2 ?? 0) >= TREND_MIN_R2;
  return rising ? Math.max(0, trend.slopeMbPerMinute) : 0;
}

/** The leak detector took the floor's own rise for a leak or a suspected one (not an OOM or external memory alone). */
function floorRiseCounted(isolate: IsolateSummary): boolean {
  const { evidence } = isolate.leak;
  if (evidence.slopeMbPerMinute === null || evidence.plateau !== null || evidence.givenBack !== null) return false;
  return (evidence.mannKendallZ ?? 0) >= SUSPECT_MIN_Z && (isolate.leak.verdict === 'leak' || isolate.leak.verdict === 'suspected');
}

/** The floor's level is judged from as many floors as a trend needs: one or two Mark-Compacts say little of the live set. */
function judgedLevel(trend: FloorTrend | null | undefined): number | null {
  return trend === null || trend === undefined || trend.trendPoints < MIN_TREND_POINTS ? null : trend.levelMb;
}

function floorDefinitions(idSuffix: string, labelSuffix: string, group: MetricGroup, decisive: boolean, trend: (isolate: IsolateSummary) => FloorTrend | null | undefined): MetricDefinition[] {
  const isTotal = idSuffix === '';
  return [
    // The level: the median floor of the running app, never one value (the last floor swings with the moment the log stopped).
    { id: `floor.level${idSuffix}`, group, label: `Floor after Mark-Compact, median${labelSuffix}`, unit: 'MB', direction: 'lower-is-better', decisive, value: (i) => trend(i)?.levelMb ?? null, judged: (i) => judgedLevel(trend(i)), interval: (i) => trend(i)?.levelIntervalMb ?? null },
    { id: `floor.last${idSuffix}`, group, label: `Floor after Mark-Compact, last${labelSuffix}`, unit: 'MB', direction: 'lower-is-better', decisive: false, value: (i) => trend(i)?.lastMb ?? null },
    { id: `floor.trend${idSuffix}`, group, label: `Floor trend${labelSuffix}`, unit: 'MB/min', direction: 'lower-is-better', decisive, value: (i) => trend(i)?.slopeMbPerMinute ?? null, judged: (i) => judgedTrend(trend(i), i, isTotal) },
  ];
}

export function metricDefinitions(before: IsolateSummary, after: IsolateSummary): MetricDefinition[] {
  const types = typesOf(before, after);
  const definitions: MetricDefinition[] = [
    { id: 'overhead', group: 'overhead', label: 'GC overhead', unit: '%', direction: 'lower-is-better', decisive: true, value: (i) => (i.overhead.fraction === null ? null : i.overhead.fraction * 100), interval: (i) => i.intervals.overheadPercent },
  ];
  for (const scope of ['all', ...types] as const) {
    for (const [name, field] of PERCENTILES) {
      const stats = (i: IsolateSummary) => (scope === 'all' ? i.pauses.all : i.pauses.byType[scope]);
      definitions.push({
        id: `pause.${name}.${scope}`,
        group: 'pauses',
        label: `Pause ${name}, ${scope === 'all' ? 'all GCs' : scope}`,
        unit: 'ms',
        direction: 'lower-is-better',
        decisive: scope === 'all' && DECISIVE_PERCENTILES.has(name),
        ...(scope === 'all' && name === 'p95' ? { interval: (i: IsolateSummary) => i.intervals.pauseP95Ms } : {}),
        value: (i) => {
          const s = stats(i);
          return s === undefined || s.count === 0 ? null : s[field];
        },
      });
    }
  }
  definitions.push({ id: 'rate.gcs.all', group: 'counts', label: 'GCs per minute', unit: 'per min', direction: 'lower-is-better', decisive: false, value: (i) => perMinute(i.counts.total, i) });
  for (const type of types) {
    definitions.push({ id: `rate.gcs.${type}`, group: 'counts', label: `${type} per minute`, unit: 'per min', direction: 'lower-is-better', decisive: false, value: (i) => perMinute(i.counts[type], i) });
  }
  // Totals grow with the log's length: shown for reference, never judged for better or worse.
  definitions.push({ id: 'count.all', group: 'counts', label: 'GCs in the log', unit: 'count', direction: 'neutral', decisive: false, value: (i) => i.counts.total });
  for (const type of types) {
    definitions.push({ id: `count.${type}`, group: 'counts', label: `${type} in the log`, unit: 'count', direction: 'neutral', decisive: false, value: (i) => i.counts[type] ?? 0 });
  }
  definitions.push(
    // More allocation can mean more work done: a property of the workload, not a verdict.
    { id: 'rate.allocation', group: 'rates', label: 'Allocation rate', unit: 'MB/s', direction: 'neutral', decisive: false, value: (i) => (i.allocation.source === 'none' ? null : i.allocation.mbPerSecond) },
    { id: 'rate.promotion', group: 'rates', label: 'Promotion to old space', unit: 'MB/s', direction: 'lower-is-better', decisive: false, value: (i) => (i.promotion.source === 'none' ? null : i.promotion.mbPerSecond) },
  );
  definitions.push(...floorDefinitions('', '', 'floors', true, (i) => i.floors.total));
  for (const space of spacesOf(before, after)) {
    definitions.push(...floorDefinitions(`.${space}`, ` (${space} space)`, 'spaces', false, (i) => i.floors.bySpace[space]));
  }
  return definitions;
}

/**
 * One side of a pair: the same isolate in each run of that side (one run, or several reruns of the
 * same code). A metric's value is the median over the runs; its interval spans every run's value
 * and interval, so a change must leave what the reruns themselves spread over.
 */
export function sideValue(
  runs: IsolateSummary[],
  value: (isolate: IsolateSummary) => number | null,
  interval?: (isolate: IsolateSummary) => Interval | null,
  spreadAsInterval = interval !== undefined,
): { value: number | null; interval: Interval | null; values: number[] } {
  const values = runs.map(value).filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0) return { value: null, interval: null, values };
  // Only the decisive metrics take the runs' spread as an interval: for counts and rates shown
  // beside them, two runs' min–max is no interval, and would flip labels on gaps of one GC.
  if (!spreadAsInterval) return { value: values.length === 1 ? values[0]! : median(values), interval: null, values };
  const intervals = interval === undefined ? [] : runs.map(interval).filter((i): i is Interval => i !== null);
  let spread: Interval | null = null;
  if (intervals.length > 0 || values.length > 1) {
    const lows = [...values, ...intervals.map((i) => i.low)];
    const highs = [...values, ...intervals.map((i) => i.high)];
    spread = { low: Math.min(...lows), high: Math.max(...highs) };
  }
  return { value: values.length === 1 ? values[0]! : median(values), interval: spread, values };
}

export function metricRows(before: IsolateSummary[], after: IsolateSummary[], thresholdPercent: number): MetricRow[] {
  return metricDefinitions(before[0]!, after[0]!).map((definition) => {
    const spread = definition.decisive || definition.interval !== undefined;
    const sideBefore = sideValue(before, definition.value, definition.interval, spread);
    const sideAfter = sideValue(after, definition.value, definition.interval, spread);
    const valueBefore = sideBefore.value;
    const valueAfter = sideAfter.value;
    const minimumAbsolute = MINIMUM_ABSOLUTE_DIFFERENCE[definition.unit];
    const shown = valueBefore === null || valueAfter === null ? null : difference(valueBefore, valueAfter);
    const intervalBefore = sideBefore.interval;
    const intervalAfter = sideAfter.interval;
    const judged = (runs: IsolateSummary[]) => (definition.judged === undefined ? sideValue(runs, definition.value).value : sideValue(runs, definition.judged).value);
    const byRule = judge(judged(before), judged(after), definition.direction, minimumAbsolute, thresholdPercent);
    const row: MetricRow = {
      id: definition.id,
      group: definition.group,
      label: definition.label,
      unit: definition.unit,
      before: valueBefore,
      after: valueAfter,
      differenceAbsolute: shown?.absolute ?? null,
      differencePercent: shown?.percent ?? null,
      direction: definition.direction,
      decisive: definition.decisive,
      minimumAbsolute,
      intervalBefore,
      intervalAfter,
      change: byRule !== 'unchanged' && byRule !== 'not-comparable' && intervalsOverlap(intervalBefore, intervalAfter) ? 'unchanged' : byRule,
    };
    if (before.length > 1 || after.length > 1) {
      row.runsBefore = sideBefore.values;
      row.runsAfter = sideAfter.values;
    }
    return row;
  });
}

/**
 * The leak verdict decides only when it crosses `leak`: `none` ↔ `suspected` is what two runs of the
 * same code do on noise (shown as `changed`). `insufficient-data` compares with nothing, except that
 * a leak after it is a regression (a fix cannot be claimed from a run too short to judge).
 */
export function judgeLeakStates(before: LeakVerdict, after: LeakVerdict): Change {
  // A leak where the other run could not be judged is still a leak that was not known before.
  if (before === 'insufficient-data' && after === 'leak') return 'regressed';
  // A suspicion after a run too short to judge is worth showing, not deciding (as none ↔ suspected).
  if (before === 'insufficient-data' && after === 'suspected') return 'changed';
  if (before === 'insufficient-data' || after === 'insufficient-data') return before === after ? 'unchanged' : 'not-comparable';
  if ((before === 'leak') !== (after === 'leak')) return after === 'leak' ? 'regressed' : 'improved';
  return before === after ? 'unchanged' : 'changed';
}

/**
 * A side's leak verdict over its runs: `leak` when most runs say so, `none` when no run suspects
 * anything, `suspected` in between; `insufficient-data` only when no run could be judged.
 */
export function sideLeakVerdict(runs: IsolateSummary[]): LeakVerdict {
  const judged = runs.map((run) => run.leak.verdict).filter((verdict) => verdict !== 'insufficient-data');
  if (judged.length === 0) return 'insufficient-data';
  const leaks = judged.filter((verdict) => verdict === 'leak').length;
  if (leaks * 2 > judged.length) return 'leak';
  return judged.every((verdict) => verdict === 'none') ? 'none' : 'suspected';
}

export function stateRows(before: IsolateSummary[], after: IsolateSummary[]): StateRow[] {
  // Out of memory on a side: when most of its runs crashed.
  const oom = (runs: IsolateSummary[]) => (runs.filter((run) => run.outOfMemory !== null).length * 2 > runs.length ? 1 : 0);
  const leakBefore = sideLeakVerdict(before);
  const leakAfter = sideLeakVerdict(after);
  return [
    { id: 'leak', label: 'Leak verdict', before: leakBefore, after: leakAfter, decisive: true, change: judgeLeakStates(leakBefore, leakAfter) },
    { id: 'out-of-memory', label: 'Fatal out of memory', before: oom(before) ? 'yes' : 'no', after: oom(after) ? 'yes' : 'no', decisive: true, change: judgeRank(oom(before), oom(after)) },
  ];
}

/** Reasons (`allocation failure`, `testing` …) seen in only one run. */
export function reasonChanges(before: IsolateSummary, after: IsolateSummary): { appeared: string[]; vanished: string[] } {
  const namesBefore = new Set(before.reasons.map((row) => row.reason));
  const namesAfter = new Set(after.reasons.map((row) => row.reason));
  return {
    appeared: [...namesAfter].filter((reason) => !namesBefore.has(reason)).sort(),
    vanished: [...namesBefore].filter((reason) => !namesAfter.has(reason)).sort(),
  };
}

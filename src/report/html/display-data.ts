// Summary → the data the report embeds: compact tables per isolate, within a byte budget.

import type { EventPoint, IsolateSummary, ReasonRow, Series, Summary } from '../../analyze/summary.js';
import { median } from '../../analyze/robust.js';
import { GC_TYPES, type GcType } from '../../events.js';

/** A dataset as field names and rows of values: a third of the size of an array of objects. */
export interface Table {
  fields: string[];
  rows: Array<Array<number | string | boolean | null>>;
}

export type DatasetName = 'events' | 'floors' | 'trend' | 'spaces' | 'windows' | 'allocation' | 'histogram' | 'reasons';

/**
 * What a chart's x axis is: time (`timeMs` in the data), or the GC's number in the order recorded
 * (`gcNumber`) for an isolate whose GCs carry no time (a v8.GCProfiler result).
 */
export type ChartAxis = 'time' | 'gcNumber';

export function chartAxisOf(isolate: IsolateSummary): ChartAxis {
  return isolate.timeKnown === false ? 'gcNumber' : 'time';
}

export interface IsolateDisplay {
  /** Index in the report (0 = the first shown, the main thread). */
  index: number;
  label: string;
  axis: ChartAxis;
  datasets: Record<DatasetName, Table>;
  /** True when the report drew fewer points than the summary holds (many isolates, byte budget). */
  thinned: boolean;
}

export interface ReportDisplay {
  /** GC types present in any isolate, in GC_TYPES order: one colour per type across every chart. */
  gcTypes: GcType[];
  /** Heap spaces with verbose data in any isolate (the `all` total excluded: the areas stack to it). */
  spaceKeys: string[];
  /** The GC-per-second line of the analyzer (the same for every isolate). */
  windowThresholdMs: number;
  isolates: IsolateDisplay[];
  /** Isolates in the summary but not in the report (past MAX_ISOLATES_SHOWN). */
  isolatesNotShown: number;
}

/** The selector stays usable and the page small; the rest are in `--json`. */
export const MAX_ISOLATES_SHOWN = 24;
/** Points drawn per series across the whole report; the analyzer keeps up to ~4000 per isolate. */
export const POINT_BUDGET_PER_SERIES = 8000;
/** Tooltips show the start of a reason; the full text is in the reasons table. */
export const TOOLTIP_REASON_CHARS = 120;
/** Reasons charted and tabled; the rest are summed in one row. */
export const MAX_REASONS_SHOWN = 15;
/** The reasons table shows reasons in full up to this length (a log line can be megabytes). */
export const MAX_REASON_CHARS = 2000;

/** Clinic Doctor's rule, used only when the summary has no isolate to read it from. */
const DEFAULT_WINDOW_THRESHOLD_MS = 100;

export function isolatesShown(summary: Summary): IsolateSummary[] {
  return summary.isolates.slice(0, MAX_ISOLATES_SHOWN);
}

export function buildReportDisplay(summary: Summary): ReportDisplay {
  const isolates = isolatesShown(summary);
  const pointsPerIsolate = Math.max(200, Math.floor(POINT_BUDGET_PER_SERIES / Math.max(1, isolates.length)));
  const spaceKeys = spaceKeysOf(isolates);
  return {
    gcTypes: GC_TYPES.filter((type) => isolates.some((isolate) => (isolate.counts[type] ?? 0) > 0)),
    spaceKeys,
    windowThresholdMs: isolates[0]?.overhead.windowThresholdMs ?? DEFAULT_WINDOW_THRESHOLD_MS,
    isolates: isolates.map((isolate, index) => isolateDisplay(isolate, index, pointsPerIsolate, spaceKeys)),
    isolatesNotShown: summary.isolates.length - isolates.length,
  };
}

/**
 * The points to draw, each with its x value: its time, or its GC number when the isolate has no
 * times (then there are no windows or allocation rates: they need time).
 */
function drawnSeries(isolate: IsolateSummary): Omit<Series, 'events' | 'floors' | 'spaces'> & {
  events: Array<Omit<EventPoint, 'timeMs'> & { x: number }>;
  floors: Array<{ x: number; heapAfterMb: number; line: number }>;
  spaces: Array<{ x: number; line: number; usedKb: Record<string, number> }>;
} {
  const order = isolate.orderSeries;
  if (chartAxisOf(isolate) === 'gcNumber' && order !== undefined) {
    return {
      events: order.events.map(({ gcNumber, ...point }) => ({ x: gcNumber, ...point })),
      floors: order.floors.map(({ gcNumber, ...point }) => ({ x: gcNumber, ...point })),
      spaces: order.spaces.map(({ gcNumber, ...point }) => ({ x: gcNumber, ...point })),
      windows: [],
      allocation: [],
      reduced: order.reduced,
    };
  }
  const series = isolate.series;
  return {
    ...series,
    events: series.events.map(({ timeMs, ...point }) => ({ x: timeMs, ...point })),
    floors: series.floors.map(({ timeMs, ...point }) => ({ x: timeMs, ...point })),
    spaces: series.spaces.map(({ timeMs, ...point }) => ({ x: timeMs, ...point })),
  };
}

/** The data field that holds a point's x: milliseconds (the charts read seconds from it) or the GC number. */
export function xFieldOf(axis: ChartAxis): 'timeMs' | 'gcNumber' {
  return axis === 'time' ? 'timeMs' : 'gcNumber';
}

function isolateDisplay(isolate: IsolateSummary, index: number, maxPoints: number, spaceKeys: string[]): IsolateDisplay {
  const axis = chartAxisOf(isolate);
  const x = xFieldOf(axis);
  const series = drawnSeries(isolate);
  const events = thinKeepingExtremes(series.events, maxPoints, [(p) => p.pauseMs, (p) => p.heapBeforeMb, (p) => -p.heapAfterMb, (p) => (p.type === 'Mark-Compact' ? 1 : 0)]);
  const floors = thinKeepingExtremes(series.floors, maxPoints, [(p) => p.heapAfterMb, (p) => -p.heapAfterMb]);
  const spaces = thinKeepingExtremes(series.spaces, maxPoints, [(p) => p.usedKb['all'] ?? 0, (p) => -(p.usedKb['all'] ?? 0)]);
  const windows = thinKeepingExtremes(series.windows, maxPoints, [(p) => p.gcMs]);
  const allocation = thinKeepingExtremes(series.allocation, maxPoints, [(p) => p.mbPerSecond]);
  const thinned =
    events.length < series.events.length ||
    floors.length < series.floors.length ||
    spaces.length < series.spaces.length ||
    windows.length < series.windows.length ||
    allocation.length < series.allocation.length;
  return {
    index,
    label: isolate.label,
    axis,
    thinned,
    datasets: {
      events: {
        fields: [x, 'type', 'pauseMs', 'heapBeforeMb', 'heapAfterMb', 'committedAfterMb', 'reason', 'line'],
        rows: events.map((p) => [p.x, p.type, p.pauseMs, p.heapBeforeMb, p.heapAfterMb, p.committedAfterMb, shortReason(p), p.line]),
      },
      floors: { fields: [x, 'heapAfterMb', 'line'], rows: floors.map((p) => [p.x, p.heapAfterMb, p.line]) },
      trend: axis === 'time' ? trendTable(isolate) : { fields: [x, 'trendMb'], rows: [] },
      spaces: {
        // Wide rows (one column per space) are folded to long form inside the chart.
        fields: [x, 'line', ...spaceKeys.map(spaceField)],
        rows: spaces.map((p) => [p.x, p.line, ...spaceKeys.map((key) => round((p.usedKb[key] ?? 0) / 1024, 3))]),
      },
      windows: { fields: ['startMs', 'gcMs'], rows: windows.map((w) => [w.startMs, w.gcMs]) },
      allocation: { fields: ['timeMs', 'mbPerSecond'], rows: allocation.map((p) => [p.timeMs, p.mbPerSecond]) },
      histogram: histogramTable(isolate),
      reasons: reasonsTable(isolate),
    },
  };
}

/** Field name of a space in the spaces table (prefixed so that no space key can clash with timeMs or line). */
export function spaceField(key: string): string {
  return `space:${key}`;
}

/** The per-space points of an isolate, on whichever axis it has. */
export function spacePointsOf(isolate: IsolateSummary): Array<{ usedKb: Record<string, number> }> {
  return isolate.orderSeries?.spaces ?? isolate.series.spaces;
}

function spaceKeysOf(isolates: IsolateSummary[]): string[] {
  const keys = new Set<string>();
  for (const isolate of isolates) {
    for (const point of spacePointsOf(isolate)) for (const key of Object.keys(point.usedKb)) if (key !== 'all') keys.add(key);
  }
  // Spaces that never hold anything would only add empty legend entries.
  return [...keys].filter((key) => isolates.some((isolate) => spacePointsOf(isolate).some((point) => (point.usedKb[key] ?? 0) > 0)));
}

function shortReason(point: Pick<EventPoint, 'reason'>): string | null {
  return point.reason === null ? null : truncate(point.reason, TOOLTIP_REASON_CHARS);
}

export function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

/**
 * The floor's trend as a two-point line over the floors it was fitted on; none below 5 points,
 * where the summary claims no slope.
 */
export function trendTable(isolate: IsolateSummary): Table {
  const table: Table = { fields: ['timeMs', 'trendMb'], rows: [] };
  const total = isolate.floors.total;
  const floors = isolate.series.floors;
  // The floors the trend used (after the warm-up, before a shutdown collapse), as the verdict cut them.
  const used = total?.trendFromMs == null ? [] : floors.filter((p) => p.timeMs >= total.trendFromMs! && p.timeMs <= total.trendToMs!);
  if (total === null || total.slopeMbPerMinute === null || total.trendFromMs === null || total.trendToMs === null || used.length < 2) {
    // No trend to draw. One point draws no line, and keeps Vega from warning of an empty extent.
    if (floors.length > 0) table.rows.push([floors[0]!.timeMs, floors[0]!.heapAfterMb]);
    return table;
  }
  const slopeMbPerMs = total.slopeMbPerMinute / 60_000;
  // Theil–Sen's line passes through the median of y − slope·x.
  const intercept = median(used.map((p) => p.heapAfterMb - slopeMbPerMs * p.timeMs));
  for (const timeMs of [total.trendFromMs, total.trendToMs]) {
    table.rows.push([timeMs, round(intercept + slopeMbPerMs * timeMs, 3)]);
  }
  return table;
}

function histogramTable(isolate: IsolateSummary): Table {
  const { upperBoundsMs, counts } = isolate.pauses.histogram;
  const table: Table = { fields: ['type', 'bucket', 'range', 'count'], rows: [] };
  for (const type of GC_TYPES) {
    const typeCounts = counts[type];
    if (typeCounts === undefined) continue;
    typeCounts.forEach((count, bucket) => {
      if (count > 0) table.rows.push([type, bucket, bucketLabel(upperBoundsMs, bucket), count]);
    });
  }
  return table;
}

/** `≤ 1 ms`, `1–2.5 ms`, `> 10000 ms`: the bucket's range, as a reader says it. */
export function bucketLabel(upperBoundsMs: number[], bucket: number): string {
  if (bucket === 0) return `≤ ${upperBoundsMs[0]} ms`;
  if (bucket >= upperBoundsMs.length) return `> ${upperBoundsMs[upperBoundsMs.length - 1]} ms`;
  return `${upperBoundsMs[bucket - 1]}–${upperBoundsMs[bucket]} ms`;
}

/** The reasons shown: the longest-pausing first (the summary's order), the tail summed in one row. */
export function reasonRowsShown(isolate: IsolateSummary): Array<ReasonRow & { other: boolean }> {
  const shown = isolate.reasons.slice(0, MAX_REASONS_SHOWN).map((row) => ({ ...row, reason: truncate(row.reason, MAX_REASON_CHARS), other: false }));
  const rest = isolate.reasons.slice(MAX_REASONS_SHOWN);
  if (rest.length > 0) {
    shown.push({
      reason: `${rest.length} other reasons`,
      count: rest.reduce((sum, row) => sum + row.count, 0),
      pauseMs: round(rest.reduce((sum, row) => sum + row.pauseMs, 0), 2),
      forced: false,
      byGeneration: {
        young: rest.reduce((sum, row) => sum + row.byGeneration.young, 0),
        old: rest.reduce((sum, row) => sum + row.byGeneration.old, 0),
      },
      other: true,
    });
  }
  return shown;
}

function reasonsTable(isolate: IsolateSummary): Table {
  return {
    fields: ['reason', 'count', 'pauseMs', 'forced'],
    rows: reasonRowsShown(isolate).map((row) => [truncate(row.reason, TOOLTIP_REASON_CHARS), row.count, row.pauseMs, row.forced]),
  };
}

/**
 * At most maxPoints points, in order: the series is cut into equal runs and each run keeps, for each
 * measure, its highest point, so the longest pause and the heap's peaks and troughs survive thinning.
 */
export function thinKeepingExtremes<T>(points: T[], maxPoints: number, measures: Array<(point: T) => number>): T[] {
  if (points.length <= maxPoints) return points;
  const runs = Math.max(1, Math.floor(maxPoints / measures.length));
  const kept = new Set<number>();
  for (let run = 0; run < runs; run++) {
    const start = Math.floor((run * points.length) / runs);
    const end = Math.floor(((run + 1) * points.length) / runs);
    for (const measure of measures) {
      let best = start;
      for (let i = start + 1; i < end; i++) if (measure(points[i]!) > measure(points[best]!)) best = i;
      kept.add(best);
    }
  }
  return [...kept].sort((a, b) => a - b).map((i) => points[i]!);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

// The report's charts as Vega-Lite specs: one function per chart, data by name (filled in per isolate).

import type { TopLevelSpec } from 'vega-lite';
import type { GcType } from '../../events.js';
import { chartBase, chartFrame, GC_NUMBER_AXIS, GC_TOOLTIP, TIME_AXIS as SHARED_TIME_AXIS, TIME_SECONDS, tooltipOf, zoomX } from './chart-parts.js';
import { spaceField, type ChartAxis } from './display-data.js';

export interface ChartContext {
  /** GC types present in the report, for a colour scale that is the same in every chart. */
  gcTypes: GcType[];
  /** Heap spaces with verbose data in the report. */
  spaceKeys: string[];
  /** Clinic Doctor's line for a blocked second (the analyzer's windowThresholdMs). */
  windowThresholdMs: number;
  /** False when no isolate shown has a committed heap: its line is left out (an empty layer makes Vega warn). */
  committed?: boolean;
  /** The x of the per-GC charts: time (the default), or the GC number for an isolate without times. */
  axis?: ChartAxis;
}

export const GC_TYPE_COLORS: Record<GcType, string> = {
  Scavenge: '#4c78a8',
  'Minor Mark-Compact': '#72b7b2',
  'Minor Mark-Sweep': '#54a24b',
  'Mark-Compact': '#e45756',
};

const HEIGHT_PX = 260;

function frame() {
  return chartFrame(HEIGHT_PX);
}

// No `nice` rounding: the axis ends where the log ends, not at the next round number.
const TIME_AXIS = { ...SHARED_TIME_AXIS, scale: { nice: false } } as const;

/**
 * The x of the per-GC charts: the transform that makes its field, its encoding, and its tooltip
 * line. Time reads seconds from timeMs; the GC number is in the data as it is.
 */
function xOf(context: Pick<ChartContext, 'axis'>) {
  return (context.axis ?? 'time') === 'time'
    ? { transform: [TIME_SECONDS], encoding: TIME_AXIS, tooltip: GC_TOOLTIP.time }
    : { transform: [], encoding: { ...GC_NUMBER_AXIS, scale: { nice: false } }, tooltip: GC_TOOLTIP.gcNumber };
}

/** What a tooltip says about one GC: its numbers and where it is in the log. */
function eventTooltip(context: Pick<ChartContext, 'axis'>) {
  return [
    GC_TOOLTIP.type,
    xOf(context).tooltip,
    GC_TOOLTIP.pause,
    GC_TOOLTIP.heapBefore,
    GC_TOOLTIP.heapAfter,
    GC_TOOLTIP.committed,
    GC_TOOLTIP.reason,
    GC_TOOLTIP.line,
  ];
}

function gcTypeColor(context: ChartContext, legendTitle: string | null) {
  return {
    field: 'type',
    type: 'nominal',
    title: legendTitle,
    scale: { domain: context.gcTypes, range: context.gcTypes.map((type) => GC_TYPE_COLORS[type]) },
  } as const;
}

const HEAP_SERIES = [
  ['used before GC', '#aebfd6'],
  ['used after GC', '#1f5fa8'],
  ['committed', '#9ca3af'],
  ['freed by a Mark-Compact', '#e45756'],
  ['floor (after Mark-Compact)', '#92400e'],
  ['floor trend', '#b91c1c'],
] as const;

/** A heap series' colour; the legend lists the floor trend only where one is drawn. */
function heapColor(series: (typeof HEAP_SERIES)[number][0], withTrend = true) {
  const shown = HEAP_SERIES.filter(([name]) => withTrend || name !== 'floor trend');
  return {
    datum: series,
    type: 'nominal',
    title: null,
    scale: { domain: shown.map(([name]) => name), range: shown.map(([, color]) => color) },
  } as const;
}

const HEAP_Y_TITLE = 'heap (MB)';

/** 1. Heap used before and after each GC, committed heap, Mark-Compacts, the floor and its trend. */
export function heapSpec(context: Pick<ChartContext, 'committed' | 'axis'> = {}): TopLevelSpec {
  const y = (field: string) => ({ field, type: 'quantitative', title: HEAP_Y_TITLE }) as const;
  const committed = context.committed !== false;
  const x = xOf(context);
  // Without times there is no slope, so no trend line (the verdict reads the floors' order).
  const trend = (context.axis ?? 'time') === 'time';
  const tooltip = eventTooltip(context);
  const color = (series: (typeof HEAP_SERIES)[number][0]) => heapColor(series, trend);
  return {
    ...frame(),
    layer: [
      ...(committed
        ? [
            {
              name: 'committed',
              data: { name: 'events' },
              transform: [...x.transform, { filter: 'isValid(datum.committedAfterMb)' }],
              mark: { type: 'line', strokeDash: [4, 3], strokeWidth: 1.2, interpolate: 'step-after' },
              encoding: { x: x.encoding, y: y('committedAfterMb'), color: color('committed') },
              params: [zoomX('heapZoom')],
            } as const,
          ]
        : []),
      {
        name: 'heapBefore',
        data: { name: 'events' },
        transform: x.transform,
        mark: { type: 'line', strokeWidth: 1 },
        encoding: { x: x.encoding, y: y('heapBeforeMb'), color: color('used before GC') },
        // The zoom sits on the first layer drawn.
        ...(committed ? {} : { params: [zoomX('heapZoom')] }),
      },
      {
        name: 'heapAfter',
        data: { name: 'events' },
        transform: x.transform,
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: { x: x.encoding, y: y('heapAfterMb'), color: color('used after GC') },
      },
      {
        name: 'heapPoints',
        data: { name: 'events' },
        transform: x.transform,
        mark: { type: 'point', filled: true, size: 16, opacity: 0.55 },
        encoding: { x: x.encoding, y: y('heapAfterMb'), color: color('used after GC'), tooltip: tooltipOf(tooltip) },
      },
      {
        name: 'markCompacts',
        data: { name: 'events' },
        transform: [...x.transform, { filter: { field: 'type', equal: 'Mark-Compact' } }],
        mark: { type: 'rule', strokeWidth: 2.5, opacity: 0.85 },
        encoding: { x: x.encoding, y: y('heapBeforeMb'), y2: { field: 'heapAfterMb' }, color: color('freed by a Mark-Compact'), tooltip: tooltipOf(tooltip) },
      },
      ...(trend
        ? [
            {
              name: 'floorTrend',
              data: { name: 'trend' },
              transform: [TIME_SECONDS],
              mark: { type: 'line', strokeDash: [7, 4], strokeWidth: 2 },
              encoding: { x: TIME_AXIS, y: y('trendMb'), color: color('floor trend') },
            } as const,
          ]
        : []),
      {
        name: 'floors',
        data: { name: 'floors' },
        transform: x.transform,
        mark: { type: 'point', shape: 'diamond', filled: true, size: 70, stroke: 'white', strokeWidth: 0.8, opacity: 1 },
        encoding: {
          x: x.encoding,
          y: y('heapAfterMb'),
          color: color('floor (after Mark-Compact)'),
          tooltip: tooltipOf([
            { field: 'heapAfterMb', title: 'floor (MB)', format: ',.1f' },
            x.tooltip,
            GC_TOOLTIP.line,
          ]),
        },
      },
    ],
  } as TopLevelSpec;
}

/** 2. The pause of each GC over time, coloured by type; `logScale` spreads short and long pauses apart. */
export function pausesSpec(context: ChartContext, logScale: boolean): TopLevelSpec {
  const x = xOf(context);
  return {
    ...frame(),
    data: { name: 'events' },
    // A log axis cannot show 0 ms; such pauses sit on its floor instead of vanishing.
    transform: [...x.transform, { calculate: 'max(datum.pauseMs, 0.01)', as: 'pausePlotMs' }],
    params: [zoomX('pauseZoom')],
    mark: { type: 'point', filled: true, size: 26, opacity: 0.75 },
    encoding: {
      x: x.encoding,
      y: { field: 'pausePlotMs', type: 'quantitative', title: 'pause (ms)', scale: logScale ? { type: 'log' } : { type: 'linear' } },
      color: gcTypeColor(context, null),
      shape: { field: 'type', type: 'nominal', title: null, scale: { domain: context.gcTypes, range: ['circle', 'square', 'triangle-up', 'diamond'].slice(0, context.gcTypes.length) } },
      tooltip: tooltipOf(eventTooltip(context)),
    },
    name: 'pausePoints',
  } as TopLevelSpec;
}

/** 3. How many pauses fell in each duration bucket, per type (counts every GC, not only those drawn). */
export function histogramSpec(context: ChartContext): TopLevelSpec {
  return {
    ...frame(),
    name: 'histogramBars',
    data: { name: 'histogram' },
    mark: { type: 'bar', cornerRadiusTopLeft: 2, cornerRadiusTopRight: 2 },
    encoding: {
      x: { field: 'range', type: 'ordinal', title: 'pause', sort: { field: 'bucket', op: 'min' }, axis: { labelAngle: 0 } },
      xOffset: { field: 'type', type: 'nominal', scale: { domain: context.gcTypes } },
      y: { field: 'count', type: 'quantitative', title: 'number of GCs' },
      color: gcTypeColor(context, null),
      tooltip: tooltipOf([
        { field: 'type', title: 'GC' },
        { field: 'range', title: 'pause' },
        { field: 'count', title: 'GCs' },
      ]),
    },
  } as TopLevelSpec;
}

/** 4. Heap used after each GC, space by space, stacked (needs --trace-gc-verbose). */
export function spacesSpec(context: ChartContext): TopLevelSpec {
  const fields = context.spaceKeys.map(spaceField);
  const x = xOf(context);
  return {
    ...frame(),
    data: { name: 'spaces' },
    transform: x.transform,
    layer: [
      {
        name: 'spaceAreas',
        transform: [{ fold: fields, as: ['spaceField', 'usedMb'] }, { calculate: "replace(datum.spaceField, 'space:', '')", as: 'space' }],
        mark: { type: 'area', opacity: 0.85, interpolate: 'linear' },
        encoding: {
          x: x.encoding,
          y: { field: 'usedMb', type: 'quantitative', stack: 'zero', title: 'used after GC (MB)' },
          color: { field: 'space', type: 'nominal', title: null, scale: { domain: context.spaceKeys, scheme: 'tableau10' } },
          order: { field: 'space', sort: 'descending' },
        },
      },
      {
        // An invisible rule per GC, shown under the pointer: its tooltip lists every space at that moment.
        name: 'spaceHover',
        params: [{ name: 'spaceNearest', select: { type: 'point', encodings: ['x'], nearest: true, on: 'pointermove', clear: 'pointerout' } }],
        mark: { type: 'rule', color: '#374151' },
        encoding: {
          x: x.encoding,
          opacity: { condition: { param: 'spaceNearest', empty: false, value: 0.5 }, value: 0 },
          tooltip: tooltipOf([
            x.tooltip,
            ...context.spaceKeys.map((key) => ({ field: spaceField(key), title: `${key} (MB)`, format: ',.2f' })),
            GC_TOOLTIP.line,
          ]),
        },
      },
    ],
  } as TopLevelSpec;
}

/** 5. GC pause time in each 1-second window, against the line where the app feels blocked. */
export function windowsSpec(context: ChartContext): TopLevelSpec {
  const threshold = `${context.windowThresholdMs} ms: the app feels blocked`;
  const under = `under ${context.windowThresholdMs} ms`;
  const over = `${context.windowThresholdMs} ms or more`;
  // One legend for bars and line, so that no label has to sit on top of the bars.
  const color = { type: 'nominal', title: null, scale: { domain: [under, over, threshold], range: ['#4c78a8', '#e45756', '#7f1d1d'] } } as const;
  return {
    ...frame(),
    layer: [
      {
        name: 'windowBars',
        data: { name: 'windows' },
        transform: [
          { calculate: 'datum.startMs / 1000', as: 'startS' },
          { calculate: 'datum.startMs / 1000 + 1', as: 'endS' },
          { calculate: `datum.gcMs >= ${context.windowThresholdMs} ? ${JSON.stringify(over)} : ${JSON.stringify(under)}`, as: 'load' },
        ],
        // A rect from 0 to the pause time across its whole second (a bar with x2 would lie on its side).
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          x: { ...TIME_AXIS, field: 'startS' },
          x2: { field: 'endS' },
          y: { field: 'gcMs', type: 'quantitative', title: 'GC pause in the second (ms)' },
          y2: { datum: 0 },
          color: { ...color, field: 'load' },
          tooltip: tooltipOf([
            { field: 'startS', title: 'second starting at (s)', format: ',.0f' },
            { field: 'gcMs', title: 'GC pause (ms)', format: ',.1f' },
          ]),
        },
      },
      {
        name: 'thresholdRule',
        data: { values: [{ gcMs: context.windowThresholdMs }] },
        mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { y: { field: 'gcMs', type: 'quantitative' }, color: { ...color, datum: threshold } },
      },
    ],
  } as TopLevelSpec;
}

/** 6. How fast the app allocates, per second. */
export function allocationSpec(): TopLevelSpec {
  return {
    ...frame(),
    data: { name: 'allocation' },
    transform: [TIME_SECONDS],
    layer: [
      { name: 'allocationLine', mark: { type: 'line', color: '#4c78a8', strokeWidth: 1.5, interpolate: 'linear' } },
      {
        name: 'allocationPoints',
        mark: { type: 'point', filled: true, size: 30, color: '#4c78a8' },
        encoding: {
          tooltip: tooltipOf([
            { field: 'timeS', title: 'second starting at (s)', format: ',.0f' },
            { field: 'mbPerSecond', title: 'allocated (MB/s)', format: ',.1f' },
          ]),
        },
      },
    ],
    encoding: {
      x: TIME_AXIS,
      y: { field: 'mbPerSecond', type: 'quantitative', title: 'allocation rate (MB/s)' },
    },
  } as TopLevelSpec;
}

/** 7. Why GCs ran: pause time and count per reason, longest-pausing first. */
export function reasonsSpec(): TopLevelSpec {
  const y = { field: 'reason', type: 'nominal', sort: null, title: null, axis: { labelLimit: 260, labelFontSize: 11 } } as const;
  const tooltip = tooltipOf([
    GC_TOOLTIP.reason,
    { field: 'count', title: 'GCs' },
    { field: 'pauseMs', title: 'pause (ms)', format: ',.1f' },
    { field: 'forced', title: 'forced by the app' },
  ]);
  return {
    ...chartBase(),
    data: { name: 'reasons' },
    spacing: 24,
    hconcat: [
      {
        name: 'reasonPauseBars',
        width: 440,
        mark: { type: 'bar', color: '#e45756', cornerRadiusEnd: 2 },
        encoding: { y, x: { field: 'pauseMs', type: 'quantitative', title: 'pause time (ms)' }, tooltip },
      },
      {
        name: 'reasonCountBars',
        width: 300,
        mark: { type: 'bar', color: '#4c78a8', cornerRadiusEnd: 2 },
        encoding: { y: { ...y, axis: null }, x: { field: 'count', type: 'quantitative', title: 'number of GCs' }, tooltip },
      },
    ],
  } as TopLevelSpec;
}

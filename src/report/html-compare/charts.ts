// The comparison's charts as Vega-Lite specs: both runs overlaid on shared axes (time since the
// isolate started), before and after always in the same two colours.

import type { TopLevelSpec } from 'vega-lite';
import { chartFrame, GC_TOOLTIP, TIME_AXIS, TIME_SECONDS, tooltipOf, zoomX } from '../html/chart-parts.js';
import type { Run } from './data.js';

export const RUN_COLORS: Record<Run, string> = { before: '#64748b', after: '#ea580c' };

const HEIGHT_PX = 240;

function frame() {
  return chartFrame(HEIGHT_PX);
}

const RUN_COLOR = {
  field: 'run',
  type: 'nominal',
  title: 'run',
  scale: { domain: ['before', 'after'], range: [RUN_COLORS.before, RUN_COLORS.after] },
} as const;

const RUN_TOOLTIP = { field: 'run', title: 'run' } as const;

/** What a tooltip says about one GC: its run, its numbers and where it is in its log. */
const EVENT_TOOLTIP = [RUN_TOOLTIP, GC_TOOLTIP.type, GC_TOOLTIP.time, GC_TOOLTIP.pause, GC_TOOLTIP.heapAfter, GC_TOOLTIP.reason, GC_TOOLTIP.line];

/** Heap used after every GC, and the floor after each Mark-Compact (the live set) as diamonds. */
export function heapOverlaySpec(): TopLevelSpec {
  const y = { field: 'heapAfterMb', type: 'quantitative', title: 'heap used after GC (MB)' } as const;
  return {
    ...frame(),
    layer: [
      {
        name: 'heapLines',
        data: { name: 'events' },
        transform: [TIME_SECONDS],
        mark: { type: 'line', strokeWidth: 1.3, opacity: 0.75 },
        encoding: { x: TIME_AXIS, y, color: RUN_COLOR, detail: { field: 'run' } },
        params: [zoomX('heapZoom')],
      },
      {
        name: 'floors',
        data: { name: 'floors' },
        transform: [TIME_SECONDS],
        mark: { type: 'point', shape: 'diamond', filled: true, size: 60, stroke: 'white', strokeWidth: 0.8, opacity: 1 },
        encoding: {
          x: TIME_AXIS,
          y,
          color: RUN_COLOR,
          tooltip: tooltipOf([
            RUN_TOOLTIP,
            { field: 'heapAfterMb', title: 'floor after Mark-Compact (MB)', format: ',.1f' },
            GC_TOOLTIP.time,
            GC_TOOLTIP.line,
          ]),
        },
      },
    ],
  } as TopLevelSpec;
}

/** Every pause over time on a log scale, colour by run, shape by collector. */
export function pausesOverlaySpec(): TopLevelSpec {
  return {
    ...frame(),
    data: { name: 'events' },
    transform: [TIME_SECONDS],
    mark: { type: 'point', filled: true, size: 22, opacity: 0.6 },
    encoding: {
      x: TIME_AXIS,
      y: { field: 'pauseMs', type: 'quantitative', title: 'pause (ms, log scale)', scale: { type: 'symlog', constant: 1 } },
      color: RUN_COLOR,
      shape: { field: 'type', type: 'nominal', title: 'collector' },
      tooltip: tooltipOf(EVENT_TOOLTIP),
    },
    params: [zoomX('pauseZoom')],
  } as TopLevelSpec;
}

/** Share of GCs per pause range, side by side: per GC, so runs of different lengths compare. */
export function pauseShareSpec(): TopLevelSpec {
  return {
    ...frame(),
    data: { name: 'histogram' },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'bucketLabel', type: 'ordinal', title: 'pause', sort: { field: 'bucket' }, axis: { labelAngle: 0 } },
      xOffset: { field: 'run', sort: ['before', 'after'] },
      y: { field: 'sharePercent', type: 'quantitative', title: 'share of GCs (%)' },
      color: RUN_COLOR,
      tooltip: tooltipOf([
        RUN_TOOLTIP,
        { field: 'bucketLabel', title: 'pause' },
        { field: 'sharePercent', title: 'share (%)', format: ',.1f' },
        { field: 'count', title: 'GCs' },
      ]),
    },
  } as TopLevelSpec;
}

/** GC time in each 1-second window; Clinic Doctor's 100 ms line marks a blocked second. */
export function windowsOverlaySpec(thresholdMs: number): TopLevelSpec {
  return {
    ...frame(),
    layer: [
      {
        name: 'windowLines',
        data: { name: 'windows' },
        transform: [TIME_SECONDS],
        mark: { type: 'line', strokeWidth: 1.4, interpolate: 'step-after', point: { size: 14 } },
        encoding: {
          x: TIME_AXIS,
          y: { field: 'gcMs', type: 'quantitative', title: 'GC pause per second (ms)' },
          color: RUN_COLOR,
          tooltip: tooltipOf([
            RUN_TOOLTIP,
            { field: 'timeS', title: 'second starting at (s)', format: ',.0f' },
            { field: 'gcMs', title: 'GC (ms)', format: ',.1f' },
          ]),
        },
        params: [zoomX('windowZoom')],
      },
      {
        name: 'threshold',
        data: { values: [{ gcMs: thresholdMs }] },
        mark: { type: 'rule', strokeDash: [5, 4], color: '#b91c1c', opacity: 0.7 },
        encoding: { y: { field: 'gcMs', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

// The pieces every gclog chart is built from, in the analyze report and the comparison page alike:
// the look (config), the frame, the time axis, x-zoom, and the tooltip lines that describe a GC.

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Shared look: quiet grid, readable labels, legends on top so they never cover data. */
export const CHART_CONFIG = {
  font: FONT,
  background: 'transparent',
  view: { stroke: null },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 500,
    labelColor: '#4b5563',
    titleColor: '#374151',
    gridColor: '#eceff3',
    domainColor: '#c9ced6',
    tickColor: '#c9ced6',
    labelFlush: true,
  },
  legend: { orient: 'top', labelFontSize: 11, titleFontSize: 11, labelColor: '#374151', titleColor: '#374151', symbolSize: 90, columnPadding: 14, labelLimit: 260 },
} as const;

/** The top of a spec that sizes itself: the schema and the look, nothing else. */
export function chartBase() {
  return { $schema: SCHEMA, config: CHART_CONFIG };
}

/** Responsive width (fills the card), fixed height. */
export function chartFrame(heightPx: number) {
  return {
    $schema: SCHEMA,
    width: 'container' as const,
    height: heightPx,
    autosize: { type: 'fit-x', contains: 'padding' },
    config: CHART_CONFIG,
  };
}

/** Events carry milliseconds; the axes read seconds. */
export const TIME_SECONDS = { calculate: 'datum.timeMs / 1000', as: 'timeS' } as const;
export const TIME_AXIS = { field: 'timeS', type: 'quantitative', title: 'time since the isolate started (s)' } as const;

/**
 * The x axis of a log whose GCs carry no time (a v8.GCProfiler result): each GC's number in the
 * order recorded, which is all the input knows; its title says so, so that no one reads it as time.
 */
export const GC_NUMBER_TITLE = 'GC number (in the order recorded; the profiler gives no time)';
export const GC_NUMBER_AXIS = { field: 'gcNumber', type: 'quantitative', title: GC_NUMBER_TITLE, axis: { format: 'd', tickMinStep: 1 } } as const;

/** Drag to pan and scroll to zoom along time; y follows the data. */
export function zoomX(name: string) {
  return { name, select: { type: 'interval' as const, encodings: ['x' as const] }, bind: 'scales' as const };
}

/** One line of a tooltip: a field of the hovered datum, its title, and a d3 number format for numbers. */
export interface TooltipLine {
  field: string;
  title: string;
  format?: string;
}

/**
 * A tooltip as a constant: its lines as JSON, which the page formats from the hovered item's datum
 * (browser-runtime.ts). A field tooltip would have Vega evaluate an expression for every mark at every
 * draw, through the CSP-safe interpreter: about a third of the time a report took to draw.
 */
export function tooltipOf(lines: readonly TooltipLine[]) {
  return { value: JSON.stringify(lines) };
}

/** Tooltip lines for one GC, by the field they show; a chart lists the ones it has. */
export const GC_TOOLTIP = {
  type: { field: 'type', title: 'GC' },
  time: { field: 'timeS', title: 'time (s)', format: ',.3f' },
  gcNumber: { field: 'gcNumber', title: 'GC number', format: ',.0f' },
  pause: { field: 'pauseMs', title: 'pause (ms)', format: ',.2f' },
  heapBefore: { field: 'heapBeforeMb', title: 'heap before (MB)', format: ',.1f' },
  heapAfter: { field: 'heapAfterMb', title: 'heap after (MB)', format: ',.1f' },
  committed: { field: 'committedAfterMb', title: 'committed (MB)', format: ',.1f' },
  reason: { field: 'reason', title: 'reason' },
  line: { field: 'line', title: 'log line' },
} as const satisfies Record<string, TooltipLine>;

// Two paired isolates → the tables the comparison page charts, each row tagged with its run.

import type { IsolateSummary } from '../../analyze/summary.js';
import { bucketLabel, thinKeepingExtremes, truncate, type Table } from '../html/display-data.js';

export type Run = 'before' | 'after';
export const RUNS: readonly Run[] = ['before', 'after'];

export type CompareDatasetName = 'events' | 'floors' | 'windows' | 'histogram';

/** Points drawn per run and series: both runs fit in the page without making it slow. */
export const POINTS_PER_RUN = 4000;
const TOOLTIP_REASON_CHARS = 120;

export function buildCompareDatasets(before: IsolateSummary, after: IsolateSummary): Record<CompareDatasetName, Table> {
  const datasets: Record<CompareDatasetName, Table> = {
    events: { fields: ['run', 'timeMs', 'type', 'pauseMs', 'heapAfterMb', 'reason', 'line'], rows: [] },
    floors: { fields: ['run', 'timeMs', 'heapAfterMb', 'line'], rows: [] },
    windows: { fields: ['run', 'timeMs', 'gcMs'], rows: [] },
    histogram: { fields: ['run', 'bucket', 'bucketLabel', 'sharePercent', 'count'], rows: [] },
  };
  for (const [run, isolate] of [['before', before], ['after', after]] as const) {
    const events = thinKeepingExtremes(isolate.series.events, POINTS_PER_RUN, [(event) => event.pauseMs, (event) => event.heapAfterMb]);
    for (const event of events) {
      datasets.events.rows.push([run, event.timeMs, event.type, event.pauseMs, event.heapAfterMb, event.reason === null ? null : truncate(event.reason, TOOLTIP_REASON_CHARS), event.line]);
    }
    for (const floor of isolate.series.floors) datasets.floors.rows.push([run, floor.timeMs, floor.heapAfterMb, floor.line]);
    for (const window of thinKeepingExtremes(isolate.series.windows, POINTS_PER_RUN, [(w) => w.gcMs])) {
      datasets.windows.rows.push([run, window.startMs, window.gcMs]);
    }
    // Shares, not counts: a log twice as long must not look twice as bad.
    const histogram = isolate.pauses.histogram;
    const buckets = histogram.upperBoundsMs.length + 1;
    const total = isolate.pauses.all.count;
    for (let bucket = 0; bucket < buckets; bucket++) {
      const count = Object.values(histogram.counts).reduce((sum, counts) => sum + (counts?.[bucket] ?? 0), 0);
      datasets.histogram.rows.push([run, bucket, bucketLabel(histogram.upperBoundsMs, bucket), total > 0 ? (count / total) * 100 : 0, count]);
    }
  }
  // Empty buckets at both ends only stretch the axis.
  const used = datasets.histogram.rows.filter((row) => (row[4] as number) > 0).map((row) => row[1] as number);
  const [low, high] = used.length > 0 ? [Math.min(...used), Math.max(...used)] : [0, -1];
  datasets.histogram.rows = datasets.histogram.rows.filter((row) => (row[1] as number) >= low && (row[1] as number) <= high);
  return datasets;
}

// Whether a log's GCs give a GC overhead (the share of time in GC pauses), and why not when they do not.

import { formatDuration, formatMs } from '../format.js';

/**
 * GCs spanning less than this (first GC's start to last GC's end) give no overhead: a share of time
 * needs at least the one-second window the worst second is measured in. Measured on real logs: the
 * "Last few GCs" block of an out-of-memory crash spans 0–314 ms (32 blocks, Node 4–26: samples/*oom*,
 * samples/oom-block, samples/corpus oom), while every complete log of samples/ and the corpus spans
 * 1,019 ms or more (the shortest: a worker of node22-workers.trace-events.json).
 */
export const MIN_OVERHEAD_SPAN_MS = 1000;

export interface OverheadSpan {
  /** What the share would be of: the GCs' span, or the process's life when known. */
  spanMs: number;
  /** True when spanMs is the process's life (`gclog run` saw it exit), a real time not bounded by GCs. */
  lifetimeKnown: boolean;
  gcs: number;
  /** GCs read only from an out-of-memory report's "Last few GCs" block. */
  oomReportGcs: number;
}

/** A span as it compares with 1 s: 991.83 ms reads `991 ms`, never a rounded `1000 ms`. */
function spanText(spanMs: number): string {
  if (spanMs >= 1000) return formatDuration(spanMs);
  return spanMs >= 100 ? `${Math.floor(spanMs)} ms` : formatMs(spanMs);
}

/**
 * Null when the share of time in GC is measurable; else the sentence saying why not. A log holding only
 * the GCs of an out-of-memory report is V8's last few GCs before the crash, not the app's run; GCs over
 * less than MIN_OVERHEAD_SPAN_MS (one GC alone reads 100%) are too short a window for a share.
 */
export function overheadUnmeasured(span: OverheadSpan): string | null {
  if (span.gcs === 0) return 'no GC in the log';
  if (span.lifetimeKnown && span.spanMs > 0) return null;
  if (span.oomReportGcs === span.gcs) {
    return `the log holds only the out-of-memory report's last ${span.gcs === 1 ? 'GC' : `${span.gcs} GCs`} (over ${spanText(span.spanMs)}), not the run: record with --trace-gc to measure it`;
  }
  if (span.spanMs < MIN_OVERHEAD_SPAN_MS) {
    return `${span.gcs === 1 ? 'one GC' : `${span.gcs} GCs`} over ${spanText(span.spanMs)}: a share of time needs at least ${MIN_OVERHEAD_SPAN_MS / 1000} s from the first GC to the last`;
  }
  return null;
}

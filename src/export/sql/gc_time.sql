-- GC time per process isolate: the share of the run spent in GC pauses (`overhead` in --json) and
-- the same as milliseconds of GC per minute. GC time is the pauses summed: an isolate's GCs pause its
-- one thread in turn (where two seem to overlap, it is the rounding of whole-ms timestamps), as gclog
-- counts them. The run lasts from the first GC's start to the last GC's end. No share (NULL) when
-- every GC comes from an out-of-memory report's "Last few GCs" or the GCs span under 1 s, as in
-- --json (overhead.unmeasured; src/analyze/overhead.ts).
-- Input: `events` in the gclog-events schema (version 1).
WITH isolates AS (
  SELECT file, pid, isolate,
    count(*) AS gcs,
    bool_and(from_oom_report) AS only_oom_report,
    min(start_ms) AS start_ms,
    max(time_ms) AS end_ms,
    sum(pause_ms) AS gc_ms
  FROM events
  GROUP BY file, pid, isolate
)
SELECT file, pid, isolate, gcs,
  round(gc_ms, 2) AS gc_ms,
  round(end_ms - start_ms, 2) AS elapsed_ms,
  CASE WHEN NOT only_oom_report AND end_ms - start_ms >= 1000 THEN least(1, gc_ms / (end_ms - start_ms)) END AS overhead_fraction,
  CASE WHEN NOT only_oom_report AND end_ms - start_ms >= 1000 THEN least(1, gc_ms / (end_ms - start_ms)) * 60000 END AS gc_ms_per_minute
FROM isolates
ORDER BY file, pid, isolate;

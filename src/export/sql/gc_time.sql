-- GC time per process isolate: the share of the run spent in GC pauses (`overhead` in --json) and
-- the same as milliseconds of GC per minute. GC time is the pauses summed: an isolate's GCs pause its
-- one thread in turn (where two seem to overlap, it is the rounding of whole-ms timestamps), as gclog
-- counts them. The run lasts from the first GC's start to the last GC's end.
-- Input: `events` in the gclog-events schema (version 1).
WITH isolates AS (
  SELECT file, pid, isolate,
    count(*) AS gcs,
    min(start_ms) AS start_ms,
    max(time_ms) AS end_ms,
    sum(pause_ms) AS gc_ms
  FROM events
  GROUP BY file, pid, isolate
)
SELECT file, pid, isolate, gcs,
  round(gc_ms, 2) AS gc_ms,
  round(end_ms - start_ms, 2) AS elapsed_ms,
  CASE WHEN end_ms > start_ms THEN least(1, gc_ms / (end_ms - start_ms)) ELSE 0 END AS overhead_fraction,
  CASE WHEN end_ms > start_ms THEN least(1, gc_ms / (end_ms - start_ms)) * 60000 ELSE 0 END AS gc_ms_per_minute
FROM isolates
ORDER BY file, pid, isolate;

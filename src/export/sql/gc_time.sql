-- GC time per process isolate: the share of the run spent in GC pauses (`overhead` in --json) and
-- the same as milliseconds of GC per minute. A pause runs from start_ms to time_ms; pauses that
-- overlap (records of one isolate printed out of order) count once, in the order read, as gclog
-- counts them. The run lasts from the first GC's start to the last GC's end. No share (NULL) when
-- every GC comes from an out-of-memory report's "Last few GCs" or the GCs span under 1 s, as in
-- --json (overhead.unmeasured; src/analyze/overhead.ts).
-- Input: `events` in the gclog-events schema (version 1).
WITH ordered AS (
  SELECT file, pid, isolate, seq, start_ms, time_ms, pause_ms, from_oom_report,
    max(time_ms) OVER (PARTITION BY file, pid, isolate ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS covered_until_ms
  FROM events
),
isolates AS (
  SELECT file, pid, isolate,
    count(*) AS gcs,
    bool_and(from_oom_report) AS only_oom_report,
    min(start_ms) AS start_ms,
    max(time_ms) AS end_ms,
    sum(greatest(0, time_ms - greatest(start_ms, coalesce(covered_until_ms, '-infinity'::DOUBLE)))) AS gc_ms
  FROM ordered
  GROUP BY file, pid, isolate
)
SELECT file, pid, isolate, gcs,
  round(gc_ms, 2) AS gc_ms,
  round(end_ms - start_ms, 2) AS elapsed_ms,
  CASE WHEN NOT only_oom_report AND end_ms - start_ms >= 1000 THEN least(1, gc_ms / (end_ms - start_ms)) END AS overhead_fraction,
  CASE WHEN NOT only_oom_report AND end_ms - start_ms >= 1000 THEN least(1, gc_ms / (end_ms - start_ms)) * 60000 END AS gc_ms_per_minute
FROM isolates
ORDER BY file, pid, isolate;

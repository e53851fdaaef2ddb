-- Pause percentiles by collector, per process isolate: what `gclog analyze` prints under "Pauses"
-- (`pauses.byType` and `pauses.all` in --json). Nearest rank, as gclog: the smallest pause with at
-- least p% of the pauses at or below it. gclog is exact up to 50,000 pauses of a series, then reads
-- its percentiles from a histogram within 1%.
-- Input: a table or view `events` in the gclog-events schema (version 1), e.g.
--   CREATE VIEW events AS SELECT * FROM 'events.parquet';
WITH pauses AS (
  SELECT file, pid, isolate, type AS collector, seq, pause_ms FROM events
  UNION ALL
  SELECT file, pid, isolate, 'all' AS collector, seq, pause_ms FROM events
),
ranked AS (
  SELECT *,
    row_number() OVER (PARTITION BY file, pid, isolate, collector ORDER BY pause_ms) AS rank,
    count(*) OVER (PARTITION BY file, pid, isolate, collector) AS n
  FROM pauses
)
SELECT
  file, pid, isolate, collector,
  count(*) AS gcs,
  -- Added in the order read, as gclog adds them (a sum of doubles depends on its order).
  round(list_reduce(list(pause_ms ORDER BY seq), lambda a, b: a + b), 2) AS total_ms,
  min(pause_ms) FILTER (WHERE rank >= greatest(1, ceil((50::DOUBLE / 100) * n))) AS p50_ms,
  min(pause_ms) FILTER (WHERE rank >= greatest(1, ceil((95::DOUBLE / 100) * n))) AS p95_ms,
  min(pause_ms) FILTER (WHERE rank >= greatest(1, ceil((99::DOUBLE / 100) * n))) AS p99_ms,
  max(pause_ms) AS max_ms
FROM ranked
GROUP BY file, pid, isolate, collector
ORDER BY file, pid, isolate, collector;

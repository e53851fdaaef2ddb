-- GC pause time in each minute of each process isolate's clock (a pause counted in the minute it
-- began), for a chart or an alert across the fleet: which minutes, of which processes, went to GC.
-- Input: `events` in the gclog-events schema (version 1).
SELECT file, pid, isolate,
  floor(start_ms / 60000)::BIGINT AS minute,
  count(*) AS gcs,
  round(sum(pause_ms), 2) AS gc_ms
FROM events
GROUP BY ALL
ORDER BY file, pid, isolate, minute;

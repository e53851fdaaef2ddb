-- The floor after Mark-Compact (the live set) and its trend, per process isolate: `floors.total`
-- in --json (levelMb, slopeMbPerMinute, trendPoints), the numbers the leak verdict starts from.
-- The same cut as gclog (src/analyze/leak.ts runWindow): a last floor under half the one before
-- is a collapse at exit and left out; the warm-up ends at 20% of the run's time, or earlier once a
-- floor reaches 80% of the median floor of the run's second half (but not before 2% of the run).
-- The level is the median of the floors after the cut (of every floor when none is left); the
-- trend is Theil–Sen (the median of the slopes between every two floors), from 5 floors on.
-- gclog takes Theil–Sen over at most 632 evenly spaced floors; this query over all of them.
-- Input: `events` in the gclog-events schema (version 1).
WITH runs AS (
  SELECT file, pid, isolate, min(start_ms) AS start_ms, max(time_ms) AS end_ms
  FROM events GROUP BY file, pid, isolate
),
floors AS (
  SELECT file, pid, isolate, seq, time_ms, heap_after_mb,
    row_number() OVER (PARTITION BY file, pid, isolate ORDER BY seq DESC) AS from_end
  FROM events WHERE generation = 'old'
),
shutdowns AS (
  SELECT last.file, last.pid, last.isolate, last.time_ms AS shutdown_ms
  FROM floors last JOIN floors before_last
    ON last.file = before_last.file AND last.pid IS NOT DISTINCT FROM before_last.pid AND last.isolate IS NOT DISTINCT FROM before_last.isolate
  WHERE last.from_end = 1 AND before_last.from_end = 2 AND last.heap_after_mb < before_last.heap_after_mb * 0.5
),
running AS (
  SELECT f.*, r.start_ms, r.end_ms, s.shutdown_ms
  FROM floors f
  JOIN runs r ON f.file = r.file AND f.pid IS NOT DISTINCT FROM r.pid AND f.isolate IS NOT DISTINCT FROM r.isolate
  LEFT JOIN shutdowns s ON f.file = s.file AND f.pid IS NOT DISTINCT FROM s.pid AND f.isolate IS NOT DISTINCT FROM s.isolate
  WHERE NOT (s.shutdown_ms IS NOT NULL AND f.from_end = 1)
),
second_half AS (
  SELECT file, pid, isolate, median(heap_after_mb) AS level_mb
  FROM running WHERE time_ms >= start_ms + (end_ms - start_ms) / 2
  GROUP BY file, pid, isolate
),
reached AS (
  SELECT r.file, r.pid, r.isolate, arg_min(r.time_ms, r.seq) AS reached_ms
  FROM running r JOIN second_half h ON r.file = h.file AND r.pid IS NOT DISTINCT FROM h.pid AND r.isolate IS NOT DISTINCT FROM h.isolate
  WHERE r.heap_after_mb >= h.level_mb * 0.8
  GROUP BY r.file, r.pid, r.isolate
),
windows AS (
  SELECT r.file, r.pid, r.isolate, s.shutdown_ms,
    CASE WHEN x.reached_ms IS NULL THEN r.start_ms + (r.end_ms - r.start_ms) * 0.2
      ELSE greatest(r.start_ms + (r.end_ms - r.start_ms) * 0.02, least(r.start_ms + (r.end_ms - r.start_ms) * 0.2, x.reached_ms)) END AS warm_up_end_ms
  FROM runs r
  LEFT JOIN shutdowns s ON r.file = s.file AND r.pid IS NOT DISTINCT FROM s.pid AND r.isolate IS NOT DISTINCT FROM s.isolate
  LEFT JOIN reached x ON r.file = x.file AND r.pid IS NOT DISTINCT FROM x.pid AND r.isolate IS NOT DISTINCT FROM x.isolate
),
trend_points AS (
  SELECT f.file, f.pid, f.isolate, f.seq, f.time_ms, f.heap_after_mb
  FROM floors f JOIN windows w ON f.file = w.file AND f.pid IS NOT DISTINCT FROM w.pid AND f.isolate IS NOT DISTINCT FROM w.isolate
  WHERE f.time_ms >= w.warm_up_end_ms AND (w.shutdown_ms IS NULL OR f.time_ms < w.shutdown_ms)
),
slopes AS (
  SELECT a.file, a.pid, a.isolate,
    median((b.heap_after_mb - a.heap_after_mb) / (b.time_ms / 60000 - a.time_ms / 60000)) AS slope_mb_per_minute
  FROM trend_points a JOIN trend_points b
    ON a.file = b.file AND a.pid IS NOT DISTINCT FROM b.pid AND a.isolate IS NOT DISTINCT FROM b.isolate AND a.seq < b.seq
  WHERE b.time_ms / 60000 <> a.time_ms / 60000
  GROUP BY a.file, a.pid, a.isolate
),
levels AS (
  SELECT w.file, w.pid, w.isolate, w.warm_up_end_ms, w.shutdown_ms,
    (SELECT count(*) FROM trend_points t WHERE t.file = w.file AND t.pid IS NOT DISTINCT FROM w.pid AND t.isolate IS NOT DISTINCT FROM w.isolate) AS trend_points,
    coalesce(
      (SELECT median(t.heap_after_mb) FROM trend_points t WHERE t.file = w.file AND t.pid IS NOT DISTINCT FROM w.pid AND t.isolate IS NOT DISTINCT FROM w.isolate),
      (SELECT median(f.heap_after_mb) FROM floors f WHERE f.file = w.file AND f.pid IS NOT DISTINCT FROM w.pid AND f.isolate IS NOT DISTINCT FROM w.isolate)
    ) AS level_mb
  FROM windows w
)
SELECT l.file, l.pid, l.isolate,
  l.trend_points,
  round(l.level_mb, 3) AS floor_mb,
  CASE WHEN l.trend_points >= 5 THEN round(s.slope_mb_per_minute, 4) END AS floor_trend_mb_per_min,
  l.warm_up_end_ms, l.shutdown_ms
FROM levels l
LEFT JOIN slopes s ON l.file = s.file AND l.pid IS NOT DISTINCT FROM s.pid AND l.isolate IS NOT DISTINCT FROM s.isolate
WHERE l.level_mb IS NOT NULL
ORDER BY l.file, l.pid, l.isolate;

// The SQL under src/export/sql/ recomputes gclog's main measures in real DuckDB, on the
// gclog-events table that the built CLI writes from the real samples, and must give gclog's numbers.

import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import type { IsolateSummary } from '../../src/analyze/summary.js';
import { ROOT, runCli } from '../cli/run-cli.js';
import { allSamples, samplePath, SAMPLES_DIR } from '../support/samples.js';

const SQL_DIR = join(ROOT, 'src', 'export', 'sql');
const sql = (name: string): string => readFileSync(join(SQL_DIR, name), 'utf8');

// Every top-level sample and compare pair, and the labelled corpus (gzip), as given on the command line.
const FILES = [...allSamples().map(samplePath), ...readdirSync(join(SAMPLES_DIR, 'corpus', 'logs')).sort().map((name) => join(SAMPLES_DIR, 'corpus', 'logs', name))];

type Row = Record<string, unknown>;
let folder: string;
let connection: DuckDBConnection;
const byIsolate = new Map<string, Row>();
const pausesBy = new Map<string, Row>();
const floorsBy = new Map<string, Row>();
const key = (file: string, pid: number | null, isolate: string | null): string => `${file}|${pid}|${isolate}`;
const rowKey = (row: Row): string => key(row['file'] as string, row['pid'] === null ? null : Number(row['pid']), row['isolate'] as string | null);

async function query(text: string): Promise<Row[]> {
  return (await connection.runAndReadAll(text)).getRowObjectsJS() as Row[];
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'gclog-sql-'));
  const parquet = join(folder, 'events.parquet');
  const result = runCli(['events', ...FILES, '--format', 'parquet', '--out', parquet, '--quiet']);
  expect(result.status, result.stderr).toBe(0);
  const instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run(`CREATE VIEW events AS SELECT * FROM '${parquet}'`);
  for (const row of await query(sql('gc_time.sql'))) byIsolate.set(rowKey(row), row);
  for (const row of await query(sql('pauses_by_collector.sql'))) pausesBy.set(`${rowKey(row)}|${row['collector']}`, row);
  for (const row of await query(sql('floor_trend.sql'))) floorsBy.set(rowKey(row), row);
}, 300_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function isolatesOf(file: string): Promise<IsolateSummary[]> {
  return (await analyzeFiles([file])).isolates.filter((isolate) => isolate.counts.total > 0);
}

describe('DuckDB SQL on gclog-events equals gclog', { timeout: 120_000 }, () => {
  it('reads the file, process and isolate of every event of every sample', async () => {
    const [counts] = await query('SELECT count(DISTINCT file) AS files, count(*) AS events FROM events');
    expect(Number(counts!['files'])).toBe(FILES.length);
    let events = 0;
    for (const file of FILES) for (const isolate of await isolatesOf(file)) events += isolate.counts.total;
    expect(Number(counts!['events'])).toBe(events);
  });

  it('pause percentiles by collector (pauses_by_collector.sql)', async () => {
    let compared = 0;
    for (const file of FILES) {
      for (const isolate of await isolatesOf(file)) {
        for (const [collector, stats] of [['all', isolate.pauses.all] as const, ...Object.entries(isolate.pauses.byType)]) {
          const row = pausesBy.get(`${key(file, isolate.pid, isolate.isolate)}|${collector}`);
          const where = `${file} ${isolate.label} ${collector}`;
          expect(row, where).toBeDefined();
          expect(
            { gcs: Number(row!['gcs']), total: row!['total_ms'], p50: row!['p50_ms'], p95: row!['p95_ms'], p99: row!['p99_ms'], max: row!['max_ms'] },
            where,
          ).toEqual({ gcs: stats!.count, total: stats!.totalMs, p50: stats!.p50Ms, p95: stats!.p95Ms, p99: stats!.p99Ms, max: stats!.maxMs });
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(400);
  });

  it('GC time and overhead (gc_time.sql), with no share where analyze gives none', async () => {
    let unmeasured = 0;
    for (const file of FILES) {
      for (const isolate of await isolatesOf(file)) {
        const row = byIsolate.get(key(file, isolate.pid, isolate.isolate));
        const where = `${file} ${isolate.label}`;
        expect(row, where).toBeDefined();
        expect({ gcMs: row!['gc_ms'], elapsedMs: row!['elapsed_ms'] }, where).toEqual({ gcMs: isolate.overhead.gcTimeMs, elapsedMs: isolate.overhead.elapsedMs });
        if (isolate.overhead.fraction === null) {
          expect({ fraction: row!['overhead_fraction'], perMinute: row!['gc_ms_per_minute'] }, where).toEqual({ fraction: null, perMinute: null });
          unmeasured++;
          continue;
        }
        expect(row!['overhead_fraction'] as number, where).toBeCloseTo(isolate.overhead.fraction, 12);
        expect(row!['gc_ms_per_minute'] as number, where).toBeCloseTo(isolate.overhead.fraction * 60_000, 8);
      }
    }
    // node12-oom.plain.log, node22-oom.plain.log (the out-of-memory report alone) at least.
    expect(unmeasured).toBeGreaterThanOrEqual(2);
  });

  it('the floor after Mark-Compact, its cut and its trend (floor_trend.sql)', async () => {
    let trends = 0;
    for (const file of FILES) {
      for (const isolate of await isolatesOf(file)) {
        const row = floorsBy.get(key(file, isolate.pid, isolate.isolate));
        const where = `${file} ${isolate.label}`;
        const floor = isolate.floors.total;
        if (floor === null) {
          expect(row, where).toBeUndefined();
          continue;
        }
        expect(row, where).toBeDefined();
        expect(
          { level: row!['floor_mb'], slope: row!['floor_trend_mb_per_min'], points: Number(row!['trend_points']), warmUpEnd: row!['warm_up_end_ms'], shutdown: row!['shutdown_ms'] },
          where,
        ).toEqual({ level: floor.levelMb, slope: floor.slopeMbPerMinute, points: floor.trendPoints, warmUpEnd: isolate.leak.evidence.warmUpEndMs, shutdown: isolate.leak.evidence.shutdownMs });
        if (floor.slopeMbPerMinute !== null) trends++;
      }
    }
    // Most long samples have a trend: the comparison is not only of nulls.
    expect(trends).toBeGreaterThan(100);
  });

  it('gives the numbers of a real log: node22-leak.log', async () => {
    const file = samplePath('node22-leak.log');
    // `gclog analyze samples/node22-leak.log`: p99 101.76 ms over 585 GCs; 63 Mark-Compacts.
    const [all] = await query(`SELECT * FROM (${sql('pauses_by_collector.sql').replace(/;\s*$/, '')}) WHERE file = '${file}' AND collector = 'all'`);
    expect({ gcs: Number(all!['gcs']), p99: all!['p99_ms'], max: all!['max_ms'] }).toEqual({ gcs: 585, p99: 101.76, max: 125.94 });
    const [floor] = await query(`SELECT * FROM (${sql('floor_trend.sql').replace(/;\s*$/, '')}) WHERE file = '${file}'`);
    // As `analyze` prints them: "its median 92.5 MB", "+311.8 MB/min over 48 Mark-Compacts".
    expect({ level: (floor!['floor_mb'] as number).toFixed(1), slope: (floor!['floor_trend_mb_per_min'] as number).toFixed(1), points: Number(floor!['trend_points']) }).toEqual({
      level: '92.5',
      slope: '311.8',
      points: 48,
    });
  });

  it('the minutes of GC time add up to the isolate\'s pauses (gc_time_by_minute.sql)', async () => {
    const rows = await query(`SELECT file, pid, isolate, round(sum(gc_ms), 2) AS gc_ms, sum(gcs) AS gcs FROM (${sql('gc_time_by_minute.sql').replace(/;\s*$/, '')}) GROUP BY ALL`);
    const file = samplePath('node22-leak.log');
    const row = rows.find((candidate) => candidate['file'] === file)!;
    // 12365.2 ms in 585 pauses: the "all" row of gclog analyze's pause table.
    expect({ gcs: Number(row['gcs']), gcMs: Math.round((row['gc_ms'] as number) * 10) / 10 }).toEqual({ gcs: 585, gcMs: 12365.2 });
  });

  it('reads the same table from CSV and NDJSON as from Parquet', async () => {
    const file = samplePath('node18-workers.log');
    for (const format of ['csv', 'ndjson'] as const) {
      const out = join(folder, `events.${format}`);
      const result = runCli(['events', file, '--format', format, '--out', out, '--quiet']);
      expect(result.status, result.stderr).toBe(0);
      const reader = format === 'csv' ? `read_csv('${out}', header = true)` : `read_ndjson_auto('${out}')`;
      const difference = await query(
        `SELECT count(*) AS n FROM (SELECT file, seq, pid, isolate, type, pause_ms, heap_after_mb, time_ms FROM ${reader} EXCEPT ALL SELECT file, seq, pid, isolate, type, pause_ms, heap_after_mb, time_ms FROM events WHERE file = '${file}')`,
      );
      expect(Number(difference[0]!['n']), format).toBe(0);
      const [count] = await query(`SELECT count(*) AS n FROM ${reader}`);
      const [expected] = await query(`SELECT count(*) AS n FROM events WHERE file = '${file}'`);
      expect(Number(count!['n']), format).toBe(Number(expected!['n']));
    }
  });
});

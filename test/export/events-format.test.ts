// `gclog events --format ndjson|csv|parquet`: the gclog-events table from real lines, every column,
// several files in one table, Parquet typed and written whole or not at all.

import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENT_TABLE } from '../../src/export/event-table.js';
import { expectOneLineError, runCli } from '../cli/run-cli.js';
import { sampleLine, samplePath } from '../support/samples.js';

const folder = mkdtempSync(join(tmpdir(), 'gclog-events-format-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('gclog events --format', { timeout: 120_000 }, () => {
  it('ndjson: every column of the schema, with the numbers of the line', () => {
    const file = samplePath('node22-leak.log');
    const result = runCli(['events', file, '--format', 'ndjson']);
    expect(result.status, result.stderr).toBe(0);
    const first = JSON.parse(result.stdout.split('\n')[0]!);
    expect(Object.keys(first)).toEqual(EVENT_TABLE.columns.map((column) => column.name));
    expect(sampleLine('node22-leak.log', 1)).toContain('[20294:0xf2aa000]       37 ms: Scavenge 4.4 (5.1) -> 4.1 (6.1) MB, pooled: 0 MB, 5.34 / 0.00 ms');
    expect(first).toMatchObject({
      file,
      seq: 0,
      line: 1,
      pid: 20294,
      isolate: '0xf2aa000',
      type: 'Scavenge',
      time_ms: 37,
      start_ms: 37 - 5.34,
      pause_ms: 5.34,
      external_ms: 0,
      heap_before_mb: 4.4,
      heap_after_mb: 4.1,
      committed_before_mb: 5.1,
      committed_after_mb: 6.1,
      pooled_mb: 0,
      reason: 'allocation failure',
      mu_average: 1,
      new_used_kb: null,
      from_oom_report: false,
    });
  });

  it('ndjson: the per-space columns of a --trace-gc-verbose log', () => {
    const result = runCli(['events', samplePath('node20-steady.verbose.log'), '--format', 'ndjson']);
    const first = JSON.parse(result.stdout.split('\n')[0]!);
    expect(first.line).toBe(3);
    // The verbose block after it: "New space, used: 696 KB", … "External memory reported: 10 KB".
    expect(first).toMatchObject({ new_used_kb: 696, old_used_kb: 2476, code_used_kb: 239, lo_used_kb: 256, external_kb: 10, backing_store_kb: 1097 });
  });

  it('csv: several files in one table, each row naming its file, seq counted per file', () => {
    const files = [samplePath('node22-leak.log'), samplePath('node18-workers.log')];
    const result = runCli(['events', ...files, '--format', 'csv']);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(EVENT_TABLE.columns.map((column) => column.name).join(','));
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows.filter((row) => row[0] === files[0])).toHaveLength(585);
    const workers = rows.filter((row) => row[0] === files[1]);
    expect(workers).toHaveLength(176);
    expect(workers[0]![1]).toBe('0');
  });

  it('parquet: typed columns that DuckDB reads, and the schema version in the metadata', async () => {
    const out = join(folder, 'events.parquet');
    const result = runCli(['events', samplePath('node22-oom.log'), '--format', 'parquet', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe(`gclog: wrote ${out}\n`);
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const types = (await connection.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${out}')`)).getRowObjectsJS();
    const sqlType = { utf8: 'VARCHAR', int64: 'BIGINT', float64: 'DOUBLE', bool: 'BOOLEAN' } as const;
    expect(types).toEqual(EVENT_TABLE.columns.map((column) => ({ column_name: column.name, column_type: sqlType[column.type] })));
    const [counts] = (await connection.runAndReadAll(`SELECT count(*) AS gcs, count(*) FILTER (WHERE from_oom_report) AS from_report FROM '${out}'`)).getRowObjectsJS();
    const json = runCli(['analyze', samplePath('node22-oom.log'), '--json']);
    const isolate = JSON.parse(json.stdout).isolates[0];
    expect(counts).toEqual({ gcs: BigInt(isolate.counts.total), from_report: BigInt(isolate.oomReportEvents) });
    const metadata = (await connection.runAndReadAll(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${out}') WHERE decode(key) LIKE 'gclog.%' ORDER BY 1`)).getRowObjectsJS();
    expect(metadata).toEqual([
      { key: 'gclog.schema', value: 'gclog-events' },
      { key: 'gclog.schema_version', value: '1' },
    ]);
  });

  it('parquet: nothing is left behind when a later file cannot be read', () => {
    const out = join(folder, 'broken', 'events.parquet');
    const broken = join(folder, 'broken');
    rmSync(broken, { recursive: true, force: true });
    mkdirSync(broken);
    expectOneLineError(runCli(['events', samplePath('node22-leak.log'), join(folder, 'missing.log'), '--format', 'parquet', '--out', out]), 3, ['no such file']);
    expect(readdirSync(broken)).toEqual([]);
  });

  it('refuses what cannot work, in one line', () => {
    expectOneLineError(runCli(['events', samplePath('node22-leak.log'), '--format', 'parquet']), 2, ['--out']);
    expectOneLineError(runCli(['events', samplePath('node22-leak.log'), '--format', 'csv', '--all']), 2, ['--all']);
    expectOneLineError(runCli(['events', samplePath('node22-leak.log'), '--format', 'xml']), 2, ['--format takes ndjson, csv or parquet (got "xml")']);
    expectOneLineError(runCli(['fleet', samplePath('node22-leak.log'), '--format', 'csv', '--out', join(folder, 'x.csv')]), 2, ['--format takes parquet (got "csv")']);
  });
});

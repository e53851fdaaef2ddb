// `gclog fleet` through the built CLI on real samples: rows, ranking, rotated runs, --jobs, outputs, errors.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import { fleetRows, type FleetRow } from '../../src/fleet/row.js';
import { expectOneLineError, runCli } from '../cli/run-cli.js';
import { readSample, samplePath } from '../support/samples.js';

const folder = mkdtempSync(join(tmpdir(), 'gclog-fleet-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const FOUR = ['node22-oom.log', 'node22-leak.log', 'node22-steady.log', 'node18-workers.log'].map(samplePath);

function fleetJson(args: string[]): { rows: FleetRow[]; runs: unknown[]; schemaVersion: number } {
  const result = runCli(['fleet', ...args, '--json']);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

// Each test spawns the CLI (and its workers) a few times: generous on a shared, loaded machine.
describe('gclog fleet', { timeout: 120_000 }, () => {
  it('gives one row per isolate with the numbers analyze gives it', async () => {
    const { rows } = fleetJson([samplePath('node18-workers.log')]);
    const summary = await analyzeFiles([samplePath('node18-workers.log')]);
    expect(rows).toHaveLength(4);
    const main = rows.find((row) => row.label === 'main thread')!;
    const isolate = summary.isolates.find((candidate) => candidate.label === 'main thread')!;
    expect(main).toMatchObject({
      pid: isolate.pid,
      isolate: isolate.isolate,
      gcs: isolate.counts.total,
      pauseP99Ms: isolate.pauses.all.p99Ms,
      floorMb: isolate.floors.total!.levelMb,
      floorTrendMbPerMinute: isolate.floors.total!.slopeMbPerMinute,
      leak: isolate.leak.verdict,
      command: null,
    });
    // The worker's pid is the one printed in its lines: [19440:0x…].
    expect(readSample('node18-workers.log').split('\n')[0]).toMatch(/^\[19440:/);
    expect(main.pid).toBe(19440);
  });

  it('ranks out of memory first, then leak, then the rest by GC time, and counts the verdicts', () => {
    const result = runCli(['fleet', ...FOUR]);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('7 isolates in 4 runs (4 files): 1 out of memory; leak verdicts: 2 leak, 0 suspected, 2 none, 3 insufficient-data');
    const table = lines.slice(4).filter((line) => line !== '');
    expect(table.map((line) => line.split(/\s{2,}/)[1])).toEqual(['leak', 'leak', 'none', 'insufficient-data', 'insufficient-data', 'insufficient-data', 'none']);
    expect(table[0]).toContain('node22-oom.log');
    expect(table[0]).toContain('OOM');
    expect(table[1]).toContain('node22-leak.log');
    // Among the rest, by GC time: node22-steady 35.7% before the workers' 13.2%, 11.1%, 9.8%, 9.7%.
    expect(table.slice(2).map((line) => /(\d+\.\d)%/.exec(line)![1])).toEqual(['35.7', '13.2', '11.1', '9.8', '9.7']);
  });

  it('reads rotated files oldest first as one run, with the rows of the whole log', () => {
    // logrotate, done in code on a real log: the first third gzipped as gc.log.2.gz, then gc.log.1, then gc.log.
    const lines = readSample('node22-leak.log').split(/(?<=\n)/);
    const third = Math.floor(lines.length / 3);
    const rotated = join(folder, 'rotated');
    mkdirSync(rotated);
    writeFileSync(join(rotated, 'gc.log.2.gz'), gzipSync(lines.slice(0, third).join('')));
    writeFileSync(join(rotated, 'gc.log.1'), lines.slice(third, 2 * third).join(''));
    writeFileSync(join(rotated, 'gc.log'), lines.slice(2 * third).join(''));
    const whole = join(folder, 'whole');
    mkdirSync(whole);
    copyFileSync(samplePath('node22-leak.log'), join(whole, 'gc.log'));

    const [rotatedRow] = fleetJson([rotated]).rows;
    const [wholeRow] = fleetJson([whole]).rows;
    expect(rotatedRow!.files).toEqual(['gc.log.2.gz', 'gc.log.1', 'gc.log'].map((name) => join(rotated, name)));
    const { file: _file, files: _files, ...rotatedFigures } = rotatedRow!;
    const { file: _wholeFile, files: _wholeFiles, ...wholeFigures } = wholeRow!;
    expect(rotatedFigures).toEqual(wholeFigures);
    expect(rotatedFigures.gcs).toBe(585);
  });

  it('skips an empty live file of a rotated set and says so', () => {
    const set = join(folder, 'just-rotated');
    mkdirSync(set);
    copyFileSync(samplePath('node22-steady.log'), join(set, 'app.log.1'));
    writeFileSync(join(set, 'app.log'), '');
    const result = runCli(['fleet', set, '--json']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe(`gclog: warning: skipped ${join(set, 'app.log')} is empty. Capture the log with: node --trace-gc app.js > gc.log 2>&1\n`);
    expect(JSON.parse(result.stdout).rows[0].gcs).toBe(486);
  });

  it('gives identical rows with one worker and with two', () => {
    const one = fleetJson([...FOUR, samplePath('compare'), '--jobs', '1']);
    const two = fleetJson([...FOUR, samplePath('compare'), '--jobs', '2']);
    expect(one.rows.length).toBe(13); // the four logs' 7 isolates and the 6 logs of samples/compare
    expect(two).toEqual(one);
  });

  it('writes the rows as CSV with the schema columns', () => {
    const result = runCli(['fleet', samplePath('node22-leak.log'), '--csv']);
    expect(result.status, result.stderr).toBe(0);
    const [header, row] = result.stdout.split('\n');
    expect(header).toBe(
      'file,files,pid,isolate,label,command,era,duration_ms,gcs,mark_compacts,pause_p50_ms,pause_p95_ms,pause_p99_ms,pause_max_ms,overhead_percent,worst_second_ms,worst_second_at_ms,floor_mb,floor_trend_mb_per_min,leak,leak_reason,out_of_memory',
    );
    expect(row).toContain(',20294,0xf2aa000,main thread,,');
    // gclog analyze: 585 GCs, 63 Mark-Compacts, p50 16.05, p95 63.78, p99 101.76, max 125.94 ms, overhead 44.2%, worst second 715.6 ms at 2 s.
    expect(row).toContain(',585,63,16.05,63.78,101.76,125.94,44.188,715.61,2000,92.45,311.8425,leak,');
  });

  it('writes the rows as Parquet that DuckDB reads with their types', async () => {
    const out = join(folder, 'fleet.parquet');
    const result = runCli(['fleet', ...FOUR, '--format', 'parquet', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = (await connection.runAndReadAll(`SELECT file, pid, label, gcs, pause_p99_ms, leak, out_of_memory FROM '${out}'`)).getRowObjectsJS();
    const json = fleetJson(FOUR).rows;
    expect(rows).toEqual(json.map((row) => ({ file: row.file, pid: BigInt(row.pid!), label: row.label, gcs: BigInt(row.gcs), pause_p99_ms: row.pauseP99Ms, leak: row.leak, out_of_memory: row.outOfMemory })));
    const types = (await connection.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${out}') WHERE column_name IN ('pid', 'gcs', 'pause_p99_ms', 'out_of_memory', 'command')`)).getRowObjectsJS();
    expect(types).toEqual([
      { column_name: 'pid', column_type: 'BIGINT' },
      { column_name: 'command', column_type: 'VARCHAR' },
      { column_name: 'gcs', column_type: 'BIGINT' },
      { column_name: 'pause_p99_ms', column_type: 'DOUBLE' },
      { column_name: 'out_of_memory', column_type: 'BOOLEAN' },
    ]);
    const metadata = (await connection.runAndReadAll(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${out}') WHERE decode(key) LIKE 'gclog.%' ORDER BY 1`)).getRowObjectsJS();
    expect(metadata).toEqual([
      { key: 'gclog.schema', value: 'gclog-fleet' },
      { key: 'gclog.schema_version', value: '1' },
    ]);
  });

  it('fills the command from the process identity when the summary has one, else leaves it empty', async () => {
    const summary = await analyzeFiles([samplePath('node22-leak.log')]);
    const run = { name: 'x', files: ['x'] };
    expect(fleetRows(run, summary)[0]!.command).toBeNull();
    (summary.isolates[0] as unknown as { process: object }).process = { pid: 20294, command: 'node --trace-gc leak.js' };
    expect(fleetRows(run, summary)[0]!.command).toBe('node --trace-gc leak.js');
  });

  it('leaves out files of a folder that are not GC logs, in one line', () => {
    const mixed = join(folder, 'mixed');
    mkdirSync(mixed);
    copyFileSync(samplePath('node22-leak.log'), join(mixed, 'a.log'));
    copyFileSync(samplePath('generate.sh'), join(mixed, 'generate.sh'));
    const result = runCli(['fleet', mixed]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`gclog: left out 1 file with no GC record (empty, binary, or not a GC log): ${join(mixed, 'generate.sh')}\n`);
  });

  it('fails with one line and the exit code of the problem when nothing can be read', () => {
    expectOneLineError(runCli(['fleet', join(folder, 'missing.log')]), 3, ['no such file']);
    const empty = join(folder, 'empty-folder');
    mkdirSync(empty);
    expectOneLineError(runCli(['fleet', empty]), 6, ['is empty']);
    expectOneLineError(runCli(['fleet', samplePath('generate.sh')]), 7, ['no GC records']);
    expectOneLineError(runCli(['fleet', samplePath('node22-leak.log'), '--jobs', '0']), 2, ['--jobs']);
    expectOneLineError(runCli(['fleet', samplePath('node22-leak.log'), '--jobs', '1.5']), 2, ['--jobs']);
    expectOneLineError(runCli(['fleet', samplePath('node22-leak.log'), '--format', 'parquet']), 2, ['--out']);
    expectOneLineError(runCli(['fleet', '-']), 2, ['stdin']);
    expectOneLineError(runCli(['fleet', samplePath('node22-leak.log'), '--html', '--out', join(folder, 'no-such', 'f.html')]), 11, ['does not exist']);
  });

  it('accepts --jobs from 1 to 256', () => {
    expect(runCli(['fleet', samplePath('node22-leak.log'), '--jobs', '1']).status).toBe(0);
    expect(runCli(['fleet', samplePath('node22-leak.log'), '--jobs', '256']).status).toBe(0);
    expectOneLineError(runCli(['fleet', samplePath('node22-leak.log'), '--jobs', '257']), 2, ['--jobs']);
  });

  it('writes the HTML page and one analyze report per run beside it', () => {
    const out = join(folder, 'page', 'fleet.html');
    mkdirSync(join(folder, 'page'));
    const result = runCli(['fleet', ...FOUR, '--html', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('href="fleet.reports/1-node22-oom.gclog.html"');
    expect(readFileSync(join(folder, 'page', 'fleet.reports', '4-node18-workers.gclog.html'), 'utf8')).toContain('node18-workers.log');
  });
});

// `gclog fleet <path…>`: many logs (files, folders, rotated sets) on every core, one row per
// process isolate, worst first; or the rows as CSV, JSON, Parquet, or an HTML page.

import { basename, dirname, join } from 'node:path';
import { EXIT_CODES, fromWriteError, oneLine } from '../errors.js';
import { plural } from '../format.js';
import { csvHeaderOf, csvRowOf } from '../export/table.js';
import { analyzeFleetPaths, type FleetResult } from '../fleet/fleet.js';
import { FLEET_TABLE } from '../fleet/fleet-table.js';
import { FLEET_SCHEMA_VERSION } from '../fleet/row.js';
import { renderFleetText } from '../fleet/text.js';
import { logStem, writeOutput, emitText, openHtml } from './output.js';
import { fleetProgress } from './progress.js';

export interface FleetCommandOptions {
  paths: string[];
  format: 'text' | 'json' | 'csv' | 'html' | 'parquet';
  out?: string;
  open?: boolean;
  jobs?: number;
  heapLimitMb?: number;
  debug?: boolean;
  /** No progress line on stderr (shown only on a terminal). */
  quiet?: boolean;
}

export async function runFleet(options: FleetCommandOptions): Promise<number> {
  const htmlPath = options.format === 'html' ? (options.out ?? `${logStem(options.paths[0] ?? 'fleet')}.fleet.html`) : null;
  const reportsDir = htmlPath === null ? null : reportsFolderOf(htmlPath);
  if (reportsDir !== null) {
    const { mkdir } = await import('node:fs/promises');
    // Not recursive: a missing folder for --out is the user's typo, reported as for every --out.
    await mkdir(reportsDir).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fromWriteError(error, htmlPath!);
    });
  }
  const progress = fleetProgress(options.quiet === true);
  const result = await analyzeFleetPaths(options.paths, {
    ...(progress !== null ? { onRunDone: progress.update } : {}),
    ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
    ...(options.heapLimitMb !== undefined ? { heapLimitMb: options.heapLimitMb } : {}),
    ...(reportsDir !== null ? { reportPathOf: (index, run) => join(reportsDir, reportFileName(index, run.name)) } : {}),
  });
  progress?.finish();
  for (const skipped of result.skipped) process.stderr.write(`gclog: warning: skipped ${skipped.message}\n`);
  if (result.rows.length === 0) {
    // Nothing to show: the first failure says why, with its own exit code.
    const first = result.failures[0]!;
    process.stderr.write(`gclog: ${first.message}\n`);
    if (options.debug === true && first.stack !== undefined) process.stderr.write(`${first.stack}\n`);
    return first.exitCode;
  }
  reportFailures(result.failures, options.debug === true);
  switch (options.format) {
    case 'text':
      await emitText(renderFleetText(result.rows, result.analysedRuns, result.analysedFiles), options.out);
      return 0;
    case 'json':
      await emitText(`${JSON.stringify(fleetJson(result), null, 2)}\n`, options.out);
      return 0;
    case 'csv':
      await emitText(csvHeaderOf(FLEET_TABLE) + result.rows.map((row) => csvRowOf(FLEET_TABLE, row)).join(''), options.out);
      return 0;
    case 'parquet': {
      const { ParquetTableWriter } = await import('../export/parquet.js');
      const writer = new ParquetTableWriter(options.out!, FLEET_TABLE);
      for (const row of result.rows) writer.add(row);
      await writer.commit();
      process.stderr.write(`gclog: wrote ${options.out}\n`);
      return 0;
    }
    case 'html': {
      const { renderFleetHtml } = await import('../fleet/html.js');
      const reportsHref = basename(reportsDir!);
      await writeOutput(htmlPath!, renderFleetHtml(result, (index, name) => `${reportsHref}/${reportFileName(index, name)}`));
      if (options.open === true) await openHtml(htmlPath!);
      return 0;
    }
  }
}

export function fleetJson(result: FleetResult): object {
  return {
    schema: FLEET_TABLE.name,
    schemaVersion: FLEET_SCHEMA_VERSION,
    generator: 'gclog',
    runs: result.runs,
    rows: result.rows,
    failures: result.failures.map(({ name, message, exitCode }) => ({ name, message, exitCode })),
  };
}

/** `fleet.html` → `fleet.reports/` beside it: the `analyze` report of each run. */
export function reportsFolderOf(htmlPath: string): string {
  return join(dirname(htmlPath), `${basename(htmlPath).replace(/\.html?$/i, '')}.reports`);
}

/** `3-gc.gclog.html`: numbered by run, so that two `gc.log` in different folders do not collide. */
export function reportFileName(index: number, runName: string): string {
  return `${index + 1}-${logStem(runName).replace(/[^A-Za-z0-9._-]/g, '_')}.gclog.html`;
}

/** Files that are not GC logs at all (a folder's scripts, READMEs): said in one line, not one each. */
const NOT_A_LOG_EXIT_CODES = new Set([EXIT_CODES.EmptyInput, EXIT_CODES.NoGcRecords, EXIT_CODES.BinaryInput]);
const NAMED_NOT_LOGS = 3;

function reportFailures(failures: FleetResult['failures'], debug: boolean): void {
  const notLogs = failures.filter((failure) => NOT_A_LOG_EXIT_CODES.has(failure.exitCode));
  if (notLogs.length > 0) {
    const named = notLogs.slice(0, NAMED_NOT_LOGS).map((failure) => oneLine(failure.name)).join(', ');
    const more = notLogs.length > NAMED_NOT_LOGS ? ` and ${notLogs.length - NAMED_NOT_LOGS} more` : '';
    process.stderr.write(`gclog: left out ${plural(notLogs.length, 'file')} with no GC record (empty, binary, or not a GC log): ${named}${more}\n`);
  }
  for (const failure of failures) {
    if (NOT_A_LOG_EXIT_CODES.has(failure.exitCode)) continue;
    process.stderr.write(`gclog: warning: not analysed: ${failure.message}\n`);
    if (debug && failure.stack !== undefined) process.stderr.write(`${failure.stack}\n`);
  }
}

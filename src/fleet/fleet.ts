// `fleet` as a library call: paths → runs → rows from worker threads, ranked worst first.

import { AppError } from '../errors.js';
import { discoverRuns, type FleetRun } from './discover.js';
import { analyzeFleet, type PoolOptions, type RunOutcome } from './pool.js';
import { rankRows, type FleetRow } from './row.js';

export interface FleetResult {
  runs: FleetRun[];
  /** Every row, worst first. */
  rows: FleetRow[];
  /** Runs that gave no row, with why (one line each). */
  failures: Array<{ name: string; message: string; exitCode: number; stack?: string }>;
  /** Files of rotated runs skipped because they held nothing (an empty live log after rotation). */
  skipped: Array<{ file: string; message: string }>;
  /** Outcomes in the runs' order (what `--jobs` must not change). */
  outcomes: RunOutcome[];
  /** The runs that gave rows, and their files: what the fleet's headline counts. */
  analysedRuns: number;
  analysedFiles: number;
}

export async function analyzeFleetPaths(paths: string[], options: PoolOptions = {}): Promise<FleetResult> {
  const runs = await discoverRuns(paths);
  if (runs.length === 0) throw new AppError({ code: 'EmptyInput', path: paths.join(', ') });
  const outcomes = await analyzeFleet(runs, options);
  const failures = outcomes.flatMap((outcome) => (outcome.failure === null ? [] : [{ name: outcome.run.name, ...outcome.failure }]));
  return {
    runs,
    rows: rankRows(outcomes.flatMap((outcome) => outcome.rows)),
    failures,
    skipped: outcomes.flatMap((outcome) => outcome.skipped),
    outcomes,
    analysedRuns: outcomes.filter((outcome) => outcome.rows.length > 0).length,
    analysedFiles: outcomes.reduce((sum, outcome) => sum + (outcome.rows.length > 0 ? outcome.run.files.length - outcome.skipped.length : 0), 0),
  };
}

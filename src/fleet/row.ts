// One row of the fleet per process isolate: the figures `analyze` gives it, picked from its
// summary (no statistic is computed here), and the order that puts the worst first.

import type { IsolateSummary, LeakVerdict, Summary } from '../analyze/summary.js';
import type { FleetRun } from './discover.js';

/** Version of the row schema (`--json`, `--csv`, `--format parquet`): columns are added, never renamed, within it. */
export const FLEET_SCHEMA_VERSION = 1;

export interface FleetRow {
  /** The run: its newest file (rotations are in `files`). */
  file: string;
  /** The files read as this run, oldest first. */
  files: string[];
  pid: number | null;
  isolate: string | null;
  /** `main thread`, `worker 1`, `pid 42 main thread` …, as `analyze` names it. */
  label: string;
  /** The process's command line, when the log holds it (`gclog run` writes it); null otherwise. */
  command: string | null;
  /** Node majors guessed from the log's records. */
  era: string;
  durationMs: number;
  gcs: number;
  markCompacts: number;
  pauseP50Ms: number;
  pauseP95Ms: number;
  pauseP99Ms: number;
  pauseMaxMs: number;
  /** Share of the isolate's time spent in GC pauses, in percent; null when the log cannot give it (too short a span, see analyze/overhead.ts). */
  overheadPercent: number | null;
  /** GC pause time in the worst 1-second window (Clinic Doctor flags ≥ 100 ms), and when it started. */
  worstSecondMs: number;
  worstSecondAtMs: number | null;
  /** The median floor after Mark-Compact over the running app; null without a Mark-Compact. */
  floorMb: number | null;
  /** Theil–Sen trend of that floor; null below 5 floors after the warm-up. */
  floorTrendMbPerMinute: number | null;
  leak: LeakVerdict;
  /** The first sentence that decided the verdict. */
  leakReason: string;
  outOfMemory: boolean;
}

/** The rows of one analysed run, in the summary's order (main threads first). */
export function fleetRows(run: FleetRun, summary: Summary): FleetRow[] {
  const era = summary.inputs[0]?.era ?? 'unknown';
  return summary.isolates.map((isolate) => rowOf(run, era, isolate));
}

function rowOf(run: FleetRun, era: string, isolate: IsolateSummary): FleetRow {
  const floor = isolate.floors.total;
  return {
    file: run.name,
    files: run.files,
    pid: isolate.pid,
    isolate: isolate.isolate,
    label: isolate.label,
    command: processCommand(isolate),
    era,
    durationMs: isolate.durationMs,
    gcs: isolate.counts.total,
    markCompacts: isolate.counts['Mark-Compact'] ?? 0,
    pauseP50Ms: isolate.pauses.all.p50Ms,
    pauseP95Ms: isolate.pauses.all.p95Ms,
    pauseP99Ms: isolate.pauses.all.p99Ms,
    pauseMaxMs: isolate.pauses.all.maxMs,
    overheadPercent: isolate.overhead.fraction === null ? null : Math.round(isolate.overhead.fraction * 100_000) / 1000,
    worstSecondMs: isolate.overhead.worstWindow?.gcMs ?? 0,
    worstSecondAtMs: isolate.overhead.worstWindow?.startMs ?? null,
    floorMb: floor?.levelMb ?? null,
    floorTrendMbPerMinute: floor?.slopeMbPerMinute ?? null,
    leak: isolate.leak.verdict,
    leakReason: isolate.leak.reasons[0] ?? '',
    outOfMemory: isolate.outOfMemory !== null,
  };
}

/**
 * The process identity `gclog run` writes into the log, when the summary has it. Read defensively:
 * summaries of logs without it (and libraries without the field) have no `process`.
 */
function processCommand(isolate: IsolateSummary): string | null {
  const process = (isolate as IsolateSummary & { process?: { command?: unknown } | null }).process;
  return typeof process?.command === 'string' ? process.command : null;
}

const VERDICT_ORDER: Record<LeakVerdict, number> = { leak: 0, suspected: 1, none: 2, 'insufficient-data': 2 };

/**
 * Worst first: a crash out of memory, then a leak, then a suspected one; among equals the larger
 * GC overhead, then the longer p99 pause. Ties keep the order read (file, then summary order).
 */
export function rankRows(rows: FleetRow[]): FleetRow[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort(
      (a, b) =>
        Number(b.row.outOfMemory) - Number(a.row.outOfMemory) ||
        VERDICT_ORDER[a.row.leak] - VERDICT_ORDER[b.row.leak] ||
        (b.row.overheadPercent ?? -1) - (a.row.overheadPercent ?? -1) ||
        b.row.pauseP99Ms - a.row.pauseP99Ms ||
        a.index - b.index,
    )
    .map(({ row }) => row);
}

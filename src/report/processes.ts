// The processes `gclog run` traced, on one wall clock: when each started (after the first one) and
// when its GCs ran, read from the `gclog:process` lines. Each process's V8 clock starts about when
// the process does (`performance.timeOrigin`), so its GC times move onto the shared clock by that start.

import { clusterRole, labelNamesPid, type ProcessIdentity } from '../analyze/processes.js';
import type { IsolateSummary, Summary } from '../analyze/summary.js';
import { formatMs, plural } from '../format.js';

export interface ProcessRow {
  label: string;
  pid: number;
  parentPid: number | null;
  role: 'app' | 'package manager';
  /** Seconds on the shared clock: 0 is the start of the first process named. */
  startS: number;
  /** When its main thread's first and last GCs ended, on the same clock; null without a GC. */
  firstGcS: number | null;
  lastGcS: number | null;
  gcs: number;
  pauseTotalMs: number;
  /** Worker threads of the process with GCs of their own (each has its own section). */
  workers: number;
}

/** Every process `gclog run` named, with GCs or not, in order of start; empty for other logs. */
export function processTimeline(summary: Summary): ProcessRow[] {
  const named = summary.inputs.flatMap((input) => (input.processes ?? []).filter((process) => process.startWallMs !== null).map((process) => ({ input: input.name, process })));
  if (named.length === 0) return [];
  const origin = Math.min(...named.map(({ process }) => process.startWallMs!));
  const isolatesOf = (input: string, pid: number): IsolateSummary[] => summary.isolates.filter((isolate) => isolate.input === input && isolate.pid === pid);
  return named
    .map(({ input, process }) => {
      const isolates = isolatesOf(input, process.pid);
      const main = isolates.find((isolate) => (isolate.role ?? (isolate.isMain ? 'main thread' : '')) === 'main thread');
      const startS = (process.startWallMs! - origin) / 1000;
      const row: ProcessRow = {
        label: main?.label ?? labelWithoutGc(process, summary.inputs.find((candidate) => candidate.name === input)?.processes ?? []),
        pid: process.pid,
        parentPid: process.parentPid,
        role: process.role,
        startS,
        firstGcS: main === undefined ? null : startS + main.startMs / 1000,
        lastGcS: main === undefined ? null : startS + main.endMs / 1000,
        gcs: main?.counts.total ?? 0,
        pauseTotalMs: main?.pauses.all.totalMs ?? 0,
        workers: isolates.filter((isolate) => isolate !== main).length,
      };
      return row;
    })
    .sort((a, b) => a.startS - b.startS || a.pid - b.pid);
}

/** `+1.2 s  node server.js (pid 41), parent 40  GCs 0.3–12.5 s: 120 GCs, 88.1 ms paused`. */
export function processTimelineLines(rows: ProcessRow[]): string[] {
  if (rows.length < 2) return [];
  const seconds = (value: number) => `${value.toFixed(1)} s`;
  const gcs = (row: ProcessRow): string => {
    if (row.firstGcS === null || row.lastGcS === null) return 'no GC';
    const when = row.gcs === 1 ? `1 GC at ${seconds(row.lastGcS)}` : `GCs ${seconds(row.firstGcS)}–${seconds(row.lastGcS)}: ${plural(row.gcs, 'GC')}`;
    return `${when}, ${formatMs(row.pauseTotalMs)} paused`;
  };
  return [
    `Processes on one clock (0 s = the first process's start; each process's GC times are placed from its start, to within about 0.1 s):`,
    ...rows.map(
      (row) =>
        `  ${`+${seconds(row.startS)}`.padStart(8)}  ${row.label}${labelNamesPid(row.label, row.pid) ? '' : `, pid ${row.pid}`}` +
        `${row.parentPid !== null ? `, parent ${row.parentPid}` : ''}  ${gcs(row)}` +
        `${row.workers > 0 ? `; ${plural(row.workers, 'worker thread')} with ${row.workers === 1 ? 'its' : 'their'} own section` : ''}`,
    ),
  ];
}

/** A process with no GC of its own has no isolate label: its command, and what it is when that says more. */
function labelWithoutGc(process: ProcessIdentity, processes: ProcessIdentity[]): string {
  if (process.role === 'package manager') return `${process.command} (package manager)`;
  const cluster = clusterRole(process, processes);
  return cluster === null ? process.command : `${process.command} (${cluster})`;
}

// The processes `gclog run` traced, on one wall clock: when each started (after the first one) and
// when its GCs ran, read from the `gclog:process` lines. Each process's V8 clock starts about when
// the process does (`performance.timeOrigin`), so its GC times move onto the shared clock by that start.

import type { IsolateSummary, Summary } from '../analyze/summary.js';
import { formatMs, plural } from '../format.js';

export interface ProcessRow {
  label: string;
  pid: number;
  parentPid: number | null;
  role: 'app' | 'package manager';
  /** Seconds on the shared clock: 0 is the start of the first traced process. */
  startS: number;
  firstGcS: number;
  lastGcS: number;
  gcs: number;
  pauseTotalMs: number;
  /** Worker threads of the process (their GCs are not in this row). */
  workers: number;
}

/** The main threads named by `gclog run`, in order of start; empty for logs without process lines. */
export function processTimeline(summary: Summary): ProcessRow[] {
  const mains = summary.isolates.filter((isolate) => isolate.process?.startWallMs != null && (isolate.role ?? (isolate.isMain ? 'main thread' : '')) === 'main thread');
  if (mains.length === 0) return [];
  const origin = Math.min(...mains.map((isolate) => isolate.process!.startWallMs!));
  const workersOf = (isolate: IsolateSummary) =>
    summary.isolates.filter((other) => other !== isolate && other.input === isolate.input && other.pid === isolate.pid && other.role !== 'main thread').length;
  return mains
    .map((isolate) => {
      const startS = (isolate.process!.startWallMs! - origin) / 1000;
      return {
        label: isolate.label,
        pid: isolate.process!.pid,
        parentPid: isolate.process!.parentPid,
        role: isolate.process!.role,
        startS,
        firstGcS: startS + isolate.startMs / 1000,
        lastGcS: startS + isolate.endMs / 1000,
        gcs: isolate.counts.total,
        pauseTotalMs: isolate.pauses.all.totalMs,
        workers: workersOf(isolate),
      };
    })
    .sort((a, b) => a.startS - b.startS || a.pid - b.pid);
}

/** `+1.2 s  node server.js  pid 41 (parent 40)  GCs 0.3–12.5 s: 120 GCs, 88.1 ms paused`. */
export function processTimelineLines(rows: ProcessRow[]): string[] {
  if (rows.length < 2) return [];
  const seconds = (value: number) => `${value.toFixed(1)} s`;
  return [
    `Processes on one clock (0 s = the first process's start; each process's GC times are placed from its start, to within about 0.1 s):`,
    ...rows.map(
      (row) =>
        `  ${`+${seconds(row.startS)}`.padStart(8)}  ${row.label}${row.label.includes(`(pid ${row.pid})`) ? '' : ` (pid ${row.pid})`}` +
        `${row.parentPid !== null ? `, parent ${row.parentPid}` : ''}` +
        `  GCs ${seconds(row.firstGcS)}–${seconds(row.lastGcS)}: ${plural(row.gcs, 'GC')}, ${formatMs(row.pauseTotalMs)} paused` +
        `${row.workers > 0 ? `, ${plural(row.workers, 'worker thread')} apart` : ''}`,
    ),
  ];
}

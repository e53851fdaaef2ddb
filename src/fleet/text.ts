// The fleet as a terminal table, worst first, under one line that counts what the fleet holds.

import { oneLine } from '../errors.js';
import { fixed, formatDuration, formatMb, formatMs, formatSlope, plural } from '../format.js';
import type { FleetRow } from './row.js';

/** `12 isolates in 10 runs (14 files): 2 out of memory, 3 leak, 1 suspected, 6 none, 0 insufficient-data`. */
export function fleetHeadline(rows: FleetRow[], runs: number, files: number): string {
  const count = (predicate: (row: FleetRow) => boolean): number => rows.filter(predicate).length;
  const verdicts = (['leak', 'suspected', 'none', 'insufficient-data'] as const).map((verdict) => `${count((row) => row.leak === verdict)} ${verdict}`);
  return `${plural(rows.length, 'isolate')} in ${plural(runs, 'run')} (${plural(files, 'file')}): ${count((row) => row.outOfMemory)} out of memory; leak verdicts: ${verdicts.join(', ')}`;
}

const HEADERS = ['#', 'leak', 'OOM', 'GC time', 'p50', 'p95', 'p99', 'max', 'worst 1 s', 'floor', 'trend', 'GCs', 'duration', 'pid', 'isolate', 'file', 'command'];
/** Columns aligned to the right (numbers). */
const RIGHT = new Set(['#', 'GC time', 'p50', 'p95', 'p99', 'max', 'worst 1 s', 'floor', 'trend', 'GCs', 'duration', 'pid']);

/** The ranked rows (already sorted worst first) as an aligned table. */
export function renderFleetText(rows: FleetRow[], runs: number, files: number): string {
  const cells = rows.map((row, index) => [
    String(index + 1),
    row.leak,
    row.outOfMemory ? 'OOM' : '',
    row.overheadPercent === null ? '–' : `${fixed(row.overheadPercent, 1)}%`,
    formatMs(row.pauseP50Ms),
    formatMs(row.pauseP95Ms),
    formatMs(row.pauseP99Ms),
    formatMs(row.pauseMaxMs),
    formatMs(row.worstSecondMs),
    row.floorMb === null ? '–' : formatMb(row.floorMb),
    row.floorTrendMbPerMinute === null ? '–' : formatSlope(row.floorTrendMbPerMinute),
    String(row.gcs),
    formatDuration(row.durationMs),
    row.pid === null ? '' : String(row.pid),
    oneLine(row.label),
    oneLine(row.files.length > 1 ? `${row.file} (+${row.files.length - 1} rotated)` : row.file),
    oneLine(row.command ?? ''),
  ]);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...cells.map((line) => line[column]!.length)));
  const format = (line: string[]): string =>
    line
      .map((cell, column) => (RIGHT.has(HEADERS[column]!) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const lines = [fleetHeadline(rows, runs, files), 'Worst first: out of memory, then leak, then suspected; then by GC time, then p99 pause.', '', format(HEADERS), ...cells.map(format)];
  return `${lines.join('\n')}\n`;
}

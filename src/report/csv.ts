// Events → CSV, one row per GC event, for spreadsheets.

import type { GcEvent } from '../events.js';

export const CSV_COLUMNS = [
  'line',
  'pid',
  'isolate',
  'timeMs',
  'type',
  'generation',
  'v8Name',
  'heapBeforeMb',
  'heapAfterMb',
  'committedBeforeMb',
  'committedAfterMb',
  'pauseMs',
  'reason',
  'collectorReason',
  'source',
] as const;

export function csvHeader(): string {
  return `input,${CSV_COLUMNS.join(',')}\n`;
}

export function csvRow(input: string, event: GcEvent): string {
  const cells = [input, ...CSV_COLUMNS.map((column) => event[column])];
  return `${cells.map(csvCell).join(',')}\n`;
}

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so that spreadsheets do not run it as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

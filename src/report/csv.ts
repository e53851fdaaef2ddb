// Events → CSV, one row per GC event, for spreadsheets. The columns are fixed (the header is written
// before the first event is read) and documented in the README; new ones are only ever appended.

import type { GcEvent } from '../events.js';

/** The spaces of `--trace-gc-verbose` that get a column (a space V8 names later is in `gclog events` only). */
export const CSV_SPACES = ['new', 'old', 'code', 'map', 'lo', 'new_lo', 'code_lo', 'read_only', 'trusted', 'trusted_lo', 'shared', 'shared_lo', 'all'] as const;

const FIELD_COLUMNS = [
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

/** Every column after `input`, with how each is read from an event (empty when the log has no such figure). */
export const CSV_COLUMNS: ReadonlyArray<{ name: string; value: (event: GcEvent) => unknown }> = [
  ...FIELD_COLUMNS.map((name) => ({ name, value: (event: GcEvent) => event[name] })),
  { name: 'averageMu', value: (event) => event.mu?.average },
  { name: 'currentMu', value: (event) => event.mu?.current },
  { name: 'externalMs', value: (event) => event.externalMs },
  ...CSV_SPACES.map((space) => ({ name: `${camel(space)}UsedKb`, value: (event: GcEvent) => event.spaces?.spaces[space]?.usedKb })),
  ...CSV_SPACES.map((space) => ({ name: `${camel(space)}CommittedKb`, value: (event: GcEvent) => event.spaces?.spaces[space]?.committedKb })),
  { name: 'externalKb', value: (event) => event.spaces?.externalKb },
  { name: 'backingStoreKb', value: (event) => event.spaces?.backingStoreKb },
];

function camel(space: string): string {
  return space.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

export function csvHeader(): string {
  return `input,${CSV_COLUMNS.map((column) => column.name).join(',')}\n`;
}

export function csvRow(input: string, event: GcEvent): string {
  const cells = [input, ...CSV_COLUMNS.map((column) => column.value(event))];
  return `${cells.map(csvCell).join(',')}\n`;
}

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so that spreadsheets do not run it as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

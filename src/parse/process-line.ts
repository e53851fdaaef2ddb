// The `gclog:process {…}` line that `gclog run`'s preload writes when a Node process (or worker)
// starts: JSON, so that any command line survives; fields checked one by one, never trusted.

import type { ProcessExitEvent, ProcessStartEvent } from '../events.js';

export const PROCESS_LINE_MARKER = 'gclog:process ';
export const EXIT_LINE_MARKER = 'gclog:exit ';

/** `gclog:exit {"v":1,"pid":…,"threadId":…,"uptimeMs":…}`, or null when it is not well-formed. */
export function parseExitLine(line: string, lineNumber: number): ProcessExitEvent | null {
  const start = line.indexOf(EXIT_LINE_MARKER);
  if (start === -1) return null;
  try {
    const record = JSON.parse(line.slice(start + EXIT_LINE_MARKER.length)) as Record<string, unknown> | null;
    if (typeof record !== 'object' || record === null) return null;
    const { pid, threadId, uptimeMs } = record;
    if (!isWholeNumber(pid) || !isWholeNumber(threadId) || typeof uptimeMs !== 'number' || !Number.isFinite(uptimeMs) || uptimeMs < 0) return null;
    return { type: 'ProcessExit', line: lineNumber, pid, threadId, uptimeMs };
  } catch {
    return null;
  }
}

/** Reads the line's JSON (from the marker on), or null when it is not a well-formed process record. */
export function parseProcessLine(line: string, lineNumber: number): ProcessStartEvent | null {
  const start = line.indexOf(PROCESS_LINE_MARKER);
  if (start === -1) return null;
  let record: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line.slice(start + PROCESS_LINE_MARKER.length));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    record = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const pid = record['pid'];
  if (!isWholeNumber(pid)) return null;
  const event: ProcessStartEvent = {
    type: 'ProcessStart',
    line: lineNumber,
    pid,
    parentPid: isWholeNumber(record['ppid']) ? record['ppid'] : null,
    threadId: isWholeNumber(record['threadId']) ? record['threadId'] : 0,
    argv: strings(record['argv']),
    execArgv: strings(record['execArgv']),
    nodeVersion: typeof record['node'] === 'string' ? record['node'] : null,
    startWallMs: typeof record['timeOriginMs'] === 'number' && Number.isFinite(record['timeOriginMs']) ? record['timeOriginMs'] : null,
  };
  if (typeof record['npmScript'] === 'string') event.npmScript = record['npmScript'];
  if (isWholeNumber(record['clusterWorker'])) event.clusterWorker = record['clusterWorker'];
  return event;
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

// Which kind of input a file is, from its first characters (never from its name: a text log may be
// called anything, and a `.json` file may hold text).

import { DOCKER_JSON_START } from './prefix.js';

export type InputFormat = 'text' | 'trace-events' | 'gc-profiler';

/** How much of the start of the input is looked at. */
export const DETECT_LENGTH = 4096;

/**
 * `trace-events` for a Chrome trace-event document (`{"traceEvents":[…` or a bare `[{"pid":…,"ph":…`),
 * `gc-profiler` for what `JSON.stringify(new v8.GCProfiler().stop())` writes, `text` for the rest
 * (GC logs, Docker's json-file lines, which start with `{"log":"`).
 */
export function detectFormat(head: string): InputFormat {
  let start = 0;
  while (start < head.length && isSpace(head.charCodeAt(start))) start++;
  const first = head.charAt(start);
  if (first !== '{' && first !== '[') return 'text';
  const text = head.slice(start, start + DETECT_LENGTH);
  if (text.startsWith(DOCKER_JSON_START)) return 'text';
  // A GC log's line never opens with JSON that names these members.
  if (first === '{' && /^\{\s*"traceEvents"\s*:/.test(text)) return 'trace-events';
  if (first === '[' && /^\[\s*\{[^\n]*"ph"\s*:/.test(text)) return 'trace-events';
  if (first === '{' && /"statistics"\s*:\s*\[/.test(text) && /"(?:startTime|version)"\s*:/.test(text) && (/"gcType"\s*:/.test(text) || /"statistics"\s*:\s*\[\s*\]/.test(text))) {
    return 'gc-profiler';
  }
  if (first === '{' && /"traceEvents"\s*:\s*\[/.test(text)) return 'trace-events';
  return 'text';
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xfeff;
}

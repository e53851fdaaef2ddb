// Line hygiene and the `[pid:isolate:id]` header that V8 puts before each record.

const ANSI_ESCAPE = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

export const DOCKER_JSON_START = '{"log":"';

/**
 * Removes what terminals, Windows and log collectors add around a line: a trailing CR, Docker's
 * json-file wrapping (`{"log":"…\n","stream":"stdout","time":"…"}`), ANSI colour codes.
 */
export function cleanLine(raw: string): string {
  let line = raw;
  if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
  if (line.startsWith(DOCKER_JSON_START)) line = unwrapDockerJson(line);
  if (line.includes('\x1b')) line = line.replace(ANSI_ESCAPE, '');
  return line;
}

function unwrapDockerJson(line: string): string {
  try {
    const entry = JSON.parse(line) as { log?: unknown };
    if (typeof entry.log === 'string') return entry.log.replace(/\r?\n$/, '').replace(/\r$/, '');
  } catch {
    // Not Docker's wrapping after all: the line is read as it is.
  }
  return line;
}

/** Where V8's own text starts in a line, after whatever a logger or process runner put in front. */
export interface IsolateHeader {
  /** Index of the `[`. */
  open: number;
  pid: number | null;
  isolate: string | null;
  isolateId?: number;
  /** Index in the line of the first character after the header and its spaces. */
  bodyStart: number;
}

// `[1234:0x5408db0]`, `[1234:0x5408db0:0]` (13.6+ PrintWithTimestamp), `[1234:000001E565C2F6F0]` (Windows),
// `[1234]` (no isolate), and V8 4.x's NVP double header `[1234:0x28cd3ff0] [I:0x28cd3ff0] ` (the
// second, PrintIsolate's, is skipped). Sticky-by-hand: `lastIndex` is set to each `[` in turn.
const HEADER = /\[(\d{1,10})(?::((?:0x)?[0-9a-fA-F]{1,16}))?(?::(\d{1,6}))?\] *(?:\[I:(?:0x)?[0-9a-fA-F]{1,16}\] *)?/y;

/**
 * The first `[pid:isolate]` candidate at or after `from`. A prefix such as `[1] ` from a process
 * runner is itself a candidate: the caller tries the next one (from `open + 1`) when the body after
 * a candidate does not parse.
 */
export function findIsolateHeader(line: string, from = 0): IsolateHeader | null {
  let open = line.indexOf('[', from);
  while (open >= 0) {
    HEADER.lastIndex = open;
    const match = HEADER.exec(line);
    if (match !== null && match.index === open) {
      const header: IsolateHeader = {
        open,
        pid: Number(match[1]),
        isolate: match[2] ?? null,
        bodyStart: open + match[0].length,
      };
      if (match[3] !== undefined) header.isolateId = Number(match[3]);
      return header;
    }
    open = line.indexOf('[', open + 1);
  }
  return null;
}

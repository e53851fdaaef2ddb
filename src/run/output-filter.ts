// Splits a child's output into the app's bytes and V8's GC lines. V8 prints its trace to the same
// stdout as the app, one whole line per record; the app may print anything, binary included. The
// app's bytes pass through untouched and at once (a prompt without a newline is not held back);
// GC lines are taken out (stdout) or copied (stderr, where the out-of-memory block and the fatal
// line go in newer Node).

import { JS_STACKTRACE_MARKER, LAST_FEW_GCS_MARKER } from '../parse/oom.js';
import { EXIT_LINE_MARKER, parseExitLine, parseProcessLine, PROCESS_LINE_MARKER } from '../parse/process-line.js';

/** A GC line longer than this is not V8's: held bytes beyond it pass through as the app's. */
export const MAX_HELD_BYTES = 64 * 1024;

export interface OutputFilterOptions {
  /** stdout: GC lines are taken out of the app's output. stderr: they are copied and still shown. */
  mode: 'remove' | 'copy';
  /** The app's bytes, in order, unchanged. */
  passThrough: (bytes: Buffer) => void;
  /** One GC line (or process line, or out-of-memory block line), without its newline. */
  gcLine: (line: string) => void;
  /** Shared by the stdout and stderr filters: a process line on either names a pid for both. */
  pids: TracedPids;
}

// `[1234:0x5408db0]`, `[1234:0x5408db0:0]`, `[1234:000001E565C2F6F0]` (Windows, 8 or 16 digits), and
// the bare `[1234]` of V8 ≤ 4 before a record's time. Only the pid of a process gclog traced counts:
// apps print `[12:34:56]`, `[1] 5 ms` and even whole GC lines of their own.
const HEADERS = /\[(\d{1,10})(?::(?:0x[0-9a-fA-F]{1,16}|[0-9a-fA-F]{16}|[0-9a-fA-F]{8})(?::\d{1,6})?\]|\] +\d+(?:\.\d+)? ms: )/g;
const FATAL_OUT_OF_MEMORY = /FATAL ERROR: .*(?:heap limit|out of memory|Allocation failed)|# Fatal (?:javascript|process|JavaScript) (?:OOM in|out of memory)/;
// The body of an NVP record whose header another thread's line took (V8 prints the two apart).
const ORPHAN_NVP_BODY = /^pause=\S+ mutator=\S+ gc=/;

/** The pids of the processes gclog run traced, as their `gclog:process` lines named them. */
export class TracedPids {
  private readonly pids = new Set<string>();

  add(pid: number): void {
    this.pids.add(String(pid));
  }

  has(pid: string): boolean {
    return this.pids.has(pid);
  }

  get size(): number {
    return this.pids.size;
  }

  /** Digits that a traced pid begins with: the start of a header still being written. */
  couldBegin(digits: string): boolean {
    for (const pid of this.pids) if (pid.startsWith(digits)) return true;
    return false;
  }
}

/** V8's output in a line: where it starts (latin1, so string index = byte index), and whether the app's reader still sees it. */
export interface GcOutput {
  start: number;
  /** The fatal line and the stack-trace marker: copied to the log, but also left for the user to see. */
  alsoShown: boolean;
}

/** V8's (or gclog's preload's) output in this line, or null for a line of the app's own. */
export function findGcOutput(line: string, inOomBlock: boolean, pids: TracedPids): GcOutput | null {
  const fatal = line.includes('FATAL') || line.includes('# Fatal') ? FATAL_OUT_OF_MEMORY.exec(line) : null;
  if (fatal !== null) return { start: fatal.index, alsoShown: true };
  const stackTrace = line.indexOf(JS_STACKTRACE_MARKER);
  if (stackTrace !== -1) return { start: stackTrace, alsoShown: true };
  if (inOomBlock) return { start: 0, alsoShown: false };
  const candidates: number[] = [];
  const processLine = line.indexOf(PROCESS_LINE_MARKER);
  if (processLine !== -1 && parseProcessLine(line.slice(processLine), 0) !== null) candidates.push(processLine);
  const exitLine = line.indexOf(EXIT_LINE_MARKER);
  if (exitLine !== -1 && parseExitLine(line.slice(exitLine), 0) !== null && pids.has(String(parseExitLine(line.slice(exitLine), 0)!.pid))) candidates.push(exitLine);
  if (pids.size > 0) {
    const lastFewGcs = line.indexOf(LAST_FEW_GCS_MARKER);
    if (lastFewGcs !== -1) candidates.push(lastFewGcs);
    if (ORPHAN_NVP_BODY.test(line)) candidates.push(0);
    if (line.includes('[')) {
      HEADERS.lastIndex = 0;
      for (let match = HEADERS.exec(line); match !== null; match = HEADERS.exec(line)) {
        if (pids.has(match[1]!)) {
          candidates.push(match.index);
          break;
        }
      }
    }
  }
  return candidates.length === 0 ? null : { start: Math.min(...candidates), alsoShown: false };
}

export class OutputFilter {
  /** Bytes of the current line not yet passed through (stdout), or the whole current line (stderr). */
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** Part of the current line has already gone to the app's output. */
  private midAppLine = false;
  private inOomBlock = false;

  constructor(private readonly options: OutputFilterOptions) {}

  /** Bytes are held for the end of their line (the caller passes them on if it does not come soon). */
  get holding(): boolean {
    return this.heldBytes > 0;
  }

  /** True when the last byte passed through ended a line (a status line may be drawn). */
  get atLineStart(): boolean {
    return !this.midAppLine;
  }

  push(chunk: Buffer): void {
    if (this.options.mode === 'copy') this.options.passThrough(chunk);
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      this.completeLine(chunk.subarray(start, newline + 1));
      start = newline + 1;
    }
    if (start < chunk.length) this.partialLine(chunk.subarray(start));
  }

  /** Passes on what is held (a prompt that never got its newline); called when the output pauses, and at the end. */
  flushHeld(): void {
    if (this.heldBytes === 0) return;
    const bytes = Buffer.concat(this.held);
    this.held = [];
    this.heldBytes = 0;
    if (this.options.mode === 'copy') {
      // A last line without a newline: still a line to copy if it is V8's.
      this.classify(bytes, false);
      return;
    }
    this.passAppBytes(bytes);
  }

  private completeLine(bytes: Buffer): void {
    const line = this.heldBytes === 0 ? bytes : Buffer.concat([...this.held, bytes]);
    this.held = [];
    this.heldBytes = 0;
    this.classify(line, true);
  }

  /** A line, ending with its newline when `complete`: its app part passes, its GC part is taken. */
  private classify(line: Buffer, complete: boolean): void {
    const found = !this.inOomBlock && cannotHoldGcOutput(line) ? null : findGcOutput(line.toString('latin1'), this.inOomBlock, this.options.pids);
    const removing = this.options.mode === 'remove';
    if (found === null) {
      if (removing) this.passAppBytes(line);
      return;
    }
    if (removing) this.passAppBytes(found.alsoShown ? line : line.subarray(0, found.start));
    let gcText = line.subarray(found.start).toString('utf8');
    if (complete) gcText = gcText.replace(/\r?\n$/, '');
    this.readGcLine(gcText);
    // The app's line goes on after V8's: the terminal still sees it unfinished.
    if (removing && found.start > 0 && !found.alsoShown) this.midAppLine = true;
  }

  private readGcLine(text: string): void {
    if (text.startsWith(PROCESS_LINE_MARKER)) {
      const named = parseProcessLine(text, 0);
      if (named !== null) this.options.pids.add(named.pid);
    }
    if (text.includes(LAST_FEW_GCS_MARKER)) this.inOomBlock = true;
    else if (text.includes(JS_STACKTRACE_MARKER) || FATAL_OUT_OF_MEMORY.test(text)) this.inOomBlock = false;
    this.options.gcLine(text);
  }

  private partialLine(bytes: Buffer): void {
    if (this.options.mode === 'copy') {
      this.hold(bytes);
      return;
    }
    if (this.heldBytes === 0 && this.midAppLine) {
      // The rest of a line the app began: it passes, unless V8's output starts inside it.
      const found = findGcOutput(bytes.toString('latin1'), false, this.options.pids);
      if (found === null || found.alsoShown) {
        this.passAppBytes(bytes);
        return;
      }
      this.passAppBytes(bytes.subarray(0, found.start));
      this.midAppLine = true;
      this.hold(bytes.subarray(found.start));
      return;
    }
    if (this.heldBytes === 0 && !this.inOomBlock && !couldStartGcOutput(bytes, this.options.pids)) {
      this.passAppBytes(bytes);
      return;
    }
    this.hold(bytes);
  }

  private hold(bytes: Buffer): void {
    this.held.push(Buffer.from(bytes));
    this.heldBytes += bytes.length;
    if (this.heldBytes > MAX_HELD_BYTES) this.flushHeld();
  }

  private passAppBytes(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.midAppLine = bytes[bytes.length - 1] !== 10;
    this.options.passThrough(bytes);
  }
}

/**
 * Bytes with none of what every V8 line, marker and fatal line holds: most of an app's lines, passed
 * on without being decoded (a chatty app's output goes through gclog at memchr speed).
 */
function cannotHoldGcOutput(line: Buffer): boolean {
  return line.indexOf(0x5b /* [ */) === -1 && line.indexOf('gclog:') === -1 && line.indexOf('<---') === -1 && line.indexOf('FATAL') === -1 && line.indexOf('# Fatal') === -1;
}

/**
 * The first bytes of a line that V8 (or gclog's preload) may be printing, held until the line ends:
 * `[` and the digits of a traced pid, gclog's marker, the out-of-memory marker. A progress bar's
 * `[####  ]` or a `[12:34:56]` timestamp pass at once.
 */
export function couldStartGcOutput(bytes: Buffer, pids: TracedPids): boolean {
  const text = bytes.subarray(0, Math.min(bytes.length, 24)).toString('latin1');
  if (text.startsWith('[')) {
    const header = /^\[(\d*)(.?)/.exec(text)!;
    const [, digits, next] = header as unknown as [string, string, string];
    if (digits === '') return next === '';
    if (next === '') return pids.couldBegin(digits);
    return (next === ':' || next === ']') && pids.has(digits);
  }
  const head = text.slice(0, PROCESS_LINE_MARKER.length);
  return PROCESS_LINE_MARKER.startsWith(head) || (pids.size > 0 && EXIT_LINE_MARKER.startsWith(text.slice(0, EXIT_LINE_MARKER.length))) || (pids.size > 0 && LAST_FEW_GCS_MARKER.startsWith(text.slice(0, LAST_FEW_GCS_MARKER.length)));
}

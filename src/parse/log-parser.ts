// Turns the lines of a GC log into events, one line at a time, with bounded state: the GC waiting
// for its `--trace-gc-verbose` block (one per isolate), the out-of-memory block being read, and the
// last few records of each isolate (to count a GC printed twice, as a trace line and in the OOM block, once).

import {
  generationOf,
  type GcEvent,
  type GcType,
  type HeapSpaces,
  type NvpFields,
  type OutOfMemoryEvent,
  type TraceEvent,
  type UnparsedLine,
} from '../events.js';
import { GcProfilerReader, type GcProfileInfo } from './gc-profiler.js';
import { gcOfNvpCode, NvpPairsReader, parseNvpJson } from './nvp.js';
import { parseExitLine, parseProcessLine } from './process-line.js';
import { JS_STACKTRACE_MARKER, LAST_FEW_GCS_MARKER, parseFatalOutOfMemory } from './oom.js';
import { cleanLine, DOCKER_JSON_START, findIsolateHeader, type IsolateHeader } from './prefix.js';
import { FastTraceScanner } from './trace-fast.js';
import { isPlausibleNumber, looksLikeTraceRecord, parseTraceRecord, type TraceRecord } from './trace-record.js';
import { parseVerboseLine, type VerboseLine } from './verbose.js';

/** How many damaged lines are kept with their text; beyond that they are only counted. */
export const KEPT_LINE_EXAMPLES = 100;
/** Records remembered per isolate to recognise them again in an out-of-memory block. */
const REMEMBERED_RECORDS = 16;
const MIB = 1024 * 1024;

export interface LineReport {
  count: number;
  /** The first `KEPT_LINE_EXAMPLES` of them, with line numbers. */
  lines: UnparsedLine[];
}

export interface ParseStats {
  lines: number;
  gcEvents: number;
  outOfMemoryEvents: number;
  /** `--trace-gc-verbose` lines attached to a GC. */
  verboseLines: number;
  /** `gclog:process` lines: processes named by `gclog run`. */
  processLines: number;
  /** Records in an out-of-memory block that had already been read as trace lines. */
  duplicateOomRecords: number;
  /** Lines that are not GC records (application output, other V8 flags): skipped, counted. */
  skippedLines: number;
  /** Lines that look like GC records but do not parse. */
  unparsed: LineReport;
  /** Records cut before their pause (out-of-memory ring buffer, truncated last line): too little to use. */
  cut: LineReport;
  /** A v8.GCProfiler result printed as a line of the log (`console.log(JSON.stringify(profiler.stop()))`). */
  profile?: GcProfileInfo;
  /** The first line that shows the log is Deno's: a frame of its crash's C stack trace naming the deno binary. */
  deno?: { line: number };
}

type Emit = (event: TraceEvent) => void;

export interface ParserOptions {
  /** Read common `--trace-gc` lines with the hand-written scanner (trace-fast.ts); off, every line takes the regex grammar. */
  fastPath?: boolean;
}

interface HeldGc {
  event: GcEvent;
  blockClosed: boolean;
}

/** The last few trace records of an isolate, in a ring (their identity keys are built only when an OOM block is checked). */
interface RecentRecords {
  events: GcEvent[];
  next: number;
}

const NVP_BODY = /^ *(-?\d+(?:\.\d+)?) ms: (?:(pause=)|GC: )/;
const NVP_LOOKALIKE = /(?:^|\s)pause=\S+ mutator=\S+ gc=|GC: \{"pause"/;
// Other lines of --trace-gc-verbose, known and skipped (some carry the `123 ms: ` timestamp).
const OTHER_VERBOSE =
  /^(?: *-?\d+ ms: )?(?:\[(?:HeapController|GlobalMemoryController)\]|Scavenge stack scanning:|Heap growing factor|Grow: |Dampen: |Fast promotion mode|Memory reducer:|Shrinking page|\[Finished reentrant|Min semi-space size)/;

/** Counts before the first line: one place, so that a new count cannot be missed by a reader of another format. */
export function emptyParseStats(): ParseStats {
  return {
    lines: 0,
    gcEvents: 0,
    outOfMemoryEvents: 0,
    verboseLines: 0,
    processLines: 0,
    duplicateOomRecords: 0,
    skippedLines: 0,
    unparsed: { count: 0, lines: [] },
    cut: { count: 0, lines: [] },
  };
}

export class GcLogParser {
  private readonly stats: ParseStats = emptyParseStats();
  /** The last GC of each isolate, kept until its verbose block (if any) has been read. */
  private readonly awaitingVerbose = new Map<string, HeldGc>();
  /** The last trace records of each isolate. */
  private readonly recentRecords = new Map<string, RecentRecords>();
  /**
   * Records read from an out-of-memory block, emitted at the fatal line (or the end) unless also
   * seen as trace lines: stdout and stderr interleave in any order in a combined log.
   */
  private readonly oomRecords: GcEvent[] = [];
  private inOomBlock = false;
  /** What a logger put before `<--- Last few GCs --->` (`[1] `, a timestamp): the block's lines carry it too. */
  private oomBlockPrefix = '';
  private lastPid: number | null = null;
  private lastIsolate: string | null = null;
  private readonly fastScanner: FastTraceScanner | null;
  private readonly nvpPairs = new NvpPairsReader();
  /** The line being read, when the fast scanner refused it as it came: not scanned again if nothing changes it. */
  private refusedAsItCame: string | null = null;
  /** The key of the last (pid, isolate) asked for: consecutive lines mostly come from one isolate. */
  private keyPid: number | null = null;
  private keyIsolate: string | null = null;
  private key = ':';

  constructor(
    private readonly emit: Emit,
    options: ParserOptions = {},
  ) {
    this.fastScanner = options.fastPath === false ? null : new FastTraceScanner();
  }

  /** Reads one line (without its `\n`). */
  push(rawLine: string): void {
    const lineNumber = ++this.stats.lines;
    this.refusedAsItCame = null;
    if (!this.inOomBlock && this.readPlainRecord(rawLine, lineNumber)) return;
    const line = cleanLine(rawLine);
    if (this.inOomBlock && this.readOomBlockLine(line, lineNumber)) return;
    if (line.includes('gclog:') && this.readProcessLine(line, lineNumber)) return;
    // Node ≤ 5 wrote the fatal line (stderr) into a record that stdout was still printing: the record
    // is cut there, and the crash is read on its own.
    const fatalAt = line.indexOf(FATAL_ERROR);
    if (fatalAt > 0 && line.lastIndexOf(' ms: ', fatalAt) !== -1) {
      this.readRecords(line.slice(0, fatalAt), lineNumber);
      this.readLine(line.slice(fatalAt), lineNumber);
      return;
    }
    this.readRecords(line, lineNumber);
  }

  /** Processes writing to one file can glue a record onto another's line: reads each on its own. */
  private readRecords(line: string, lineNumber: number): void {
    for (let start = 0, next = nextRecordStart(line, 0); ; start = next, next = nextRecordStart(line, next)) {
      if (next === -1) {
        this.readLine(start === 0 ? line : line.slice(start), lineNumber);
        return;
      }
      this.readLine(line.slice(start, next), lineNumber);
    }
  }

  /**
   * The common line, read as it came: one `--trace-gc` record that the fast scanner takes, with
   * nothing for cleanLine to remove (a CR at the end is trimmed with the reasons) and nothing glued
   * on. Anything else returns false and goes the whole way.
   */
  private readPlainRecord(line: string, lineNumber: number): boolean {
    const scanner = this.fastScanner;
    if (scanner === null) return false;
    const open = line.indexOf('[');
    if (open < 0) return false;
    // Text before the record: Docker's JSON wrapping, or a time that could start a record of its own.
    if (open > 0 && (line.startsWith(DOCKER_JSON_START) || line.lastIndexOf(' ms: ', open) !== -1)) return false;
    const event = scanner.scan(line, open, lineNumber);
    if (event === null) this.refusedAsItCame = line;
    if (event === null || !scanner.lastTailPlain) return false;
    this.acceptFastRecord(event);
    return true;
  }

  /** What acceptTraceRecord does with a record of the general path. */
  private acceptFastRecord(event: GcEvent): void {
    this.lastPid = event.pid;
    this.lastIsolate = event.isolate;
    this.rememberRecord(event);
    this.hold(event);
  }

  /** `gclog run`'s name for a process: passed on as it is (it is not a GC, nor skipped output). */
  private readProcessLine(line: string, lineNumber: number): boolean {
    const event = parseProcessLine(line, lineNumber) ?? parseExitLine(line, lineNumber);
    if (event === null) return false;
    this.stats.processLines++;
    this.emit(event);
    return true;
  }

  private readLine(line: string, lineNumber: number): void {
    const open = line.indexOf('[');
    if (open >= 0) {
      // NVP and verbose lines, mostly: the scanner said no to this very text a moment ago.
      const event = line === this.refusedAsItCame ? null : (this.fastScanner?.scan(line, open, lineNumber) ?? null);
      if (event !== null) {
        this.acceptFastRecord(event);
        return;
      }
      if (this.readHeaderedLine(line, lineNumber)) return;
    }
    this.readOtherLine(line, lineNumber);
  }

  /** Flushes what is held back and returns the counts. */
  end(): ParseStats {
    for (const held of this.awaitingVerbose.values()) this.emitGc(held.event);
    this.awaitingVerbose.clear();
    this.flushOomRecords();
    return this.stats;
  }

  /** Emits the out-of-memory block's records that were not also printed as trace lines. */
  private flushOomRecords(): void {
    for (const event of this.oomRecords) {
      if (this.isRecent(event)) this.stats.duplicateOomRecords++;
      else this.emitGc(event);
    }
    this.oomRecords.length = 0;
  }

  /** Counts a line that is too long to hold as skipped (the reader caps line length). */
  skipOverlongLine(): void {
    this.stats.lines++;
    this.stats.skippedLines++;
  }

  private readHeaderedLine(line: string, lineNumber: number): boolean {
    for (let header = findIsolateHeader(line); header !== null; header = findIsolateHeader(line, header.open + 1)) {
      const body = line.slice(header.bodyStart);
      const record = parseTraceRecord(body);
      if (record !== null) {
        this.acceptTraceRecord(record, header, lineNumber);
        return true;
      }
      if (this.readNvp(body, header, lineNumber)) return true;
      const verbose = parseVerboseLine(body);
      if (verbose !== null) {
        this.attachVerbose(verbose, header);
        return true;
      }
      if (OTHER_VERBOSE.test(body)) {
        this.stats.skippedLines++;
        return true;
      }
    }
    return false;
  }

  private readOtherLine(line: string, lineNumber: number): void {
    if (line.length > GC_PROFILE_MIN_LENGTH && line.includes(GC_PROFILE_MARK) && this.readGcProfile(line, lineNumber)) return;
    if (line.includes(LAST_FEW_GCS_MARKER)) {
      this.inOomBlock = true;
      this.oomBlockPrefix = line.slice(0, line.indexOf(LAST_FEW_GCS_MARKER));
      this.stats.skippedLines++;
      return;
    }
    const fatal = line.includes('FATAL') || line.includes('# Fatal') ? parseFatalOutOfMemory(line) : null;
    if (fatal !== null) {
      const event: OutOfMemoryEvent = {
        type: 'OutOfMemory',
        line: lineNumber,
        pid: this.lastPid,
        isolate: this.lastIsolate,
        ...fatal,
      };
      // The process is ending: its held GCs, then the block's own records, come before the crash.
      const pidPrefix = `${this.lastPid ?? ''}:`;
      for (const [key, held] of this.awaitingVerbose) {
        if (!key.startsWith(pidPrefix)) continue;
        this.emitGc(held.event);
        this.awaitingVerbose.delete(key);
      }
      this.flushOomRecords();
      this.stats.outOfMemoryEvents++;
      this.emit(event);
      return;
    }
    // A record without a `[pid:isolate]` header: a logger removed it.
    const start = line.includes(' ms: ') ? headerlessRecordStart(line) : -1;
    if (start !== -1) {
      const record = parseTraceRecord(line.slice(start));
      // V8 prints every record with its header, and a logger that strips headers strips them all: in a
      // log whose records have one, a record without it is the tail of a record the app's output tore
      // in two (`[1462]    198oom.js: …` then `87 ms: Mark-sweep …`), not a process of its own.
      if (record !== null && this.lastPid !== null) {
        this.report(this.stats.unparsed, lineNumber, line);
        return;
      }
      if (record !== null) {
        this.acceptTraceRecord(record, { open: start, pid: null, isolate: null, bodyStart: start }, lineNumber);
        return;
      }
    }
    if (this.looksLikeGcRecord(line)) this.report(this.stats.unparsed, lineNumber, line);
    else {
      if (this.stats.deno === undefined && line.includes(DENO_FRAME_MARK) && DENO_FRAME.test(line)) this.stats.deno = { line: lineNumber };
      this.stats.skippedLines++;
    }
  }

  /**
   * A GCProfiler result the application printed as one line: its GCs (no time, as in a .json
   * result; `line` is this line) and its span. False when the line is not one after all.
   */
  private readGcProfile(line: string, lineNumber: number): boolean {
    const start = line.indexOf('{"version":');
    if (start === -1) return false;
    let root: unknown;
    try {
      root = JSON.parse(line.slice(start));
    } catch {
      return false;
    }
    const statistics = (root as { statistics?: unknown } | null)?.statistics;
    if (!Array.isArray(statistics)) return false;
    const reader = new GcProfilerReader((event) => {
      event.line = lineNumber;
      this.emitGc(event);
    });
    for (const entry of statistics) reader.read(entry);
    this.stats.profile = reader.finish(root as Record<string, unknown>);
    return true;
  }

  private looksLikeGcRecord(line: string): boolean {
    return (line.includes(' ms: ') && looksLikeTraceRecord(line)) || NVP_LOOKALIKE.test(line);
  }

  private acceptTraceRecord(record: TraceRecord, header: IsolateHeader, lineNumber: number): void {
    const event = this.gcEvent(record, header, lineNumber, 'trace');
    if (record.truncated) event.truncated = true;
    this.rememberRecord(event);
    this.hold(event);
  }

  private gcEvent(
    record: Omit<TraceRecord, 'committedBeforeMb' | 'committedAfterMb'> & { committedBeforeMb: number | null; committedAfterMb: number | null },
    header: IsolateHeader,
    lineNumber: number,
    source: GcEvent['source'],
  ): GcEvent {
    const { truncated: _truncated, type, v8Name, timeMs, ...measures } = record;
    // Keys in the order of the documented export schema.
    const event = {
      type,
      generation: generationOf(type),
      v8Name,
      pid: header.pid,
      isolate: header.isolate,
      timeMs,
      ...measures,
      line: lineNumber,
      source,
    } as GcEvent;
    if (header.isolateId !== undefined) event.isolateId = header.isolateId;
    if (header.pid !== null) {
      this.lastPid = header.pid;
      this.lastIsolate = header.isolate;
    }
    return event;
  }

  private readNvp(body: string, header: IsolateHeader, lineNumber: number): boolean {
    const start = NVP_BODY.exec(body);
    if (start === null) return false;
    const text = body.slice(start[2] === undefined ? start[0].length : start[0].length - 'pause='.length);
    const fields = start[2] === undefined ? parseNvpJson(text) : this.nvpPairs.read(text);
    const gc = fields === null ? null : gcOfNvpCode(fields['gc']);
    if (fields === null || gc === null) return false;
    const event = this.nvpEvent(fields, gc, Number(start[1]), header, lineNumber, start[2] === undefined ? 'nvp-json' : 'nvp');
    if (event === null) return false;
    this.hold(event);
    return true;
  }

  private nvpEvent(
    fields: NvpFields,
    gc: { type: GcType; v8Name: string },
    timeMs: number,
    header: IsolateHeader,
    lineNumber: number,
    source: 'nvp' | 'nvp-json',
  ): GcEvent | null {
    const bytes = (...keys: string[]): number | null => {
      for (const key of keys) {
        const value = fields[key];
        if (typeof value === 'number') return value / MIB;
      }
      return null;
    };
    const heapBeforeMb = bytes('total_size_before', 'start_object_size');
    const heapAfterMb = bytes('total_size_after', 'end_object_size');
    const pauseMs = fields['pause'];
    if (heapBeforeMb === null || heapAfterMb === null || typeof pauseMs !== 'number' || !Number.isFinite(timeMs) || !isPlausibleNumber(timeMs)) return null;
    const flag = (key: string): boolean => fields[key] === true || fields[key] === 1;
    const v8Name = gc.type === 'Mark-Compact' && flag('is_incremental') ? 'Incremental Mark-Compact' : gc.v8Name;
    const decorations: GcEvent['decorations'] = [];
    if (flag('reduce_memory')) decorations.push('reduce');
    if (flag('interleaved')) decorations.push('interleaved');
    if (flag('during_sweeping')) decorations.push('during sweeping');
    const event = this.gcEvent(
      {
        timeMs,
        type: gc.type,
        v8Name,
        decorations,
        heapBeforeMb,
        heapAfterMb,
        committedBeforeMb: bytes('start_memory_size'),
        committedAfterMb: bytes('end_memory_size'),
        pauseMs,
        externalMs: 0,
        reason: typeof fields['reason'] === 'string' ? fields['reason'] : null,
      },
      header,
      lineNumber,
      source,
    );
    delete event.externalMs;
    if (typeof fields['collector_reason'] === 'string' && fields['collector_reason'] !== '') {
      event.collectorReason = fields['collector_reason'];
    }
    // A Mark-Compact's marking steps on the program's thread: `incremental=` (V8 6+), `steps_took=` (V8 3–5), whole cycle.
    const steps = gc.type === 'Mark-Compact' ? (typeof fields['incremental'] === 'number' ? fields['incremental'] : fields['steps_took']) : undefined;
    if (typeof steps === 'number' && Number.isFinite(steps) && steps > 0) {
      const count = fields['incremental.steps_count'] ?? fields['steps_count'];
      event.incremental = { stepsMs: steps, steps: typeof count === 'number' ? count : 0, sinceStartOfMarking: true };
    }
    event.nvp = fields;
    return event;
  }

  /** Holds a GC until its isolate prints something else: the verbose block, if any, comes right after it. */
  private hold(event: GcEvent): void {
    const key = this.isolateKey(event.pid, event.isolate);
    const previous = this.awaitingVerbose.get(key);
    if (previous === undefined) {
      this.awaitingVerbose.set(key, { event, blockClosed: false });
      return;
    }
    this.emitGc(previous.event);
    // Reused in place: the same as setting a new entry (a Map keeps an existing key's place).
    previous.event = event;
    previous.blockClosed = false;
  }

  private attachVerbose(verbose: VerboseLine, header: IsolateHeader): void {
    const key = this.isolateKey(header.pid, header.isolate);
    const held = this.awaitingVerbose.get(key);
    // Statistics before the first GC of this isolate, or after its block closed (a GC whose own
    // record was not printed, as with --trace-gc-ignore-scavenger): they belong to no GC we have.
    if (held === undefined || (held.blockClosed && verbose.kind !== 'sweeping-note')) {
      this.stats.skippedLines++;
      return;
    }
    const event = held.event;
    this.stats.verboseLines++;
    const spaces: HeapSpaces = (event.spaces ??= { spaces: {} });
    switch (verbose.kind) {
      case 'space':
        spaces.spaces[verbose.space] = { usedKb: verbose.usedKb, availableKb: verbose.availableKb, committedKb: verbose.committedKb };
        return;
      case 'allocator':
        spaces.allocatorUsedKb = verbose.usedKb;
        return;
      case 'external':
        spaces.externalKb = verbose.kb;
        return;
      case 'external-global':
        spaces.externalGlobalKb = verbose.kb;
        return;
      case 'backing-store':
        spaces.backingStoreKb = verbose.kb;
        return;
      case 'pool':
        return;
      case 'total-gc-time':
        spaces.totalGcTimeMs = verbose.ms;
        // The block's last line (only the `(*) Sweeping` note may follow, V8 11.5+).
        held.blockClosed = true;
        return;
      case 'sweeping-note':
        return;
    }
  }

  /** Lines of the `<--- Last few GCs --->` block: records, possibly several glued on one line. */
  private readOomBlockLine(fullLine: string, lineNumber: number): boolean {
    // A line of no more than the logger's prefix is a blank line of the block.
    if (fullLine.trim().length <= this.oomBlockPrefix.trim().length) {
      this.stats.skippedLines++;
      return true;
    }
    // Without a repeated prefix such as `[1] `, which would read as a `[pid]` header.
    const prefix = this.oomBlockPrefix;
    const line = prefix.trim() !== '' && fullLine.startsWith(prefix) ? fullLine.slice(prefix.length) : fullLine;
    const headers: IsolateHeader[] = [];
    for (let header = findIsolateHeader(line); header !== null; header = findIsolateHeader(line, header.open + 1)) {
      if (RECORD_TIME.test(line.slice(header.bodyStart))) headers.push(header);
    }
    // V8 5.1 (Node 6) printed the ring buffer's records without their `[pid:isolate]`: they are the
    // crashing isolate's, the last one seen.
    const headerless = headers.length === 0 ? headerlessRecordStart(line) : -1;
    if (headerless !== -1) headers.push({ open: headerless, pid: this.lastPid, isolate: this.lastIsolate, bodyStart: headerless });
    if (headers.length === 0) {
      this.inOomBlock = false;
      if (line.includes(JS_STACKTRACE_MARKER)) {
        this.stats.skippedLines++;
        return true;
      }
      return false;
    }
    headers.forEach((header, index) => {
      const next = headers[index + 1];
      const glued = next !== undefined;
      const body = line.slice(header.bodyStart, glued ? next.open : undefined);
      const record = parseTraceRecord(body);
      if (record === null) {
        this.report(glued ? this.stats.cut : this.stats.unparsed, lineNumber, line.slice(header.open, glued ? next.open : undefined));
        return;
      }
      const event = this.gcEvent(record, header, lineNumber, 'oom-report');
      event.fromOomReport = true;
      if (glued || record.truncated) event.truncated = true;
      this.oomRecords.push(event);
    });
    return true;
  }

  private rememberRecord(event: GcEvent): void {
    const key = this.isolateKey(event.pid, event.isolate);
    let records = this.recentRecords.get(key);
    if (records === undefined) this.recentRecords.set(key, (records = { events: [], next: 0 }));
    if (records.events.length < REMEMBERED_RECORDS) records.events.push(event);
    else records.events[records.next] = event;
    records.next = (records.next + 1) % REMEMBERED_RECORDS;
  }

  private isRecent(event: GcEvent): boolean {
    const records = this.recentRecords.get(this.isolateKey(event.pid, event.isolate));
    if (records === undefined) return false;
    const identity = recordIdentity(event);
    return records.events.some((recent) => recordIdentity(recent) === identity);
  }

  private isolateKey(pid: number | null, isolate: string | null): string {
    if (pid !== this.keyPid || isolate !== this.keyIsolate) {
      this.keyPid = pid;
      this.keyIsolate = isolate;
      this.key = isolateKey(pid, isolate);
    }
    return this.key;
  }

  private emitGc(event: GcEvent): void {
    this.stats.gcEvents++;
    this.emit(event);
  }

  private report(report: LineReport, line: number, text: string): void {
    report.count++;
    if (report.lines.length < KEPT_LINE_EXAMPLES) report.lines.push({ line, text: text.length > 500 ? `${text.slice(0, 500)}…` : text });
  }
}

const RECORD_TIME = /^ *-?\d+(?:\.\d+)? ms: /;
/**
 * A frame of the C stack trace V8 prints when it dies without an embedder's handler, as glibc's
 * backtrace_symbols writes it on Linux: `    /…/deno(+0x28b0d2e) [0x55ada2353d2e]` (deno 2.9.6's
 * out-of-memory crash, samples/formats/deno-oom.log). Node prints its own (`1: 0xb8d0a3 node::Abort() [node]`).
 */
const DENO_FRAME_MARK = 'deno(+0x';
const DENO_FRAME = /^\s*(?:\S*\/)?deno\(\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]/;
const FATAL_ERROR = 'FATAL ERROR: ';
/** What a printed GCProfiler result holds, and the least it can be (`{"version":1,"startTime":…,"statistics":[…` ). */
const GC_PROFILE_MARK = '"statistics":[';
const GC_PROFILE_MIN_LENGTH = 40;
/** The time of a record after whatever a logger put in front of it. */
const RECORD_TIME_ANYWHERE = /(?:^|\s)(-?\d+(?:\.\d+)? ms: )/;

/** Where a GC record printed without its `[pid:isolate]` header starts (at its time), or -1. */
function headerlessRecordStart(line: string): number {
  if (!looksLikeTraceRecord(line)) return -1;
  const match = RECORD_TIME_ANYWHERE.exec(line);
  return match === null ? -1 : match.index + match[0].length - match[1]!.length;
}

/**
 * Where a second GC record (`[pid:isolate]  123 ms: …`) starts in a line after `from`'s record, or
 * -1. Cheap for the usual line: it looks for headers only when ` ms: ` occurs twice.
 */
function nextRecordStart(line: string, from: number): number {
  const first = line.indexOf(' ms: ', from);
  if (first === -1) return -1;
  const second = line.indexOf(' ms: ', first + 5);
  if (second === -1) return -1;
  for (let header = findIsolateHeader(line, first + 5); header !== null && header.open < second; header = findIsolateHeader(line, header.open + 1)) {
    if (RECORD_TIME.test(line.slice(header.bodyStart, second + 5))) return header.open;
  }
  return -1;
}

function isolateKey(pid: number | null, isolate: string | null): string {
  return `${pid ?? ''}:${isolate ?? ''}`;
}

function recordIdentity(event: GcEvent): string {
  return `${event.timeMs}|${event.v8Name}|${event.heapBeforeMb}|${event.heapAfterMb}|${event.committedAfterMb}|${event.pauseMs}`;
}

/** Parses a whole log held in memory (tests, small inputs). */
export function parseLog(text: string, options: ParserOptions = {}): { events: TraceEvent[]; stats: ParseStats } {
  const events: TraceEvent[] = [];
  const parser = new GcLogParser((event) => events.push(event), options);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) parser.push(line);
  return { events, stats: parser.end() };
}

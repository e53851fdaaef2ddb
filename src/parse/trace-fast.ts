// The fast path for the common line, `[pid:isolate]  1234 ms: Scavenge 4.4 (5.1) -> 4.1 (6.1) MB, …`,
// in two steps. One sticky regular expression without groups checks the record up to the
// mutator utilisation: the regex engine runs natively and checks a whole record in less time than
// JavaScript takes to read its characters one by one. Then the numbers are read at the places it
// vouched for, skipping the literal text between them, and the event is built without substrings.
// The regex grammar (prefix.ts, trace-record.ts) stays the reference: this path accepts only text
// that grammar parses the same way, and answers null ("not sure") for anything else, which then goes
// the general way. test/parse/fast-path.test.ts checks both give identical events.

import { generationOf, type Decoration, type GcEvent, type GcType, type IncrementalMarking, type MutatorUtilization } from '../events.js';
import { decimalValue, DOT, isDigit, NINE, SPACE, ZERO } from './decimal.js';
import { isPlausibleNumber, plausibleReasons, splitReasons } from './trace-record.js';

const COLON = 58;
const CLOSE_BRACKET = 93;
const OPEN_PAREN = 40;
const PLUS = 43;
const MINUS = 45;
const LOWER_P = 112;
const LOWER_S = 115;
const LOWER_B = 98;

const NUMBER = String.raw`\d+(?:\.\d+)?`;
/**
 * The record as the scanner reads it: prefix.ts HEADER, then trace-record.ts RECORD, INCREMENTAL and
 * MUTATOR_UTILIZATION, without groups. An isolate address must end at `:` or `]`, and the step count
 * has at most 15 digits, as the scanner reads them exactly.
 */
const COMMON_RECORD = new RegExp(
  String.raw`\[\d{1,10}(?::(?:0x)?[0-9a-fA-F]{1,16}(?=[:\]]))?(?::\d{1,6})?\] *-?${NUMBER} ms: (?:Shared )?` +
    String.raw`(?:Scavenge|Minor Mark-Compact|Minor Mark-Sweep|Incremental Minor Mark-Sweep|Mark-sweep|Mark-Compact|Incremental Mark-Compact)` +
    String.raw`(?: \((?:reduce|interleaved|during sweeping)\))* ` +
    String.raw`${NUMBER} \(${NUMBER}\) -> ${NUMBER} \(${NUMBER}\) MB, (?:pooled: ${NUMBER} MB, )?${NUMBER} / ${NUMBER} ms` +
    String.raw`(?: *\(\+ ${NUMBER} ms in \d{1,15} steps since (?:start of marking|last GC)` +
    String.raw`(?:, biggest step ${NUMBER} ms)?(?:, walltime since start of marking ${NUMBER} ms)?\))?` +
    String.raw`(?: *\(average mu = ${NUMBER}, current mu = ${NUMBER}\))?`,
  'y',
);

/** The collectors V8 prints, and the type each is. */
const COLLECTORS: Array<[string, GcType]> = [
  ['Scavenge', 'Scavenge'],
  ['Minor Mark-Compact', 'Minor Mark-Compact'],
  ['Minor Mark-Sweep', 'Minor Mark-Sweep'],
  ['Incremental Minor Mark-Sweep', 'Minor Mark-Sweep'],
  ['Mark-sweep', 'Mark-Compact'],
  ['Mark-Compact', 'Mark-Compact'],
  ['Incremental Mark-Compact', 'Mark-Compact'],
];
/** The decorations by their first letter: ` (reduce)`, ` (interleaved)`, ` (during sweeping)`. */
const DECORATIONS: Record<string, [number, Decoration]> = {
  r: [' (reduce)'.length, 'reduce'],
  i: [' (interleaved)'.length, 'interleaved'],
  d: [' (during sweeping)'.length, 'during sweeping'],
};
/** Line ends remembered: a log has a handful of distinct reasons, mostly repeating. */
const RECENT_REASONS = 8;
/** A decoration-free event shares this array: most GCs have none, and nothing changes an event's array. */
const NO_DECORATIONS = Object.freeze([]) as unknown as Decoration[];

/**
 * The index in COLLECTORS of the name at `position`, which COMMON_RECORD has checked is one of them:
 * `Scavenge`, `Minor Mark-Compact`, `Minor Mark-Sweep`, `Incremental Minor Mark-Sweep`, `Mark-sweep`,
 * `Mark-Compact`, `Incremental Mark-Compact`.
 */
function collectorAt(text: string, position: number): number {
  switch (text.charCodeAt(position)) {
    case 83 /* S */:
      return 0;
    case 73 /* I */:
      // `Incremental M` + `inor` or `ark`
      return text.charCodeAt(position + 13) === 105 /* i */ ? 3 : 6;
    default:
      // `Minor Mark-` + `Compact` or `Sweep`; `Mark-` + `sweep` or `Compact`
      if (text.charCodeAt(position + 1) === 105 /* i */) return text.charCodeAt(position + 11) === 67 /* C */ ? 1 : 2;
      return text.charCodeAt(position + 5) === 115 /* s */ ? 4 : 5;
  }
}

interface Header {
  text: string;
  pid: number;
  isolate: string | null;
  /** -1 when the header has none. */
  isolateId: number;
}

type Reasons = { reason: string | null; collectorReason?: string };

/** Scans one line; reuses its last isolate string and reason texts, so repeated values are one string each. */
export class FastTraceScanner {
  /** Where the last number read ended. */
  private end = 0;
  /** The last `[pid:isolate:id]` read, and what it says: consecutive lines mostly share it. */
  private lastHeader: Header | null = null;
  /** Recently seen line ends and their reasons, most recent first: compared in place, without a substring. */
  private readonly reasons: Array<{ tail: string; reasons: Reasons; plain: boolean }> = [];
  /**
   * Whether the last scanned line's end is plain text: no ANSI escape and no ` ms: ` (the start of
   * another record glued on). A line that scans with a plain end needs no cleaning or splitting.
   */
  lastTailPlain = false;

  /**
   * The event of a `--trace-gc` line whose first `[` (at `open`) starts a `[pid:isolate]` header,
   * or null when the line is anything else or anything unusual (the general path decides then).
   */
  scan(text: string, open: number, lineNumber: number): GcEvent | null {
    COMMON_RECORD.lastIndex = open;
    if (!COMMON_RECORD.test(text)) return null;
    // Everything up to here has the record's form; below, only the numbers are read.
    const checkedEnd = COMMON_RECORD.lastIndex;

    // `[pid:isolate:id]`, then spaces: mostly the previous line's header again.
    let header = this.lastHeader;
    if (header === null || !text.startsWith(header.text, open)) header = this.readHeader(text, open);
    let position = open + header.text.length;
    while (text.charCodeAt(position) === SPACE) position++;
    const { pid, isolate, isolateId } = header;

    // `1234 ms: [Shared ]Collector[ (decoration)…] `
    const negative = text.charCodeAt(position) === MINUS;
    let timeMs = this.number(text, negative ? position + 1 : position);
    if (negative) timeMs = -timeMs;
    position = this.end + ' ms: '.length;
    let decorations = NO_DECORATIONS;
    if (text.charCodeAt(position) === 83 /* S */ && text.charCodeAt(position + 1) === 104 /* h */) {
      decorations = ['shared'];
      position += 'Shared '.length;
    }
    // Which of the seven names COMMON_RECORD found, told apart by a letter or two.
    const [v8Name, type] = COLLECTORS[collectorAt(text, position)]!;
    position += v8Name.length;
    while (text.charCodeAt(position + 1) === OPEN_PAREN) {
      const [length, decoration] = DECORATIONS[text.charAt(position + 2)]!;
      if (decorations === NO_DECORATIONS) decorations = [];
      decorations.push(decoration);
      position += length;
    }

    // ` 4.4 (5.1) -> 4.1 (6.1) MB, [pooled: 0 MB, ]1.83 / 0.00 ms`
    const heapBeforeMb = this.number(text, position + 1);
    const committedBeforeMb = this.number(text, this.end + ' ('.length);
    const heapAfterMb = this.number(text, this.end + ') -> '.length);
    const committedAfterMb = this.number(text, this.end + ' ('.length);
    position = this.end + ') MB, '.length;
    let pooledMb = -1;
    if (text.charCodeAt(position) === LOWER_P) {
      pooledMb = this.number(text, position + 'pooled: '.length);
      position = this.end + ' MB, '.length;
    }
    const pauseMs = this.number(text, position);
    const externalMs = this.number(text, this.end + ' / '.length);
    position = this.end + ' ms'.length;
    if (
      !isPlausibleNumber(timeMs) ||
      !isPlausibleNumber(heapBeforeMb) ||
      !isPlausibleNumber(committedBeforeMb) ||
      !isPlausibleNumber(heapAfterMb) ||
      !isPlausibleNumber(committedAfterMb) ||
      !isPlausibleNumber(pauseMs) ||
      !isPlausibleNumber(externalMs) ||
      (pooledMb !== -1 && !isPlausibleNumber(pooledMb))
    ) {
      return null; // damage: the general path decides
    }

    // ` (+ 1.2 ms in 10 steps since start of marking, biggest step 0.3 ms, walltime since start of marking 20 ms)`
    // and ` (average mu = 0.990, current mu = 0.980)`, where the expression found them.
    let incremental: IncrementalMarking | undefined;
    while (position < checkedEnd && text.charCodeAt(position) === SPACE) position++;
    if (position < checkedEnd && text.charCodeAt(position + 1) === PLUS) {
      incremental = this.incrementalMarking(text, position + '(+ '.length);
      if (incremental === undefined) return null;
      position = this.end;
      while (position < checkedEnd && text.charCodeAt(position) === SPACE) position++;
    }
    let mu: MutatorUtilization | undefined;
    if (position < checkedEnd && text.charCodeAt(position) === OPEN_PAREN) {
      const average = this.number(text, position + '(average mu = '.length);
      const current = this.number(text, this.end + ', current mu = '.length);
      if (!isPlausibleNumber(average) || !isPlausibleNumber(current)) return null;
      mu = { average, current };
    }
    const reasons = this.reasonsOf(text, checkedEnd);
    if (reasons === null) return null;

    // Keys in the order the general path gives them (log-parser.ts gcEvent): the export schema's.
    const event = {
      type,
      generation: generationOf(type),
      v8Name,
      pid,
      isolate,
      timeMs,
      decorations,
      heapBeforeMb,
      committedBeforeMb,
      heapAfterMb,
      committedAfterMb,
      pauseMs,
      externalMs,
      reason: reasons.reason,
    } as GcEvent;
    if (pooledMb !== -1) event.pooledMb = pooledMb;
    if (incremental !== undefined) event.incremental = incremental;
    if (mu !== undefined) event.mu = mu;
    if (reasons.collectorReason !== undefined) event.collectorReason = reasons.collectorReason;
    event.line = lineNumber;
    event.source = 'trace';
    if (isolateId !== -1) event.isolateId = isolateId;
    return event;
  }

  /** After `(+ `, up to and past its `)`; undefined when a number is not plausible. */
  private incrementalMarking(text: string, start: number): IncrementalMarking | undefined {
    const stepsMs = this.number(text, start);
    const steps = this.number(text, this.end + ' ms in '.length);
    let position = this.end + ' steps since '.length;
    const sinceStartOfMarking = text.charCodeAt(position) === LOWER_S;
    position += sinceStartOfMarking ? 'start of marking'.length : 'last GC'.length;
    if (!isPlausibleNumber(stepsMs) || !isPlausibleNumber(steps)) return undefined;
    const incremental: IncrementalMarking = { stepsMs, steps, sinceStartOfMarking };
    if (text.charCodeAt(position) !== 41 /* ) */ && text.charCodeAt(position + 2) === LOWER_B) {
      const biggestStepMs = this.number(text, position + ', biggest step '.length);
      if (!isPlausibleNumber(biggestStepMs)) return undefined;
      incremental.biggestStepMs = biggestStepMs;
      position = this.end + ' ms'.length;
    }
    if (text.charCodeAt(position) !== 41 /* ) */) {
      const walltimeMs = this.number(text, position + ', walltime since start of marking '.length);
      if (!isPlausibleNumber(walltimeMs)) return undefined;
      incremental.walltimeMs = walltimeMs;
      position = this.end + ' ms'.length;
    }
    this.end = position + 1;
    return incremental;
  }

  /** The reasons at the end of the line, as trace-record.ts reads them; null for a cut record (left to the general path). */
  private reasonsOf(text: string, start: number): Reasons | null {
    const recent = this.reasons;
    const tailLength = text.length - start;
    for (let index = 0; index < recent.length; index++) {
      const known = recent[index]!;
      // A native comparison, and no substring: far cheaper than charCodeAt in a loop.
      if (known.tail.length !== tailLength || !text.endsWith(known.tail)) continue;
      if (index > 0) {
        recent.splice(index, 1);
        recent.unshift(known);
      }
      this.lastTailPlain = known.plain;
      return known.reasons;
    }
    const tail = text.slice(start);
    // The crash's line written into the record (Node ≤ 5): log-parser.ts cuts the line there first.
    if (tail.includes('FATAL ERROR: ')) return null;
    let rest = tail.trim();
    if (rest.startsWith('(')) return null;
    if (rest.endsWith('.')) rest = rest.slice(0, -1);
    // Bracketed reasons cut before their `]`: a truncated record, for the general path.
    if (rest.startsWith('[') && !rest.endsWith(']')) return null;
    const reasons = splitReasons(rest);
    if (!plausibleReasons(reasons)) return null;
    // ` ms` first: the end may follow the pause's ` ms` directly, and `: …` would complete ` ms: `.
    const plain = !tail.includes('\x1b') && !` ms${tail}`.includes(' ms: ');
    this.lastTailPlain = plain;
    recent.unshift({ tail, reasons, plain });
    if (recent.length > RECENT_REASONS) recent.pop();
    return reasons;
  }

  /** The header at `open`, which COMMON_RECORD has checked: `[pid]`, `[pid:isolate]` or `[pid:isolate:id]`. */
  private readHeader(text: string, open: number): Header {
    const pid = this.number(text, open + 1);
    let position = this.end;
    let isolate: string | null = null;
    let isolateId = -1;
    if (text.charCodeAt(position) === COLON) {
      const start = position + 1;
      position = start;
      while (text.charCodeAt(position) !== COLON && text.charCodeAt(position) !== CLOSE_BRACKET) position++;
      isolate = text.slice(start, position);
      if (text.charCodeAt(position) === COLON) {
        isolateId = this.number(text, position + 1);
        position = this.end;
      }
    }
    this.lastHeader = { text: text.slice(open, position + 1), pid, isolate, isolateId };
    return this.lastHeader;
  }

  /**
   * The number (`\d+(?:\.\d+)?`, which COMMON_RECORD has checked is there) at `start`, as Number()
   * reads it, without a substring; leaves `end` after it.
   */
  private number(text: string, start: number): number {
    let position = start;
    let mantissa = 0;
    let code = text.charCodeAt(position);
    while (code >= ZERO && code <= NINE) {
      mantissa = mantissa * 10 + (code - ZERO);
      code = text.charCodeAt(++position);
    }
    let digits = position - start;
    let scale = 0;
    if (code === DOT && isDigit(text.charCodeAt(position + 1))) {
      code = text.charCodeAt(++position);
      while (code >= ZERO && code <= NINE) {
        mantissa = mantissa * 10 + (code - ZERO);
        scale++;
        code = text.charCodeAt(++position);
      }
      digits += scale;
    }
    this.end = position;
    return decimalValue(text, start, position, mantissa, digits, scale);
  }
}

// The fast path for the common line, `[pid:isolate]  1234 ms: Scavenge 4.4 (5.1) -> 4.1 (6.1) MB, …`:
// a hand-written scanner (charCodeAt, numbers without substrings) that builds the event directly.
// The regex grammar (prefix.ts, trace-record.ts) stays the reference: this scanner accepts only
// text that grammar parses the same way, and answers null ("not sure") for anything else, which
// then goes the general way. test/parse/fast-path.test.ts checks both give identical events.

import { generationOf, type Decoration, type GcEvent, type GcType, type IncrementalMarking, type MutatorUtilization } from '../events.js';
import { isPlausibleNumber, splitReasons } from './trace-record.js';

const SPACE = 32;
const DOT = 46;
const COLON = 58;
const CLOSE_BRACKET = 93;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;

/** Up to 15 digits the mantissa is an exact integer; 10^k is exact up to 22: m / 10^k is then correctly rounded, as Number() is. */
const MAX_EXACT_DIGITS = 15;
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent);

/** The collectors, in the grammar's order; none is a prefix of another, so the first that matches is the one. */
const COLLECTORS: Array<[string, GcType]> = [
  ['Scavenge', 'Scavenge'],
  ['Minor Mark-Compact', 'Minor Mark-Compact'],
  ['Minor Mark-Sweep', 'Minor Mark-Sweep'],
  ['Incremental Minor Mark-Sweep', 'Minor Mark-Sweep'],
  ['Mark-sweep', 'Mark-Compact'],
  ['Mark-Compact', 'Mark-Compact'],
  ['Incremental Mark-Compact', 'Mark-Compact'],
];
const DECORATIONS: Array<[string, Decoration]> = [
  [' (reduce)', 'reduce'],
  [' (interleaved)', 'interleaved'],
  [' (during sweeping)', 'during sweeping'],
];
/** Line ends remembered: a log has a handful of distinct reasons, mostly repeating. */
const RECENT_REASONS = 8;

type Reasons = { reason: string | null; collectorReason?: string };

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/** Scans one line; reuses its last isolate string and reason texts, so repeated values are one string each. */
export class FastTraceScanner {
  private text = '';
  private position = 0;
  private lastIsolate: string | null = null;
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
  scan(line: string, open: number, lineNumber: number): GcEvent | null {
    this.text = line;
    this.position = open + 1;

    // `[pid:isolate]` or `[pid:isolate:id]` (prefix.ts HEADER), then spaces.
    const pidStart = this.position;
    const pid = this.unsignedInteger(10);
    if (pid < 0 || this.position === pidStart) return null;
    let isolate: string | null = null;
    let isolateId = -1;
    if (this.code(this.position) === COLON) {
      isolate = this.isolateAddress(this.position + 1);
      if (isolate === null) return null;
      if (this.code(this.position) === COLON) {
        this.position++;
        const idStart = this.position;
        isolateId = this.unsignedInteger(6);
        if (isolateId < 0 || this.position === idStart) return null;
      }
    }
    if (this.code(this.position) !== CLOSE_BRACKET) return null;
    this.position++;
    this.skipSpaces();

    // `1234 ms: ` (trace-record.ts RECORD).
    const negative = this.code(this.position) === MINUS;
    if (negative) this.position++;
    let timeMs = this.number();
    if (Number.isNaN(timeMs) || !this.literal(' ms: ')) return null;
    if (negative) timeMs = -timeMs;

    const decorations: Decoration[] = [];
    if (this.literal('Shared ')) decorations.push('shared');
    let type: GcType | null = null;
    let v8Name = '';
    for (let index = 0; index < COLLECTORS.length; index++) {
      const [name, collector] = COLLECTORS[index]!;
      if (this.literal(name)) {
        type = collector;
        v8Name = name;
        break;
      }
    }
    if (type === null) return null;
    while (this.code(this.position) === SPACE && this.code(this.position + 1) === OPEN_PAREN) {
      const decoration = DECORATIONS.find(([text]) => this.at(text, this.position));
      if (decoration === undefined) return null;
      decorations.push(decoration[1]);
      this.position += decoration[0].length;
    }

    // `4.4 (5.1) -> 4.1 (6.1) MB, [pooled: 0 MB, ]1.83 / 0.00 ms`
    if (!this.literal(' ')) return null;
    const heapBeforeMb = this.number();
    if (!this.literal(' (')) return null;
    const committedBeforeMb = this.number();
    if (!this.literal(') -> ')) return null;
    const heapAfterMb = this.number();
    if (!this.literal(' (')) return null;
    const committedAfterMb = this.number();
    if (!this.literal(') MB, ')) return null;
    let pooledMb = -1;
    if (this.literal('pooled: ')) {
      pooledMb = this.number();
      if (!this.literal(' MB, ')) return null;
    }
    const pauseMs = this.number();
    if (!this.literal(' / ')) return null;
    const externalMs = this.number();
    if (!this.literal(' ms')) return null;
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
      return null; // NaN (a number did not scan) or damage: the general path decides
    }

    // ` (+ 1.2 ms in 10 steps since start of marking, biggest step 0.3 ms, walltime since start of marking 20 ms)`
    let incremental: IncrementalMarking | undefined;
    this.skipSpaces();
    if (this.literal('(+ ')) {
      const scanned = this.incrementalMarking();
      if (scanned === null) return null;
      incremental = scanned;
      this.skipSpaces();
    }
    // ` (average mu = 0.990, current mu = 0.980)`
    let mu: MutatorUtilization | undefined;
    if (this.literal('(average mu = ')) {
      const average = this.number();
      if (!this.literal(', current mu = ')) return null;
      const current = this.number();
      if (!this.literal(')') || !isPlausibleNumber(average) || !isPlausibleNumber(current)) return null;
      mu = { average, current };
    }
    const reasons = this.reasonsOf(this.position);
    if (reasons === null) return null;

    if (isolate !== null) isolate = this.sharedIsolate(isolate);
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

  private incrementalMarking(): IncrementalMarking | null {
    const stepsMs = this.number();
    if (!this.literal(' ms in ')) return null;
    const stepsStart = this.position;
    const steps = this.unsignedInteger(MAX_EXACT_DIGITS);
    if (steps < 0 || this.position === stepsStart || !this.literal(' steps since ')) return null;
    let sinceStartOfMarking: boolean;
    if (this.literal('start of marking')) sinceStartOfMarking = true;
    else if (this.literal('last GC')) sinceStartOfMarking = false;
    else return null;
    const incremental: IncrementalMarking = { stepsMs, steps, sinceStartOfMarking };
    if (this.literal(', biggest step ')) {
      const biggestStepMs = this.number();
      if (!this.literal(' ms') || !isPlausibleNumber(biggestStepMs)) return null;
      incremental.biggestStepMs = biggestStepMs;
    }
    if (this.literal(', walltime since start of marking ')) {
      const walltimeMs = this.number();
      if (!this.literal(' ms') || !isPlausibleNumber(walltimeMs)) return null;
      incremental.walltimeMs = walltimeMs;
    }
    if (this.code(this.position) !== CLOSE_PAREN || !isPlausibleNumber(stepsMs) || !isPlausibleNumber(steps)) return null;
    this.position++;
    return incremental;
  }

  /** The reasons at the end of the line, as trace-record.ts reads them; null for a cut record (left to the general path). */
  private reasonsOf(start: number): Reasons | null {
    const tail = this.text.slice(start);
    const recent = this.reasons;
    for (let index = 0; index < recent.length; index++) {
      const known = recent[index]!;
      // Native comparison of the (sliced, not copied) tail: far cheaper than charCodeAt in a loop.
      if (known.tail !== tail) continue;
      if (index > 0) {
        recent.splice(index, 1);
        recent.unshift(known);
      }
      this.lastTailPlain = known.plain;
      return known.reasons;
    }
    let rest = tail.trim();
    if (rest.startsWith('(')) return null;
    if (rest.endsWith('.')) rest = rest.slice(0, -1);
    const reasons = splitReasons(rest);
    // ` ms` first: the end may follow the pause's ` ms` directly, and `: …` would complete ` ms: `.
    const plain = !tail.includes('\x1b') && !` ms${tail}`.includes(' ms: ');
    this.lastTailPlain = plain;
    recent.unshift({ tail, reasons, plain });
    if (recent.length > RECENT_REASONS) recent.pop();
    return reasons;
  }

  /** `0x5408db0` or `000001E565C2F6F0`: 1 to 16 hex digits, after an optional `0x`, ending at `:` or `]`. */
  private isolateAddress(start: number): string | null {
    const text = this.text;
    let position = start;
    if (this.code(position) === ZERO && this.code(position + 1) === 120 /* x */) position += 2;
    const digitsStart = position;
    while (isHexDigit(this.code(position))) position++;
    const digits = position - digitsStart;
    const next = this.code(position);
    if (digits < 1 || digits > 16 || (next !== COLON && next !== CLOSE_BRACKET)) return null;
    this.position = position;
    const last = this.lastIsolate;
    if (last !== null && last.length === position - start && this.at(last, start)) return last;
    return text.slice(start, position);
  }

  private sharedIsolate(isolate: string): string {
    this.lastIsolate = isolate;
    return isolate;
  }

  /** Up to `maxDigits` digits as an integer, or -1 when there are more. */
  private unsignedInteger(maxDigits: number): number {
    const text = this.text;
    let value = 0;
    let digits = 0;
    let code = this.code(this.position);
    while (isDigit(code)) {
      if (++digits > maxDigits) return -1;
      value = value * 10 + (code - ZERO);
      code = this.code(++this.position);
    }
    return value;
  }

  /** `\d+(?:\.\d+)?` as Number() reads it, without a substring; NaN when there is no number here. */
  private number(): number {
    const text = this.text;
    const start = this.position;
    let mantissa = 0;
    let digits = 0;
    let code = this.code(this.position);
    if (!isDigit(code)) return NaN;
    do {
      mantissa = mantissa * 10 + (code - ZERO);
      digits++;
      code = this.code(++this.position);
    } while (isDigit(code));
    let scale = 0;
    if (code === DOT && isDigit(this.code(this.position + 1))) {
      code = this.code(++this.position);
      do {
        mantissa = mantissa * 10 + (code - ZERO);
        digits++;
        scale++;
        code = this.code(++this.position);
      } while (isDigit(code));
    }
    if (digits > MAX_EXACT_DIGITS || scale >= POWERS_OF_TEN.length) return Number(text.slice(start, this.position));
    return scale === 0 ? mantissa : mantissa / POWERS_OF_TEN[scale]!;
  }

  private literal(expected: string): boolean {
    if (!this.at(expected, this.position)) return false;
    this.position += expected.length;
    return true;
  }

  /** startsWith by hand: V8's startsWith with a position is several times slower on the sliced strings split2 yields. */
  private at(expected: string, position: number): boolean {
    const text = this.text;
    const length = expected.length;
    if (position + length > text.length) return false;
    for (let index = 0; index < length; index++) {
      if (text.charCodeAt(position + index) !== expected.charCodeAt(index)) return false;
    }
    return true;
  }

  /** The character code at `position`, or -1 past the end (charCodeAt out of bounds would slow every call once it happened). */
  private code(position: number): number {
    return position < this.text.length ? this.text.charCodeAt(position) : -1;
  }

  private skipSpaces(): void {
    while (this.code(this.position) === SPACE) this.position++;
  }
}

function isHexDigit(code: number): boolean {
  return (code >= ZERO && code <= NINE) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

// `--trace-gc-nvp` records (GCTracer::PrintNVP): `pause=1.2 mutator=30.1 gc=s reduce_memory=0 …`
// (V8 5.5 – 13.6, sizes in bytes, ratios as `12.3%`) and the JSON form `GC: {"pause":1.2,…}` (V8 14+).

import type { GcType, NvpFields } from '../events.js';
import { decimalValue, DOT, isDigit, SPACE, ZERO } from './decimal.js';
import { isPlausibleNumber } from './trace-record.js';

const GC_CODES: Record<string, { type: GcType; v8Name: string }> = {
  s: { type: 'Scavenge', v8Name: 'Scavenge' },
  mmc: { type: 'Minor Mark-Compact', v8Name: 'Minor Mark-Compact' },
  mms: { type: 'Minor Mark-Sweep', v8Name: 'Minor Mark-Sweep' },
  ms: { type: 'Mark-Compact', v8Name: 'Mark-sweep' },
  mc: { type: 'Mark-Compact', v8Name: 'Mark-Compact' },
};

export function gcOfNvpCode(code: unknown): { type: GcType; v8Name: string } | null {
  return typeof code === 'string' ? GC_CODES[code] ?? null : null;
}

// A value that runs into the next key without a space: `clear.join_filter_job=0.0clear.join_job=0.0` (V8 13.2/13.6).
const GLUED_VALUE = /^(-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|nan|inf)%?)([a-z_][a-z0-9_.]*=.*)$/i;

const EQUALS = 61;
const PERCENT = 37;
/** Keys remembered per position in the line: one per GC type that prints a different key there. */
const KEYS_PER_POSITION = 4;

/** Line shapes remembered per GC type (`gc=s`, `gc=mc` …): V8 prints one key sequence per collector. */
const SHAPES_PER_GC = 4;

/** A key sequence seen before, and a sticky expression that matches a line of exactly those pairs. */
interface LineShape {
  keys: string[];
  pattern: RegExp;
}

/**
 * Reads the key=value form. A line holds 40 to 100 pairs and a log millions of lines, all with the
 * same few key sequences. A line of a sequence seen before is recognised whole by one regular
 * expression, which runs natively, and only its values are then read. Otherwise the keys seen at
 * each position are recognised in place (no substring, no key check, one shared string per key), and
 * plain numbers are read without a substring; anything unusual takes the general way (`readPair`).
 * The previous reader, kept as the reference in test/support/nvp-reference.ts, gives the same fields
 * for every sample and for damaged lines.
 */
export class NvpPairsReader {
  /** For each pair position, the keys recently read there, most recent first. */
  private readonly keysAt: string[][] = [];
  /** Key sequences seen, by the value of `gc=`, most recent first. */
  private readonly shapesByGc = new Map<string, LineShape[]>();
  /** Where the last `plainNumber` stopped reading. */
  private end = 0;
  /** Lines recognised whole by a shape seen before (for tests and benchmarks). */
  linesReadWhole = 0;

  /** The fields of the text after the header and time; null when it is not this form (it must start with `pause=` and have `gc=`). */
  read(text: string): NvpFields | null {
    if (!text.startsWith('pause=')) return null;
    const gc = gcCodeIn(text);
    const shapes = gc === null ? undefined : this.shapesByGc.get(gc);
    if (shapes !== undefined) {
      for (let index = 0; index < shapes.length; index++) {
        const shape = shapes[index]!;
        shape.pattern.lastIndex = 0;
        if (!shape.pattern.test(text)) continue;
        if (index > 0) {
          shapes.splice(index, 1);
          shapes.unshift(shape);
        }
        this.linesReadWhole++;
        return this.readShaped(text, shape.keys);
      }
    }
    const fields = this.readPairs(text);
    if (fields !== null && gc !== null) {
      const keys = Object.keys(fields);
      // One key per space-separated token: a line its own shape would match (not one of glued
      // values, as V8 6.x and 13.2/13.6 print some, or of a key twice): worth remembering.
      if (countSpaces(text) + 1 === keys.length) this.rememberShape(gc, keys);
    }
    return fields;
  }

  /**
   * A line that its shape's expression matched: `k1=v1 k2=v2 … kn=vn`, single spaces, no `=` in a
   * value, nothing after. The reference splits it into the same tokens, and each is a plain key,
   * its first `=` and a value that is not glued to another pair: the fields are the same.
   */
  private readShaped(text: string, keys: string[]): NvpFields | null {
    const fields: NvpFields = {};
    let position = 0;
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index]!;
      const valueStart = position + key.length + 1;
      const value = this.plainNumber(text, valueStart);
      if (!Number.isNaN(value)) {
        fields[key] = isPlausibleNumber(value) ? value : null;
        position = this.end + 1;
        continue;
      }
      const stop = spaceFrom(text, valueStart);
      fields[key] = nvpValue(text.slice(valueStart, stop));
      position = stop + 1;
    }
    return typeof fields['gc'] === 'string' ? fields : null;
  }

  /**
   * Remembers the keys of a line read pair by pair. Whatever the line was, the expression matches
   * only lines of exactly these plain pairs, which readShaped reads right.
   */
  private rememberShape(gc: string, keys: string[]): void {
    const shapes = this.shapesByGc.get(gc) ?? [];
    if (shapes.length === 0) this.shapesByGc.set(gc, shapes);
    // Keys are `[a-z_][a-z0-9_.]*`: only the dot needs escaping.
    const source = `${keys.map((key) => `${key.replaceAll('.', '\\.')}=[^ =]*`).join(' ')}$`;
    if (shapes.some((shape) => shape.pattern.source === source)) return;
    shapes.unshift({ keys, pattern: new RegExp(source, 'y') });
    if (shapes.length > SHAPES_PER_GC) shapes.pop();
  }

  /** Pair by pair, recognising the keys seen at each position. */
  private readPairs(text: string): NvpFields | null {
    const fields: NvpFields = {};
    const length = text.length;
    // V8 separates pairs by one space (cleanLine has removed a trailing CR); runs of spaces are skipped.
    // charCodeAt loops, not indexOf/startsWith: those cost a call each on the sliced strings split2 yields.
    let position = 0;
    let pairIndex = 0;
    for (;;) {
      while (position < length && text.charCodeAt(position) === SPACE) position++;
      if (position >= length) break;
      position = this.readPairAt(text, position, fields, pairIndex++);
    }
    return typeof fields['gc'] === 'string' ? fields : null;
  }

  /** Reads the pair starting at `start`; returns where it ends (at a space or the end of the text). */
  private readPairAt(text: string, start: number, fields: NvpFields, pairIndex: number): number {
    const key = this.knownKeyAt(text, start, pairIndex);
    if (key !== null) {
      const valueStart = start + key.length + 1;
      const value = this.plainNumber(text, valueStart);
      if (!Number.isNaN(value)) {
        fields[key] = isPlausibleNumber(value) ? value : null;
        return this.end;
      }
      const stop = spaceFrom(text, valueStart);
      // A second `=` means a value glued to the next pair: the general way splits it.
      if (!hasEquals(text, valueStart, stop)) {
        fields[key] = nvpValue(text.slice(valueStart, stop));
        return stop;
      }
    }
    const stop = spaceFrom(text, start);
    readPair(text.slice(start, stop), fields, (newKey) => this.remember(newKey, pairIndex));
    return stop;
  }

  /** A key already read at this position, when the text has it followed by `=`; null otherwise. */
  private knownKeyAt(text: string, start: number, pairIndex: number): string | null {
    const keys = this.keysAt[pairIndex];
    if (keys === undefined) return null;
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index]!;
      if (!keyAt(text, start, key)) continue;
      if (index > 0) {
        keys.splice(index, 1);
        keys.unshift(key);
      }
      return key;
    }
    return null;
  }

  private remember(key: string, pairIndex: number): void {
    const keys = (this.keysAt[pairIndex] ??= []);
    if (keys.includes(key)) return;
    keys.unshift(key);
    if (keys.length > KEYS_PER_POSITION) keys.pop();
  }

  /**
   * `\d+(?:\.\d+)?%?` from `start` up to a space or the end of the text, as Number() reads it,
   * leaving `end` after it; NaN for anything else (the value is then read the general way).
   */
  private plainNumber(text: string, start: number): number {
    const length = text.length;
    let position = start;
    let mantissa = 0;
    let code = position < length ? text.charCodeAt(position) : -1;
    if (!isDigit(code)) return NaN;
    do {
      mantissa = mantissa * 10 + (code - ZERO);
      code = ++position < length ? text.charCodeAt(position) : -1;
    } while (isDigit(code));
    let digits = position - start;
    let scale = 0;
    if (code === DOT) {
      code = ++position < length ? text.charCodeAt(position) : -1;
      if (!isDigit(code)) return NaN;
      do {
        mantissa = mantissa * 10 + (code - ZERO);
        scale++;
        code = ++position < length ? text.charCodeAt(position) : -1;
      } while (isDigit(code));
      digits += scale;
    }
    const numberEnd = position;
    if (code === PERCENT) code = ++position < length ? text.charCodeAt(position) : -1;
    if (code !== SPACE && code !== -1) return NaN;
    this.end = position;
    return decimalValue(text, start, numberEnd, mantissa, digits, scale);
  }
}

function countSpaces(text: string): number {
  let count = 0;
  for (let at = text.indexOf(' '); at !== -1; at = text.indexOf(' ', at + 1)) count++;
  return count;
}

/** The value of the `gc=` pair (`s`, `mc` …), or null when there is none. */
function gcCodeIn(text: string): string | null {
  const at = text.indexOf(' gc=');
  if (at === -1) return null;
  return text.slice(at + 4, spaceFrom(text, at + 4));
}

/** True when `key=` is in the text at `start`. */
function keyAt(text: string, start: number, key: string): boolean {
  const length = key.length;
  if (start + length >= text.length || text.charCodeAt(start + length) !== EQUALS) return false;
  for (let index = 0; index < length; index++) {
    if (text.charCodeAt(start + index) !== key.charCodeAt(index)) return false;
  }
  return true;
}

/** The first space at or after `start`, or the end of the text. */
function spaceFrom(text: string, start: number): number {
  let position = start;
  while (position < text.length && text.charCodeAt(position) !== SPACE) position++;
  return position;
}

function hasEquals(text: string, start: number, stop: number): boolean {
  for (let position = start; position < stop; position++) if (text.charCodeAt(position) === EQUALS) return true;
  return false;
}

/** One `key=value` token the general way; `onKey` hears each plain key read. */
function readPair(token: string, fields: NvpFields, onKey: (key: string) => void): void {
  const equals = token.indexOf('=');
  if (equals <= 0) return;
  const key = token.slice(0, equals);
  if (!isPlainKey(key)) return;
  onKey(key);
  const value = token.slice(equals + 1);
  if (value.indexOf('=') !== -1) {
    const glued = GLUED_VALUE.exec(value);
    if (glued !== null) {
      fields[key] = nvpValue(glued[1]!);
      // The glued pair has no position of its own: its key is not remembered.
      readPair(glued[2]!, fields, () => {});
      return;
    }
  }
  fields[key] = nvpValue(value);
}

/** `[a-z_][a-z0-9_.]*` (any case), as V8 prints keys; by hand, as it runs for every pair. */
export function isPlainKey(key: string): boolean {
  if (key === '__proto__') return false;
  for (let index = 0; index < key.length; index++) {
    const code = key.charCodeAt(index) | 0x20; // folds A–Z onto a–z
    const letter = code >= 97 && code <= 122;
    const allowed = letter || key.charCodeAt(index) === 95 || (index > 0 && (isDigit(key.charCodeAt(index)) || key.charCodeAt(index) === 46));
    if (!allowed) return false;
  }
  return key.length > 0;
}

/** `12.3%` → 12.3 (the key says it is a ratio), `1024` → 1024, `nan` → null, `mc` → 'mc'. */
export function nvpValue(text: string): number | string | null {
  const numeric = text.charCodeAt(text.length - 1) === 37 /* % */ ? text.slice(0, -1) : text;
  const first = numeric.charCodeAt(0);
  if (isDigit(first) || (first === 45 /* - */ && isDigit(numeric.charCodeAt(1)))) {
    const value = Number(numeric);
    return isPlausibleNumber(value) ? value : null;
  }
  if (NON_FINITE.test(numeric)) return null;
  return text;
}

const NON_FINITE = /^-?(?:nan|inf)$/i;

/**
 * Parses the JSON form printed after `GC: `. V8's emitter does not escape strings and prints
 * non-finite doubles as `nan`/`inf`, so those become null before JSON.parse.
 */
export function parseNvpJson(text: string): NvpFields | null {
  if (!text.startsWith('{')) return null;
  const json = text.replace(/([:,\[]\s*)-?(?:nan|inf(?:inity)?)(?=\s*[,}\]])/gi, '$1null');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const fields: NvpFields = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof value === 'number') fields[key] = isPlausibleNumber(value) ? value : null;
    else if (typeof value === 'string' || typeof value === 'boolean' || value === null) fields[key] = value;
  }
  return typeof fields['gc'] === 'string' ? fields : null;
}

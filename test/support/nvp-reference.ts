// The key=value NVP reader as it was before src/parse/nvp.ts learned to recognise keys in place:
// a plain token-by-token reading, kept as the reference that the fast reader must equal
// (test/parse/nvp-reader.test.ts).

import type { NvpFields } from '../../src/events.js';
import { isPlausibleNumber } from '../../src/parse/trace-record.js';

// A value that runs into the next key without a space: `clear.join_filter_job=0.0clear.join_job=0.0` (V8 13.2/13.6).
const GLUED_VALUE = /^(-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|nan|inf)%?)([a-z_][a-z0-9_.]*=.*)$/i;

/**
 * Parses the key=value form; null when the text is not one (it must start with `pause=` and have
 * `gc=`). A line holds 40 to 100 pairs and a log millions of lines, so the scan uses indexOf and
 * keeps regular expressions for the rare cases (a key of unusual characters, a glued value).
 */
export function parseNvpPairsReference(text: string): NvpFields | null {
  if (!text.startsWith('pause=')) return null;
  const fields: NvpFields = {};
  // V8 separates pairs by one space (cleanLine has removed a trailing CR); runs of spaces are skipped.
  let start = 0;
  while (start < text.length) {
    let stop = text.indexOf(' ', start);
    if (stop === -1) stop = text.length;
    if (stop > start) readPair(text.slice(start, stop), fields);
    start = stop + 1;
  }
  return typeof fields['gc'] === 'string' ? fields : null;
}

function readPair(token: string, fields: NvpFields): void {
  const equals = token.indexOf('=');
  if (equals <= 0) return;
  const key = token.slice(0, equals);
  if (!isPlainKey(key)) return;
  const value = token.slice(equals + 1);
  if (value.indexOf('=') !== -1) {
    const glued = GLUED_VALUE.exec(value);
    if (glued !== null) {
      fields[key] = nvpValue(glued[1]!);
      readPair(glued[2]!, fields);
      return;
    }
  }
  fields[key] = nvpValue(value);
}

/** `[a-z_][a-z0-9_.]*` (any case), as V8 prints keys; by hand, as it runs for every pair. */
function isPlainKey(key: string): boolean {
  if (key === '__proto__') return false;
  for (let index = 0; index < key.length; index++) {
    const code = key.charCodeAt(index) | 0x20; // folds A–Z onto a–z
    const letter = code >= 97 && code <= 122;
    const allowed = letter || key.charCodeAt(index) === 95 || (index > 0 && (isDigit(key.charCodeAt(index)) || key.charCodeAt(index) === 46));
    if (!allowed) return false;
  }
  return key.length > 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `12.3%` → 12.3 (the key says it is a ratio), `1024` → 1024, `nan` → null, `mc` → 'mc'. */
function nvpValue(text: string): number | string | null {
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

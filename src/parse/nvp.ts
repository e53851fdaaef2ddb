// `--trace-gc-nvp` records (GCTracer::PrintNVP): `pause=1.2 mutator=30.1 gc=s reduce_memory=0 …`
// (V8 5.5 – 13.6, sizes in bytes, ratios as `12.3%`) and the JSON form `GC: {"pause":1.2,…}` (V8 14+).

import type { GcType, NvpFields } from '../events.js';
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

/**
 * Parses the key=value form; null when the text is not one (it must start with `pause=` and have
 * `gc=`). A line holds 40 to 100 pairs and a log millions of lines, so the scan uses indexOf and
 * keeps regular expressions for the rare cases (a key of unusual characters, a glued value).
 */
export function parseNvpPairs(text: string): NvpFields | null {
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

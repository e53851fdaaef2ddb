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

const KEY = /^[a-z_][a-z0-9_.]*$/i;
// A value that runs into the next key without a space: `clear.join_filter_job=0.0clear.join_job=0.0` (V8 13.2/13.6).
const GLUED_VALUE = /^(-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|nan|inf)%?)([a-z_][a-z0-9_.]*=.*)$/i;

/** Parses the key=value form; null when the text is not one (it must start with `pause=` and have `gc=`). */
export function parseNvpPairs(text: string): NvpFields | null {
  if (!text.startsWith('pause=')) return null;
  const fields: NvpFields = {};
  const pending = text.trim().split(/\s+/);
  for (let index = 0; index < pending.length; index++) {
    const token = pending[index]!;
    const equals = token.indexOf('=');
    if (equals <= 0) continue;
    const key = token.slice(0, equals);
    if (!KEY.test(key)) continue;
    let value = token.slice(equals + 1);
    const glued = GLUED_VALUE.exec(value);
    if (glued !== null) {
      value = glued[1]!;
      pending.splice(index + 1, 0, glued[2]!);
    }
    fields[key] = nvpValue(value);
  }
  return typeof fields['gc'] === 'string' ? fields : null;
}

/** `12.3%` → 12.3 (the key says it is a ratio), `1024` → 1024, `nan` → null, `mc` → 'mc'. */
function nvpValue(text: string): number | string | null {
  const numeric = text.endsWith('%') ? text.slice(0, -1) : text;
  if (/^-?(?:nan|inf)$/i.test(numeric)) return null;
  if (numeric !== '' && /^-?\d/.test(numeric)) {
    const value = Number(numeric);
    return isPlausibleNumber(value) ? value : null;
  }
  return text;
}

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

// The key=value NVP reader as it was before src/parse/nvp.ts learned to recognise keys in place and
// whole lines: a plain token-by-token reading, kept as the reference that the fast reader must equal
// (test/parse/nvp-reader.test.ts). What a key may be and what a value means (isPlainKey, nvpValue)
// are the reader's own rules, shared; how a line is cut into pairs is what is compared.

import type { NvpFields } from '../../src/events.js';
import { isPlainKey, nvpValue } from '../../src/parse/nvp.js';

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

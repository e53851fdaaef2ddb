// The bench's logs: a real sample's GC records replayed end to end to any size.

import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MB = 1024 * 1024;

const RECORD = /^(\[[^\]]*\]\s*?)( *)(-?\d+(?:\.\d+)?)( ms: .*)$/;

/**
 * Writes `sizeMb` of the sample's GC records replayed end to end, each replay's timestamps shifted
 * past the previous one's, so that the log reads as one long run of the same process.
 */
export function buildLog(samplePath, path, sizeMb) {
  const records = [];
  for (const line of readFileSync(join(ROOT, samplePath), 'utf8').split('\n')) {
    const match = RECORD.exec(line);
    if (match !== null) records.push({ header: match[1], width: match[2].length + match[3].length, timeMs: Number(match[3]), rest: match[4] });
  }
  if (records.length === 0) throw new Error(`bench: no GC record in ${samplePath}`);
  const spanMs = Math.ceil(records[records.length - 1].timeMs) + 1;
  const target = sizeMb * MB;
  const fd = openSync(path, 'w');
  let written = 0;
  let lines = 0;
  try {
    for (let replay = 0; written < target; replay++) {
      const offsetMs = replay * spanMs;
      const parts = [];
      for (const record of records) {
        parts.push(`${record.header}${String(record.timeMs + offsetMs).padStart(record.width)}${record.rest}\n`);
      }
      const chunk = Buffer.from(parts.join(''));
      writeSync(fd, chunk);
      written += chunk.length;
      lines += records.length;
    }
  } finally {
    closeSync(fd);
  }
  return { bytes: written, lines };
}

// Which form a command writes: asked with a flag (--json, --csv, --html), or read from the
// extension of --out (report.html is HTML). A flag and an extension that disagree are refused.

import { extname } from 'node:path';

export type Format = 'text' | 'json' | 'csv' | 'html' | 'ndjson';

const BY_EXTENSION: Record<string, Format> = {
  '.json': 'json',
  '.csv': 'csv',
  '.html': 'html',
  '.htm': 'html',
  '.txt': 'text',
  '.text': 'text',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

const FLAG: Record<Format, string> = { text: 'text', json: '--json', csv: '--csv', html: '--html', ndjson: 'NDJSON' };
const EXTENSION: Record<Format, string> = { text: '.txt', json: '.json', csv: '.csv', html: '.html', ndjson: '.ndjson' };

/** A refused combination, said as the fix (the CLI prints it as a usage error). */
export class FormatError extends Error {}

/** The form named by a file's extension, or null for an extension that names none (`gc.out`). */
export function formatOfPath(path: string): Format | null {
  return BY_EXTENSION[extname(path).toLowerCase()] ?? null;
}

/**
 * The form to write: the flag's, else the one --out's extension names, else `fallback`.
 * `forms` are the forms the command can write; an extension naming another one is refused.
 */
export function resolveFormat(command: string, asked: Format | null, out: string | undefined, forms: readonly Format[], fallback: Format): Format {
  const fromPath = out === undefined ? null : formatOfPath(out);
  // `.json` for events' NDJSON is what people type: one JSON object per line is still JSON.
  const named = fromPath === 'json' && !forms.includes('json') && forms.includes('ndjson') ? 'ndjson' : fromPath;
  if (named !== null && !forms.includes(named)) {
    throw new FormatError(`${command} cannot write ${FLAG[named].replace(/^--/, '').toUpperCase()} (--out ${out}); it writes ${forms.map((form) => FLAG[form].replace(/^--/, '').toUpperCase()).join(', ')}: name the file ${stem(out!)}${EXTENSION[asked ?? fallback]}`);
  }
  if (asked !== null && named !== null && named !== asked) {
    throw new FormatError(`--out ${out} names a ${EXTENSION[named]} file but ${FLAG[asked]} was asked for: write --out ${stem(out!)}${EXTENSION[asked]}, or drop ${FLAG[asked]} to write ${FLAG[named].replace(/^--/, '').toUpperCase()}`);
  }
  return asked ?? named ?? fallback;
}

function stem(path: string): string {
  const extension = extname(path);
  return extension === '' ? path : path.slice(0, -extension.length);
}

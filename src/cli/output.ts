// Where the commands' results go: stdout, a file written atomically, or a report opened in the browser.

import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { StdoutWriter } from '../io/stdout.js';
import { writeFileAtomic } from '../io/write-atomic.js';

/** `gc.log` → `gc`, `gc.log.gz` → `gc`, `-` → `stdin`: the stem of default report names. */
export function logStem(input: string): string {
  if (input === '-') return 'stdin';
  return basename(input).replace(/\.gz$/i, '').replace(/\.[^.]+$/, '') || 'gc';
}

/** `gclog: wrote gc.html`, and whether a file of that name was replaced (a report written over is said). */
export function wroteMessage(path: string, replaced: boolean): string {
  return `gclog: wrote ${path}${replaced ? ' (replacing the file that was there)' : ''}\n`;
}

/** Whether writing `path` will replace a file: asked before writing, to say so after. */
export function existsBefore(path: string): boolean {
  return existsSync(path);
}

/** Writes a whole file atomically and says where on stderr. */
export async function writeOutput(path: string, content: string): Promise<void> {
  const replaced = existsBefore(path);
  await writeFileAtomic(path, content);
  process.stderr.write(wroteMessage(path, replaced));
}

/** Text to `out` when given, else to stdout. */
export async function emitText(text: string, out: string | undefined): Promise<void> {
  if (out !== undefined) {
    await writeOutput(out, text);
    return;
  }
  const stdout = new StdoutWriter();
  stdout.write(text);
  await stdout.end();
}

/** The browser when one starts, else the file's URL and how to look at it from here. */
export async function openHtml(path: string): Promise<void> {
  const { openReport, noBrowserMessage } = await import('../report/html/open-report.js');
  if (!(await openReport(path))) process.stderr.write(noBrowserMessage(path));
}

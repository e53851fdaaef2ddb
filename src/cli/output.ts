// Where the commands' results go: stdout, a file written atomically, or a report opened in the browser.

import { basename } from 'node:path';
import { StdoutWriter } from '../io/stdout.js';
import { writeFileAtomic } from '../io/write-atomic.js';

/** `gc.log` → `gc`, `gc.log.gz` → `gc`, `-` → `stdin`: the stem of default report names. */
export function logStem(input: string): string {
  if (input === '-') return 'stdin';
  return basename(input).replace(/\.gz$/i, '').replace(/\.[^.]+$/, '') || 'gc';
}

/** Writes a whole file atomically and says where on stderr. */
export async function writeOutput(path: string, content: string): Promise<void> {
  await writeFileAtomic(path, content);
  process.stderr.write(`gclog: wrote ${path}\n`);
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

/** The browser when there is a display, else the URL to paste. */
export async function openHtml(path: string): Promise<void> {
  const { openReport, reportUrl } = await import('../report/html/open-report.js');
  if (!(await openReport(path))) process.stderr.write(`gclog: no browser to open here; open ${reportUrl(path)}\n`);
}

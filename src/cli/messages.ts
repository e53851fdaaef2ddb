// Words the CLI prints on stderr besides errors: warnings about lines that did not parse.

import { oneLine } from '../errors.js';
import { plural } from '../format.js';
import type { ParseStats } from '../parse/log-parser.js';

const SHOWN_LINES = 5;

/** Lines that looked like GC records but did not parse are never dropped silently. */
export function reportUnparsed(name: string, stats: ParseStats): void {
  for (const [label, report] of [
    [['looks like a GC record but did not parse', 'look like GC records but did not parse'], stats.unparsed],
    [['is a GC record cut before its pause (truncated), not counted', 'are GC records cut before their pause (truncated), not counted'], stats.cut],
  ] as const) {
    if (report.count === 0) continue;
    process.stderr.write(`gclog: warning: ${plural(report.count, 'line')} of ${name} ${report.count === 1 ? label[0] : label[1]}:\n`);
    for (const line of report.lines.slice(0, SHOWN_LINES)) {
      process.stderr.write(`  line ${line.line}: ${oneLine(line.text.slice(0, 200))}\n`);
    }
    if (report.count > SHOWN_LINES) process.stderr.write(`  … and ${report.count - SHOWN_LINES} more (see "unparsed" in --json)\n`);
  }
}

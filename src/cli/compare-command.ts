// `gclog compare <before> <after>`: analyzes both logs, compares them, prints the table, JSON or
// HTML, and with --fail-on-regression turns a `regressed` verdict into exit code 1 (for CI).

import { Analyzer } from '../analyze/analyzer.js';
import type { Summary } from '../analyze/summary.js';
import { compareSummaries } from '../compare/compare.js';
import type { Comparison } from '../compare/comparison.js';
import { parseIsolatePick } from '../compare/pairing.js';
import { renderComparisonText } from '../compare/text.js';
import { AppError, EXIT_CODES } from '../errors.js';
import { readLog } from '../parse/reader.js';
import { writeMarkdown } from './budgets.js';
import { reportUnparsed } from './messages.js';
import { emitText, logStem, openHtml, writeOutput } from './output.js';
import { readingInterrupted } from './interrupt.js';
import { progressFor } from './progress.js';
import { capYoungGeneration } from './young-generation.js';

export interface CompareCommandOptions {
  /** One log per run: one run a side, or several reruns of the same code. */
  before: string[];
  after: string[];
  format: 'text' | 'json' | 'html';
  /** Write here instead of stdout (atomically); HTML defaults to defaultComparisonHtmlPath(). */
  out?: string;
  /** Open the HTML report in the browser once written. */
  open: boolean;
  /** One threshold for every metric (--threshold); each metric's own when absent. */
  thresholdPercent?: number;
  /** `B:A` selectors, as typed after --isolate. */
  isolates: string[];
  failOnRegression: boolean;
  /** `--markdown`: a Markdown summary for CI (also to $GITHUB_STEP_SUMMARY when set). */
  markdown?: string;
  color: boolean;
  /** The terminal's width: prose is wrapped to it (undefined: not a terminal). */
  width?: number;
  /** No progress line on stderr. */
  quiet?: boolean;
}

/** `before.log`, `after.log` → `before-vs-after.gclog.html` in the current directory, like analyze's. */
export function defaultComparisonHtmlPath(before: string, after: string): string {
  return `${logStem(before)}-vs-${logStem(after)}.gclog.html`;
}

export async function runCompare(options: CompareCommandOptions): Promise<number> {
  const beforeRuns: Summary[] = [];
  for (const input of options.before) beforeRuns.push(await summarize(input, options.quiet === true));
  const afterRuns: Summary[] = [];
  for (const input of options.after) afterRuns.push(await summarize(input, options.quiet === true));
  const before = beforeRuns[0]!;
  const after = afterRuns[0]!;
  const comparison = compareSummaries(beforeRuns, afterRuns, {
    ...(options.thresholdPercent !== undefined ? { thresholdPercent: options.thresholdPercent } : {}),
    isolates: options.isolates.map(parseIsolatePick),
  });
  if (options.format === 'html') {
    const path = options.out ?? defaultComparisonHtmlPath(options.before[0]!, options.after[0]!);
    const { renderComparisonHtml } = await import('../report/html-compare/page.js');
    await writeOutput(path, renderComparisonHtml(comparison, before, after));
    if (options.open) await openHtml(path);
  } else {
    const text = options.format === 'json' ? `${JSON.stringify(comparison, null, 2)}\n` : renderComparisonText(comparison, {
            color: options.color && options.out === undefined,
            ...(options.out === undefined && options.width !== undefined ? { width: options.width } : {}),
          });
    await emitText(text, options.out);
  }
  if (options.markdown !== undefined || process.env['GITHUB_STEP_SUMMARY']) {
    const { renderComparisonMarkdown } = await import('../compare/markdown.js');
    await writeMarkdown(renderComparisonMarkdown(comparison), options.markdown);
  }
  return exitCodeFor(comparison, options.failOnRegression);
}

/** 1 only for `regressed`: `mixed` has improvements too, and CI should not fail on a judgement call. */
export function exitCodeFor(comparison: Comparison, failOnRegression: boolean): number {
  return failOnRegression && comparison.verdict.verdict === 'regressed' ? EXIT_CODES.Regression : 0;
}

async function summarize(input: string, quiet: boolean): Promise<Summary> {
  const analyzer = new Analyzer();
  const name = input === '-' ? 'stdin' : input;
  const onEvent = analyzer.beginInput(name);
  const progress = progressFor(name, quiet);
  const parsed = await readLog(input, onEvent, {
    beforeChunk: capYoungGeneration,
    ...(progress !== null ? { onProgress: progress.update } : {}),
    signal: readingInterrupted(),
  }).finally(() => progress?.finish());
  analyzer.endInput(parsed);
  reportUnparsed(parsed.name, parsed.stats);
  // Compare judges rates per minute and per second: a GCProfiler result has no times to give them.
  const summary = analyzer.summary();
  if (summary.isolates.some((isolate) => isolate.timeKnown === false)) throw new AppError({ code: 'NoTimes', path: parsed.name, output: 'compare' });
  return summary;
}

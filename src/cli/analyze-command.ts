// `gclog analyze <file...|->`: the summary as a terminal report, JSON, CSV (one row per event) or HTML.

import { Analyzer } from '../analyze/analyzer.js';
import type { Budget } from '../analyze/budgets.js';
import type { Summary } from '../analyze/summary.js';
import { selectIsolates } from '../analyze/select-isolates.js';
import { AppError, EXIT_CODES } from '../errors.js';
import { applyBudgets } from './budgets.js';
import { isGcEvent } from '../events.js';
import { StdoutWriter, stdoutClosed } from '../io/stdout.js';
import { AtomicFileWriter } from '../io/write-atomic.js';
import { readLog } from '../parse/reader.js';
import { csvHeader, csvRow } from '../report/csv.js';
import { renderText } from '../report/text.js';
import { reportUnparsed } from './messages.js';
import { emitText, existsBefore, logStem, openHtml, writeOutput, wroteMessage } from './output.js';
import { readingInterrupted } from './interrupt.js';
import { progressFor } from './progress.js';
import { capYoungGeneration } from './young-generation.js';

export interface AnalyzeCommandOptions {
  inputs: string[];
  format: 'text' | 'json' | 'csv' | 'html';
  /** Write here instead of stdout (atomically); HTML defaults to defaultHtmlPath(inputs). */
  out?: string;
  /** Open the HTML report in the browser once written (prints its path when there is no display). */
  open?: boolean;
  heapLimitMb?: number;
  /** `--runtime`: the runtime the logs came from, when they do not say it themselves (Deno's without a crash). */
  runtime?: 'node' | 'deno';
  /** Only these isolates (`--isolate`: number, label or address) and processes (`--pid`). */
  isolates?: string[];
  pids?: number[];
  color: boolean;
  /** The terminal's width: prose is wrapped to it (undefined: not a terminal, lines stay whole). */
  width?: number;
  /** No progress line on stderr (it is shown only on a terminal, for large inputs). */
  quiet?: boolean;
  /** `--fail-on`: exit code 13 when one fails. */
  budgets?: Budget[];
  /** `--markdown`: a Markdown summary for CI. */
  markdown?: string;
  /** Heap snapshots of the run, oldest first: their heapdiff tells the leak finding. */
  snapshots?: string[];
}

export async function runAnalyze(options: AnalyzeCommandOptions): Promise<number> {
  const analyzer = new Analyzer({ ...(options.heapLimitMb !== undefined ? { heapLimitMb: options.heapLimitMb } : {}), ...(options.runtime !== undefined ? { runtime: options.runtime } : {}) });
  const stdout = new StdoutWriter();
  // CSV rows stream out as events are read; a file target appears only once complete.
  const csvReplaced = options.format === 'csv' && options.out !== undefined && existsBefore(options.out);
  const csvFile = options.format === 'csv' && options.out !== undefined ? new AtomicFileWriter(options.out) : null;
  const emitCsv = (text: string): void => (csvFile !== null ? csvFile.write(text) : stdout.write(text));
  if (options.format === 'csv') emitCsv(csvHeader());
  const interrupted = readingInterrupted();
  try {
    for (const input of options.inputs) {
      if (interrupted.aborted) {
        process.stderr.write(`gclog: not read (interrupted): ${input}\n`);
        continue;
      }
      const name = input === '-' ? 'stdin' : input;
      const onEvent = analyzer.beginInput(name);
      const progress = progressFor(name, options.quiet === true);
      const parsed = await readLog(
        input,
        options.format === 'csv'
          ? (event) => {
              onEvent(event);
              if (isGcEvent(event)) emitCsv(csvRow(name, event));
            }
          : onEvent,
        {
          beforeChunk: async () => {
            capYoungGeneration();
            await csvFile?.drain();
            await stdout.drain();
            if (stdoutClosed()) process.exit(0);
          },
          ...(progress !== null ? { onProgress: progress.update } : {}),
          signal: interrupted,
        },
      ).finally(() => progress?.finish());
      analyzer.endInput(parsed);
      if (options.format !== 'json') reportUnparsed(parsed.name, parsed.stats);
    }
  } catch (error) {
    await csvFile?.abort();
    throw error;
  }
  // Ctrl-C before the first input was opened: there is nothing to report.
  if (interrupted.aborted && analyzer.inputCount === 0) throw new AppError({ code: 'Interrupted', path: options.inputs[0] === '-' ? 'stdin' : options.inputs[0]! });
  let summary = selectIsolates(analyzer.summary(), { isolates: options.isolates ?? [], pids: options.pids ?? [] });
  const selected = (options.isolates?.length ?? 0) + (options.pids?.length ?? 0) > 0;
  if (options.snapshots !== undefined) {
    const { heapdiffFiles } = await import('../heapdiff/heapdiff.js');
    const { linkHeapDiff } = await import('../report/heapdiff/link.js');
    summary = linkHeapDiff(summary, await heapdiffFiles(options.snapshots));
  }
  const exitCode = await budgetExitCode(summary, options);
  if (options.format === 'csv') {
    if (csvFile !== null) {
      await csvFile.commit();
      process.stderr.write(wroteMessage(csvFile.path, csvReplaced));
    }
    await stdout.end();
    return exitCode;
  }
  if (options.format === 'html') {
    // An isolate without times (a v8.GCProfiler result) is drawn by GC number, never on an invented time axis.
    // Loaded only here: the chart compiler is large and the other formats do not need it.
    const { renderHtmlReport } = await import('../report/html/render-html.js');
    const path = options.out ?? defaultHtmlPath(options.inputs);
    await writeOutput(path, renderHtmlReport(summary));
    if (options.open === true) await openHtml(path);
    return exitCode;
  }
  const toTerminal = options.out === undefined;
  const text =
    options.format === 'json'
      ? `${JSON.stringify(summary, null, 2)}\n`
      : renderText(summary, {
          color: options.color && toTerminal,
          ...(toTerminal && options.width !== undefined ? { width: options.width } : {}),
          // Chosen isolates are shown whole; otherwise, of several, the overview and the first in detail.
          detail: selected ? 'all' : 'first',
        });
  await emitText(text, options.out);
  return exitCode;
}

/** Budgets and the CI summary, when asked for (or when GitHub Actions has a step summary to fill). */
async function budgetExitCode(summary: Summary, options: AnalyzeCommandOptions): Promise<number> {
  const budgets = options.budgets ?? [];
  if (budgets.length === 0 && options.markdown === undefined && !process.env['GITHUB_STEP_SUMMARY']) return 0;
  return (await applyBudgets(summary, budgets, options.markdown)) ? EXIT_CODES.BudgetFailed : 0;
}

/** `gc.log` → `gc.gclog.html` in the current directory (`.gz` and one extension dropped). */
export function defaultHtmlPath(inputs: string[]): string {
  return `${logStem(inputs[0] ?? '-')}.gclog.html`;
}

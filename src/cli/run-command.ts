// `gclog run [options] -- <command> [args…]`: runs the command with every Node process under it
// traced, keeps the app's output as it was, then analyses what was caught: the summary on stderr,
// --html/--json files, budgets and a Markdown summary; exits with the app's code unless a budget failed.

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { HeapDiff } from '../heapdiff/diff.js';
import { heapdiffOfRun } from '../heapdiff/heapdiff.js';
import { findLeakSnapshots, type SnapshotSeries } from '../heapdiff/run-snapshots.js';
import { linkHeapDiff } from '../report/heapdiff/link.js';
import { renderHeapDiffText } from '../report/heapdiff/text.js';
import type { Budget } from '../analyze/budgets.js';
import { Analyzer } from '../analyze/analyzer.js';
import { commandOf } from '../analyze/processes.js';
import { SUMMARY_SCHEMA_VERSION, type Summary } from '../analyze/summary.js';
import { AppError, EXIT_CODES, fromWriteError, oneLine } from '../errors.js';
import { readLog } from '../parse/reader.js';
import { renderText } from '../report/text.js';
import { capture, FIND_LEAK_PRELOAD_PATH, LogNotWritable, quoteForNodeOptions, SpawnError, type CaptureResult, type UntracedProcess } from '../run/capture.js';
import { applyBudgets } from './budgets.js';
import { reportUnparsed } from './messages.js';
import { logStem, openHtml, writeOutput } from './output.js';

export interface RunCommandOptions {
  command: string;
  args: string[];
  /** The GC log; default `gclog-<time>.log` in the current directory. */
  log?: string;
  traceFlavour: 'trace-gc' | 'verbose' | 'nvp';
  showGc: boolean;
  html: boolean;
  json: boolean;
  out?: string;
  open: boolean;
  /** --max-old-space-size for every Node process, and the limit the analysis judges against. */
  maxOldSpaceSizeMb?: number;
  budgets: Budget[];
  markdown?: string;
  quiet: boolean;
  /** Heap snapshots at moments the GC chooses, and what grew between them at the end (Node 18+). */
  findLeak?: boolean;
}

export async function runRun(options: RunCommandOptions): Promise<number> {
  const logPath = options.log ?? defaultLogPath(new Date());
  const overwrote = existsSync(logPath);
  // --find-leak: the snapshot taker rides along in every process and writes beside the log.
  const snapshotDir = options.findLeak === true ? resolve(`${logStem(logPath)}.snapshots`) : null;
  if (snapshotDir !== null) await mkdir(snapshotDir, { recursive: true }).catch((error: unknown) => {
    throw fromWriteError(error, snapshotDir, '--log');
  });
  const v8Flags = ['--trace-gc', ...(options.traceFlavour === 'verbose' ? ['--trace-gc-verbose'] : options.traceFlavour === 'nvp' ? ['--trace-gc-nvp'] : [])];
  let result: CaptureResult;
  try {
    result = await capture({
      command: options.command,
      args: options.args,
      logPath,
      v8Flags,
      extraNodeOptions: [
        ...(options.maxOldSpaceSizeMb !== undefined ? [`--max-old-space-size=${options.maxOldSpaceSizeMb}`] : []),
        ...(snapshotDir !== null ? [`--require ${quoteForNodeOptions(FIND_LEAK_PRELOAD_PATH)}`] : []),
      ],
      ...(snapshotDir !== null ? { extraEnv: { GCLOG_FIND_LEAK_DIR: snapshotDir } } : {}),
      showGc: options.showGc,
      liveStatus: process.stderr.isTTY === true && !options.quiet && !process.env['CI'],
    });
  } catch (error) {
    if (error instanceof SpawnError) {
      throw new AppError(error.code === 'EACCES' ? { code: 'CommandNotExecutable', command: error.command } : { code: 'CommandNotFound', command: error.command });
    }
    if (error instanceof LogNotWritable) throw fromWriteError(error.reason, logPath, '--log');
    throw error;
  }
  const commandLine = oneLine(shellWords([options.command, ...options.args]));
  const ending = result.signal !== null ? `ended by ${result.signal}` : `exited with code ${result.exitCode}`;
  const say = (text: string): void => void process.stderr.write(`gclog: ${text}\n`);
  const logLine = `GC log: ${logPath}${overwrote ? ' (an older file of that name was replaced)' : ''}`;
  say(`${commandLine} ${ending}; ${logLine}`);
  for (const untraced of result.untraced) {
    const [binary = 'node', ...rest] = untraced.argv;
    say(`not traced: pid ${untraced.pid} (${commandOf([binary, ...untraced.execArgv, ...rest])}): ${UNTRACED_BECAUSE[untraced.stdout]}`);
  }
  if (result.outputClosed) {
    say("gclog's output was closed by its reader (| head …), and with it the app's stdout, which carries V8's trace: GCs after that are not in the log");
  }
  if (result.gcEvents === 0) {
    if (options.budgets.length > 0 || options.markdown !== undefined || process.env['GITHUB_STEP_SUMMARY']) {
      // Budgets and the CI summary still say what happened: nothing measured.
      await applyBudgets(emptySummary(logPath), options.budgets, options.markdown, `gclog run: ${commandLine}`);
    }
    say(
      result.outputClosed
        ? 'no GC was traced before the output closed: nothing to analyse.'
        : result.tracedProcesses === 0
        ? 'no Node process ran traced under this command, so there is nothing to analyse. gclog traces Node processes started by the command (node, npm, npx, nodemon …).'
        : 'the command ended before its first GC: nothing to analyse. Run it longer, or with more work.',
    );
    return result.exitCode;
  }

  const heapLimitMb = options.maxOldSpaceSizeMb ?? maxOldSpaceSizeOf(process.env['NODE_OPTIONS']);
  let summary = await analyzeLog(logPath, heapLimitMb);
  const heapDiffs = snapshotDir !== null ? await diffSnapshots(snapshotDir, say) : [];
  // The leak finding of each main thread names what grew in its snapshots, instead of asking for them.
  for (const { series, diff } of heapDiffs) {
    if (series.threadId !== 0) continue;
    const index = summary.isolates.findIndex((isolate) => isolate.pid === series.pid && (isolate.role ?? (isolate.isMain ? 'main thread' : '')) === 'main thread');
    if (index !== -1) summary = linkHeapDiff(summary, diff, index);
  }
  const color = process.stderr.isTTY === true && !process.env['NO_COLOR'];
  process.stderr.write(`\n${renderText(summary, { color })}`);
  for (const { series, diff } of heapDiffs) {
    const thread = series.threadId === 0 ? 'main thread' : `worker thread ${series.threadId}`;
    process.stderr.write(`\nWhat grew in pid ${series.pid}'s ${thread}, over ${series.paths.length} heap snapshots (${snapshotDir}):\n${renderHeapDiffText(diff, { color })}`);
  }
  // --out names the one form asked for (the CLI refuses --out with both).
  if (options.json) await writeOutput(options.out !== undefined && !options.html && !options.open ? options.out : `${logStem(logPath)}.json`, `${JSON.stringify(summary, null, 2)}\n`);
  if (options.html || options.open) {
    const { renderHtmlReport } = await import('../report/html/render-html.js');
    const path = options.out ?? `${logStem(logPath)}.gclog.html`;
    await writeOutput(path, renderHtmlReport(summary));
    if (options.open) await openHtml(path);
  }
  const budgetsFailed = await applyBudgets(summary, options.budgets, options.markdown, `gclog run: ${commandLine}`);
  // Said again last, where the eye lands after a long summary.
  say(logLine);
  return budgetsFailed ? EXIT_CODES.BudgetFailed : result.exitCode;
}

/** The heapdiff of each process and thread's snapshots (two or more); fewer are said, not diffed. */
async function diffSnapshots(dir: string, say: (text: string) => void): Promise<Array<{ series: SnapshotSeries; diff: HeapDiff }>> {
  const diffs: Array<{ series: SnapshotSeries; diff: HeapDiff }> = [];
  const all = await findLeakSnapshots(dir);
  if (all.length === 0) say(`--find-leak: no heap snapshot was taken (the floor never grew clearly after the warm-up, the run was short, or Node is older than 18); ${dir} is empty`);
  for (const series of all) {
    const diff = await heapdiffOfRun(series.paths);
    if (diff === null) {
      say(`--find-leak: pid ${series.pid} thread ${series.threadId}: one heap snapshot (${series.paths[0]}), too few to tell what grew`);
      continue;
    }
    diffs.push({ series, diff });
  }
  return diffs;
}

/** Why a Node process was left untraced, by where its stdout went (V8 can print its trace nowhere else). */
const UNTRACED_BECAUSE: Record<UntracedProcess['stdout'], string> = {
  pipe: 'its output is read by another process (its parent), where GC lines would corrupt it',
  file: 'its output goes to a file, where GC lines would mix into it',
  terminal: 'its output goes straight to the terminal, past gclog',
  other: "its output does not go to gclog's pipe",
};

async function analyzeLog(path: string, heapLimitMb: number | undefined): Promise<Summary> {
  const analyzer = new Analyzer(heapLimitMb !== undefined ? { heapLimitMb } : {});
  const onEvent = analyzer.beginInput(path);
  const parsed = await readLog(path, onEvent);
  analyzer.endInput(parsed);
  reportUnparsed(parsed.name, parsed.stats);
  return analyzer.summary();
}

/** A summary with no isolate: what budgets and the Markdown say of a run without a GC. */
function emptySummary(logPath: string): Summary {
  return { schemaVersion: SUMMARY_SCHEMA_VERSION, generator: 'gclog', inputs: [{ name: logPath, bytesRead: 0, interrupted: false, runsNotSplit: 0, lines: 0, gcEvents: 0, skippedLines: 0, verboseLines: 0, era: 'unknown', nodeMajorRange: { min: null, max: null }, formats: [] }], isolates: [], unparsed: { count: 0, lines: [] }, cut: { count: 0, lines: [] } };
}

/** The command as a shell would take it back: `sh -c 'exit 5'`, not `sh -c exit 5`. */
export function shellWords(words: string[]): string {
  return words.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** `gclog-2026-11-29T23-59-01.log`: sorts by time, and is a valid file name everywhere. */
export function defaultLogPath(now: Date): string {
  return `gclog-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.log`;
}

/** The heap limit the user's NODE_OPTIONS sets (`--max-old-space-size=512` or `--max-old-space-size 512`). */
export function maxOldSpaceSizeOf(nodeOptions: string | undefined): number | undefined {
  const match = /--max[-_]old[-_]space[-_]size[= ](\d+)/.exec(nodeOptions ?? '');
  return match === null ? undefined : Number(match[1]);
}

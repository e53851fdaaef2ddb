// The command line: yargs wiring only. Each command calls the library and returns an exit code.

import yargs from 'yargs';
import { AppError, EXIT_CODES } from '../errors.js';
import { runAnalyze } from './analyze-command.js';
import { runCompare } from './compare-command.js';
import { runEvents } from './events-command.js';
import { runFleet } from './fleet-command.js';
import type { TableFormat } from '../export/table.js';
import { BudgetSyntaxError, parseBudgets, type Budget } from '../analyze/budgets.js';
import { runHeapDiff } from './heapdiff-command.js';
import { resolveSnapshotInputs } from './snapshot-inputs.js';

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  // For benchmarks on machines without /usr/bin/time: the peak resident memory, on stderr at exit.
  if (process.env['GCLOG_REPORT_RSS']) process.once('exit', () => process.stderr.write(`gclog: maxRSS ${process.resourceUsage().maxRSS} KiB\n`));
  let exitCode = 0;
  const cli = yargs(argv.map((argument) => (argument === '-' ? STDIN_TOKEN : argument)))
    .scriptName('gclog')
    .usage('$0 <command> [options]\n\nTurn V8 GC traces (node --trace-gc) into answers.')
    .command(
      'analyze <files..>',
      'Summarise GC logs: pauses, overhead, heap floors, leak verdict, findings',
      (command) =>
        command
          .positional('files', { type: 'string', array: true, demandOption: true, describe: 'GC log files, .gz, or - for stdin' })
          .option('json', { type: 'boolean', describe: 'Print the summary as JSON (schema in the README)' })
          .option('csv', { type: 'boolean', describe: 'Print one CSV row per GC event' })
          .option('html', { type: 'boolean', describe: 'Write a self-contained HTML report with charts (to --out; default <log name>.gclog.html in the current directory)' })
          .option('out', { type: 'string', describe: 'Write to this file instead of stdout' })
          .option('open', { type: 'boolean', describe: 'Open the HTML report in the browser (implies --html; prints its path when there is no display)' })
          .option('heap-limit', { type: 'number', describe: 'The heap limit in MB (--max-old-space-size), to judge how close the floor gets' })
          .option('quiet', { type: 'boolean', describe: 'No progress line on stderr (shown only on a terminal, for inputs over 20 MB)' })
          .option('fail-on', { type: 'string', describe: FAIL_ON_DESCRIPTION })
          .option('markdown', { type: 'string', describe: MARKDOWN_DESCRIPTION })
          .option('snapshots', { type: 'string', array: true, describe: 'Heap snapshots of the run (files oldest first, or their folder): the leak finding names what grew in them and what holds it' })
          .conflicts('json', 'csv')
          .conflicts('html', ['json', 'csv'])
          .conflicts('open', ['json', 'csv'])
          .check((args) => {
            const heapLimit = args['heap-limit'];
            if (heapLimit !== undefined && !(Number.isFinite(heapLimit) && heapLimit > 0)) throw new Error('--heap-limit takes a size in MB, e.g. --heap-limit 4096');
            budgetsOf(args['fail-on']);
            checkFilePath('--markdown', args.markdown);
            const out = args.out as unknown;
            if (out !== undefined && (typeof out !== 'string' || out === '' || out === '-' || out === STDIN_TOKEN)) {
              throw new Error('--out takes a file path, e.g. --out summary.json (without --out, gclog writes to stdout)');
            }
            if (args.snapshots !== undefined) {
              const snapshots = resolveSnapshotInputs(args.snapshots as string[]);
              if ('error' in snapshots) throw new UsageError(snapshots.error);
            }
            return true;
          })
          .example('$0 analyze gc.log', 'terminal summary, verdict first')
          .example('$0 analyze gc.log --json | jq .isolates[0].leak', 'the leak verdict and its evidence')
          .example('node --trace-gc app.js | $0 analyze -', 'read a running app from a pipe')
          .example('$0 analyze gc.log --html --open', 'charts in the browser (gc.gclog.html)')
          .example('$0 analyze gc.log --fail-on leak,p99>50ms', 'exit code 13 when a budget fails (CI)'),
      async (args) => {
        exitCode = await runAnalyze({
          inputs: args.files as string[],
          format: args.json ? 'json' : args.csv ? 'csv' : args.html || args.open ? 'html' : 'text',
          ...(args.out !== undefined ? { out: args.out as string } : {}),
          open: args.open === true,
          ...(args['heap-limit'] !== undefined ? { heapLimitMb: args['heap-limit'] as number } : {}),
          color: process.stdout.isTTY === true && !process.env['NO_COLOR'],
          quiet: args.quiet === true,
          ...(args.snapshots !== undefined ? { snapshots: (resolveSnapshotInputs(args.snapshots as string[]) as { paths: string[] }).paths } : {}),
          budgets: budgetsOf(args['fail-on']),
          ...(args.markdown !== undefined ? { markdown: args.markdown as string } : {}),
        });
      },
    )
    .command(
      'run',
      'Run a command with every Node process under it traced; analyse the GCs when it exits',
      (command) =>
        command
          .usage('$0 run [options] -- <command> [args…]')
          .option('log', { type: 'string', describe: 'Write the GC log here (default: gclog-<time>.log in the current directory)' })
          .option('verbose', { type: 'boolean', describe: 'Also trace the heap space by space (--trace-gc-verbose)' })
          .option('nvp', { type: 'boolean', describe: "Trace in V8's name=value form (--trace-gc-nvp)" })
          .option('show-gc', { type: 'boolean', describe: "Leave the GC lines in the app's stdout too" })
          .option('html', { type: 'boolean', describe: 'Also write the HTML report (to --out; default <log name>.gclog.html)' })
          .option('json', { type: 'boolean', describe: 'Also write the summary as JSON (to --out; default <log name>.json)' })
          .option('out', { type: 'string', describe: 'Where --html or --json goes' })
          .option('open', { type: 'boolean', describe: 'Open the HTML report in the browser (implies --html)' })
          .option('max-old-space-size', { type: 'number', describe: 'Heap limit in MB for every Node process (NODE_OPTIONS), also judged against' })
          .option('fail-on', { type: 'string', describe: FAIL_ON_DESCRIPTION })
          .option('markdown', { type: 'string', describe: MARKDOWN_DESCRIPTION })
          .option('quiet', { type: 'boolean', describe: 'No live status line on stderr (it is shown only on a terminal, never in CI)' })
          .conflicts('verbose', 'nvp')
          .check((args) => {
            if (args.out !== undefined && args.json === true && (args.html === true || args.open === true)) {
              throw new UsageError('--out names one file: give --json or --html with it, or leave --out out to write both beside the log');
            }
            if (commandAfterDashes(args).length === 0) throw new UsageError('run takes the command after --, e.g. gclog run -- node server.js');
            const limit = args['max-old-space-size'] as number | undefined;
            if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new UsageError('--max-old-space-size takes a whole number of MB, e.g. --max-old-space-size 512');
            budgetsOf(args['fail-on']);
            checkFilePath('--markdown', args.markdown);
            checkFilePath('--log', args.log);
            checkFilePath('--out', args.out);
            return true;
          })
          .example('$0 run -- node server.js', 'trace the server; its output as usual; the summary when it stops')
          .example('$0 run --html --open -- npm start', 'every Node process of an npm script, then the report in the browser')
          .example('$0 run --fail-on leak,p99>50ms -- node bench.js', "exit code 13 when a budget fails; else the app's own")
          .example('$0 run --max-old-space-size 256 -- node job.js', 'a smaller heap, judged against'),
      async (args) => {
        const { runRun } = await import('./run-command.js');
        const [command, ...commandArgs] = commandAfterDashes(args);
        exitCode = await runRun({
          command: command!,
          args: commandArgs,
          ...(args.log !== undefined ? { log: args.log as string } : {}),
          traceFlavour: args.verbose ? 'verbose' : args.nvp ? 'nvp' : 'trace-gc',
          showGc: args['show-gc'] === true,
          html: args.html === true,
          json: args.json === true,
          ...(args.out !== undefined ? { out: args.out as string } : {}),
          open: args.open === true,
          ...(args['max-old-space-size'] !== undefined ? { maxOldSpaceSizeMb: args['max-old-space-size'] as number } : {}),
          budgets: budgetsOf(args['fail-on']),
          ...(args.markdown !== undefined ? { markdown: args.markdown as string } : {}),
          quiet: args.quiet === true,
        });
      },
    )
    .command(
      'events <files..>',
      'Print one JSON object per GC event (NDJSON); with --format, the typed gclog-events table (ndjson, csv or parquet)',
      (command) =>
        command
          .positional('files', { type: 'string', array: true, demandOption: true, describe: 'GC log files, .gz, or - for stdin' })
          .option('all', { type: 'boolean', default: false, describe: 'Also print fatal out-of-memory events (without --format)' })
          .option('format', { type: 'string', describe: 'ndjson, csv or parquet: the gclog-events table (schema in the README), the file, process and isolate on every row' })
          .option('out', { type: 'string', describe: 'Write to this file (atomically) instead of stdout; needed for parquet' })
          .option('quiet', { type: 'boolean', describe: 'No progress line on stderr (shown only on a terminal, for inputs over 20 MB)' })
          .check((args) => {
            checkOut(args.out);
            checkFormat(args.format, ['ndjson', 'csv', 'parquet']);
            if (args.format === 'parquet' && args.out === undefined) throw new UsageError('--format parquet writes a file: add --out FILE, e.g. --out events.parquet');
            if (args.all === true && args.format !== undefined) throw new UsageError('--all prints the event objects; it does not go with --format');
            return true;
          })
          .example('$0 events gc.log | jq .pauseMs', 'pause of every GC')
          .example('$0 events logs/*.log --format parquet --out events.parquet', 'one typed table for DuckDB, ClickHouse, Spark or BigQuery'),
      async (args) => {
        exitCode = await runEvents({
          inputs: args.files as string[],
          all: args.all as boolean,
          ...(args.format !== undefined ? { format: args.format as TableFormat } : {}),
          ...(args.out !== undefined ? { out: args.out as string } : {}),
          quiet: args.quiet === true,
        });
      },
    )
    .command(
      'fleet <paths..>',
      'Many logs at once (files, folders, rotated gc.log.1 …) on every core: one row per process isolate, worst first',
      (command) =>
        command
          .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'GC log files (.gz read as is) and folders (read recursively)' })
          .option('json', { type: 'boolean', describe: 'Print the rows as JSON' })
          .option('csv', { type: 'boolean', describe: 'Print the rows as CSV' })
          .option('html', { type: 'boolean', describe: 'Write an HTML page (distributions, outliers, verdicts) and each run\'s analyze report beside it' })
          .option('open', { type: 'boolean', describe: 'Open the HTML page in the browser (implies --html)' })
          .option('format', { type: 'string', describe: 'parquet: write the rows as a Parquet file (needs --out; schema gclog-fleet in the README)' })
          .option('out', { type: 'string', describe: 'Write to this file instead of stdout' })
          .option('jobs', { type: 'number', describe: 'Worker threads (default: the number of cores)' })
          .option('heap-limit', { type: 'number', describe: 'The heap limit in MB (--max-old-space-size) of the runs' })
          .option('quiet', { type: 'boolean', describe: 'No progress line on stderr (shown only on a terminal)' })
          .conflicts('json', ['csv', 'html', 'open', 'format'])
          .conflicts('csv', ['html', 'open', 'format'])
          .conflicts('format', ['html', 'open'])
          .check((args) => {
            checkOut(args.out);
            checkFormat(args.format, ['parquet']);
            const jobs = args.jobs as number | undefined;
            if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 256)) throw new UsageError('--jobs takes a whole number of worker threads from 1 to 256, e.g. --jobs 4');
            const heapLimit = args['heap-limit'] as number | undefined;
            if (heapLimit !== undefined && !(Number.isFinite(heapLimit) && heapLimit > 0)) throw new UsageError('--heap-limit takes a size in MB, e.g. --heap-limit 4096');
            if (args.format === 'parquet' && args.out === undefined) throw new UsageError('--format parquet writes a file: add --out FILE, e.g. --out fleet.parquet');
            if ((args.paths as string[]).some((path) => path === '-' || path === STDIN_TOKEN)) throw new UsageError('fleet reads files and folders, not stdin; use gclog analyze - for a pipe');
            return true;
          })
          .example('$0 fleet logs/', 'every log under logs/, worst first')
          .example('$0 fleet /var/log/app/gc.log*', 'gc.log.2.gz, gc.log.1 and gc.log read as one run')
          .example('$0 fleet logs/ --html --out fleet.html', 'distributions, outliers, and each run\'s report'),
      async (args) => {
        exitCode = await runFleet({
          paths: args.paths as string[],
          format: args.json ? 'json' : args.csv ? 'csv' : args.format === 'parquet' ? 'parquet' : args.html || args.open ? 'html' : 'text',
          ...(args.out !== undefined ? { out: args.out as string } : {}),
          open: args.open === true,
          ...(args.jobs !== undefined ? { jobs: args.jobs as number } : {}),
          ...(args['heap-limit'] !== undefined ? { heapLimitMb: args['heap-limit'] as number } : {}),
          debug,
          quiet: args.quiet === true,
        });
      },
    )
    .command(
      'compare <logs..>',
      'Compare GC logs before and after a change (one run each, or several reruns with --vs): a table of differences and a verdict',
      (command) =>
        command
          .positional('logs', {
            type: 'string',
            array: true,
            demandOption: true,
            describe: 'The log before the change and the log after it (.gz, or - for stdin); with --vs, the runs before the change',
          })
          .option('vs', { type: 'string', array: true, describe: 'The runs after the change, when each side has several runs of the same code' })
          .option('json', { type: 'boolean', describe: 'Print the comparison as JSON' })
          .option('html', { type: 'boolean', describe: 'Write an HTML report with both runs overlaid (to --out; default <before>-vs-<after>.gclog.html in the current directory)' })
          .option('out', { type: 'string', describe: 'Write to this file instead of stdout' })
          .option('open', { type: 'boolean', describe: 'Open the HTML report in the browser (implies --html)' })
          .option('threshold', {
            type: 'number',
            describe: 'Differences under this percent (of the smaller value) are noise (default: 10)',
          })
          .option('isolate', { type: 'string', array: true, describe: 'Pair isolates yourself: B:A by number (0:1) or label (main thread:worker 1); repeatable' })
          .option('fail-on-regression', { type: 'boolean', default: false, describe: 'Exit with code 1 when the verdict is regressed (for CI)' })
          .option('markdown', { type: 'string', describe: MARKDOWN_DESCRIPTION })
          .option('quiet', { type: 'boolean', describe: 'No progress line on stderr (shown only on a terminal, for inputs over 20 MB)' })
          .conflicts('json', 'html')
          .conflicts('json', 'open')
          .check((args) => {
            const threshold = args.threshold as number | undefined;
            if (threshold !== undefined && (!Number.isFinite(threshold) || threshold < 0)) throw new UsageError('--threshold takes a percentage ≥ 0, e.g. --threshold 10');
            const sides = compareSides(args.logs as string[], args.vs as string[] | undefined);
            const fromStdin = (value: unknown) => value === '-' || value === STDIN_TOKEN;
            if ([...sides.before, ...sides.after].filter(fromStdin).length > 1) throw new UsageError('Only one of the logs can come from stdin (-)');
            checkFilePath('--markdown', args.markdown);
            return true;
          })
          .example('$0 compare before.log after.log', 'table and verdict')
          .example('$0 compare before.log after.log --fail-on-regression', 'exit code 1 when the change made GC worse (CI)')
          .example('$0 compare before.log after.log --html --out cmp.html', 'both runs overlaid in one HTML file')
          .example('$0 compare before-*.log --vs after-*.log', 'several runs a side: medians, and their spread as noise'),
      async (args) => {
        const sides = compareSides(args.logs as string[], args.vs as string[] | undefined);
        exitCode = await runCompare({
          before: sides.before,
          after: sides.after,
          format: args.json ? 'json' : args.html || args.open ? 'html' : 'text',
          ...(args.out !== undefined ? { out: args.out as string } : {}),
          open: args.open === true,
          ...(args.threshold !== undefined ? { thresholdPercent: args.threshold as number } : {}),
          isolates: (args.isolate as string[] | undefined) ?? [],
          failOnRegression: args['fail-on-regression'] as boolean,
          ...(args.markdown !== undefined ? { markdown: args.markdown as string } : {}),
          color: process.stdout.isTTY === true && !process.env['NO_COLOR'],
          quiet: args.quiet === true,
        });
      },
    )
    .command(
      'heapdiff <snapshots..>',
      'What grew between heap snapshots of one process, per constructor, and what holds it',
      (command) =>
        command
          .positional('snapshots', { type: 'string', array: true, demandOption: true, describe: '.heapsnapshot files (or .gz) of one process, oldest first: two, or three and more to see what grew at every step' })
          .option('json', { type: 'boolean', describe: 'Print the diff as JSON' })
          .option('html', { type: 'boolean', describe: 'Write an HTML report (to --out; default <first>-to-<last>.heapdiff.html in the current directory)' })
          .option('out', { type: 'string', describe: 'Write to this file instead of stdout' })
          .option('open', { type: 'boolean', describe: 'Open the HTML report in the browser (implies --html)' })
          .option('quiet', { type: 'boolean', describe: 'No progress line on stderr (shown only on a terminal, for files over 20 MB)' })
          .conflicts('json', ['html', 'open'])
          .check((args) => {
            if ((args.snapshots as string[]).length < 2) throw new UsageError('heapdiff takes two heap snapshots or more, oldest first');
            if ((args.snapshots as string[]).some((path) => path === '-' || path === STDIN_TOKEN)) throw new UsageError('heapdiff reads snapshot files, not stdin');
            return true;
          })
          .example('$0 heapdiff before.heapsnapshot after.heapsnapshot', 'what grew, per constructor')
          .example('$0 heapdiff s1.heapsnapshot s2.heapsnapshot s3.heapsnapshot --html', 'what grew at every step, as a report'),
      async (args) => {
        exitCode = await runHeapDiff({
          snapshots: args.snapshots as string[],
          format: args.json ? 'json' : args.html || args.open ? 'html' : 'text',
          ...(args.out !== undefined ? { out: args.out as string } : {}),
          open: args.open === true,
          color: process.stdout.isTTY === true && !process.env['NO_COLOR'],
          quiet: args.quiet === true,
        });
      },
    )
    .option('debug', { type: 'boolean', default: false, describe: 'Show stack traces of errors' })
    .middleware(restoreStdinArguments)
    .parserConfiguration({ 'populate--': true })
    .demandCommand(1, 'Name a command: analyze, run, events, compare, fleet or heapdiff.')
    .strict()
    .strictCommands()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .fail((message, error) => {
      // Throwing stops yargs before any command runs. A message means yargs (or a check) refused the
      // arguments; without one, the error came from a command handler.
      if (!message) throw error;
      // recommendCommands says only "Did you mean analyze?": say first what was typed.
      const typed = message.startsWith('Did you mean') ? `Unknown command: ${argv.find((argument) => !argument.startsWith('-'))}. ` : '';
      throw new UsageError(`${typed}${message.replaceAll(STDIN_TOKEN, '-')}`);
    });
  try {
    await cli.parseAsync();
  } catch (error) {
    if (error instanceof UsageError) {
      const sentence = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
      process.stderr.write(`gclog: ${sentence} Run gclog --help for usage.\n`);
      return EXIT_CODES.Usage;
    }
    return reportError(error, debug);
  }
  return exitCode;
}

class UsageError extends Error {}

/** `--format` is one of the formats the command writes. */
function checkFormat(format: unknown, formats: string[]): void {
  if (format !== undefined && !formats.includes(format as string)) {
    throw new UsageError(`--format takes ${formats.length === 1 ? formats[0] : `${formats.slice(0, -1).join(', ')} or ${formats.at(-1)}`} (got ${JSON.stringify(String(format))})`);
  }
}

/** `--out` names a file: not empty, not stdin. */
function checkOut(out: unknown): void {
  if (out !== undefined && (typeof out !== 'string' || out === '' || out === '-' || out === STDIN_TOKEN)) {
    throw new UsageError('--out takes a file path, e.g. --out summary.json (without --out, gclog writes to stdout)');
  }
}

const FAIL_ON_DESCRIPTION =
  'Exit with code 13 when a budget fails: a comma-separated list of leak, suspected, oom, p50|p95|p99|max>Nms (optionally per collector: mark-compact.p99>100ms), worst-second>Nms, overhead>N%, floor>NMB';
const MARKDOWN_DESCRIPTION = 'Write a Markdown summary here for CI (also appended to $GITHUB_STEP_SUMMARY when that is set)';

function budgetsOf(list: unknown): Budget[] {
  if (list === undefined) return [];
  if (typeof list !== 'string') throw new UsageError('--fail-on is given once, as a comma-separated list, e.g. --fail-on leak,p99>50ms');
  try {
    return parseBudgets(list);
  } catch (error) {
    if (error instanceof BudgetSyntaxError) throw new UsageError(error.message.startsWith('--fail-on') ? error.message : `--fail-on: ${error.message}`);
    throw error;
  }
}

function checkFilePath(flag: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value === '' || value === '-' || value === STDIN_TOKEN) throw new UsageError(`${flag} takes a file path, e.g. ${flag} gclog.md`);
}

/** `gclog run [options] -- node app.js --port 3000`: what follows `--`, untouched by gclog's own parsing. */
function commandAfterDashes(args: Record<string, unknown>): string[] {
  const afterDashes = (args['--'] as unknown[] | undefined) ?? [];
  const positional = ((args._ as unknown[] | undefined) ?? []).slice(1);
  return [...positional, ...afterDashes].map((item) => (item === STDIN_TOKEN ? '-' : String(item)));
}

/** `compare B A`, or `compare B1 B2 … --vs A1 A2 …` for several runs a side. */
function compareSides(logs: string[], vs: string[] | undefined): { before: string[]; after: string[] } {
  if (vs !== undefined) {
    if (vs.length === 0) throw new UsageError('--vs takes the logs of the runs after the change, e.g. compare before-*.log --vs after-*.log');
    return { before: logs, after: vs };
  }
  if (logs.length !== 2) {
    throw new UsageError(
      `compare takes two logs, before and after (got ${logs.length}); for several runs a side, put --vs between them: compare before-*.log --vs after-*.log`,
    );
  }
  return { before: [logs[0]!], after: [logs[1]!] };
}

/**
 * yargs takes a lone `-` for the start of a flag and drops it (`events -` gives `file: ''`), so `-`
 * (stdin) travels through the parser as a token no real argument can contain (a NUL) and comes back here.
 */
const STDIN_TOKEN = '\u0000stdin';

function restoreStdinArguments(args: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(args)) {
    if (value === STDIN_TOKEN) args[key] = '-';
    else if (Array.isArray(value)) args[key] = value.map((item: unknown) => (item === STDIN_TOKEN ? '-' : item));
  }
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof AppError) {
    process.stderr.write(`gclog: ${error.message}\n`);
    if (debug) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  process.stderr.write(`gclog: internal error: ${(error as Error)?.message ?? String(error)}. Please report it with the log that caused it.\n`);
  if (debug) process.stderr.write(`${(error as Error)?.stack}\n`);
  return EXIT_CODES.Internal;
}

// The command line: yargs wiring only. Each command calls the library and returns an exit code; its
// module (and yargs itself) is imported only when needed, so that `gclog --version` starts fast.

import type { Argv, Options } from 'yargs';
import { AppError, EXIT_CODES } from '../errors.js';
import { wrapLine } from '../text-layout.js';
import { VERSION } from '../version.js';
import { colorWanted } from './color.js';
import { readingInterrupted } from './interrupt.js';
import { FormatError, resolveFormat, type Format } from './output-format.js';
import { closestName } from './suggest.js';
import { BudgetSyntaxError, parseBudgets, type Budget } from '../analyze/budgets.js';
import type { TableFormat } from '../export/table.js';
import { resolveSnapshotInputs } from './snapshot-inputs.js';

/** Options every command takes. */
const GLOBAL_OPTIONS = {
  debug: { type: 'boolean', describe: 'Show stack traces of errors' },
  color: { type: 'boolean', describe: 'Colour the terminal report (--no-color: never); by default only on a terminal, without NO_COLOR' },
} satisfies Record<string, Options>;

const QUIET: Options = { type: 'boolean', describe: 'No progress line on stderr (shown only on a terminal, for inputs over 20 MB)' };
const OUT: Options = { type: 'string', describe: 'Write to this file instead of stdout; its extension picks the form (.json, .csv, .html) when no flag does' };
const FAIL_ON_DESCRIPTION =
  'Exit with code 13 when a budget fails: a comma-separated list of leak, suspected, oom, p50|p95|p99|max>Nms (optionally per collector: mark-compact.p99>100ms), worst-second>Nms, overhead>N%, floor>NMB';
const MARKDOWN_DESCRIPTION = 'Write a Markdown summary here for CI (also appended to $GITHUB_STEP_SUMMARY when that is set)';
const FAIL_ON: Options = { type: 'string', describe: FAIL_ON_DESCRIPTION };
const MARKDOWN: Options = { type: 'string', describe: MARKDOWN_DESCRIPTION };

/** The options of each command, also the names a mistyped option is matched against. */
const COMMAND_OPTIONS = {
  analyze: {
    json: { type: 'boolean', describe: 'Print the summary as JSON (schema: dist/schema/summary.schema.json)' },
    csv: { type: 'boolean', describe: 'Print one CSV row per GC event (columns in the README)' },
    html: { type: 'boolean', describe: 'Write a self-contained HTML report with charts (to --out; default <log name>.gclog.html in the current directory)' },
    out: OUT,
    open: { type: 'boolean', describe: 'Open the HTML report in the browser (implies --html; prints its URL when no browser starts)' },
    'heap-limit': { type: 'number', describe: 'The heap limit in MB (--max-old-space-size), to judge how close the floor gets' },
    runtime: { type: 'string', describe: 'The runtime the log came from, for advice in its commands (a Deno log says so only when it crashed)' },
    isolate: { type: 'string', array: true, describe: 'Only these isolates: their number in the overview (0 is the first), label (worker 1) or address (0x…); all: each in detail; repeatable' },
    pid: { type: 'number', array: true, describe: 'Only the isolates of this process id; repeatable' },
    'fail-on': FAIL_ON,
    markdown: MARKDOWN,
    snapshots: { type: 'string', array: true, describe: 'Heap snapshots of the run (files oldest first, or their folder): the leak finding names what grew in them and what holds it' },
    quiet: QUIET,
  },
  run: {
    log: { type: 'string', describe: 'Write the GC log here (default: gclog-<time>.log in the current directory)' },
    verbose: { type: 'boolean', describe: 'Also trace the heap space by space (--trace-gc-verbose)' },
    nvp: { type: 'boolean', describe: "Trace in V8's name=value form (--trace-gc-nvp)" },
    'show-gc': { type: 'boolean', describe: "Leave the GC lines in the app's stdout too" },
    html: { type: 'boolean', describe: 'Also write the HTML report (to --out; default <log name>.gclog.html)' },
    json: { type: 'boolean', describe: 'Also write the summary as JSON (to --out; default <log name>.json)' },
    out: { type: 'string', describe: 'Where --html or --json goes' },
    open: { type: 'boolean', describe: 'Open the HTML report in the browser (implies --html)' },
    'max-old-space-size': { type: 'number', describe: 'Heap limit in MB for every Node process (NODE_OPTIONS), also judged against' },
    'find-leak': { type: 'boolean', describe: 'Take heap snapshots when the floor grows (Node 18+; into <log name>.snapshots/) and show what grew between them at the end' },
    'fail-on': FAIL_ON,
    markdown: MARKDOWN,
    quiet: { type: 'boolean', describe: 'No live status line on stderr (it is shown only on a terminal, never in CI)' },
  },
  events: {
    all: { type: 'boolean', default: false, describe: 'Also print fatal out-of-memory events (without --format)' },
    format: { type: 'string', describe: 'ndjson, csv or parquet: the gclog-events table (schema in the README), the file, process and isolate on every row' },
    out: { type: 'string', describe: 'Write the events to this file instead of stdout; needed for parquet' },
    quiet: QUIET,
  },
  fleet: {
    json: { type: 'boolean', describe: 'Print the rows as JSON' },
    csv: { type: 'boolean', describe: 'Print the rows as CSV' },
    html: { type: 'boolean', describe: "Write an HTML page (distributions, outliers, verdicts) and each run's analyze report beside it" },
    open: { type: 'boolean', describe: 'Open the HTML page in the browser (implies --html)' },
    format: { type: 'string', describe: 'parquet: write the rows as a Parquet file (needs --out; schema gclog-fleet in the README)' },
    out: { type: 'string', describe: 'Write to this file instead of stdout' },
    jobs: { type: 'number', describe: 'Worker threads (default: the number of cores)' },
    'heap-limit': { type: 'number', describe: 'The heap limit in MB (--max-old-space-size) of the runs' },
    quiet: { type: 'boolean', describe: 'No progress line on stderr (shown only on a terminal)' },
  },
  heapdiff: {
    json: { type: 'boolean', describe: 'Print the diff as JSON' },
    html: { type: 'boolean', describe: 'Write an HTML report (to --out; default <first>-to-<last>.heapdiff.html in the current directory)' },
    out: { type: 'string', describe: 'Write to this file instead of stdout' },
    open: { type: 'boolean', describe: 'Open the HTML report in the browser (implies --html)' },
    quiet: { type: 'boolean', describe: 'No progress line on stderr (shown only on a terminal, for files over 20 MB)' },
  },
  compare: {
    vs: { type: 'string', array: true, describe: 'The runs after the change, when each side has several runs of the same code' },
    json: { type: 'boolean', describe: 'Print the comparison as JSON (schema: dist/schema/comparison.schema.json)' },
    html: { type: 'boolean', describe: 'Write an HTML report with both runs overlaid (to --out; default <before>-vs-<after>.gclog.html in the current directory)' },
    out: OUT,
    open: { type: 'boolean', describe: 'Open the HTML report in the browser (implies --html)' },
    threshold: { type: 'number', describe: 'Differences under this percent (of the smaller value) are noise (default: 10)' },
    isolate: { type: 'string', array: true, describe: 'Pair isolates yourself: B:A by number (0:1) or label (main thread:worker 1); repeatable' },
    'fail-on-regression': { type: 'boolean', default: false, describe: 'Exit with code 1 when the verdict is regressed (for CI)' },
    markdown: MARKDOWN,
    quiet: QUIET,
  },
} satisfies Record<string, Record<string, Options>>;

type CommandName = keyof typeof COMMAND_OPTIONS;

/** Examples shown by --help: each command on its own line, what it does below it. */
const TOP_EXAMPLES: Array<[string, string]> = [
  ['node --trace-gc app.js > gc.log 2>&1', 'capture a log: stdout and stderr together (an out-of-memory crash is printed on stderr)'],
  ['gclog analyze gc.log', 'the summary: leak verdict first, pauses, heap, findings'],
  ['node --trace-gc app.js 2>&1 | gclog analyze -', 'a running app, from a pipe (Ctrl-C reports what was read)'],
  ['gclog analyze gc.log --out gc.html', 'charts in one HTML file (the form follows the extension)'],
  ['gclog run -- node app.js', 'capture and analyse in one step: every Node process of the command traced'],
  ['gclog compare before.log after.log', 'what changed between two runs, and a verdict'],
  ['gclog events gc.log | jq .pauseMs', 'one JSON object per GC'],
];
const EXAMPLES: Record<CommandName, Array<[string, string]>> = {
  analyze: [
    ['gclog analyze gc.log', 'terminal summary, verdict first'],
    ['gclog analyze gc.log --json | jq .isolates[0].leak', 'the leak verdict and its evidence'],
    ['node --trace-gc app.js 2>&1 | gclog analyze -', 'a running app, from a pipe (Ctrl-C reports what was read)'],
    ['gclog analyze gc.log --open', 'charts in the browser (writes gc.gclog.html)'],
    ['gclog analyze workers.log --isolate 1', 'one isolate of several, by its number in the overview'],
    ['gclog analyze gc.log --fail-on leak,p99>50ms', 'exit code 13 when a budget fails (CI)'],
  ],
  run: [
    ['gclog run -- node server.js', 'trace the server; its output as usual; the summary when it stops'],
    ['gclog run --html --open -- npm start', 'every Node process of an npm script, then the report in the browser'],
    ['gclog run --fail-on leak,p99>50ms -- node bench.js', "exit code 13 when a budget fails; else the app's own"],
    ['gclog run --max-old-space-size 256 -- node job.js', 'a smaller heap, judged against'],
    ['gclog run --find-leak -- node server.js', 'heap snapshots as the floor grows, and what grew between them'],
  ],
  fleet: [
    ['gclog fleet logs/', 'every log under logs/, worst first'],
    ['gclog fleet /var/log/app/gc.log*', 'gc.log.2.gz, gc.log.1 and gc.log read as one run'],
    ['gclog fleet logs/ --html --out fleet.html', "distributions, outliers, and each run's report"],
  ],
  heapdiff: [
    ['gclog heapdiff before.heapsnapshot after.heapsnapshot', 'what grew, per constructor'],
    ['gclog heapdiff s1.heapsnapshot s2.heapsnapshot s3.heapsnapshot --html', 'what grew at every step, as a report'],
  ],
  events: [
    ['gclog events gc.log | jq .pauseMs', 'the pause of every GC'],
    ['gclog events a.log b.log --out all.ndjson', 'the GCs of two logs, one file'],
    ['gclog events logs/*.log --format parquet --out events.parquet', 'one typed table for DuckDB, ClickHouse, Spark or BigQuery'],
  ],
  compare: [
    ['gclog compare before.log after.log', 'table and verdict'],
    ['gclog compare before.log after.log --fail-on-regression', 'exit code 1 when the change made GC worse (CI)'],
    ['gclog compare before.log after.log --out cmp.html', 'both runs overlaid in one HTML file'],
    ['gclog compare before-*.log --vs after-*.log', 'several runs a side: medians, and their spread as noise'],
  ],
};

export async function main(argv: string[]): Promise<number> {
  // The fast path: no yargs, no command module.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  // Ctrl-C must find the handler in place as soon as a command may be reading, before any import.
  // (run forwards signals to its command itself; fleet and heapdiff read no pipe.)
  const reading = commandIn(argv);
  if ((reading === 'analyze' || reading === 'events' || reading === 'compare') && !argv.includes('--help') && !argv.includes('-h')) readingInterrupted();
  const debug = argv.includes('--debug');
  // For benchmarks on machines without /usr/bin/time: the peak resident memory, on stderr at exit.
  if (process.env['GCLOG_REPORT_RSS']) process.once('exit', () => process.stderr.write(`gclog: maxRSS ${process.resourceUsage().maxRSS} KiB\n`));
  let exitCode = 0;
  const width = helpWidth();
  const { default: yargs } = await import('yargs');
  const color = (args: object): boolean => colorWanted({ flag: (args as { color?: boolean }).color, env: process.env, isTty: process.stdout.isTTY === true });
  const terminalWidth = (): number | undefined => (process.stdout.isTTY === true ? process.stdout.columns : undefined);
  const cli = yargs(argv.map((argument) => (argument === '-' ? STDIN_TOKEN : argument)))
    .scriptName('gclog')
    .usage('gclog <command> [options]\n\nTurn V8 GC traces (node --trace-gc) into answers.')
    .command(
      'analyze <files..>',
      'Summarise GC logs: pauses, overhead, heap, leak verdict, findings',
      (command) =>
        withExamples(command, 'analyze', width)
          .positional('files', { type: 'string', array: true, default: undefined, describe: 'GC log files, .gz, or - for stdin' })
          .options(COMMAND_OPTIONS.analyze)
          .conflicts('json', 'csv')
          .conflicts('html', ['json', 'csv'])
          .conflicts('open', ['json', 'csv'])
          .conflicts('csv', ['isolate', 'pid'])
          .check((args) => {
            const heapLimit = args['heap-limit'];
            if (heapLimit !== undefined && !(Number.isFinite(heapLimit) && heapLimit > 0)) throw new UsageError('--heap-limit takes a size in MB, e.g. --heap-limit 4096');
            if (args.runtime !== undefined && args.runtime !== 'node' && args.runtime !== 'deno') throw new UsageError(`--runtime takes node or deno, not ${String(args.runtime)}: e.g. --runtime deno`);
            const pids = args.pid as number[] | undefined;
            if (pids !== undefined && pids.some((pid) => !Number.isInteger(pid) || pid < 0)) throw new UsageError('--pid takes a process id, e.g. --pid 4242');
            checkOut(args.out);
            budgetsOf(args['fail-on']);
            checkFilePath('--markdown', args.markdown);
            if (args.snapshots !== undefined) {
              const snapshots = resolveSnapshotInputs(args.snapshots as string[]);
              if ('error' in snapshots) throw new UsageError(snapshots.error);
            }
            return true;
          }),
      async (args) => {
        const asked: Format | null = args.json ? 'json' : args.csv ? 'csv' : args.html || args.open ? 'html' : null;
        const out = args.out as string | undefined;
        const { runAnalyze } = await import('./analyze-command.js');
        exitCode = await runAnalyze({
          inputs: args.files as string[],
          format: formatFor('analyze', asked, out, ['text', 'json', 'csv', 'html'], 'text') as 'text' | 'json' | 'csv' | 'html',
          ...(out !== undefined ? { out } : {}),
          open: args.open === true,
          ...(args['heap-limit'] !== undefined ? { heapLimitMb: args['heap-limit'] as number } : {}),
          ...(args.runtime !== undefined ? { runtime: args.runtime as 'node' | 'deno' } : {}),
          isolates: (args.isolate as string[] | undefined) ?? [],
          pids: (args.pid as number[] | undefined) ?? [],
          color: color(args),
          ...(terminalWidth() !== undefined ? { width: terminalWidth()! } : {}),
          quiet: args.quiet === true,
          budgets: budgetsOf(args['fail-on']),
          ...(args.markdown !== undefined ? { markdown: args.markdown as string } : {}),
          ...(args.snapshots !== undefined ? { snapshots: (resolveSnapshotInputs(args.snapshots as string[]) as { paths: string[] }).paths } : {}),
        });
      },
    )
    .command(
      'run',
      'Run a command with every Node process under it traced; analyse the GCs when it exits',
      (command) =>
        withExamples(command, 'run', width)
          .usage('gclog run [options] -- <command> [args…]')
          .options(COMMAND_OPTIONS.run)
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
          }),
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
          findLeak: args['find-leak'] === true,
        });
      },
    )
    .command(
      'events <files..>',
      'Print one JSON object per GC event (NDJSON)',
      (command) =>
        withExamples(command, 'events', width)
          .positional('files', { type: 'string', array: true, default: undefined, describe: 'GC log files, .gz, or - for stdin' })
          .options(COMMAND_OPTIONS.events)
          .check((args) => {
            checkOut(args.out);
            checkFormat(args.format, ['ndjson', 'csv', 'parquet']);
            if (args.format === 'parquet' && args.out === undefined) throw new UsageError('--format parquet writes a file: add --out FILE, e.g. --out events.parquet');
            if (args.all === true && args.format !== undefined) throw new UsageError('--all prints the event objects; it does not go with --format');
            return true;
          }),
      async (args) => {
        const out = args.out as string | undefined;
        if (out !== undefined && args.format === undefined) formatFor('events', null, out, ['ndjson'], 'ndjson');
        const { runEvents } = await import('./events-command.js');
        exitCode = await runEvents({
          inputs: args.files as string[],
          all: args.all as boolean,
          ...(args.format !== undefined ? { format: args.format as TableFormat } : {}),
          ...(out !== undefined ? { out } : {}),
          quiet: args.quiet === true,
        });
      },
    )
    .command(
      'fleet <paths..>',
      'Many logs at once (files, folders, rotated gc.log.1 …) on every core: one row per process isolate, worst first',
      (command) =>
        withExamples(command, 'fleet', width)
          .positional('paths', { type: 'string', array: true, default: undefined, describe: 'GC log files (.gz read as is) and folders (read recursively)' })
          .options(COMMAND_OPTIONS.fleet)
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
          }),
      async (args) => {
        const { runFleet } = await import('./fleet-command.js');
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
        withExamples(command, 'compare', width)
          .positional('logs', {
            type: 'string',
            array: true,
            default: undefined,
            describe: 'The log before the change and the log after it (.gz, or - for stdin); with --vs, the runs before the change',
          })
          .options(COMMAND_OPTIONS.compare)
          .conflicts('json', 'html')
          .conflicts('json', 'open')
          .check((args) => {
            const threshold = args.threshold as number | undefined;
            if (threshold !== undefined && (!Number.isFinite(threshold) || threshold < 0)) throw new UsageError('--threshold takes a percentage ≥ 0, e.g. --threshold 10');
            const sides = compareSides(args.logs as string[], args.vs as string[] | undefined);
            const fromStdin = (value: unknown) => value === '-' || value === STDIN_TOKEN;
            if ([...sides.before, ...sides.after].filter(fromStdin).length > 1) throw new UsageError('Only one of the logs can come from stdin (-)');
            checkOut(args.out);
            checkFilePath('--markdown', args.markdown);
            return true;
          }),
      async (args) => {
        const sides = compareSides(args.logs as string[], args.vs as string[] | undefined);
        const asked: Format | null = args.json ? 'json' : args.html || args.open ? 'html' : null;
        const out = args.out as string | undefined;
        const { runCompare } = await import('./compare-command.js');
        exitCode = await runCompare({
          before: sides.before,
          after: sides.after,
          format: formatFor('compare', asked, out, ['text', 'json', 'html'], 'text') as 'text' | 'json' | 'html',
          ...(out !== undefined ? { out } : {}),
          open: args.open === true,
          ...(args.threshold !== undefined ? { thresholdPercent: args.threshold as number } : {}),
          isolates: (args.isolate as string[] | undefined) ?? [],
          failOnRegression: args['fail-on-regression'] as boolean,
          ...(args.markdown !== undefined ? { markdown: args.markdown as string } : {}),
          color: color(args),
          ...(terminalWidth() !== undefined ? { width: terminalWidth()! } : {}),
          quiet: args.quiet === true,
        });
      },
    )
    .command(
      'heapdiff <snapshots..>',
      'What grew between heap snapshots of one process, per constructor, and what holds it',
      (command) =>
        withExamples(command, 'heapdiff', width)
          .positional('snapshots', { type: 'string', array: true, default: undefined, describe: '.heapsnapshot files (or .gz) of one process, oldest first: two, or three and more to see what grew at every step' })
          .options(COMMAND_OPTIONS.heapdiff)
          .conflicts('json', ['html', 'open'])
          .check((args) => {
            if ((args.snapshots as string[]).length < 2) throw new UsageError('heapdiff takes two heap snapshots or more, oldest first');
            if ((args.snapshots as string[]).some((path) => path === '-' || path === STDIN_TOKEN)) throw new UsageError('heapdiff reads snapshot files, not stdin');
            checkOut(args.out);
            return true;
          }),
      async (args) => {
        const { runHeapDiff } = await import('./heapdiff-command.js');
        exitCode = await runHeapDiff({
          snapshots: args.snapshots as string[],
          format: args.json ? 'json' : args.html || args.open ? 'html' : 'text',
          ...(args.out !== undefined ? { out: args.out as string } : {}),
          open: args.open === true,
          color: color(args),
          quiet: args.quiet === true,
        });
      },
    )
    .options(GLOBAL_OPTIONS)
    .middleware(restoreStdinArguments)
    .parserConfiguration({ 'populate--': true })
    .demandCommand(1, 'Name a command: analyze, run, events, compare, fleet or heapdiff')
    .epilogue(examplesText(TOP_EXAMPLES, width))
    .strict()
    .strictCommands()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(VERSION)
    .alias('v', 'version')
    .wrap(width)
    .fail((message, error) => {
      // Throwing stops yargs before any command runs. A message means yargs (or a check) refused the
      // arguments; without one, the error came from a command handler.
      if (!message) throw error instanceof FormatError ? new UsageError(error.message) : error;
      if (error instanceof UsageError) throw error;
      throw new UsageError(usageMessage(message.replaceAll(STDIN_TOKEN, '-'), argv));
    });
  skipHelpCache(cli);
  try {
    await cli.parseAsync();
  } catch (error) {
    if (error instanceof UsageError || error instanceof FormatError) {
      const sentence = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
      const command = commandIn(argv);
      process.stderr.write(`gclog: ${sentence} Run gclog ${command !== null ? `${command} ` : ''}--help for usage.\n`);
      return EXIT_CODES.Usage;
    }
    return reportError(error, debug);
  }
  return exitCode;
}

class UsageError extends Error {}

/**
 * yargs renders the whole help text after starting any command's handler, to have it at hand should
 * the handler fail (~100 ms: cliui and string-width measure every line). gclog never prints help on a
 * failure (it prints one line), so the rendering is skipped; help asked for with --help is unaffected.
 */
function skipHelpCache(cli: unknown): void {
  const usage = (cli as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: unknown } } }).getInternalMethods?.().getUsageInstance?.();
  if (usage !== undefined && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/** Help is laid out for the terminal it is shown on, and for 80 columns elsewhere. */
function helpWidth(): number {
  const columns = process.stdout.isTTY === true ? process.stdout.columns : undefined;
  return Math.min(100, columns ?? 80);
}

/** The command typed (the first argument that is not an option), if it is one gclog has. */
function commandIn(argv: string[]): CommandName | null {
  const first = argv.find((argument) => !argument.startsWith('-'));
  return first !== undefined && first in COMMAND_OPTIONS ? (first as CommandName) : null;
}

/** yargs' messages, said in gclog's words: what was wrong and what to do. */
function usageMessage(message: string, argv: string[]): string {
  const command = commandIn(argv);
  if (command === 'run' && (message.startsWith('Unknown argument') || message.startsWith('Unknown command') || message.startsWith('Did you mean'))) {
    return 'run takes the command after --, e.g. gclog run -- node server.js (options for gclog go before the --)';
  }
  if (message.startsWith('Not enough non-option arguments')) {
    if (command === 'compare') return 'compare needs two logs, before and after: gclog compare before.log after.log';
    if (command === 'heapdiff') return 'heapdiff takes two heap snapshots or more, oldest first';
    if (command === 'fleet') return 'fleet needs log files or folders, e.g. gclog fleet logs/';
    if (command !== null) return `${command} needs a GC log file (or - for stdin), e.g. gclog ${command} gc.log`;
  }
  // recommendCommands says only "Did you mean analyze?": say first what was typed.
  if (message.startsWith('Did you mean')) return `Unknown command: ${argv.find((argument) => !argument.startsWith('-'))}. ${message}`;
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (unknown !== null) return unknownArguments(unknown[1]!.split(', '), argv, command);
  return message;
}

/** `--jsn` → "Unknown option --jsn (did you mean --json?)"; yargs' camelCase twins are left out. */
function unknownArguments(names: string[], argv: string[], command: CommandName | null): string {
  const known = [...Object.keys(GLOBAL_OPTIONS), 'help', 'version', ...(command !== null ? Object.keys(COMMAND_OPTIONS[command]) : [])];
  const typed = names.filter((name) => !(/[A-Z]/.test(name) && names.includes(name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`))));
  const sentences = typed.map((name) => {
    const asOption = argv.some((argument) => argument === `--${name}` || argument.startsWith(`--${name}=`) || argument === `-${name}`);
    if (!asOption) return `Unexpected argument ${name}${command !== null ? ` (${command} takes ${command === 'compare' ? 'two logs, or --vs' : 'log files and options'})` : ''}`;
    const closest = closestName(name, known);
    return `Unknown option --${name}${closest !== null ? ` (did you mean --${closest}?)` : ''}`;
  });
  return sentences.join('; ');
}

function checkOut(out: unknown): void {
  if (out !== undefined && (typeof out !== 'string' || out === '' || out === '-' || out === STDIN_TOKEN)) {
    throw new UsageError('--out takes a file path, e.g. --out summary.json (without --out, gclog writes to stdout)');
  }
}

/** `--format` is one of the formats the command writes. */
function checkFormat(format: unknown, formats: string[]): void {
  if (format !== undefined && !formats.includes(format as string)) {
    throw new UsageError(`--format takes ${formats.length === 1 ? formats[0] : `${formats.slice(0, -1).join(', ')} or ${formats.at(-1)}`} (got ${JSON.stringify(String(format))})`);
  }
}

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

function formatFor(command: string, asked: Format | null, out: string | undefined, forms: readonly Format[], fallback: Format): Format {
  try {
    return resolveFormat(command, asked, out, forms, fallback);
  } catch (error) {
    if (error instanceof FormatError) throw new UsageError(error.message);
    throw error;
  }
}

function withExamples<T>(command: Argv<T>, name: CommandName, width: number): Argv<T> {
  return command.epilogue(examplesText(EXAMPLES[name], width));
}

/** `Examples:`, each command whole on its line (never cut mid-command), its meaning indented below. */
export function examplesText(examples: Array<[string, string]>, width: number): string {
  const lines = ['Examples:'];
  for (const [example, meaning] of examples) lines.push(`  ${example}`, ...wrapLine(`      ${meaning}`, width));
  return lines.join('\n');
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

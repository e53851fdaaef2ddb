// The command line: yargs wiring only. Each command calls the library and returns an exit code.

import yargs from 'yargs';
import { AppError, EXIT_CODES } from '../errors.js';
import { runAnalyze } from './analyze-command.js';
import { runEvents } from './events-command.js';

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  let exitCode = 0;
  const cli = yargs(argv)
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
          .option('out', { type: 'string', describe: 'Write to this file instead of stdout' })
          .option('heap-limit', { type: 'number', describe: 'The heap limit in MB (--max-old-space-size), to judge how close the floor gets' })
          .conflicts('json', 'csv')
          .example('$0 analyze gc.log', 'terminal summary, verdict first')
          .example('$0 analyze gc.log --json | jq .isolates[0].leak', 'the leak verdict and its evidence')
          .example('node --trace-gc app.js | $0 analyze -', 'read a running app from a pipe'),
      async (args) => {
        exitCode = await runAnalyze({
          inputs: args.files as string[],
          format: args.json ? 'json' : args.csv ? 'csv' : 'text',
          ...(args.out !== undefined ? { out: args.out as string } : {}),
          ...(args['heap-limit'] !== undefined ? { heapLimitMb: args['heap-limit'] as number } : {}),
          color: process.stdout.isTTY === true && !process.env['NO_COLOR'],
        });
      },
    )
    .command(
      'events <file>',
      'Print one JSON object per GC event (NDJSON)',
      (command) =>
        command
          .positional('file', { type: 'string', demandOption: true, describe: 'GC log file, .gz, or - for stdin' })
          .option('all', { type: 'boolean', default: false, describe: 'Also print fatal out-of-memory events' })
          .example('$0 events gc.log | jq .pauseMs', 'pause of every GC'),
      async (args) => {
        exitCode = await runEvents({ input: args.file as string, all: args.all as boolean });
      },
    )
    .option('debug', { type: 'boolean', default: false, describe: 'Show stack traces of errors' })
    .demandCommand(1, 'Name a command: analyze, events or compare.')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .fail((message, error) => {
      // Throwing stops yargs before any command runs.
      throw error ?? new UsageError(message);
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

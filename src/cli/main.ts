// The command line: yargs wiring only. Each command calls the library and returns an exit code.

import yargs from 'yargs';
import { AppError, EXIT_CODES } from '../errors.js';
import { runEvents } from './events-command.js';

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  let exitCode = 0;
  let usageError: string | null = null;
  const cli = yargs(argv)
    .scriptName('gclog')
    .usage('$0 <command> [options]\n\nTurn V8 GC traces (node --trace-gc) into answers.')
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
      if (error) throw error;
      usageError = message;
    });
  try {
    await cli.parseAsync();
  } catch (error) {
    return reportError(error, debug);
  }
  if (usageError !== null) {
    process.stderr.write(`gclog: ${usageError} Run gclog --help for usage.\n`);
    return EXIT_CODES.Usage;
  }
  return exitCode;
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

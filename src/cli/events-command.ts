// `gclog events <file|-> …`: one JSON object per GC event (NDJSON), the stable export for jq and
// DuckDB; several logs in the order given, to stdout or to one file written atomically.

import { AppError } from '../errors.js';
import { isGcEvent, type TraceEvent } from '../events.js';
import { StdoutWriter, stdoutClosed } from '../io/stdout.js';
import { AtomicFileWriter } from '../io/write-atomic.js';
import { readLog } from '../parse/reader.js';
import { readingInterrupted } from './interrupt.js';
import { reportUnparsed } from './messages.js';
import { existsBefore, wroteMessage } from './output.js';
import { progressFor } from './progress.js';
import { capYoungGeneration } from './young-generation.js';

export interface EventsOptions {
  inputs: string[];
  /** Also print the fatal out-of-memory events. */
  all: boolean;
  /** Write to this file (atomically) instead of stdout. */
  out?: string;
  /** No progress line on stderr. */
  quiet?: boolean;
}

export async function runEvents(options: EventsOptions): Promise<number> {
  const stdout = new StdoutWriter();
  const replaced = options.out !== undefined && existsBefore(options.out);
  const file = options.out !== undefined ? new AtomicFileWriter(options.out) : null;
  const emit = (text: string): void => (file !== null ? file.write(text) : stdout.write(text));
  // With several logs, each event names its own (`line` is a line of that log).
  const several = options.inputs.length > 1;
  let inputName = '';
  const write = (event: TraceEvent): void => {
    if (options.all || isGcEvent(event)) emit(`${JSON.stringify(several ? { input: inputName, ...event } : event)}\n`);
  };
  const interrupted = readingInterrupted();
  let read = 0;
  try {
    for (const input of options.inputs) {
      if (interrupted.aborted) {
        process.stderr.write(`gclog: not read (interrupted): ${input}\n`);
        continue;
      }
      inputName = input === '-' ? 'stdin' : input;
      const progress = progressFor(inputName, options.quiet === true);
      const parsed = await readLog(input, write, {
        beforeChunk: async () => {
          capYoungGeneration();
          await file?.drain();
          await stdout.drain();
          // The reader of our output has gone (`| head`): stop quietly, as Unix tools do.
          if (file === null && stdoutClosed()) process.exit(0);
        },
        ...(progress !== null ? { onProgress: progress.update } : {}),
        signal: interrupted,
      }).finally(() => progress?.finish());
      reportUnparsed(parsed.name, parsed.stats);
      read++;
    }
  } catch (error) {
    await file?.abort();
    throw error;
  }
  if (interrupted.aborted && read === 0) {
    await file?.abort();
    throw new AppError({ code: 'Interrupted', path: options.inputs[0] === '-' ? 'stdin' : options.inputs[0]! });
  }
  if (file !== null) {
    await file.commit();
    process.stderr.write(wroteMessage(file.path, replaced));
  }
  await stdout.end();
  return 0;
}

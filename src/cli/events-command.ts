// `gclog events <file|->`: one JSON object per GC event (NDJSON), the stable export for jq and DuckDB.

import { isGcEvent, type TraceEvent } from '../events.js';
import { StdoutWriter, stdoutClosed } from '../io/stdout.js';
import { readLog } from '../parse/reader.js';
import { reportUnparsed } from './messages.js';
import { readingInterrupted } from './interrupt.js';
import { progressFor } from './progress.js';
import { capYoungGeneration } from './young-generation.js';

export interface EventsOptions {
  input: string;
  /** Also print the fatal out-of-memory events. */
  all: boolean;
  /** No progress line on stderr. */
  quiet?: boolean;
}

export async function runEvents(options: EventsOptions): Promise<number> {
  const out = new StdoutWriter();
  const write = (event: TraceEvent): void => {
    if (options.all || isGcEvent(event)) out.write(`${JSON.stringify(event)}\n`);
  };
  const progress = progressFor(options.input === '-' ? 'stdin' : options.input, options.quiet === true);
  const parsed = await readLog(options.input, write, {
    beforeChunk: async () => {
      capYoungGeneration();
      await out.drain();
      // The reader of our output has gone (`| head`): stop quietly, as Unix tools do.
      if (stdoutClosed()) process.exit(0);
    },
    ...(progress !== null ? { onProgress: progress.update } : {}),
    signal: readingInterrupted(),
  }).finally(() => progress?.finish());
  await out.end();
  reportUnparsed(parsed.name, parsed.stats);
  return 0;
}

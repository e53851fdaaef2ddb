// `gclog events <file|->`: one JSON object per GC event (NDJSON), the stable export for jq and DuckDB.

import { isGcEvent, type TraceEvent } from '../events.js';
import { StdoutWriter, stdoutClosed } from '../io/stdout.js';
import { readLog } from '../parse/reader.js';
import { reportUnparsed } from './messages.js';

export interface EventsOptions {
  input: string;
  /** Also print the fatal out-of-memory events. */
  all: boolean;
}

export async function runEvents(options: EventsOptions): Promise<number> {
  const out = new StdoutWriter();
  const write = (event: TraceEvent): void => {
    if (options.all || isGcEvent(event)) out.write(`${JSON.stringify(event)}\n`);
  };
  const parsed = await readLog(options.input, write, {
    beforeChunk: async () => {
      await out.drain();
      // The reader of our output has gone (`| head`): stop quietly, as Unix tools do.
      if (stdoutClosed()) process.exit(0);
    },
  });
  await out.end();
  reportUnparsed(parsed.name, parsed.stats);
  return 0;
}

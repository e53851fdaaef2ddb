// `gclog events <file…|->`: one JSON object per GC event (NDJSON), the stable export for jq; with
// --format, the typed `gclog-events` table (NDJSON, CSV or Parquet) for DuckDB and other engines.

import { EVENT_TABLE, type EventRow } from '../export/event-table.js';
import { csvHeaderOf, csvRowOf, ndjsonRow, type TableFormat } from '../export/table.js';
import { processIdentity } from '../analyze/processes.js';
import { isGcEvent, type TraceEvent } from '../events.js';
import { StdoutWriter, stdoutClosed } from '../io/stdout.js';
import { AtomicFileWriter } from '../io/write-atomic.js';
import { readLog } from '../parse/reader.js';
import { reportUnparsed } from './messages.js';
import { progressFor } from './progress.js';
import { capYoungGeneration } from './young-generation.js';

export interface EventsOptions {
  inputs: string[];
  /** Also print the fatal out-of-memory events (the event objects only). */
  all: boolean;
  /** The `gclog-events` table in this encoding; absent: the event objects as parsed. */
  format?: TableFormat;
  /** Write here (atomically) instead of stdout; required for parquet. */
  out?: string;
  /** No progress line on stderr. */
  quiet?: boolean;
}

interface Sink {
  write(text: string): void;
  drain(): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export async function runEvents(options: EventsOptions): Promise<number> {
  const sink = await openSink(options);
  let writeEvent: (file: string) => (event: TraceEvent) => void;
  if (options.format === undefined) {
    writeEvent = () => (event) => {
      if (options.all || isGcEvent(event)) sink.write(`${JSON.stringify(event)}\n`);
    };
  } else {
    const table = options.format === 'parquet' ? (sink as ParquetSink).table : null;
    const text = options.format === 'csv' ? (value: EventRow) => csvRowOf(EVENT_TABLE, value) : (value: EventRow) => ndjsonRow(EVENT_TABLE, value);
    if (options.format === 'csv') sink.write(csvHeaderOf(EVENT_TABLE));
    writeEvent = (file) => {
      let seq = 0;
      // gclog run names each process (its main thread's line) before any of its GCs.
      const commands = new Map<number, string>();
      return (event) => {
        if (event.type === 'ProcessStart') {
          if (event.threadId === 0) commands.set(event.pid, processIdentity(event).command);
          return;
        }
        if (!isGcEvent(event)) return;
        const row: EventRow = { file, seq: seq++, event, command: event.pid === null ? null : (commands.get(event.pid) ?? null) };
        if (table !== null) table.add(row);
        else sink.write(text(row));
      };
    };
  }
  try {
    for (const input of options.inputs) {
      const name = input === '-' ? 'stdin' : input;
      const progress = progressFor(name, options.quiet === true);
      const parsed = await readLog(input, writeEvent(name), {
        beforeChunk: async () => {
          capYoungGeneration();
          await sink.drain();
          // The reader of our output has gone (`| head`): stop quietly, as Unix tools do.
          if (stdoutClosed()) process.exit(0);
        },
        ...(progress !== null ? { onProgress: progress.update } : {}),
      }).finally(() => progress?.finish());
      reportUnparsed(parsed.name, parsed.stats);
    }
  } catch (error) {
    await sink.abort();
    throw error;
  }
  await sink.commit();
  if (options.out !== undefined) process.stderr.write(`gclog: wrote ${options.out}\n`);
  return 0;
}

type ParquetSink = Sink & { table: import('../export/parquet.js').ParquetTableWriter<EventRow> };

async function openSink(options: EventsOptions): Promise<Sink> {
  if (options.format === 'parquet') {
    // Loaded only for Parquet: the WebAssembly writer takes a moment to compile.
    const { ParquetTableWriter } = await import('../export/parquet.js');
    const table = new ParquetTableWriter(options.out!, EVENT_TABLE);
    const sink: ParquetSink = { table, write: () => undefined, drain: () => table.drain(), commit: () => table.commit(), abort: () => table.abort() };
    return sink;
  }
  if (options.out !== undefined) {
    const file = new AtomicFileWriter(options.out);
    return { write: (text) => file.write(text), drain: () => file.drain(), commit: () => file.commit(), abort: () => file.abort() };
  }
  const stdout = new StdoutWriter();
  return { write: (text) => stdout.write(text), drain: () => stdout.drain(), commit: () => stdout.end(), abort: async () => undefined };
}

// Streams a log (a file, `-` for stdin, or gzip) through split2 into the line parser, in bounded memory.

import { createReadStream } from 'node:fs';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';
import split2 from 'split2';
import { AppError, fromReadError } from '../errors.js';
import { inputFileSize } from '../io/file-size.js';
import type { TraceEvent } from '../events.js';
import { DETECT_LENGTH, detectFormat, type InputFormat } from './format-detect.js';
import { GcProfilerReader, type GcProfileInfo } from './gc-profiler.js';
import { JsonItemSplitter } from './json-items.js';
import { emptyParseStats, GcLogParser, KEPT_LINE_EXAMPLES, type ParseStats } from './log-parser.js';
import { TraceEventReader } from './trace-events.js';

/** Longer lines are skipped (and counted) so that one endless line cannot exhaust memory. */
export const MAX_LINE_LENGTH = 1024 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b];

export interface ReadOptions {
  /** Called with the bytes read so far (compressed bytes for .gz) and the input's size (null for stdin), for progress display. */
  onProgress?: (bytesRead: number, totalBytes: number | null) => void;
  /** Awaited before each chunk is parsed: lets a slow consumer (a pipe) hold the reading back. */
  beforeChunk?: () => Promise<void> | void;
  /** Ends reading early (Ctrl-C): what was read so far is parsed and returned, marked `interrupted`. */
  signal?: AbortSignal;
}

export interface ParsedInput {
  name: string;
  /** For JSON inputs, `lines` counts the document's entries (trace events, GCProfiler statistics). */
  stats: ParseStats;
  bytesRead: number;
  /** Reading was stopped by `signal` before the input ended. */
  interrupted: boolean;
  /** What the content is (detected from its first characters). */
  format: InputFormat;
  /** A v8.GCProfiler result's own members: its time span, heap limit and the steps between GCs. */
  profile?: GcProfileInfo;
  /** The versions a trace-event file names (Node's metadata event). */
  runtime?: { node: string; v8: string };
}

/** Opens a path (or `-`), checks it is a readable non-empty file, and returns its byte stream and size. */
async function openInput(path: string): Promise<{ stream: Readable; size: number | null }> {
  if (path === '-') return { stream: process.stdin, size: null };
  const size = await inputFileSize(path);
  const stream = createReadStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error) => reject(fromReadError(error, path)));
  });
  return { stream, size };
}

/**
 * Reads a whole log, calling `onEvent` for each event as it is parsed. Throws AppError for input
 * that is not a GC log at all (empty, binary, corrupt gzip, no GC record).
 */
export async function readLog(path: string, onEvent: (event: TraceEvent) => void, options: ReadOptions = {}): Promise<ParsedInput> {
  const name = path === '-' ? 'stdin' : path;
  const { stream, size } = await openInput(path);
  const parser = new GcLogParser(onEvent);
  let bytesRead = 0;

  // UTF-8 unless a byte-order mark says UTF-16 (PowerShell's `>` writes UTF-16LE).
  let encoding: TextEncoding = 'utf-8';
  const splitter = lineSplitter(
    (line) => parser.push(line),
    () => parser.skipOverlongLine(),
  );
  const transcode = utf16ToUtf8(() => encoding);

  // Text goes on to the line splitter; a JSON document (trace events, a GCProfiler result) is cut
  // into its entries here instead, however long its one line is.
  let format: InputFormat | null = null;
  let json: JsonInput | null = null;
  const formatGate = async function* (chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of chunks) {
      if (format === null) {
        format = detectFormat(chunk.toString('utf8', 0, Math.min(chunk.length, DETECT_LENGTH)));
        if (format !== 'text') json = new JsonInput(format, onEvent);
      }
      if (json === null) yield chunk;
      else json.write(decoder.decode(chunk, { stream: true }));
    }
    if (json !== null) json.write(decoder.decode());
  };
  const decode = (chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> => formatGate(transcode(chunks));

  // Gzip is recognised by its magic bytes, whatever the file is called.
  const signal = options.signal;
  const stopOnAbort = (): void => {
    // Nothing more is wanted from the input: let go of the file or the pipe.
    (stream as Readable).destroy();
  };
  signal?.addEventListener('abort', stopOnAbort, { once: true });
  const source = await peekFirstChunk(stream, signal);
  const first = source.first;
  if (first === null) {
    signal?.removeEventListener('abort', stopOnAbort);
    throw new AppError(signal?.aborted === true ? { code: 'Interrupted', path: name } : { code: 'EmptyInput', path: name });
  }
  const isGzip = first[0] === GZIP_MAGIC[0] && first[1] === GZIP_MAGIC[1];

  let checkedBinary = false;
  const textGuard = async function* (chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      if (!checkedBinary) {
        checkedBinary = true;
        encoding = encodingOf(chunk);
        if (encoding === 'utf-8' && looksBinary(chunk)) throw new AppError({ code: 'BinaryInput', path: name });
      }
      yield chunk;
    }
  };
  const counter = async function* (chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      bytesRead += chunk.length;
      options.onProgress?.(bytesRead, size);
      await options.beforeChunk?.();
      yield chunk;
    }
  };

  try {
    if (isGzip) {
      await pipeline(source.stream, counter, createGunzip(), textGuard, decode, splitter);
    } else {
      await pipeline(source.stream, counter, textGuard, decode, splitter);
    }
  } catch (error) {
    // Cut short on purpose: a gzip stream ends mid-block, the file handle closes; what was read stands.
    if (signal?.aborted === true && !(error instanceof AppError)) return finish();
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (isGzip && code.startsWith('Z_')) {
      throw new AppError({ code: 'CorruptGzip', path: name, detail: (error as Error).message });
    }
    if (isGzip && (error as Error).message.includes('unexpected end of file')) {
      throw new AppError({ code: 'CorruptGzip', path: name, detail: 'unexpected end of file' });
    }
    throw fromReadError(error, name);
  } finally {
    signal?.removeEventListener('abort', stopOnAbort);
  }
  return finish();

  function finish(): ParsedInput {
    const interrupted = signal?.aborted === true;
    const jsonInput = json as JsonInput | null;
    if (jsonInput !== null) {
      const { stats, profile, runtime } = jsonInput.end();
      if (stats.gcEvents === 0 && stats.unparsed.count === 0) {
        if (interrupted) throw new AppError({ code: 'Interrupted', path: name });
        throw new AppError({ code: 'NoGcRecords', path: name, lines: stats.lines, format: jsonInput.format });
      }
      const parsed: ParsedInput = { name, stats, bytesRead, format: jsonInput.format, interrupted };
      if (profile !== undefined) parsed.profile = profile;
      if (runtime !== undefined) parsed.runtime = runtime;
      return parsed;
    }
    const stats = parser.end();
    if (stats.gcEvents === 0 && stats.outOfMemoryEvents === 0 && stats.unparsed.count === 0) {
      if (interrupted) throw new AppError({ code: 'Interrupted', path: name });
      // A gzip file of nothing: the compressed bytes were there, the text is not.
      if (stats.lines === 0) throw new AppError({ code: 'EmptyInput', path: name });
      throw new AppError({ code: 'NoGcRecords', path: name, lines: stats.lines });
    }
    const parsed: ParsedInput = { name, stats, bytesRead, format: 'text', interrupted };
    if (stats.profile !== undefined) parsed.profile = stats.profile;
    return parsed;
  }
}

/** A JSON input: its entries, read by the reader of its format, and counts in the form of a text log's. */
class JsonInput {
  private readonly splitter: JsonItemSplitter;
  private readonly traceEvents: TraceEventReader | null = null;
  private readonly profiler: GcProfilerReader | null = null;
  private readonly stats: ParseStats = emptyParseStats();

  constructor(
    readonly format: Exclude<InputFormat, 'text'>,
    onEvent: (event: TraceEvent) => void,
  ) {
    const emit = (event: TraceEvent): void => {
      this.stats.gcEvents++;
      onEvent(event);
    };
    if (format === 'trace-events') this.traceEvents = new TraceEventReader(emit);
    else this.profiler = new GcProfilerReader(emit);
    const arrayKey = format === 'trace-events' ? 'traceEvents' : 'statistics';
    this.splitter = new JsonItemSplitter((item) => {
      if (item.arrayKey !== arrayKey && !(format === 'trace-events' && item.arrayKey === null)) return;
      this.stats.lines++;
      if (this.traceEvents !== null) this.traceEvents.read(item.value);
      else this.profiler!.read(item.value);
    });
  }

  write(text: string): void {
    this.splitter.write(text);
  }

  end(): { stats: ParseStats; profile?: GcProfileInfo; runtime?: { node: string; v8: string } } {
    const root = this.splitter.end();
    const stats = this.stats;
    const damaged = (count: number, what: string): void => {
      if (count === 0) return;
      stats.unparsed.count += count;
      if (stats.unparsed.lines.length < KEPT_LINE_EXAMPLES) stats.unparsed.lines.push({ line: 1, text: `${count} ${what}` });
    };
    damaged(this.splitter.brokenItems + this.splitter.skippedItems, 'entries that are not JSON objects or are over 1 MB');
    if (this.traceEvents !== null) {
      const counts = this.traceEvents.end();
      stats.skippedLines = counts.events - stats.gcEvents * 2;
      damaged(counts.damaged, 'MinorGC/MajorGC events without heap sizes');
      // A begin without its end: the file was cut (the process was killed before flushing it).
      if (counts.unpaired > 0) {
        stats.cut.count += counts.unpaired;
        stats.cut.lines.push({ line: 1, text: `${counts.unpaired} MinorGC/MajorGC begin or end events without their other half` });
      }
      if (!this.splitter.complete) stats.cut.lines.push({ line: 1, text: 'the document ends before its last bracket (a cut file)' });
      const runtime = this.traceEvents.runtime;
      return runtime === null ? { stats } : { stats, runtime };
    }
    const profile = this.profiler!.finish(root);
    damaged(profile.damaged, 'statistics entries without cost or heap sizes');
    stats.skippedLines = Object.values(profile.steps).reduce((sum, steps) => sum + steps.count, 0);
    return { stats, profile };
  }
}

/**
 * Reads the first chunk (to sniff gzip and emptiness) and gives back a stream that still yields it.
 * Once `signal` aborts, the stream ends there, even while it waits for a pipe that stays silent.
 */
async function peekFirstChunk(stream: Readable, signal: AbortSignal | undefined): Promise<{ first: Buffer | null; stream: AsyncIterable<Buffer> }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head = await nextUnlessAborted(iterator, signal);
  if (head.done) return { first: null, stream: (async function* () {})() };
  const first = head.value;
  const rest = async function* (): AsyncGenerator<Buffer> {
    yield first;
    for (;;) {
      const next = await nextUnlessAborted(iterator, signal);
      if (next.done) return;
      yield next.value;
    }
  };
  return { first, stream: rest() };
}

const ENDED: IteratorReturnResult<undefined> = { done: true, value: undefined };

/** The iterator's next chunk, or its end as soon as `signal` aborts (the pending read is abandoned). */
function nextUnlessAborted(iterator: AsyncIterator<Buffer>, signal: AbortSignal | undefined): Promise<IteratorResult<Buffer>> {
  if (signal === undefined) return iterator.next();
  if (signal.aborted) return Promise.resolve(ENDED);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve(ENDED);
    signal.addEventListener('abort', onAbort, { once: true });
    iterator.next().then(
      (result) => {
        signal.removeEventListener('abort', onAbort);
        resolve(signal.aborted ? ENDED : result);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) resolve(ENDED);
        else reject(error);
      },
    );
  });
}

type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

function encodingOf(firstChunk: Buffer): TextEncoding {
  if (firstChunk[0] === 0xff && firstChunk[1] === 0xfe) return 'utf-16le';
  if (firstChunk[0] === 0xfe && firstChunk[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** NUL bytes do not occur in text logs; a few in the first chunk mean a binary file. */
function looksBinary(chunk: Buffer): boolean {
  const sample = chunk.subarray(0, 65536);
  let nul = 0;
  for (const byte of sample) if (byte === 0) nul++;
  return nul > 0 && nul >= sample.length / 1000;
}

/**
 * The sink that cuts text into lines: split2, with a line-length cap. split2's `skipOverflow` drops
 * a line as soon as it is longer than MAX_LINE_LENGTH, so one endless line (no newline in 100 MB)
 * costs at most that much memory; the wrapper reports each such line once through `onOverlong`,
 * and the start of a last unterminated one, which split2 still hands on at the end, is not parsed.
 */
function lineSplitter(onLine: (line: string) => void, onOverlong: () => void): Transform {
  const skipOverflow: object = { skipOverflow: true }; // in split2 4.x, not in its type definitions
  const splitter = split2(
    '\n',
    (line: string) => {
      if (line.length <= MAX_LINE_LENGTH) onLine(line);
    },
    { maxLength: MAX_LINE_LENGTH, ...skipOverflow },
  );
  const state = splitter as unknown as {
    overflow: boolean;
    _transform: (chunk: Buffer, encoding: string, callback: (error?: Error | null) => void) => void;
  };
  const transform = state._transform.bind(splitter);
  state._transform = (chunk, encoding, callback) => {
    const wasOverflowing = state.overflow;
    transform(chunk, encoding, (error) => {
      if (!wasOverflowing && state.overflow) onOverlong();
      callback(error);
    });
  };
  return splitter;
}

/** Re-encodes UTF-16 text as UTF-8 for the splitter (PowerShell's `>` writes UTF-16LE with a byte-order mark). */
function utf16ToUtf8(encoding: () => TextEncoding): (chunks: AsyncIterable<Buffer>) => AsyncGenerator<Buffer> {
  return async function* (chunks) {
    let decoder: TextDecoder | null = null;
    for await (const chunk of chunks) {
      if (encoding() === 'utf-8') {
        yield chunk;
        continue;
      }
      decoder ??= new TextDecoder(encoding());
      yield Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
    }
    if (decoder !== null) yield Buffer.from(decoder.decode(), 'utf8');
  };
}

// `gclog run`'s capture: starts the command with the preload in NODE_OPTIONS, passes its output
// through with V8's GC lines taken into a log file, forwards signals, and returns when it exits.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, constants, createWriteStream, fstatSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { Socket } from 'node:net';
import { constants as osConstants, tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TraceEvent } from '../events.js';
import { GcLogParser } from '../parse/log-parser.js';
import { LiveGcTally, StatusLine } from './live-status.js';
import { OutputFilter, TracedPids } from './output-filter.js';

/** The preload, beside this module once built (dist/run/preload) and in the sources (src/run/preload). */
export const PRELOAD_PATH = fileURLToPath(new URL('./preload/trace-gc.cjs', import.meta.url));
/** The heap-snapshot taker of `run --find-leak` (issue 16's preload), beside it. */
export const FIND_LEAK_PRELOAD_PATH = fileURLToPath(new URL('./preload/find-leak.cjs', import.meta.url));

/** A partial line is held this long for its end before it is taken as the app's (a prompt). */
const HELD_LINE_MS = 100;
/** After the command exits, how long its output may still come from processes it left behind. */
const DRAIN_AFTER_EXIT_MS = 2000;

export interface CaptureOptions {
  command: string;
  args: string[];
  /** Where the GC lines go; written as `<log>.partial` and renamed when the command has exited. */
  logPath: string;
  /** V8 flags the preload sets: `--trace-gc`, plus `--trace-gc-verbose` or `--trace-gc-nvp`. */
  v8Flags: string[];
  /** Added to NODE_OPTIONS (`--max-old-space-size=512`). */
  extraNodeOptions: string[];
  /** Added to the command's environment (`GCLOG_FIND_LEAK_DIR`). */
  extraEnv?: Record<string, string>;
  /** Keep the GC lines in the app's stdout too (`--show-gc`). */
  showGc: boolean;
  /** The one-line live status on stderr (a terminal, not CI, not --quiet). */
  liveStatus: boolean;
  env?: NodeJS.ProcessEnv;
  /** Called with each event as the lines arrive (tests; the live status has its own). */
  onEvent?: (event: TraceEvent) => void;
}

export interface UntracedProcess {
  pid: number;
  argv: string[];
  execArgv: string[];
  /** Where its stdout went instead of gclog's pipe. */
  stdout: 'file' | 'pipe' | 'terminal' | 'other';
}

export interface CaptureResult {
  /** The command's exit code, or 128 + the signal's number when a signal ended it (as shells report it). */
  exitCode: number;
  signal: NodeJS.Signals | null;
  logPath: string;
  /** Node processes that ran with their stdout read by their parent, so their GCs could not be traced. */
  untraced: UntracedProcess[];
  gcLines: number;
  /** Node processes (and workers) that the preload named: 0 means no Node process ran traced. */
  tracedProcesses: number;
  gcEvents: number;
  /** The reader of gclog's stdout went away, and with it the app's stdout, which carries the trace. */
  outputClosed: boolean;
}

/** The log file could not be opened for writing. */
export class LogNotWritable extends Error {
  constructor(readonly reason: unknown) {
    super('log not writable');
  }
}

/** Thrown when the command cannot be started at all (not found, not executable). */
export class SpawnError extends Error {
  constructor(
    readonly command: string,
    readonly code: string,
  ) {
    super(`${command}: ${code}`);
  }
}

export async function capture(options: CaptureOptions): Promise<CaptureResult> {
  const runDirectory = mkdtempSync(join(tmpdir(), 'gclog-run-'));
  const partialPath = `${options.logPath}.partial`;
  try {
    return await captureInto(options, runDirectory, partialPath);
  } catch (error) {
    // Nothing half-written stays behind: not the log, not the run folder.
    rmSync(partialPath, { force: true });
    throw error;
  } finally {
    rmSync(runDirectory, { recursive: true, force: true });
  }
}

async function captureInto(options: CaptureOptions, runDirectory: string, partialPath: string): Promise<CaptureResult> {
  const log = createWriteStream(partialPath, { flags: 'w' });
  await new Promise<void>((resolve, reject) => {
    log.once('open', () => resolve());
    log.once('error', (error) => reject(new LogNotWritable(error)));
  });
  let gcLines = 0;
  const tally = new LiveGcTally();
  const liveParser = new GcLogParser((event) => {
    tally.add(event);
    options.onEvent?.(event);
  });
  const writeGcLine = (line: string): void => {
    gcLines++;
    log.write(`${line}\n`);
    liveParser.push(line);
  };

  const { child, stdout: appStdout } = startChild(options, runDirectory);
  let status: StatusLine | null = null;
  // A slow reader of gclog's output (a pipe) holds the app back, as it would without gclog.
  const passTo = (target: NodeJS.WriteStream, source: NodeJS.ReadableStream) => {
    let waitingForDrain = false;
    return (bytes: Buffer) => {
      status?.clear();
      if (target.destroyed) return;
      if (!target.write(bytes) && !waitingForDrain) {
        waitingForDrain = true;
        source.pause();
        target.once('drain', () => {
          waitingForDrain = false;
          source.resume();
        });
      }
    };
  };
  const pids = new TracedPids();
  const stdoutFilter = new OutputFilter({ mode: options.showGc ? 'copy' : 'remove', passThrough: passTo(process.stdout, appStdout), gcLine: writeGcLine, pids });
  const stderrFilter = new OutputFilter({ mode: 'copy', passThrough: passTo(process.stderr, child.stderr!), gcLine: writeGcLine, pids });
  if (options.liveStatus) {
    status = new StatusLine(process.stderr, tally, () => stdoutFilter.atLineStart && stderrFilter.atLineStart);
    status.start();
  }
  const stopForwarding = forwardSignals(child);
  // The reader of gclog's stdout went away (`gclog run -- app | head`): the app's stdout closes too,
  // so the app meets the EPIPE it would meet without gclog, instead of writing forever.
  let stdoutClosedByReader = false;
  const closeAppStdout = (error: NodeJS.ErrnoException): void => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      stdoutClosedByReader = true;
      appStdout.destroy();
    }
  };
  process.stdout.on('error', closeAppStdout);
  const result = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    for (const [stream, filter] of [
      [appStdout, stdoutFilter],
      [child.stderr!, stderrFilter],
    ] as const) {
      // Held bytes wait at most HELD_LINE_MS from when the holding began, however much else arrives.
      let heldTimer: NodeJS.Timeout | null = null;
      stream.on('data', (chunk: Buffer) => {
        filter.push(chunk);
        if (!filter.holding && heldTimer !== null) {
          clearTimeout(heldTimer);
          heldTimer = null;
        } else if (filter.holding && heldTimer === null) {
          heldTimer = setTimeout(() => {
            heldTimer = null;
            filter.flushHeld();
          }, HELD_LINE_MS);
        }
      });
      stream.on('end', () => {
        if (heldTimer !== null) clearTimeout(heldTimer);
        filter.flushHeld();
      });
    }
    child.once('error', (error: NodeJS.ErrnoException) => reject(new SpawnError(options.command, error.code ?? error.message)));
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      // Processes the command left behind may hold its stdout open: stop waiting for them.
      setTimeout(() => {
        appStdout.destroy();
        child.stderr?.destroy();
        resolve(exit!);
      }, DRAIN_AFTER_EXIT_MS).unref();
      settleWhenDrained();
    });
    // Done when the command has exited and both its streams have ended (or DRAIN_AFTER_EXIT_MS passed).
    let ended = 0;
    const settleWhenDrained = (): void => {
      if (exit !== null && ended === 2) resolve(exit);
    };
    for (const stream of [appStdout, child.stderr!]) {
      stream.once('close', () => {
        ended++;
        settleWhenDrained();
      });
    }
  }).finally(() => {
    stopForwarding();
    process.stdout.off('error', closeAppStdout);
    status?.stop();
  });
  liveParser.end();
  await new Promise<void>((resolve, reject) => log.end((error?: Error | null) => (error ? reject(error) : resolve())));
  await rename(partialPath, options.logPath);
  const untraced = readUntraced(runDirectory);
  return {
    exitCode: result.code ?? 128 + (result.signal !== null ? (osConstants.signals[result.signal] ?? 0) : 0),
    signal: result.signal,
    logPath: options.logPath,
    untraced,
    gcLines,
    tracedProcesses: tally.processes.size,
    gcEvents: tally.gcs,
    outputClosed: stdoutClosedByReader,
  };
}

/**
 * Starts the command. Its stdout is a named pipe (FIFO) of gclog's: the preload knows it by its
 * device and inode before the command starts, so a Node process whose stdout goes anywhere else (a
 * file, its parent's pipe) is told apart without a race. Where no FIFO can be made, a plain pipe,
 * and every Node process is traced.
 */
function startChild(options: CaptureOptions, runDirectory: string): { child: ChildProcess; stdout: Readable } {
  const base = options.env ?? process.env;
  const env: NodeJS.ProcessEnv = {
    ...base,
    NODE_OPTIONS: [base['NODE_OPTIONS'] ?? '', `--require ${quoteForNodeOptions(PRELOAD_PATH)}`, ...options.extraNodeOptions].join(' ').trim(),
    GCLOG_RUN_V8_FLAGS: options.v8Flags.join(' '),
    GCLOG_RUN_DIR: runDirectory,
    ...options.extraEnv,
  };
  // The app writes into a pipe, no longer the terminal: tell colour libraries (and Node) the terminal's depth.
  if (process.stdout.isTTY === true && !base['FORCE_COLOR'] && !base['NO_COLOR']) {
    env['FORCE_COLOR'] = String({ 1: 0, 4: 1, 8: 2, 24: 3 }[process.stdout.getColorDepth()] ?? 1);
    // An empty NO_COLOR means no preference, but Node warns when it meets it beside FORCE_COLOR.
    delete env['NO_COLOR'];
  }
  const fifo = namedPipe(runDirectory);
  if (fifo === null) {
    const child = spawn(options.command, options.args, { stdio: ['inherit', 'pipe', 'pipe'], env });
    return { child, stdout: child.stdout! };
  }
  env['GCLOG_RUN_STDOUT_ID'] = fifo.id;
  try {
    const child = spawn(options.command, options.args, { stdio: ['inherit', fifo.writeFd, 'pipe'], env });
    return { child, stdout: new Socket({ fd: fifo.readFd, readable: true, writable: false }) };
  } finally {
    // The command holds the writing end now; gclog's copy would keep the pipe open after it exits.
    closeSync(fifo.writeFd);
  }
}

function namedPipe(runDirectory: string): { readFd: number; writeFd: number; id: string } | null {
  const path = join(runDirectory, 'stdout');
  try {
    execFileSync('mkfifo', ['-m', '600', path], { stdio: 'ignore' });
    // The reading end first, without waiting for a writer; then the writing end finds its reader.
    const readFd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const writeFd = openSync(path, constants.O_WRONLY);
    const { dev, ino } = fstatSync(writeFd);
    return { readFd, writeFd, id: `${dev}:${ino}` };
  } catch {
    return null;
  }
}

/** NODE_OPTIONS splits on spaces; a path with spaces goes in double quotes, with `\` and `"` escaped. */
export function quoteForNodeOptions(path: string): string {
  return /[\s"\\]/.test(path) ? `"${path.replace(/[\\"]/g, (char) => `\\${char}`)}"` : path;
}

/**
 * Signals for the command. A terminal's Ctrl-C (SIGINT, SIGQUIT) and hang-up reach the whole
 * foreground group, the command included: gclog only stays alive to analyse what it caught. Where no
 * terminal is involved (a CI runner, `kill`, a container's SIGTERM), gclog passes them on.
 */
function forwardSignals(child: ChildProcess): () => void {
  const interactive = process.stdin.isTTY === true;
  const handlers = new Map<NodeJS.Signals, () => void>();
  // SIGUSR1 is left alone: Node keeps it for its inspector.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'] as const) {
    const fromTerminal = signal === 'SIGINT' || signal === 'SIGQUIT' || signal === 'SIGHUP';
    const handler = (): void => {
      if (interactive && fromTerminal) return;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}

function readUntraced(runDirectory: string): UntracedProcess[] {
  let text: string;
  try {
    text = readFileSync(join(runDirectory, 'untraced.ndjson'), 'utf8');
  } catch {
    return [];
  }
  const processes: UntracedProcess[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const record = JSON.parse(line) as { pid?: unknown; argv?: unknown; execArgv?: unknown; untraced?: unknown };
      const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
      const stdout = record.untraced === 'file' || record.untraced === 'pipe' || record.untraced === 'terminal' ? record.untraced : 'other';
      if (typeof record.pid === 'number') processes.push({ pid: record.pid, argv: strings(record.argv), execArgv: strings(record.execArgv), stdout });
    } catch {
      // A line cut short by a process that died while writing it.
    }
  }
  return processes;
}

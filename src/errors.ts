// Every failure a user can cause, with its one-line message and exit code, written once here.

import { dirname } from 'node:path';

export type AppErrorContext =
  | { code: 'FileNotFound'; path: string }
  | { code: 'IsDirectory'; path: string }
  | { code: 'PermissionDenied'; path: string }
  | { code: 'EmptyInput'; path: string }
  | { code: 'Interrupted'; path: string }
  | { code: 'NoGcRecords'; path: string; lines: number; format?: 'trace-events' | 'gc-profiler' }
  | { code: 'BinaryInput'; path: string }
  | { code: 'CorruptGzip'; path: string; detail: string }
  | { code: 'ReadFailed'; path: string; detail: string }
  | { code: 'OutputNotWritable'; path: string; detail: string; flag?: string }
  | { code: 'NoComparableIsolate'; detail: string }
  | { code: 'NoSuchIsolate'; detail: string }
  | { code: 'CommandNotFound'; command: string }
  | { code: 'CommandNotExecutable'; command: string }
  | { code: 'NotHeapSnapshot'; path: string; detail: string }
  | { code: 'NoTimes'; path: string; output: 'compare' };

export type AppErrorCode = AppErrorContext['code'];

/**
 * Exit codes, documented in the README. 1 is kept for `--fail-on-regression`, 2 for usage errors,
 * 13 for a failed `--fail-on` budget; 126 and 127 are the shell's for a command that cannot run.
 */
export const EXIT_CODES: Record<AppErrorCode | 'Usage' | 'Regression' | 'BudgetFailed' | 'Internal', number> = {
  Regression: 1,
  Usage: 2,
  FileNotFound: 3,
  IsDirectory: 4,
  PermissionDenied: 5,
  EmptyInput: 6,
  NoGcRecords: 7,
  BinaryInput: 8,
  CorruptGzip: 9,
  ReadFailed: 10,
  OutputNotWritable: 11,
  NoComparableIsolate: 12,
  BudgetFailed: 13,
  Interrupted: 14,
  NoSuchIsolate: 15,
  NotHeapSnapshot: 16,
  NoTimes: 17,
  Internal: 70,
  CommandNotExecutable: 126,
  CommandNotFound: 127,
};

function describe(context: AppErrorContext): string {
  switch (context.code) {
    case 'FileNotFound':
      return `${context.path}: no such file. Check the path, or pass - to read the log from stdin.`;
    case 'IsDirectory':
      return `${context.path} is a directory. Pass the GC log file inside it, e.g. ${context.path}/gc.log.`;
    case 'PermissionDenied':
      return `${context.path}: permission denied. Make the file readable (chmod +r) or copy it somewhere you can read.`;
    case 'EmptyInput':
      return `${context.path} is empty. Capture the log with: node --trace-gc app.js > gc.log 2>&1`;
    case 'Interrupted':
      return `${context.path}: interrupted (Ctrl-C) before any GC record was read. Let the app run until it has printed some GC lines.`;
    case 'NoGcRecords':
      if (context.format === 'trace-events') {
        return `${context.path}: no MinorGC/MajorGC events in ${context.lines} trace event(s). Node 14 and later write them with --trace-event-categories v8 (Node 12's files hold only V8.GC* phases, without heap sizes); or run: node --trace-gc app.js > gc.log 2>&1`;
      }
      if (context.format === 'gc-profiler') {
        return `${context.path}: no GC in the GCProfiler's ${context.lines} statistics entries. Profile a longer stretch (between profiler.start() and stop()), or run: node --trace-gc app.js > gc.log 2>&1`;
      }
      return `${context.path}: no GC records in ${context.lines} ${context.lines === 1 ? 'line' : 'lines'}. Was the app run with --trace-gc? Run: node --trace-gc app.js > gc.log 2>&1`;
    case 'BinaryInput':
      return `${context.path} looks binary, not a text GC log. Pass the text log written by node --trace-gc (a .gz of it works too).`;
    case 'CorruptGzip':
      return `${context.path}: the gzip data is corrupt or truncated (${context.detail}). Re-copy the file, or check it with: gzip -t ${context.path}`;
    case 'ReadFailed':
      return `${context.path}: could not be read (${context.detail}). Check the disk or the device, or copy the log somewhere else and retry.`;
    case 'OutputNotWritable':
      return `cannot write ${context.path} (${context.detail}). Choose another path with ${context.flag ?? '--out'}.`;
    case 'NoComparableIsolate':
      return `${context.detail}`;
    case 'CommandNotFound':
      return `${context.command}: command not found. Check the name and your PATH, e.g. gclog run -- node app.js`;
    case 'CommandNotExecutable':
      return `${context.command}: permission denied. Make it executable (chmod +x) or run it through its interpreter, e.g. gclog run -- node ${context.command}`;
    case 'NotHeapSnapshot':
      return `${context.path} is not a whole V8 heap snapshot (${context.detail}). Pass a .heapsnapshot written by v8.writeHeapSnapshot() or DevTools (a .gz of it works too).`;
    case 'NoSuchIsolate':
      return `${context.detail}. Pick one of those, or leave out --isolate/--pid for every isolate.`;
    case 'NoTimes':
      return (
        `${context.path} holds a v8.GCProfiler result, which records no time for each GC, and ${context.output} needs one. ` +
        `Read it with gclog analyze (text, --json or --html), or capture a log with node --trace-gc.`
      );
  }
}

/** A path, a detail or a line of the log may hold a newline or a terminal escape: shown escaped, on one line. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) =>
    char === '\n' ? '\\n' : char === '\r' ? '\\r' : char === '\t' ? '\\t' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export class AppError extends Error {
  constructor(readonly context: AppErrorContext) {
    super(oneLine(describe(context)));
    this.name = 'AppError';
  }

  get exitCode(): number {
    return EXIT_CODES[this.context.code];
  }
}

/** Turns a Node file-system error about `path` into the user's words, or returns null when it is not one we know. */
export function fromFileSystemError(error: unknown, path: string): AppError | null {
  const code = errorCode(error);
  switch (code) {
    case 'ENOENT':
    // A part of the path is a file (`gc.log/x`), or the path cannot exist: there is no such file either way.
    case 'ENOTDIR':
    case 'ENAMETOOLONG':
    case 'ELOOP':
      return new AppError({ code: 'FileNotFound', path });
    case 'EISDIR':
      return new AppError({ code: 'IsDirectory', path });
    case 'EACCES':
    case 'EPERM':
      return new AppError({ code: 'PermissionDenied', path });
    default:
      return null;
  }
}

/** Any failure to read `path`: a known file-system error, else ReadFailed with the system's words. */
export function fromReadError(error: unknown, path: string): AppError {
  if (error instanceof AppError) return error;
  return fromFileSystemError(error, path) ?? new AppError({ code: 'ReadFailed', path, detail: systemDetail(error) });
}

/** Any failure to write the output file `path`, said in words (the folder is missing, read-only, full …); `flag` chose the path. */
export function fromWriteError(error: unknown, path: string, flag?: string): AppError {
  if (error instanceof AppError) return error;
  const code = errorCode(error);
  const folder = dirname(path);
  const detail =
    code === 'ENOENT' || code === 'ENOTDIR'
      ? `the folder ${folder} does not exist`
      : code === 'EACCES' || code === 'EPERM'
        ? `permission denied in ${folder}`
        : code === 'EISDIR'
          ? `${path} is a directory`
          : code === 'EROFS'
            ? 'the file system is read-only'
            : code === 'ENOSPC' || code === 'EDQUOT'
              ? 'no space left on the device'
              : systemDetail(error);
  return new AppError({ code: 'OutputNotWritable', path, detail, ...(flag !== undefined ? { flag } : {}) });
}

function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `EIO: i/o error` rather than the whole `EIO: i/o error, read` with paths and syscalls. */
function systemDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(',')[0]!.trim() || (errorCode(error) ?? 'unknown error');
}

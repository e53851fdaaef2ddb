// Every failure a user can cause, with its one-line message and exit code, written once here.

export type AppErrorContext =
  | { code: 'FileNotFound'; path: string }
  | { code: 'IsDirectory'; path: string }
  | { code: 'PermissionDenied'; path: string }
  | { code: 'EmptyInput'; path: string }
  | { code: 'NoGcRecords'; path: string; lines: number }
  | { code: 'BinaryInput'; path: string }
  | { code: 'CorruptGzip'; path: string; detail: string }
  | { code: 'ReadFailed'; path: string; detail: string }
  | { code: 'OutputNotWritable'; path: string; detail: string }
  | { code: 'NoComparableIsolate'; detail: string };

export type AppErrorCode = AppErrorContext['code'];

/** Exit codes, documented in the README. 1 is kept for `--fail-on-regression`, 2 for usage errors. */
export const EXIT_CODES: Record<AppErrorCode | 'Usage' | 'Regression' | 'Internal', number> = {
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
  Internal: 70,
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
    case 'NoGcRecords':
      return `${context.path}: no GC records in ${context.lines} line(s). Was the app run with --trace-gc? Run: node --trace-gc app.js > gc.log 2>&1`;
    case 'BinaryInput':
      return `${context.path} looks binary, not a text GC log. Pass the text log written by node --trace-gc (a .gz of it works too).`;
    case 'CorruptGzip':
      return `${context.path}: the gzip data is corrupt or truncated (${context.detail}). Re-copy the file, or check it with: gzip -t ${context.path}`;
    case 'ReadFailed':
      return `${context.path}: could not be read (${context.detail}).`;
    case 'OutputNotWritable':
      return `cannot write ${context.path} (${context.detail}). Choose another path with --out.`;
    case 'NoComparableIsolate':
      return `${context.detail}`;
  }
}

export class AppError extends Error {
  constructor(readonly context: AppErrorContext) {
    super(describe(context));
    this.name = 'AppError';
  }

  get exitCode(): number {
    return EXIT_CODES[this.context.code];
  }
}

/** Turns a Node file-system error about `path` into the user's words, or returns null when it is not one we know. */
export function fromFileSystemError(error: unknown, path: string): AppError | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
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

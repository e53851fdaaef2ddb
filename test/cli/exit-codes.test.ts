// The exit codes are a contract: distinct, and documented in the README's table exactly as in EXIT_CODES.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError, EXIT_CODES, oneLine, type AppErrorContext } from '../../src/errors.js';
import { ROOT } from './run-cli.js';

/** One context per code: adding a code without a case here fails to compile. */
const EXAMPLES: { [Code in AppErrorContext['code']]: Extract<AppErrorContext, { code: Code }> } = {
  FileNotFound: { code: 'FileNotFound', path: 'gc.log' },
  IsDirectory: { code: 'IsDirectory', path: 'logs' },
  PermissionDenied: { code: 'PermissionDenied', path: 'gc.log' },
  EmptyInput: { code: 'EmptyInput', path: 'gc.log' },
  NoGcRecords: { code: 'NoGcRecords', path: 'gc.log', lines: 3 },
  BinaryInput: { code: 'BinaryInput', path: 'gc.log' },
  CorruptGzip: { code: 'CorruptGzip', path: 'gc.log.gz', detail: 'unexpected end of file' },
  ReadFailed: { code: 'ReadFailed', path: 'gc.log', detail: 'EIO: i/o error' },
  OutputNotWritable: { code: 'OutputNotWritable', path: 'out.json', detail: 'the folder . does not exist' },
  NoComparableIsolate: { code: 'NoComparableIsolate', detail: 'no isolate in both logs' },
  CommandNotFound: { code: 'CommandNotFound', command: 'nod' },
  CommandNotExecutable: { code: 'CommandNotExecutable', command: './app.js' },
  NotHeapSnapshot: { code: 'NotHeapSnapshot', path: 'a.heapsnapshot', detail: 'the "edges" section is missing or cut short' },
  NoTimes: { code: 'NoTimes', path: 'profile.json', output: 'compare' },
};

function readmeExitCodes(): Map<number, string> {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const section = readme.slice(readme.indexOf('## Exit codes'));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('|')));
  const rows = new Map<number, string>();
  for (const match of table.matchAll(/^\| (\d+) \| (.+) \|$/gm)) rows.set(Number(match[1]), match[2]!);
  return rows;
}

describe('exit codes', () => {
  it('are distinct, non-zero, and below 126 (the shell keeps 126+ for itself), but for the shell’s own two', () => {
    const codes = Object.values(EXIT_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toBeGreaterThan(0);
    // `gclog run` cannot start the command: 126 and 127 as the shell, env(1) and timeout(1) say it.
    const { CommandNotExecutable, CommandNotFound, ...own } = EXIT_CODES;
    expect([CommandNotExecutable, CommandNotFound]).toEqual([126, 127]);
    for (const code of Object.values(own)) expect(code).toBeLessThan(126);
  });

  it('are the README table, row for row', () => {
    const documented = readmeExitCodes();
    expect([...documented.keys()].sort((a, b) => a - b)).toEqual([0, ...Object.values(EXIT_CODES)].sort((a, b) => a - b));
  });

  it.each(Object.values(EXAMPLES))('$code: one line, with what to do, and its exit code', (context) => {
    const error = new AppError(context);
    expect(error.message).not.toMatch(/[\n\r]/);
    expect(error.message.length).toBeGreaterThan(20);
    expect(error.exitCode).toBe(EXIT_CODES[context.code]);
  });

  it('escapes control characters, so a hostile path cannot add lines or colours', () => {
    expect(oneLine('a\nb\r\tc\x1b[31m\u2028')).toBe('a\\nb\\r\\tc\\u001b[31m\\u2028');
    expect(new AppError({ code: 'FileNotFound', path: 'x\ny' }).message).toMatch(/^x\\ny: no such file/);
  });
});

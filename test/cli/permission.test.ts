// Permission denied, through the real CLI where the system can deny it, and through the error
// mapping itself. Root reads a chmod 000 file, so as root the CLI runs as an unprivileged user.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, EXIT_CODES, fromFileSystemError, fromReadError, fromWriteError } from '../../src/errors.js';
import { readSample } from '../support/samples.js';
import { BIN, expectOneLineError, runCli } from './run-cli.js';

/** A real log to lock away. */
const REAL_LOG = readSample('node22-steady.log');

const TIMEOUT_MS = 30_000;
const isRoot = process.getuid?.() === 0;
/** `nobody` on Linux. */
const UNPRIVILEGED = 65534;

let dir: string;

/** Can this process run the CLI as another user (root with CAP_SETUID, the checkout readable by all)? */
function canDropPrivileges(): boolean {
  if (!isRoot) return false;
  const probe = spawnSync(process.execPath, [BIN, '--version'], { uid: UNPRIVILEGED, gid: UNPRIVILEGED });
  return probe.error === undefined && probe.status === 0;
}

/** The CLI as a user the permissions apply to: ourselves, or `nobody` when we are root. */
function runUnprivileged(args: string[]): ReturnType<typeof runCli> {
  return runCli(args, isRoot ? { uid: UNPRIVILEGED, gid: UNPRIVILEGED } : {});
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gclog-permission-'));
  chmodSync(dir, 0o755);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('permission denied', () => {
  const realCli = !isRoot || canDropPrivileges();

  it.runIf(realCli)('an unreadable log (the real CLI)', () => {
    const secret = join(dir, 'secret.log');
    writeFileSync(secret, REAL_LOG);
    chmodSync(secret, 0o000);
    expectOneLineError(runUnprivileged(['analyze', secret]), EXIT_CODES.PermissionDenied, ['secret.log', 'permission denied', 'chmod +r']);
    expectOneLineError(runUnprivileged(['events', secret]), EXIT_CODES.PermissionDenied, ['permission denied']);
  }, TIMEOUT_MS);

  it.runIf(realCli)('an output folder that cannot be written (the real CLI), leaving nothing behind', () => {
    const log = join(dir, 'readable.log');
    writeFileSync(log, REAL_LOG);
    chmodSync(log, 0o644);
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    for (const format of [['--json'], ['--csv']]) {
      const result = runUnprivileged(['analyze', log, ...format, '--out', join(locked, `out.${format[0]!.slice(2)}`)]);
      expectOneLineError(result, EXIT_CODES.OutputNotWritable, ['cannot write', 'permission denied', '--out']);
    }
    expect(readdirSync(locked)).toEqual([]);
  }, TIMEOUT_MS);

  it('EACCES and EPERM from the file system become PermissionDenied (the mapping the CLI relies on)', () => {
    for (const code of ['EACCES', 'EPERM']) {
      const error = Object.assign(new Error(`${code}: permission denied, open 'x.log'`), { code });
      const mapped = fromFileSystemError(error, 'x.log');
      expect(mapped).toBeInstanceOf(AppError);
      expect(mapped!.context).toEqual({ code: 'PermissionDenied', path: 'x.log' });
      expect(mapped!.exitCode).toBe(EXIT_CODES.PermissionDenied);
      expect(mapped!.message).toMatch(/x\.log: permission denied\. Make the file readable/);
      expect(fromReadError(error, 'x.log').context.code).toBe('PermissionDenied');
      expect(fromWriteError(error, '/srv/out/x.json').message).toBe(
        'cannot write /srv/out/x.json (permission denied in /srv/out). Choose another path with --out.',
      );
    }
  });

  it('other read errors become ReadFailed with the system words, never an internal error', () => {
    const error = Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    expect(fromFileSystemError(error, 'x.log')).toBeNull();
    const mapped = fromReadError(error, 'x.log');
    expect(mapped.context).toEqual({ code: 'ReadFailed', path: 'x.log', detail: 'EIO: i/o error' });
    expect(mapped.exitCode).toBe(EXIT_CODES.ReadFailed);
    expect(fromWriteError(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), 'x.csv').message).toContain(
      'no space left on the device',
    );
  });
});

// Ctrl-C on a live pipe: `node --trace-gc server.js 2>&1 | gclog analyze -` never ends by itself.
// The first SIGINT ends the reading and gclog reports what it read (every output form), exit 0;
// a second one aborts at once. Real processes: a real traced Node server feeds gclog.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/errors.js';
import { samplePath } from '../support/samples.js';
import { BIN } from './run-cli.js';

/** A server that never ends: allocates every few ms, keeps a bounded cache. */
const SERVER = `
const kept = [];
setInterval(() => {
  const garbage = [];
  for (let index = 0; index < 20000; index++) garbage.push({ index, text: 'x'.repeat(index % 64) });
  kept.push(garbage.slice(0, 200));
  if (kept.length > 50) kept.shift();
}, 5);
console.log('listening');
`;
const GC_LINE = / ms: (?:Scavenge|Minor Mark-Compact|Minor Mark-Sweep|Mark-Compact|Mark-sweep)[ (]/;

const countGcLines = (text: string): number => text.split('\n').filter((line) => GC_LINE.test(line)).length;

function collect(child: ChildProcess): Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
}

/**
 * Whether gclog reads its stdin: Node's stream has made fd 0 non-blocking (O_NONBLOCK in /proc's
 * fdinfo), which it does only when gclog's reader starts, after gclog's SIGINT handler is in place.
 * (/proc's SigCgt cannot tell: Node catches SIGINT from its first instant, to reset the terminal and
 * then die of it.)
 */
function readsStdin(pid: number): boolean {
  try {
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`/proc/${pid}/fdinfo/0`, 'utf8'))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & 0o4000) !== 0;
  } catch {
    return false;
  }
}

/** The pids of the processes of group `group` whose command line contains `text`. */
function processesOf(group: number, text: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(fields[2]) === group && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Bytes process `pid` has read so far (/proc/PID/io rchar), or null once it is gone. */
function bytesRead(pid: number): number | null {
  try {
    return Number(/^rchar:\s*(\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]);
  } catch {
    return null;
  }
}

/**
 * Until gclog reads its stdin and has read what it was sent: its count of bytes read holds still for
 * 700 ms. On a loaded machine gclog may start reading seconds late; a Ctrl-C before that ends it as
 * Node's default does, or finds no record (exit 14), neither of which these tests are about.
 */
async function readingSettles(pid: number): Promise<void> {
  await until(() => readsStdin(pid), 'gclog to read its stdin');
  let last = bytesRead(pid);
  let stillSince = Date.now();
  await until(() => {
    const now = bytesRead(pid);
    if (now !== last) {
      last = now;
      stillSince = Date.now();
    }
    return Date.now() - stillSince >= 700;
  }, 'gclog to read what it was sent');
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A traced server piping into gclog; the test keeps a copy of what the server printed. */
function serverIntoGclog(gclogArgs: string[]): { server: ChildProcess; gclog: ChildProcess; printed: () => string } {
  const server = spawn(process.execPath, ['--trace-gc', '-e', SERVER], { stdio: ['ignore', 'pipe', 'pipe'] });
  const gclog = spawn(process.execPath, [BIN, ...gclogArgs], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const chunks: Buffer[] = [];
  const forward = (chunk: Buffer): void => {
    chunks.push(chunk);
    if (gclog.stdin?.writable) gclog.stdin.write(chunk);
  };
  server.stdout!.on('data', forward);
  server.stderr!.on('data', forward);
  gclog.stdin!.on('error', () => undefined);
  return { server, gclog, printed: () => Buffer.concat(chunks).toString('utf8') };
}

describe('Ctrl-C on a pipe', () => {
  it('a shell pipeline signalled as a terminal does (the whole process group) prints the analysis of what was read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gclog-sigint-'));
    const app = join(dir, 'server.js');
    writeFileSync(app, SERVER);
    const copy = join(dir, 'copy.log');
    // `trap : INT` keeps the shell alive to report gclog's status; the processes it starts get SIGINT's default.
    const script = `trap : INT; "${process.execPath}" --trace-gc "${app}" 2>&1 | tee "${copy}" | "${process.execPath}" "${BIN}" analyze - --json; echo "gclog status \${PIPESTATUS[2]}" >&2`;
    const shell = spawn('bash', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, NO_COLOR: '1' } });
    const result = collect(shell);
    await until(() => existsSync(copy) && countGcLines(readFileSync(copy, 'utf8')) >= 30, '30 GC lines from the server');
    // A terminal's Ctrl-C can come before node has even started gclog; here it comes once gclog listens.
    // (The shell's own command line names gclog.js too.)
    const gclogPid = (): number | undefined => processesOf(shell.pid!, 'gclog.js').find((pid) => pid !== shell.pid && readsStdin(pid));
    await until(() => gclogPid() !== undefined, 'gclog to read its stdin');
    // The server keeps writing, so gclog's reading never settles: 8 KB read from the pipe will do.
    const pid = gclogPid()!;
    const atStart = bytesRead(pid) ?? 0;
    await until(() => (bytesRead(pid) ?? 0) > atStart + 8192, 'gclog to read from the pipe');
    const seenBefore = countGcLines(readFileSync(copy, 'utf8'));
    process.kill(-shell.pid!, 'SIGINT');
    const { stdout, stderr } = await result;
    const seenAfter = countGcLines(readFileSync(copy, 'utf8'));
    // The server and tee die at once, so gclog's input may end before its handler runs (then no
    // "interrupted" line): either way the summary is printed and gclog exits 0, not 130.
    expect(stderr).toContain('gclog status 0');
    const summary = JSON.parse(stdout) as { inputs: Array<{ name: string; gcEvents: number; interrupted: boolean }> };
    expect(summary.inputs[0]!.name).toBe('stdin');
    expect(summary.inputs[0]!.interrupted).toBe(stderr.includes('gclog: interrupted: reading stopped, reporting what was read (Ctrl-C again to abort).'));
    // Every GC line tee had passed on before the signal was read; none that the server never printed.
    expect(summary.inputs[0]!.gcEvents).toBeGreaterThanOrEqual(seenBefore);
    expect(summary.inputs[0]!.gcEvents).toBeLessThanOrEqual(seenAfter);
  }, 60_000);

  it.each([
    ['text', ['analyze', '-'], (stdout: string, gcLines: number) => expect(stdout).toMatch(new RegExp(`^stdin  \\d+ lines, ${gcLines} GC events, trace-gc, .*\\(interrupted: only the part read before Ctrl-C\\)`))],
    ['json', ['analyze', '-', '--json'], (stdout: string, gcLines: number) => expect((JSON.parse(stdout) as { inputs: Array<{ gcEvents: number }> }).inputs[0]!.gcEvents).toBe(gcLines)],
    ['csv', ['analyze', '-', '--csv'], (stdout: string, gcLines: number) => expect(stdout.trimEnd().split('\n')).toHaveLength(gcLines + 1)],
    ['events', ['events', '-'], (stdout: string, gcLines: number) => expect(stdout.trimEnd().split('\n')).toHaveLength(gcLines)],
  ] as const)('%s: SIGINT while the server still writes ends the reading; the output covers every GC line sent', async (_form, args, check) => {
    const { server, gclog, printed } = serverIntoGclog([...args]);
    const result = collect(gclog);
    await until(() => countGcLines(printed()) >= 30, '30 GC lines from the server');
    // Stop forwarding, let gclog read what it was sent, then Ctrl-C: the pipe stays open (the server lives).
    server.stdout!.removeAllListeners('data');
    server.stderr!.removeAllListeners('data');
    const sent = countGcLines(printed());
    await readingSettles(gclog.pid!);
    gclog.kill('SIGINT');
    const { status, stdout, stderr } = await result;
    server.kill();
    expect(stderr).toContain('gclog: interrupted');
    expect(status).toBe(0);
    check(stdout, sent);
  }, 60_000);

  it('html: the report of what was read is written', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gclog-sigint-')), 'live.html');
    const { server, gclog, printed } = serverIntoGclog(['analyze', '-', '--out', out, '--html']);
    const result = collect(gclog);
    await until(() => countGcLines(printed()) >= 30, '30 GC lines from the server');
    server.stdout!.removeAllListeners('data');
    server.stderr!.removeAllListeners('data');
    await readingSettles(gclog.pid!);
    gclog.kill('SIGINT');
    const { status, stderr } = await result;
    server.kill();
    expect(status).toBe(0);
    expect(stderr).toContain(`gclog: wrote ${out}`);
    expect(readFileSync(out, 'utf8')).toContain('<html');
  }, 60_000);

  it('SIGINT before any GC record: one line, exit 14', async () => {
    const gclog = spawn(process.execPath, [BIN, 'analyze', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const result = collect(gclog);
    gclog.stdin!.write('listening\n');
    await readingSettles(gclog.pid!);
    gclog.kill('SIGINT');
    const { status, stdout, stderr } = await result;
    expect(status).toBe(EXIT_CODES.Interrupted);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n').at(-1)).toBe('gclog: stdin: interrupted (Ctrl-C) before any GC record was read. Let the app run until it has printed some GC lines.');
  }, 30_000);

  it('a second SIGINT aborts at once: no report, killed by SIGINT', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gclog-sigint-')), 'big.html');
    const gclog = spawn(process.execPath, [BIN, 'analyze', '-', '--html', '--out', out], { stdio: ['pipe', 'pipe', 'pipe'] });
    const result = collect(gclog);
    // A real log, many times over: long enough that analysing and drawing it takes a while.
    const log = readFileSync(samplePath('node22-steady.log'));
    gclog.stdin!.on('error', () => undefined);
    for (let copy = 0; copy < 60; copy++) gclog.stdin!.write(log);
    let stderr = '';
    gclog.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await readingSettles(gclog.pid!);
    gclog.kill('SIGINT');
    await until(() => stderr.includes('gclog: interrupted'), 'the first interrupt to be seen');
    gclog.kill('SIGINT');
    const final = await result;
    gclog.stdin!.destroy();
    expect(final.signal).toBe('SIGINT');
    expect(final.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

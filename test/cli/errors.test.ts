// Hostile and broken input through the built CLI: each failure is one line on stderr that says what
// is wrong and what to do, with its own exit code (EXIT_CODES, the README table) and no stack trace.

import { chmodSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/errors.js';
import { loadSamples } from '../fuzz/samples.js';
import { expectOneLineError, runCli, runCliClosingStdout } from './run-cli.js';

const TIMEOUT_MS = 30_000;
let dir: string;
let sample: string;
let sampleText: string;
let gzipped: Buffer;

/** A real log: the Node 22 leak when present (it has many records), else the first sample. */
function pickSample(): { name: string; text: string } {
  const samples = loadSamples();
  return samples.find((candidate) => candidate.name === 'node22-leak.log') ?? samples[0]!;
}

/** Temporary files left beside an output after a failure (write-atomic names them `.name.hex.tmp`). */
function leftovers(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.endsWith('.tmp'));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gclog-cli-'));
  // Readable by the unprivileged user the permission test runs as.
  chmodSync(dir, 0o755);
  const picked = pickSample();
  sampleText = picked.text;
  sample = join(dir, picked.name);
  writeFileSync(sample, sampleText);
  gzipped = gzipSync(Buffer.from(sampleText));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('gclog on broken input', () => {
  it('reads a real sample (the baseline the failures are measured against)', () => {
    const result = runCli(['analyze', sample]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/GC events/);
  }, TIMEOUT_MS);

  it('missing file', () => {
    expectOneLineError(runCli(['analyze', join(dir, 'nope.log')]), EXIT_CODES.FileNotFound, ['nope.log', 'no such file', 'check the path']);
    expectOneLineError(runCli(['events', join(dir, 'nope.log')]), EXIT_CODES.FileNotFound, ['no such file']);
  }, TIMEOUT_MS);

  it('a path through a file (ENOTDIR) is a missing file, not an internal error', () => {
    expectOneLineError(runCli(['analyze', join(sample, 'gc.log')]), EXIT_CODES.FileNotFound, ['no such file']);
  }, TIMEOUT_MS);

  it('a directory', () => {
    expectOneLineError(runCli(['analyze', dir]), EXIT_CODES.IsDirectory, ['is a directory', 'gc.log']);
  }, TIMEOUT_MS);

  it('empty file, and empty stdin', () => {
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '');
    expectOneLineError(runCli(['analyze', empty]), EXIT_CODES.EmptyInput, ['empty.log', 'is empty', '--trace-gc']);
    expectOneLineError(runCli(['events', '-'], { input: '' }), EXIT_CODES.EmptyInput, ['stdin', 'is empty']);
  }, TIMEOUT_MS);

  it('a file with no GC records asks whether the app ran with --trace-gc, and says how', () => {
    const plain = join(dir, 'app.log');
    writeFileSync(plain, 'server listening on :8080\nGET / 200 3ms\nGET /health 200 1ms\n');
    expectOneLineError(runCli(['analyze', plain]), EXIT_CODES.NoGcRecords, ['no GC records', 'was the app run with --trace-gc?', 'node --trace-gc app.js']);
  }, TIMEOUT_MS);

  it('a binary file', () => {
    const binary = join(dir, 'core.bin');
    const bytes = Buffer.alloc(64 * 1024);
    for (let index = 0; index < bytes.length; index++) bytes[index] = (index * 7919) % 251;
    writeFileSync(binary, Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\0\0\0'), bytes]));
    expectOneLineError(runCli(['analyze', binary]), EXIT_CODES.BinaryInput, ['looks binary', 'node --trace-gc']);
    expectOneLineError(runCli(['analyze', '-'], { input: readFileSync(binary) }), EXIT_CODES.BinaryInput, ['stdin', 'looks binary']);
  }, TIMEOUT_MS);

  it('a gzip of a real log is read as is (name or no name)', () => {
    const gz = join(dir, 'ok.log.gz');
    writeFileSync(gz, gzipped);
    const plain = runCli(['analyze', sample, '--json']);
    const fromGzip = runCli(['analyze', gz, '--json']);
    expect(fromGzip.status, fromGzip.stderr).toBe(0);
    const counts = (stdout: string): unknown => (JSON.parse(stdout) as { isolates: Array<{ counts: unknown }> }).isolates.map((isolate) => isolate.counts);
    expect(counts(fromGzip.stdout)).toEqual(counts(plain.stdout));
  }, TIMEOUT_MS);

  it('a UTF-16 log with its byte-order mark (PowerShell `>`) is read, not called binary', () => {
    const utf16 = join(dir, 'powershell.log');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sampleText.replace(/\n/g, '\r\n'), 'utf16le')]));
    const counts = (stdout: string): unknown => (JSON.parse(stdout) as { isolates: Array<{ counts: unknown }> }).isolates.map((isolate) => isolate.counts);
    const result = runCli(['analyze', utf16, '--json']);
    expect(result.status, result.stderr).toBe(0);
    expect(counts(result.stdout)).toEqual(counts(runCli(['analyze', sample, '--json']).stdout));
  }, TIMEOUT_MS);

  it('a truncated .gz', () => {
    const truncated = join(dir, 'truncated.log.gz');
    writeFileSync(truncated, gzipped.subarray(0, Math.floor(gzipped.length / 2)));
    expectOneLineError(runCli(['analyze', truncated]), EXIT_CODES.CorruptGzip, ['truncated.log.gz', 'corrupt or truncated', 'gzip -t']);
    // Cut inside the 10-byte header, and just before the 8-byte trailer.
    for (const length of [3, gzipped.length - 4]) {
      writeFileSync(truncated, gzipped.subarray(0, length));
      expectOneLineError(runCli(['events', truncated]), EXIT_CODES.CorruptGzip, ['corrupt or truncated']);
    }
  }, TIMEOUT_MS);

  it('a corrupt .gz (bytes flipped in the compressed data, or in the checksum)', () => {
    const corrupt = join(dir, 'corrupt.log.gz');
    const flipped = Buffer.from(gzipped);
    for (const at of [Math.floor(flipped.length / 3), Math.floor(flipped.length / 3) + 1, Math.floor(flipped.length / 2)]) flipped[at]! ^= 0xa5;
    writeFileSync(corrupt, flipped);
    expectOneLineError(runCli(['analyze', corrupt]), EXIT_CODES.CorruptGzip, ['corrupt or truncated']);
    const badChecksum = Buffer.from(gzipped);
    badChecksum[badChecksum.length - 6]! ^= 0xff;
    writeFileSync(corrupt, badChecksum);
    expectOneLineError(runCli(['analyze', corrupt]), EXIT_CODES.CorruptGzip, ['corrupt or truncated']);
  }, TIMEOUT_MS);

  it('a newline or a terminal escape in a path does not break the one line', () => {
    const result = runCli(['analyze', join(dir, 'bad\nname\x1b[31m.log')]);
    expectOneLineError(result, EXIT_CODES.FileNotFound, ['bad\\nname\\u001b[31m.log', 'no such file']);
  }, TIMEOUT_MS);

  it('--debug adds the stack trace', () => {
    const result = runCli(['analyze', join(dir, 'nope.log'), '--debug']);
    expect(result.status).toBe(EXIT_CODES.FileNotFound);
    expect(result.stderr).toMatch(/^\s+at /m);
  }, TIMEOUT_MS);
});

describe('gclog with wrong arguments', () => {
  it('unknown flag', () => {
    expectOneLineError(runCli(['analyze', sample, '--bogus']), EXIT_CODES.Usage, ['unknown option --bogus', 'gclog analyze --help']);
  }, TIMEOUT_MS);

  it('unknown command, and a misspelt one', () => {
    expectOneLineError(runCli(['bogus', sample]), EXIT_CODES.Usage, ['unknown command', 'bogus', 'gclog --help']);
    expectOneLineError(runCli(['analyse', sample]), EXIT_CODES.Usage, ['unknown command', 'analyse', 'did you mean analyze', 'gclog --help']);
  }, TIMEOUT_MS);

  it('no command, no file', () => {
    expectOneLineError(runCli([]), EXIT_CODES.Usage, ['name a command', 'gclog --help']);
    expectOneLineError(runCli(['analyze']), EXIT_CODES.Usage, ['analyze needs a GC log file (or - for stdin), e.g. gclog analyze gc.log', 'gclog analyze --help']);
    expectOneLineError(runCli(['events']), EXIT_CODES.Usage, ['events needs a GC log file', 'gclog events --help']);
    expectOneLineError(runCli(['compare']), EXIT_CODES.Usage, ['compare needs two logs, before and after', 'gclog compare --help']);
  }, TIMEOUT_MS);

  it('bad option values', () => {
    expectOneLineError(runCli(['analyze', sample, '--heap-limit', 'lots']), EXIT_CODES.Usage, ['--heap-limit', 'MB', 'gclog analyze --help']);
    expectOneLineError(runCli(['analyze', sample, '--heap-limit', '-1']), EXIT_CODES.Usage, ['--heap-limit']);
    expectOneLineError(runCli(['analyze', sample, '--runtime', 'dino']), EXIT_CODES.Usage, ['--runtime takes node or deno, not dino', 'gclog analyze --help']);
    expectOneLineError(runCli(['analyze', sample, '--out']), EXIT_CODES.Usage, ['--out', 'file path']);
    expectOneLineError(runCli(['analyze', sample, '--json', '--csv']), EXIT_CODES.Usage, ['json', 'csv', 'mutually exclusive']);
  }, TIMEOUT_MS);

  it('- reads stdin (yargs alone would drop a lone -)', () => {
    const events = runCli(['events', '-'], { input: sampleText });
    expect(events.status, events.stderr).toBe(0);
    expect(events.stdout.split('\n').filter(Boolean).length).toBeGreaterThan(0);
    const analyze = runCli(['analyze', '-', '--json'], { input: sampleText });
    expect(analyze.status, analyze.stderr).toBe(0);
    expect((JSON.parse(analyze.stdout) as { inputs: Array<{ name: string }> }).inputs[0]!.name).toBe('stdin');
  }, TIMEOUT_MS);
});

describe('gclog output that cannot be written', () => {
  it('--out in a folder that does not exist, for each format; nothing half-written', () => {
    for (const [format, name] of [[[], 'x.txt'], [['--json'], 'x.json'], [['--csv'], 'x.csv'], [[], 'x.json']] as const) {
      const result = runCli(['analyze', sample, ...format, '--out', `/nonexistent-dir/${name}`]);
      expectOneLineError(result, EXIT_CODES.OutputNotWritable, [`cannot write /nonexistent-dir/${name}`, 'does not exist', '--out']);
    }
  }, TIMEOUT_MS);

  it('--out naming a directory: the error, and no temporary file left beside it', () => {
    const target = join(dir, 'out-is-a-dir');
    mkdirSync(target, { recursive: true });
    for (const format of [[], ['--json'], ['--csv']]) {
      expectOneLineError(runCli(['analyze', sample, ...format, '--out', target]), EXIT_CODES.OutputNotWritable, ['cannot write', 'is a directory']);
      expect(leftovers(dir)).toEqual([]);
      expect(readdirSync(target)).toEqual([]);
    }
  }, TIMEOUT_MS);

  it('an input that fails half-way leaves no output and no temporary file', () => {
    const out = join(dir, 'rows.csv');
    const truncated = join(dir, 'half.log.gz');
    writeFileSync(truncated, gzipped.subarray(0, Math.floor(gzipped.length * 0.8)));
    expectOneLineError(runCli(['analyze', truncated, '--csv', '--out', out]), EXIT_CODES.CorruptGzip, ['corrupt or truncated']);
    expectOneLineError(runCli(['analyze', sample, join(dir, 'nope.log'), '--json', '--out', join(dir, 'rows.json')]), EXIT_CODES.FileNotFound, ['no such file']);
    expect(readdirSync(dir)).not.toContain('rows.csv');
    expect(readdirSync(dir)).not.toContain('rows.json');
    expect(leftovers(dir)).toEqual([]);
  }, TIMEOUT_MS);

  it('a successful --out replaces the file whole', () => {
    const out = join(dir, 'summary.json');
    writeFileSync(out, 'old');
    const result = runCli(['analyze', sample, '--json', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe(`gclog: wrote ${out} (replacing the file that was there)\n`);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveProperty('isolates');
    expect(leftovers(dir)).toEqual([]);
  }, TIMEOUT_MS);

  it('stdout on a full device (/dev/full)', () => {
    for (const args of [['events', sample], ['analyze', sample], ['analyze', sample, '--csv']]) {
      let full: number;
      try {
        full = openFull();
      } catch {
        return; // no /dev/full here (not Linux)
      }
      expectOneLineError(runCli(args, { stdio: ['ignore', full, 'pipe'] }), EXIT_CODES.OutputNotWritable, ['standard output', 'no space left']);
    }
  }, TIMEOUT_MS);

  it('`gclog events big.log | head`: the reader goes away, gclog stops quietly with 0', async () => {
    const big = join(dir, 'big.log');
    writeFileSync(big, sampleText.repeat(Math.ceil(8_000_000 / sampleText.length)));
    for (const args of [['events', big], ['analyze', big, '--csv'], ['analyze', big]]) {
      const result = await runCliClosingStdout(args, 100);
      expect(result.stderr, args.join(' ')).toBe('');
      // 0, or killed by SIGPIPE as Unix tools are: both are what a shell expects after `| head`.
      expect(result.status === 0 || result.signal === 'SIGPIPE', `${args.join(' ')}: status ${result.status}, signal ${result.signal}`).toBe(true);
    }
  }, TIMEOUT_MS);
});

function openFull(): number {
  // Opened here (not by path in spawn) so a missing device throws before the CLI runs.
  return openSync('/dev/full', 'w');
}

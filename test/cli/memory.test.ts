// One line of 100 MB without a newline (a binary blob, a log that lost its newlines): the reader
// drops the line once it passes MAX_LINE_LENGTH, counts it as skipped, and memory stays bounded.

import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/errors.js';
import { loadSamples } from '../fuzz/samples.js';
import { expectOneLineError, runCli } from './run-cli.js';

const TIMEOUT_MS = 120_000;
const LINE_MB = 100;
/** Node itself takes ~50 MB; a 100 MB line held in memory would take 200 MB or more (UTF-16). */
const MAX_RSS_MB = 200;

let dir: string;
let preload: string;
let sampleText: string;

/** Writes `head`, then a 100 MB line with no newline, then `tail`, without holding 100 MB in memory here. */
function writeHugeLine(path: string, head: string, tail = ''): void {
  const fd = openSync(path, 'w');
  writeSync(fd, head);
  const megabyte = Buffer.alloc(1024 * 1024, 'gc ');
  for (let index = 0; index < LINE_MB; index++) writeSync(fd, megabyte);
  writeSync(fd, tail);
  closeSync(fd);
}

/** Runs the built CLI with a preload that records the process's peak resident memory on exit. */
function runMeasured(args: string[]): ReturnType<typeof runCli> & { maxRssMb: number } {
  const rssFile = join(dir, `rss-${Math.random().toString(16).slice(2)}`);
  const result = runCli(args, {
    env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: `--import=${preload}`, GCLOG_RSS_FILE: rssFile },
  });
  // resourceUsage().maxRSS is in KiB.
  return { ...result, maxRssMb: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gclog-memory-'));
  preload = join(dir, 'record-rss.mjs');
  writeFileSync(
    preload,
    "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.GCLOG_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
  );
  const samples = loadSamples();
  sampleText = (samples.find((sample) => sample.name === 'node22-leak.log') ?? samples[0]!).text;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe(`a single line of ${LINE_MB} MB without a newline`, () => {
  it('alone: no GC records, one line, bounded memory', () => {
    const path = join(dir, 'one-line.log');
    writeHugeLine(path, '');
    const result = runMeasured(['analyze', path]);
    expectOneLineError(result, EXIT_CODES.NoGcRecords, ['no GC records in 1 line', '--trace-gc']);
    console.log(`gclog analyze on a ${LINE_MB} MB line: peak RSS ${result.maxRssMb.toFixed(0)} MB`);
    expect(result.maxRssMb).toBeLessThan(MAX_RSS_MB);
    rmSync(path);
  }, TIMEOUT_MS);

  it('after a real log: every GC still read, the long line counted as one skipped line', () => {
    const path = join(dir, 'log-then-line.log');
    const plain = join(dir, 'plain.log');
    writeFileSync(plain, sampleText);
    writeHugeLine(path, sampleText, '');
    const result = runMeasured(['analyze', path, '--json']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.maxRssMb).toBeLessThan(MAX_RSS_MB);
    const expected = JSON.parse(runCli(['analyze', plain, '--json']).stdout) as { inputs: Array<{ lines: number; gcEvents: number; skippedLines: number }> };
    const summary = JSON.parse(result.stdout) as typeof expected;
    expect(summary.inputs[0]!.gcEvents).toBe(expected.inputs[0]!.gcEvents);
    expect(summary.inputs[0]!.lines).toBe(expected.inputs[0]!.lines + 1);
    expect(summary.inputs[0]!.skippedLines).toBe(expected.inputs[0]!.skippedLines + 1);
    rmSync(path);
  }, TIMEOUT_MS);

  it('between two copies of a real log: the line numbers after it stay right', () => {
    const path = join(dir, 'line-in-the-middle.log');
    writeHugeLine(path, sampleText, `\n${sampleText}`);
    const result = runMeasured(['events', path]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.maxRssMb).toBeLessThan(MAX_RSS_MB);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { line: number; pauseMs: number });
    const sampleLines = sampleText.split('\n').length - 1;
    const half = events.length / 2;
    expect(Number.isInteger(half)).toBe(true);
    for (let index = 0; index < half; index++) {
      expect(events[half + index]!.line).toBe(events[index]!.line + sampleLines + 1);
      expect(events[half + index]!.pauseMs).toBe(events[index]!.pauseMs);
    }
    rmSync(path);
  }, TIMEOUT_MS);
});

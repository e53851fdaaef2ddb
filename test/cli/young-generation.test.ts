// The CLI holds V8's young generation at YOUNG_GENERATION_CAP_MB while it reads (src/cli/young-generation.ts):
// the same real-shape log read by the library alone, which leaves the heap to V8, grows it past that.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YOUNG_GENERATION_CAP_MB } from '../../src/cli/young-generation.js';
import { samplePath } from '../support/samples.js';
import { runCli } from './run-cli.js';

const TIMEOUT_MS = 180_000;
const LOG_MB = 40;
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Written at exit by a preload: the young generation's size (both semi-spaces) in MB. */
const RECORD_NEW_SPACE = `
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';
process.on('exit', () => {
  const newSpace = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  writeFileSync(process.env.GCLOG_NEW_SPACE_FILE, String(newSpace.space_size / 1024 / 1024));
});
`;

/** The library alone: read and analyze the log, print the number of GC events. */
const LIBRARY_ONLY = `
const { readLog } = await import(process.env.GCLOG_DIST + 'parse/reader.js');
const { Analyzer } = await import(process.env.GCLOG_DIST + 'analyze/analyzer.js');
const analyzer = new Analyzer();
const parsed = await readLog(process.env.GCLOG_LOG, analyzer.beginInput('log'));
analyzer.endInput(parsed);
process.stdout.write(String(analyzer.summary().inputs[0].gcEvents));
`;

let dir: string;
let log: string;
let preload: string;

/** A sample's GC records replayed with shifted timestamps until the file has `sizeMb`. */
function writeReplayedLog(path: string, sizeMb: number): void {
  const records = readFileSync(samplePath('node22-steady.log'), 'utf8')
    .split('\n')
    .map((line) => /^(\[[^\]]*\]\s*?)( *)(\d+)( ms: .*)$/.exec(line))
    .filter((match) => match !== null);
  const spanMs = Number(records.at(-1)![3]) + 1;
  const parts: string[] = [];
  let written = 0;
  for (let replay = 0; written < sizeMb * 1024 * 1024; replay++) {
    const text = records.map((m) => `${m[1]}${String(Number(m[3]) + replay * spanMs).padStart(m[2]!.length + m[3]!.length)}${m[4]}\n`).join('');
    parts.push(text);
    written += text.length;
  }
  writeFileSync(path, parts.join(''));
}

function newSpaceMb(file: string): number {
  return Number(readFileSync(file, 'utf8'));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gclog-young-'));
  log = join(dir, 'replayed.log');
  writeReplayedLog(log, LOG_MB);
  preload = join(dir, 'record-new-space.mjs');
  writeFileSync(preload, RECORD_NEW_SPACE);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe(`reading a ${LOG_MB} MB log`, () => {
  it(`the CLI keeps the young generation at ${YOUNG_GENERATION_CAP_MB} MB; the library alone lets V8 grow it further`, () => {
    const cliFile = join(dir, 'cli-new-space');
    const summaryPath = join(dir, 'summary.json');
    const cli = runCli(['analyze', log, '--json', '--out', summaryPath], {
      env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: `--import=${preload}`, GCLOG_NEW_SPACE_FILE: cliFile },
      timeout: TIMEOUT_MS,
    });
    expect(cli.status, cli.stderr).toBe(0);

    const libraryFile = join(dir, 'library-new-space');
    const library = spawnSync(process.execPath, [`--import=${preload}`, '--input-type=module', '-e', LIBRARY_ONLY], {
      encoding: 'utf8',
      env: { ...process.env, GCLOG_DIST: DIST, GCLOG_LOG: log, GCLOG_NEW_SPACE_FILE: libraryFile },
      timeout: TIMEOUT_MS,
    });
    expect(library.status, library.stderr).toBe(0);

    console.log(`young generation after ${LOG_MB} MB: CLI ${newSpaceMb(cliFile)} MB, library alone ${newSpaceMb(libraryFile)} MB`);
    expect(newSpaceMb(cliFile)).toBeLessThanOrEqual(YOUNG_GENERATION_CAP_MB);
    expect(newSpaceMb(libraryFile)).toBeGreaterThan(YOUNG_GENERATION_CAP_MB);
    // Same reading either way.
    const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as { inputs: Array<{ gcEvents: number }> };
    expect(summary.inputs[0]!.gcEvents).toBe(Number(library.stdout));
  }, TIMEOUT_MS);
});

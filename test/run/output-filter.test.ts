// The split of a child's output into the app's bytes and V8's lines, on real output: a Node 22 app
// whose own lines imitate GC records (samples/node22-app-output.log), a real out-of-memory block,
// fed in chunks of every awkward size.

import { describe, expect, it } from 'vitest';
import { findGcOutput, MAX_HELD_BYTES, OutputFilter } from '../../src/run/output-filter.js';
import { readSample, sampleLine } from '../support/samples.js';

function run(mode: 'remove' | 'copy', chunks: Buffer[]): { app: Buffer; gc: string[]; filter: OutputFilter } {
  const app: Buffer[] = [];
  const gc: string[] = [];
  const filter = new OutputFilter({ mode, passThrough: (bytes) => app.push(Buffer.from(bytes)), gcLine: (line) => gc.push(line) });
  for (const chunk of chunks) filter.push(chunk);
  filter.flushHeld();
  return { app: Buffer.concat(app), gc, filter };
}

function chunked(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.subarray(start, start + size));
  return chunks;
}

const APP_OUTPUT = readSample('node22-app-output.log');
const V8_LINE = /^\[\d+:0x[0-9a-f]+\]/;

describe('OutputFilter on a real app whose lines imitate GC records', () => {
  const lines = APP_OUTPUT.split('\n');
  const expectedGc = lines.filter((line) => V8_LINE.test(line));
  const expectedApp = lines.filter((line) => !V8_LINE.test(line)).join('\n');

  it.each([1, 7, 64, 4096, APP_OUTPUT.length])('takes exactly the V8 lines out, in chunks of %i bytes', (size) => {
    const { app, gc } = run('remove', chunked(Buffer.from(APP_OUTPUT), size));
    expect(gc).toEqual(expectedGc);
    // grep -cE '^\[[0-9]+:0x[0-9a-f]+\]' samples/node22-app-output.log
    expect(gc).toHaveLength(241);
    expect(app.toString('utf8')).toBe(expectedApp);
  });

  it('in copy mode (stderr) passes every byte and still copies the V8 lines', () => {
    const { app, gc } = run('copy', chunked(Buffer.from(APP_OUTPUT), 100));
    expect(app.toString('utf8')).toBe(APP_OUTPUT);
    expect(gc).toEqual(expectedGc);
  });
});

describe('OutputFilter on damaged and glued lines', () => {
  const record = sampleLine('node22-app-output.log', 6);

  it('splits an app line that V8 printed into: the app keeps its text, the record goes to the log', () => {
    const { app, gc, filter } = run('remove', [Buffer.from('progress 10%'), Buffer.from(`${record}\n`), Buffer.from('... done\n')]);
    expect(app.toString()).toBe('progress 10%... done\n');
    expect(gc).toEqual([record]);
    expect(filter.atLineStart).toBe(true);
  });

  it('reads a record ending in CRLF without its CR', () => {
    const { gc } = run('remove', [Buffer.from(`${record}\r\n`)]);
    expect(gc).toEqual([record]);
  });

  it('passes a prompt at once when it cannot start a V8 line, and holds one that can until the line ends', () => {
    const prompt = run('remove', [Buffer.from('Continue? ')]);
    expect(prompt.app.toString()).toBe('Continue? ');
    expect(prompt.filter.atLineStart).toBe(false);
    const app: string[] = [];
    const filter = new OutputFilter({ mode: 'remove', passThrough: (bytes) => app.push(bytes.toString()), gcLine: () => {} });
    filter.push(Buffer.from('[y/N] '));
    expect(app).toEqual([]);
    filter.flushHeld();
    expect(app).toEqual(['[y/N] ']);
  });

  it('holds at most MAX_HELD_BYTES of an unfinished line that could be V8’s', () => {
    const passed: number[] = [];
    const filter = new OutputFilter({ mode: 'remove', passThrough: (bytes) => passed.push(bytes.length), gcLine: () => {} });
    filter.push(Buffer.from(`[${'x'.repeat(MAX_HELD_BYTES - 1)}`));
    expect(passed).toEqual([]);
    filter.push(Buffer.from('x'));
    expect(passed).toEqual([MAX_HELD_BYTES + 1]);
  });

  it('takes a real out-of-memory block out of stdout, but leaves the stack-trace marker and the fatal line to be seen', () => {
    const oom = readSample('node12-oom.log').split('\n');
    const start = oom.findIndex((line) => line.includes('<--- Last few GCs --->'));
    const end = oom.findIndex((line) => line.includes('<--- JS stacktrace --->'));
    const block = oom.slice(start, end + 1);
    const fatal = 'FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory';
    const { app, gc } = run('remove', [Buffer.from(`before\n${block.join('\n')}\n\n${fatal}\nafter\n`)]);
    expect(gc).toEqual([...block, fatal]);
    expect(app.toString()).toBe(`before\n<--- JS stacktrace --->\n\n${fatal}\nafter\n`);
  });
});

describe('findGcOutput', () => {
  it('finds V8 headers with an isolate, old pid-only records, and gclog’s process lines; not [1]-style app prefixes', () => {
    expect(findGcOutput('[1234:0x5408db0]    5 ms: Scavenge', false)).toEqual({ start: 0, alsoShown: false });
    expect(findGcOutput('x [1234:000001E565C2F6F0] 5 ms', false)).toEqual({ start: 2, alsoShown: false });
    expect(findGcOutput('[4213]      321 ms: Scavenge 2.1 (5.0) -> 1.8 (6.0) MB, 1 ms [allocation failure].', false)).toEqual({ start: 0, alsoShown: false });
    expect(findGcOutput('[1] server started', false)).toBeNull();
    expect(findGcOutput('[1] 5 ms later', false)).toBeNull();
    expect(findGcOutput('gclog:process {"v":1}', false)).toEqual({ start: 0, alsoShown: false });
    expect(findGcOutput('', true)).toEqual({ start: 0, alsoShown: false });
    expect(findGcOutput('', false)).toBeNull();
  });
});

// The split of a child's output into the app's bytes and V8's lines, on real output: a Node 22 app
// whose own lines imitate GC records (samples/node22-app-output.log), a real out-of-memory block,
// fed in chunks of every awkward size.

import { describe, expect, it } from 'vitest';
import { couldStartGcOutput, findGcOutput, MAX_HELD_BYTES, OutputFilter, TracedPids } from '../../src/run/output-filter.js';
import { readSample, sampleLine } from '../support/samples.js';

/** The pids the filter takes V8 lines from; in a gclog run log their `gclog:process` lines name them. */
function traced(...pidList: number[]): TracedPids {
  const pids = new TracedPids();
  for (const pid of pidList) pids.add(pid);
  return pids;
}

// The pids of the real samples used here: node22-app-output.log, node12-oom.log.
const SAMPLE_PIDS = [20991, 17070];

function run(mode: 'remove' | 'copy', chunks: Buffer[], pids = traced(...SAMPLE_PIDS)): { app: Buffer; gc: string[]; filter: OutputFilter } {
  const app: Buffer[] = [];
  const gc: string[] = [];
  const filter = new OutputFilter({ mode, passThrough: (bytes) => app.push(Buffer.from(bytes)), gcLine: (line) => gc.push(line), pids });
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
    const filter = new OutputFilter({ mode: 'remove', passThrough: (bytes) => app.push(bytes.toString()), gcLine: () => {}, pids: traced(20991) });
    filter.push(Buffer.from('[2099'));
    expect(app).toEqual([]);
    filter.flushHeld();
    expect(app).toEqual(['[2099']);
  });

  it('holds at most MAX_HELD_BYTES of an unfinished line that could be V8’s', () => {
    const passed: number[] = [];
    const filter = new OutputFilter({ mode: 'remove', passThrough: (bytes) => passed.push(bytes.length), gcLine: () => {}, pids: traced(20991) });
    filter.push(Buffer.from(`[20991:0x${'x'.repeat(MAX_HELD_BYTES - 9)}`));
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

describe('findGcOutput and couldStartGcOutput', () => {
  const pids = traced(1234, 4213);

  it('take V8 headers of a traced pid only: not [12:34:56] timestamps, [3:7] positions, [1] prefixes or GC lines of other pids', () => {
    expect(findGcOutput('[1234:0x5408db0]    5 ms: Scavenge', false, pids)).toEqual({ start: 0, alsoShown: false });
    expect(findGcOutput('x [1234:000001E565C2F6F0] 5 ms', false, pids)).toEqual({ start: 2, alsoShown: false });
    expect(findGcOutput('[4213]      321 ms: Scavenge 2.1 (5.0) -> 1.8 (6.0) MB, 1 ms [allocation failure].', false, pids)).toEqual({ start: 0, alsoShown: false });
    expect(findGcOutput('[12:34:56] Starting build', false, traced(12))).toBeNull();
    expect(findGcOutput('at position [3:7] expected )', false, traced(3))).toBeNull();
    expect(findGcOutput('[1] 5 ms later', false, traced(1))).toBeNull();
    expect(findGcOutput('[9999:0x5408db0]    5 ms: Scavenge', false, pids)).toBeNull();
    expect(findGcOutput('[1234:0x5408db0]    5 ms: Scavenge', false, new TracedPids())).toBeNull();
  });

  it('take gclog’s process lines only when they are well-formed, and orphan NVP bodies of a traced process', () => {
    expect(findGcOutput('gclog:process {"v":1,"pid":7}', false, new TracedPids())).toEqual({ start: 0, alsoShown: false });
    expect(findGcOutput('gclog:process {"fake":true}', false, pids)).toBeNull();
    expect(findGcOutput('pause=65.1 mutator=5.3 gc=s reduce_memory=0', false, pids)).toEqual({ start: 0, alsoShown: false });
    expect(findGcOutput('pause=65.1 mutator=5.3 gc=s reduce_memory=0', false, new TracedPids())).toBeNull();
    expect(findGcOutput('', true, pids)).toEqual({ start: 0, alsoShown: false });
    expect(findGcOutput('', false, pids)).toBeNull();
  });

  it('hold an unfinished line only while it can still become a traced pid’s header or a marker', () => {
    const could = (text: string) => couldStartGcOutput(Buffer.from(text), pids);
    expect([could('['), could('[12'), could('[1234'), could('[1234:'), could('[4213]'), could('gclog:pro'), could('<--- Last')]).toEqual([true, true, true, true, true, true, true]);
    expect([could('[#### '), could('[12:'), could('[99'), could('[1234x'), could('Loading'), could('<b>')]).toEqual([false, false, false, false, false, false]);
  });
});

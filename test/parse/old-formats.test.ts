// The oldest `--trace-gc` text, from real Node 0.10, 0.12, 4, 5 and io.js 1–3 (V8 3.14 to 4.6;
// samples/formats/generate.sh): one pause number, integer ms, `[Runtime::PerformGC]`, the
// `since last GC` incremental part, the split old generation of the verbose block, V8 4.x's doubled
// NVP header, and records cut by the application's output or by the crash. Every value below is
// printed in the line quoted above it.

import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import { EraDetector } from '../../src/analyze/era.js';
import { isGcEvent, type GcEvent, type TraceEvent } from '../../src/events.js';
import { parseLog } from '../../src/parse/log-parser.js';
import { readLog } from '../../src/parse/reader.js';
import { readSample, sampleLine, samplePath } from '../support/samples.js';

function gcEvents(text: string): GcEvent[] {
  const { events, stats } = parseLog(text);
  expect(stats.unparsed.count).toBe(0);
  return events.filter(isGcEvent);
}

function lineOf(sample: string, lineNumber: number): GcEvent {
  const events = gcEvents(sampleLine(`formats/${sample}`, lineNumber));
  expect(events).toHaveLength(1);
  return events[0]!;
}

describe('V8 3.x – 4.x --trace-gc records', () => {
  it('Node 0.10 (V8 3.14): integer pause, [Runtime::PerformGC] [promotion limit reached]', () => {
    // [1128]       45 ms: Mark-sweep 9.6 (41.0) -> 7.9 (43.0) MB, 6 ms [Runtime::PerformGC] [promotion limit reached].
    const event = lineOf('node0.10-steady.log', 8);
    expect(event).toEqual({
      type: 'Mark-Compact',
      generation: 'old',
      v8Name: 'Mark-sweep',
      pid: 1128,
      isolate: null,
      timeMs: 45,
      decorations: [],
      heapBeforeMb: 9.6,
      committedBeforeMb: 41,
      heapAfterMb: 7.9,
      committedAfterMb: 43,
      pauseMs: 6,
      reason: 'Runtime::PerformGC',
      collectorReason: 'promotion limit reached',
      line: 1,
      source: 'trace',
    });
    expect(event.externalMs).toBeUndefined();
  });

  it('Node 0.10: the incremental part with a six-decimal biggest step, and since last GC', () => {
    // [1128]      114 ms: Mark-sweep 31.5 (51.0) -> 25.2 (61.0) MB, 12 ms (+ 14 ms in 245 steps since start of marking, biggest step 0.222900 ms) [Runtime::PerformGC] [promotion limit reached].
    expect(lineOf('node0.10-steady.log', 13)).toMatchObject({
      timeMs: 114,
      pauseMs: 12,
      incremental: { stepsMs: 14, steps: 245, biggestStepMs: 0.2229, sinceStartOfMarking: true },
      reason: 'Runtime::PerformGC',
    });
    // [1128]     7933 ms: Scavenge 116.4 (137.0) -> 110.6 (143.0) MB, 11 ms (+ 7 ms in 127 steps since last GC) [Runtime::PerformGC] [incremental marking delaying mark-sweep].
    expect(lineOf('node0.10-steady.log', 406)).toMatchObject({
      type: 'Scavenge',
      pauseMs: 11,
      incremental: { stepsMs: 7, steps: 127, sinceStartOfMarking: false },
      collectorReason: 'incremental marking delaying mark-sweep',
    });
  });

  it('Node 0.12 and io.js: one-decimal pause alone, then the trailing period', () => {
    // [2320]       36 ms: Scavenge 2.0 (37.5) -> 1.7 (37.5) MB, 1.0 ms [allocation failure].
    expect(lineOf('node0.12-steady.log', 1)).toMatchObject({ timeMs: 36, heapBeforeMb: 2, committedBeforeMb: 37.5, heapAfterMb: 1.7, pauseMs: 1, reason: 'allocation failure' });
    // [4040]     1250 ms: Mark-sweep 577.9 (611.6) -> 84.5 (135.6) MB, 47.9 ms (+ 50.8 ms in 1004 steps since start of marking, biggest step 4.1 ms) [GC interrupt] [GC in old space requested].
    expect(lineOf('iojs1-steady.log', 82)).toMatchObject({
      heapBeforeMb: 577.9,
      heapAfterMb: 84.5,
      pauseMs: 47.9,
      incremental: { stepsMs: 50.8, steps: 1004, biggestStepMs: 4.1 },
      reason: 'GC interrupt',
      collectorReason: 'GC in old space requested',
    });
  });

  it('Node 5 (V8 4.6): `X / 0 ms`, bracketed reasons', () => {
    // [3605:0x167ca630]      151 ms: Mark-sweep 12.0 (46.1) -> 5.6 (46.1) MB, 6.3 / 0 ms [allocation failure] [promotion limit reached].
    expect(lineOf('node5-oom.log', 25)).toMatchObject({
      pid: 3605,
      isolate: '0x167ca630',
      pauseMs: 6.3,
      externalMs: 0,
      reason: 'allocation failure',
      collectorReason: 'promotion limit reached',
    });
  });

  it('a record cut by the fatal line (io.js 1): the record is truncated, the crash read on its own', () => {
    // [4288]     8283 ms: Scavenge 40.6 (77.9) -> 40.4 (77.9) MB, 0.5 ms (+ 4.3 ms in 4 steps since last GC) [allocation failure] [incremental marking delayinFATAL ERROR: CALL_AND_RETRY_LAST Allocation failed - process out of memory
    const { events, stats } = parseLog(sampleLine('formats/iojs1-oom.log', 12058));
    expect(stats.unparsed.count).toBe(0);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ type: 'Scavenge', timeMs: 8283, pauseMs: 0.5, reason: 'allocation failure', truncated: true });
    expect((events[0] as GcEvent).collectorReason).toBeUndefined();
    expect(events[1]).toMatchObject({ type: 'OutOfMemory', location: 'CALL_AND_RETRY_LAST', message: 'Allocation failed - process out of memory' });
  });

  it('a record cut by the application printing at exit is reported, with its line number', () => {
    // [1128]     7956 ms: Mark-sweep 122.4 (143.0) -> 60.8 (99steady done: iterations=42296 …
    const { stats } = parseLog(sampleLine('formats/node0.10-steady.log', 407));
    expect(stats.unparsed.count).toBe(1);
    expect(stats.unparsed.lines[0]!.text).toContain('Mark-sweep 122.4 (143.0) -> 60.8 (99steady done');
  });
});

describe('a record torn in two lines by the app\'s output', () => {
  it('node0.10-oom lines 7102–7103: the tail is reported unparsed with its line number, not read as a process without a pid', () => {
    // 7102: [1462]    198oom.js: retained 100001 records
    // 7103: 87 ms: Mark-sweep 28.0 (63.0) -> 27.9 (63.0) MB, 0 ms (+ 16 ms in 2 steps since start of marking, …) [StackGuard GC request] [GC in old space requested].
    const lines = readSample('formats/node0.10-oom.log').split('\n');
    // From 7097: [1462]    19870 ms: Mark-sweep 28.0 (63.0) -> 27.9 (63.0) MB, … (the record before, whole)
    const { events, stats } = parseLog(lines.slice(7096, 7103).join('\n'));
    const gcs = events.filter(isGcEvent);
    expect(gcs.map((event) => [event.line, event.pid, event.timeMs])).toEqual([[1, 1462, 19870]]);
    expect(stats.unparsed.count).toBe(1);
    expect(stats.unparsed.lines[0]).toEqual({ line: 7, text: lines[7102] });
  });

  it('the whole log: one isolate, pid 1462, and line 7103 among the unparsed', async () => {
    const summary = await analyzeFiles([samplePath('formats/node0.10-oom.log')]);
    expect(summary.isolates.map((isolate) => isolate.pid)).toEqual([1462]);
    expect(summary.unparsed.lines.map((line) => line.line)).toEqual([7103]);
  });

  it('a log whose headers a logger stripped (all of them, damaged in code) is still read, as records without a pid', () => {
    // Lines 1–4 of node0.10-steady.log without `[1128] `: 22, 25, 25 and 28 ms.
    const stripped = readSample('formats/node0.10-steady.log').split('\n').slice(0, 4).map((line) => line.replace('[1128] ', ''));
    const { events, stats } = parseLog(stripped.join('\n'));
    expect(stats.unparsed.count).toBe(0);
    expect(events.filter(isGcEvent).map((event) => [event.pid, event.timeMs])).toEqual([[null, 22], [null, 25], [null, 25], [null, 28]]);
  });
});

describe('V8 3.x – 4.x --trace-gc-verbose blocks', () => {
  it('Node 0.12: Old pointers, Old data space, Cell and PropertyCell spaces, attached to the GC before them', () => {
    const events = gcEvents(readSample('formats/node0.12-steady.verbose.log').split('\n').slice(0, 14).join('\n'));
    // [2905]       28 ms: Scavenge 2.0 (37.5) -> 1.7 (37.5) MB, 1.2 ms [allocation failure].
    expect(events[0]).toMatchObject({ timeMs: 28, pauseMs: 1.2 });
    expect(events[0]!.spaces).toEqual({
      spaces: {
        new: { usedKb: 668, availableKb: 355, committedKb: 2048 },
        old_pointer: { usedKb: 375, availableKb: 0, committedKb: 896 },
        old_data: { usedKb: 189, availableKb: 0, committedKb: 192 },
        code: { usedKb: 400, availableKb: 0, committedKb: 996 },
        map: { usedKb: 65, availableKb: 0, committedKb: 128 },
        cell: { usedKb: 2, availableKb: 0, committedKb: 128 },
        property_cell: { usedKb: 25, availableKb: 0, committedKb: 64 },
        lo: { usedKb: 0, availableKb: 1459723, committedKb: 0 },
        all: { usedKb: 1727, availableKb: 355, committedKb: 4452 },
      },
      allocatorUsedKb: 38372,
      externalKb: 0,
      totalGcTimeMs: 1.2,
    });
  });
});

describe('V8 3.x – 4.x --trace-gc-nvp', () => {
  it('Node 4: the doubled header `[pid:isolate] [I:isolate]`', () => {
    // [6475:0x16ad4ff0] [I:0x16ad4ff0]      128 ms: pause=0.7 mutator=0.3 gc=s external=0.0 … total_size_before=…
    const line = sampleLine('formats/node4-steady.nvp.log', 2);
    const before = Number(/total_size_before=(\d+)/.exec(line)![1]);
    const event = gcEvents(line)[0]!;
    expect(event).toMatchObject({ type: 'Scavenge', pid: 6475, isolate: '0x16ad4ff0', timeMs: 128, pauseMs: 0.7, source: 'nvp' });
    expect(event.heapBeforeMb).toBe(before / (1024 * 1024));
  });
});

/** GC records per type, lines reported unparsed and fatal events in each sample (counted with grep: see the test below). */
const OLD_SAMPLES: Record<string, { types: Record<string, number>; unparsed: number[]; outOfMemory: number; era: string }> = {
  'node0.10-steady.log': { types: { Scavenge: 365, 'Mark-Compact': 45 }, unparsed: [407], outOfMemory: 0, era: 'V8 3.14 (Node 0.10)' },
  'node0.10-leak.log': { types: { Scavenge: 778, 'Mark-Compact': 81 }, unparsed: [], outOfMemory: 0, era: 'V8 3.14 (Node 0.10)' },
  'node0.10-oom.log': { types: { Scavenge: 74, 'Mark-Compact': 2217 }, unparsed: [7103], outOfMemory: 0, era: 'V8 3.14 (Node 0.10)' },
  'node0.10-steady.verbose.log': { types: { Scavenge: 76, 'Mark-Compact': 10 }, unparsed: [], outOfMemory: 0, era: 'V8 3.14 (Node 0.10)' },
  'node0.10-steady.nvp.log': { types: { Scavenge: 48, 'Mark-Compact': 6 }, unparsed: [48], outOfMemory: 0, era: 'V8 3.14 (Node 0.10)' },
  'node0.12-steady.log': { types: { Scavenge: 261, 'Mark-Compact': 8 }, unparsed: [294], outOfMemory: 0, era: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)' },
  'node0.12-leak.log': { types: { Scavenge: 801, 'Mark-Compact': 18 }, unparsed: [], outOfMemory: 0, era: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)' },
  'node0.12-oom.log': { types: { Scavenge: 42, 'Mark-Compact': 524 }, unparsed: [4048, 10199], outOfMemory: 1, era: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)' },
  'node0.12-steady.verbose.log': { types: { Scavenge: 82, 'Mark-Compact': 3 }, unparsed: [], outOfMemory: 0, era: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)' },
  'node0.12-steady.nvp.log': { types: { Scavenge: 32, 'Mark-Compact': 2 }, unparsed: [36], outOfMemory: 0, era: 'V8 3.28 – 4.6 (Node 0.12 – 5, io.js 1 – 3)' },
  'iojs1-steady.log': { types: { Scavenge: 441, 'Mark-Compact': 10 }, unparsed: [], outOfMemory: 0, era: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)' },
  'iojs1-leak.log': { types: { Scavenge: 1048, 'Mark-Compact': 21 }, unparsed: [1167], outOfMemory: 0, era: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)' },
  'iojs1-oom.log': { types: { Scavenge: 42, 'Mark-Compact': 501 }, unparsed: [2199], outOfMemory: 1, era: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)' },
  'iojs1-steady.verbose.log': { types: { Scavenge: 130, 'Mark-Compact': 2 }, unparsed: [], outOfMemory: 0, era: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)' },
  'iojs1-steady.nvp.log': { types: { Scavenge: 35 }, unparsed: [], outOfMemory: 0, era: 'V8 3.28 – 4.6 (Node 0.12 – 5, io.js 1 – 3)' },
  'iojs2-steady.log': { types: { Scavenge: 394, 'Mark-Compact': 11 }, unparsed: [], outOfMemory: 0, era: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)' },
  'iojs2-leak.log': { types: { Scavenge: 933, 'Mark-Compact': 20 }, unparsed: [1032], outOfMemory: 0, era: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)' },
  'iojs2-oom.log': { types: { Scavenge: 39, 'Mark-Compact': 533 }, unparsed: [], outOfMemory: 1, era: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)' },
  'iojs2-steady.verbose.log': { types: { Scavenge: 89, 'Mark-Compact': 3 }, unparsed: [], outOfMemory: 0, era: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)' },
  'iojs2-steady.nvp.log': { types: { Scavenge: 41, 'Mark-Compact': 1 }, unparsed: [], outOfMemory: 0, era: 'V8 3.28 – 4.6 (Node 0.12 – 5, io.js 1 – 3)' },
  'iojs3-steady.log': { types: { Scavenge: 237, 'Mark-Compact': 6 }, unparsed: [], outOfMemory: 0, era: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)' },
  'iojs3-leak.log': { types: { Scavenge: 912, 'Mark-Compact': 21 }, unparsed: [], outOfMemory: 0, era: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)' },
  'iojs3-oom.log': { types: { Scavenge: 44, 'Mark-Compact': 210 }, unparsed: [], outOfMemory: 1, era: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)' },
  'iojs3-steady.verbose.log': { types: { Scavenge: 102, 'Mark-Compact': 3 }, unparsed: [], outOfMemory: 0, era: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)' },
  'iojs3-steady.nvp.log': { types: { Scavenge: 28, 'Mark-Compact': 1 }, unparsed: [], outOfMemory: 0, era: 'V8 3.28 – 4.6 (Node 0.12 – 5, io.js 1 – 3)' },
  'node4-steady.log': { types: { Scavenge: 207, 'Mark-Compact': 6 }, unparsed: [], outOfMemory: 0, era: 'V8 4.5 – 6.6 (Node 4 – 10)' },
  'node4-leak.log': { types: { Scavenge: 9112, 'Mark-Compact': 15 }, unparsed: [], outOfMemory: 0, era: 'V8 4.5 – 6.6 (Node 4 – 10)' },
  'node4-oom.log': { types: { Scavenge: 76, 'Mark-Compact': 258 }, unparsed: [], outOfMemory: 1, era: 'V8 4.5 – 6.6 (Node 4 – 10)' },
  'node4-steady.verbose.log': { types: { Scavenge: 767, 'Mark-Compact': 2 }, unparsed: [], outOfMemory: 0, era: 'V8 4.5 – 6.6 (Node 4 – 10)' },
  'node4-steady.nvp.log': { types: { Scavenge: 37, 'Mark-Compact': 1 }, unparsed: [], outOfMemory: 0, era: 'V8 3.28 – 4.6 (Node 0.12 – 5, io.js 1 – 3)' },
  'node5-steady.log': { types: { Scavenge: 342, 'Mark-Compact': 9 }, unparsed: [352], outOfMemory: 0, era: 'V8 4.5 – 6.6 (Node 4 – 10)' },
  'node5-leak.log': { types: { Scavenge: 958, 'Mark-Compact': 21 }, unparsed: [965], outOfMemory: 0, era: 'V8 4.5 – 6.6 (Node 4 – 10)' },
  'node5-oom.log': { types: { Scavenge: 85, 'Mark-Compact': 224 }, unparsed: [264], outOfMemory: 1, era: 'V8 4.5 – 6.6 (Node 4 – 10)' },
  'node5-steady.verbose.log': { types: { Scavenge: 105, 'Mark-Compact': 3 }, unparsed: [], outOfMemory: 0, era: 'V8 4.5 – 6.6 (Node 4 – 10)' },
  'node5-steady.nvp.log': { types: { Scavenge: 41, 'Mark-Compact': 1 }, unparsed: [], outOfMemory: 0, era: 'V8 3.28 – 4.6 (Node 0.12 – 5, io.js 1 – 3)' },
};

/** Records a grep finds in the text: every line with a record's start, plus each NVP line. */
function grepRecords(text: string): number {
  return text.split('\n').filter((line) => / ms: (?:Scavenge|Mark-sweep)|pause=/.test(line)).length;
}

describe('every old-format sample', () => {
  it.each(Object.keys(OLD_SAMPLES))('%s: every record read, except the ones cut by other output', async (name) => {
    const expected = OLD_SAMPLES[name]!;
    const events: TraceEvent[] = [];
    const { stats } = await readLog(samplePath(`formats/${name}`), (event) => events.push(event));
    const types: Record<string, number> = {};
    const era = new EraDetector();
    for (const event of events.filter(isGcEvent)) {
      types[event.type] = (types[event.type] ?? 0) + 1;
      era.add(event);
    }
    expect(types).toEqual(expected.types);
    expect(stats.unparsed.lines.map((line) => line.line)).toEqual(expected.unparsed);
    expect(stats.outOfMemoryEvents).toBe(expected.outOfMemory);
    expect(era.guess()).toBe(expected.era);
    // Each record grep sees is an event, reported unparsed, or (OOM block) the same GC read twice.
    const read = Object.values(expected.types).reduce((sum, count) => sum + count, 0);
    expect(read + expected.unparsed.length + stats.duplicateOomRecords).toBe(grepRecords(readSample(`formats/${name}`)));
  });
});

describe('Deno (deno 2.9.6, V8 15.0; --v8-flags=--trace-gc)', () => {
  it('reads like Node 25+: every record, the one the exit line was written into kept without its reasons', async () => {
    const events: TraceEvent[] = [];
    const { stats } = await readLog(samplePath('formats/deno-steady.log'), (event) => events.push(event));
    const gcs = events.filter(isGcEvent);
    expect(gcs.filter((event) => event.type === 'Scavenge')).toHaveLength(29);
    expect(gcs.filter((event) => event.type === 'Mark-Compact')).toHaveLength(19);
    expect(stats.unparsed.count).toBe(0);
    // [5547:0x557dc7124000]     2953 ms: Incremental Mark-Compact 186.1 (222.9) -> 33.7 (88.4) MB, pooled: 143.5 MB, 41.51 / 0.00 ms (+ 2.1 ms in 25 steps …) (average mu = 0.832, current mu = 0.813) finalize incrementasteady done: iterations=45750 …
    const cut = gcs.find((event) => event.line === 35)!;
    expect(cut).toMatchObject({ v8Name: 'Incremental Mark-Compact', timeMs: 2953, heapAfterMb: 33.7, pooledMb: 143.5, pauseMs: 41.51, reason: null, truncated: true });
    expect(cut.mu).toEqual({ average: 0.832, current: 0.813 });
  });

  it("deno-oom.log: 23 Scavenge lines, one torn by the app's output and reported (line 28), 2 Mark-Compacts, V8's own fatal line", async () => {
    const events: TraceEvent[] = [];
    const { stats } = await readLog(samplePath('formats/deno-oom.log'), (event) => events.push(event));
    const gcs = events.filter(isGcEvent);
    expect(gcs.filter((event) => event.type === 'Scavenge')).toHaveLength(22);
    expect(gcs.filter((event) => event.type === 'Mark-Compact')).toHaveLength(2);
    expect(stats.unparsed.lines.map((line) => line.line)).toEqual([28]);
    // 42: # Fatal JavaScript out of memory: Reached heap limit
    expect(events.find((event) => event.type === 'OutOfMemory')).toMatchObject({ line: 42, location: 'Reached heap limit' });
  });

  it('NVP JSON with the 13.6+ header; the record cut by the exit line reported', async () => {
    const events: TraceEvent[] = [];
    const { stats } = await readLog(samplePath('formats/deno-steady.nvp.log'), (event) => events.push(event));
    const gcs = events.filter(isGcEvent);
    expect(gcs.filter((event) => event.type === 'Scavenge')).toHaveLength(39);
    expect(gcs.filter((event) => event.type === 'Mark-Compact')).toHaveLength(4);
    expect(gcs[0]).toMatchObject({ pid: 5680, isolate: '0x55cd36522000', isolateId: 0, timeMs: 182, pauseMs: 1.171, source: 'nvp-json' });
    expect(stats.unparsed.lines.map((line) => line.line)).toEqual([43]);
  });
});

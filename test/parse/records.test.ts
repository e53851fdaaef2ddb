// One real record of each format generation, parsed field by field. Each test reads the line from
// its sample (the line is quoted in a comment) and expects exactly the values printed in it.

import { describe, expect, it } from 'vitest';
import { isGcEvent, type GcEvent, type OutOfMemoryEvent } from '../../src/events.js';
import { parseLog } from '../../src/parse/log-parser.js';
import { readSample, sampleLine } from '../support/samples.js';

const MIB = 1024 * 1024;

function parseLines(...lines: string[]): GcEvent[] {
  const { events, stats } = parseLog(lines.join('\n'));
  expect(stats.unparsed.count).toBe(0);
  return events.filter(isGcEvent);
}

/** The 1-based number of the first line of a sample that contains `text`. */
function lineOf(sample: string, text: string): number {
  return readSample(sample).split('\n').findIndex((line) => line.includes(text)) + 1;
}

function onlyEvent(sample: string, lineNumber: number): GcEvent {
  const events = parseLines(sampleLine(sample, lineNumber));
  expect(events).toHaveLength(1);
  return events[0]!;
}

describe('--trace-gc records', () => {
  it('V8 5.1 (Node 6): bracketed reasons and a final dot', () => {
    // [31241:0x3f5a0ff0]      330 ms: Mark-sweep 39.0 (71.0) -> 39.3 (78.0) MB, 11.4 / 0.0 ms (+ 27.1 ms in 522 steps since start of
    // marking, biggest step 0.5 ms) [GC interrupt] [GC in old space requested].
    expect(onlyEvent('node6-steady.log', lineOf('node6-steady.log', '     330 ms: Mark-sweep'))).toMatchObject({
      type: 'Mark-Compact',
      v8Name: 'Mark-sweep',
      heapBeforeMb: 39,
      heapAfterMb: 39.3,
      committedAfterMb: 78,
      pauseMs: 11.4,
      incremental: { stepsMs: 27.1, steps: 522, biggestStepMs: 0.5, sinceStartOfMarking: true },
      reason: 'GC interrupt',
      collectorReason: 'GC in old space requested',
    });
    // [31241:0x3f5a0ff0]       59 ms: Scavenge 2.9 (9.0) -> 2.6 (10.0) MB, 1.5 / 0.0 ms [allocation failure].
    const scavenge = onlyEvent('node6-steady.log', 1);
    expect(scavenge).toMatchObject({ timeMs: 59, heapBeforeMb: 2.9, pauseMs: 1.5, reason: 'allocation failure' });
    expect(scavenge.collectorReason).toBeUndefined();
  });

  it('V8 6.2 (Node 8): Scavenge without mu, reason alone', () => {
    // [15884:0x4751840]       42 ms: Scavenge 3.4 (6.3) -> 3.1 (7.3) MB, 1.8 / 0.0 ms  allocation failure
    expect(onlyEvent('node8-steady.log', 1)).toEqual({
      type: 'Scavenge',
      generation: 'young',
      v8Name: 'Scavenge',
      pid: 15884,
      isolate: '0x4751840',
      timeMs: 42,
      decorations: [],
      heapBeforeMb: 3.4,
      committedBeforeMb: 6.3,
      heapAfterMb: 3.1,
      committedAfterMb: 7.3,
      pauseMs: 1.8,
      externalMs: 0,
      reason: 'allocation failure',
      line: 1,
      source: 'trace',
    });
  });

  it('V8 6.2 (Node 8): Mark-sweep with the incremental part and space-separated reasons', () => {
    // … 407 ms: Mark-sweep 63.4 (92.3) -> 49.7 (88.8) MB, 5.8 / 0.0 ms  (+ 43.6 ms in 350 steps since start of marking,
    // biggest step 4.6 ms, walltime since start of marking 154 ms) finalize incremental marking via stack guard GC in old space requested
    expect(onlyEvent('node8-steady.log', 16)).toMatchObject({
      type: 'Mark-Compact',
      generation: 'old',
      v8Name: 'Mark-sweep',
      timeMs: 407,
      heapBeforeMb: 63.4,
      committedBeforeMb: 92.3,
      heapAfterMb: 49.7,
      committedAfterMb: 88.8,
      pauseMs: 5.8,
      incremental: { stepsMs: 43.6, steps: 350, biggestStepMs: 4.6, walltimeMs: 154, sinceStartOfMarking: true },
      reason: 'finalize incremental marking via stack guard',
      collectorReason: 'GC in old space requested',
    });
  });

  it('V8 7.8 (Node 12): mu, reasons still joined by a space', () => {
    // … 535 ms: Mark-sweep 30.2 (59.0) -> 29.2 (62.5) MB, 33.7 / 0.0 ms  (+ 1.1 ms in 23 steps …, walltime … 115 ms)
    // (average mu = 1.000, current mu = 1.000) finalize incremental marking via stack guard GC in old space requested
    const event = onlyEvent('node12-steady.log', 12);
    expect(event).toMatchObject({ v8Name: 'Mark-sweep', pauseMs: 33.7, mu: { average: 1, current: 1 }, collectorReason: 'GC in old space requested' });
    expect(event.incremental).toEqual({ stepsMs: 1.1, steps: 23, biggestStepMs: 0.1, walltimeMs: 115, sinceStartOfMarking: true });
  });

  it('V8 10.2 (Node 18): `reason; ` with an empty collector reason', () => {
    // [18768:0x31ad7d00]      111 ms: Scavenge 4.5 (4.9) -> 4.2 (5.9) MB, 9.7 / 0.0 ms  (average mu = 1.000, current mu = 1.000) allocation failure;
    const event = onlyEvent('node18-steady.log', 1);
    expect(event).toMatchObject({ timeMs: 111, heapBeforeMb: 4.5, heapAfterMb: 4.2, pauseMs: 9.7, reason: 'allocation failure' });
    expect(event.collectorReason).toBeUndefined();
  });

  it('V8 11.3 (Node 20): Mark-Compact, two-decimal pauses', () => {
    // … 336 ms: Mark-Compact 36.2 (66.5) -> 33.6 (68.7) MB, 11.65 / 0.00 ms  (+ 1.6 ms in 21 steps …) (average mu = 1.000, …)
    expect(onlyEvent('node20-steady.log', 12)).toMatchObject({
      type: 'Mark-Compact',
      v8Name: 'Mark-Compact',
      pid: 26309,
      isolate: '0x43beccd0',
      pauseMs: 11.65,
      reason: 'finalize incremental marking via stack guard',
      collectorReason: 'GC in old space requested',
    });
  });

  it('V8 12.4 (Node 22): pooled, and Scavenge (interleaved)', () => {
    // … 239 ms: Mark-Compact 47.0 (73.4) -> 32.5 (75.6) MB, pooled: 0 MB, 32.75 / 0.00 ms  (+ 4.4 ms in 0 steps …) (average mu = 0.848, current mu = 0.848) …
    expect(onlyEvent('node22-steady.log', 14)).toMatchObject({ pooledMb: 0, pauseMs: 32.75, mu: { average: 0.848, current: 0.848 } });
    // … 3057 ms: Scavenge (interleaved) 159.6 (179.9) -> 147.4 (181.1) MB, pooled: 5 MB, 8.82 / 0.00 ms …
    expect(onlyEvent('node22-steady.log', 141)).toMatchObject({
      type: 'Scavenge',
      v8Name: 'Scavenge',
      decorations: ['interleaved'],
      timeMs: 3057,
      heapBeforeMb: 159.6,
      committedBeforeMb: 179.9,
      heapAfterMb: 147.4,
      committedAfterMb: 181.1,
      pooledMb: 5,
      pauseMs: 8.82,
    });
  });

  it('V8 12.4 (Node 22): Mark-Compact (reduce)', () => {
    // [20762:0x2cc49000]     1285 ms: Mark-Compact (reduce) 28.5 (62.2) -> 28.5 (31.2) MB, pooled: 0 MB, 31.70 / 0.00 ms …
    expect(onlyEvent('node22-oom.log', 51)).toMatchObject({ v8Name: 'Mark-Compact', decorations: ['reduce'], heapAfterMb: 28.5, committedAfterMb: 31.2, pauseMs: 31.7 });
  });

  it('V8 14.6 (Node 26): Incremental Mark-Compact, one-decimal pooled, no double space', () => {
    // … 535 ms: Incremental Mark-Compact 69.6 (78.6) -> 32.4 (56.4) MB, pooled: 22.2 MB, 80.14 / 0.00 ms (+ 0.1 ms in 2 steps since start
    // of marking, biggest step 0.1 ms, walltime since start of marking 99 ms) (average mu = 0.847, current mu = 0.847) …; GC in old space requested
    expect(onlyEvent('node26-steady.log', 9)).toMatchObject({
      type: 'Mark-Compact',
      v8Name: 'Incremental Mark-Compact',
      pooledMb: 22.2,
      pauseMs: 80.14,
      incremental: { stepsMs: 0.1, steps: 2, biggestStepMs: 0.1, walltimeMs: 99, sinceStartOfMarking: true },
      mu: { average: 0.847, current: 0.847 },
      collectorReason: 'GC in old space requested',
    });
  });

  it('V8 14.6 (Node 26): Scavenge (during sweeping)', () => {
    // [24085:0x13e60000]     1636 ms: Scavenge (during sweeping) 29.2 (30.4) -> 28.4 (30.7) MB, pooled: 0.0 MB, 1.14 / 0.00 ms
    // (average mu = 0.379, current mu = 0.229) allocation failure;
    const event = onlyEvent('node26-oom.log', lineOf('node26-oom.log', '1636 ms: Scavenge (during sweeping)'));
    expect(event).toMatchObject({
      type: 'Scavenge',
      v8Name: 'Scavenge',
      decorations: ['during sweeping'],
      heapBeforeMb: 29.2,
      heapAfterMb: 28.4,
      pooledMb: 0,
      pauseMs: 1.14,
      mu: { average: 0.379, current: 0.229 },
      reason: 'allocation failure',
    });
  });

  it('minor collectors: Minor Mark-Compact (V8 10.2 --minor-mc), Minor Mark-Sweep and Incremental Minor Mark-Sweep (--minor-ms)', () => {
    // [6124:0x6cd4d00]       95 ms: Minor Mark-Compact 4.5 (4.9) -> 4.2 (5.9) MB, 5.2 / 0.0 ms …
    expect(onlyEvent('node18-steady.minor.log', 1)).toMatchObject({ type: 'Minor Mark-Compact', generation: 'young', pauseMs: 5.2 });
    // [6465:0x25db7000]       75 ms: Minor Mark-Sweep 4.8 (5.6) -> 4.4 (5.6) MB, pooled: 0.0 MB, 1.66 / 0.00 ms …
    expect(onlyEvent('node26-steady.minor.log', 1)).toMatchObject({ type: 'Minor Mark-Sweep', generation: 'young', v8Name: 'Minor Mark-Sweep', pauseMs: 1.66 });
    const incremental = parseLog(readSample('node26-steady.minor.log')).events.filter(isGcEvent).filter((event) => event.v8Name === 'Incremental Minor Mark-Sweep');
    expect(incremental).toHaveLength(8); // grep -c 'ms: Incremental Minor Mark-Sweep' node26-steady.minor.log
    expect(new Set(incremental.map((event) => event.type))).toEqual(new Set(['Minor Mark-Sweep']));
  });

  it('a Windows isolate address (no 0x) and a `[pid]` without isolate, made from a real line', () => {
    const line = sampleLine('node22-steady.log', 14);
    const windows = parseLines(line.replace('0x2c8de000', '000001E52C8DE000'))[0]!;
    expect(windows).toMatchObject({ pid: 20101, isolate: '000001E52C8DE000', pauseMs: 32.75 });
    const pidOnly = parseLines(line.replace('[20101:0x2c8de000]', '[20101]'))[0]!;
    expect(pidOnly).toMatchObject({ pid: 20101, isolate: null, pauseMs: 32.75 });
    const bare = parseLines(line.replace('[20101:0x2c8de000]', ''))[0]!;
    expect(bare).toMatchObject({ pid: null, isolate: null, timeMs: 239, pauseMs: 32.75 });
  });
});

describe('--trace-gc-verbose', () => {
  it('attaches the per-space block (V8 14.6 labels) to the GC it follows', () => {
    // Lines 2–18 of node26-steady.verbose.log: the Scavenge at 42 ms, then
    //   New space, used: 709 KB, available: 314 KB, committed: 1792 KB … Trusted space, used: 971 KB …
    //   All spaces, used: 6210 KB … External memory reported: 134 KB, Backing store memory: 1613 KB, Total time spent in GC: 2.1 ms
    const lines = readSample('node26-steady.verbose.log').split('\n').slice(0, 18);
    const [event] = parseLines(...lines);
    expect(event).toMatchObject({ timeMs: 42, heapBeforeMb: 4.8, heapAfterMb: 4.5, pauseMs: 2.12 });
    expect(event!.spaces).toEqual({
      spaces: {
        read_only: { usedKb: 1617, availableKb: 0, committedKb: 0 },
        new: { usedKb: 709, availableKb: 314, committedKb: 1792 },
        new_lo: { usedKb: 0, availableKb: 1023, committedKb: 0 },
        old: { usedKb: 2759, availableKb: 312, committedKb: 3072 },
        code: { usedKb: 23, availableKb: 232, committedKb: 256 },
        lo: { usedKb: 128, availableKb: 0, committedKb: 132 },
        code_lo: { usedKb: 0, availableKb: 0, committedKb: 0 },
        trusted: { usedKb: 971, availableKb: 308, committedKb: 1280 },
        trusted_lo: { usedKb: 0, availableKb: 0, committedKb: 0 },
        all: { usedKb: 6210, availableKb: 4288266, committedKb: 6532 },
      },
      allocatorUsedKb: 6532,
      externalKb: 134,
      backingStoreKb: 1613,
      externalGlobalKb: 0,
      totalGcTimeMs: 2.1,
    });
  });

  it('skips the `Scavenge stack scanning:` lines of V8 8.4 without taking them for records (Node 14)', () => {
    const { events, stats } = parseLog(readSample('node14-steady.verbose.log'));
    expect(stats.unparsed.count).toBe(0);
    // grep -c ' ms: Scavenge [0-9]' node14-steady.verbose.log
    expect(events.filter((event) => event.type === 'Scavenge')).toHaveLength(41);
  });

  it('reads every verbose line of every verbose sample', () => {
    for (const sample of ['node6-steady.verbose.log', 'node8-steady.verbose.log', 'node10-steady.verbose.log', 'node12-steady.verbose.log', 'node20-leak.verbose.log', 'node24-steady.verbose.log', 'node26-steady.verbose.log']) {
      const text = readSample(sample);
      const { events, stats } = parseLog(text);
      // Statistics lines: `[pid:isolate] Label …` without a timestamp, other than the page-shrinking, promotion-mode
      // and heap-growing lines.
      const statisticsLines = text
        .split('\n')
        .filter((line) => /^\[\d+:0x[0-9a-f]+\] +[A-Z(]/.test(line) && !/Shrinking page|Fast promotion|Heap growing factor|Grow: |Dampen: /.test(line));
      expect(stats.verboseLines).toBe(statisticsLines.length);
      expect(events.filter(isGcEvent).every((event) => event.spaces !== undefined)).toBe(true);
    }
  });
});

describe('--trace-gc-nvp', () => {
  it('key=value (V8 6.2): sizes in bytes, no committed size', () => {
    // [16252:0x7354840]      551 ms: pause=14.7 mutator=9.7 gc=ms … total_size_before=63412448 total_size_after=50199352 … promoted=5701760 …
    const event = onlyEvent('node8-steady.nvp.log', 16);
    expect(event).toMatchObject({
      type: 'Mark-Compact',
      v8Name: 'Mark-sweep',
      source: 'nvp',
      timeMs: 551,
      pauseMs: 14.7,
      heapBeforeMb: 63412448 / MIB,
      heapAfterMb: 50199352 / MIB,
      committedBeforeMb: null,
      committedAfterMb: null,
      reason: null,
    });
    expect(event.nvp).toMatchObject({ gc: 'ms', mutator: 9.7, promoted: 5701760, allocated: 107744 });
  });

  it('key=value (V8 13.6): the isolate id in the prefix, start/end sizes, interleaved', () => {
    // [23063:0x3d16c000:0]       33 ms: pause=1.9 mutator=27.0 gc=s reduce_memory=0 interleaved=0 … start_object_size=4974288
    // end_object_size=4635152 start_memory_size=6070272 end_memory_size=7118848 …
    expect(onlyEvent('node24-steady.nvp.log', 1)).toMatchObject({
      type: 'Scavenge',
      pid: 23063,
      isolate: '0x3d16c000',
      isolateId: 0,
      pauseMs: 1.9,
      heapBeforeMb: 4974288 / MIB,
      heapAfterMb: 4635152 / MIB,
      committedBeforeMb: 6070272 / MIB,
      committedAfterMb: 7118848 / MIB,
      decorations: [],
    });
  });

  it('JSON (V8 14.6): reasons, is_incremental, sizes', () => {
    // [24134:0x1ac18000:0]      688 ms: GC: {"pause":89.595,…,"gc":"mc","reduce_memory":false,…,"reason":"finalize incremental marking via stack guard",
    // "collector_reason":"GC in old space requested","start_object_size":68059656,"end_object_size":34177504,"start_memory_size":125964288,"end_memory_size":101847040,…,"is_incremental":true,…}
    expect(onlyEvent('node26-steady.nvp.log', 15)).toMatchObject({
      type: 'Mark-Compact',
      v8Name: 'Incremental Mark-Compact',
      source: 'nvp-json',
      isolateId: 0,
      timeMs: 688,
      pauseMs: 89.595,
      reason: 'finalize incremental marking via stack guard',
      collectorReason: 'GC in old space requested',
      heapBeforeMb: 68059656 / MIB,
      heapAfterMb: 34177504 / MIB,
      committedBeforeMb: 125964288 / MIB,
      committedAfterMb: 101847040 / MIB,
    });
  });
});

describe('out-of-memory reports', () => {
  it('splits glued records of the Last-few-GCs block, counts those also printed as trace lines once, and reads the fatal line', () => {
    const { events, stats } = parseLog(readSample('node22-oom.log'));
    // Line 69 glues `… (average mu = 0.346, current mu = [20762:0x2cc49000]     1456 ms: Mark-Compact (reduce) …`:
    // both records were printed before as trace lines 63 and 65.
    expect(stats.duplicateOomRecords).toBe(2);
    expect(events.filter(isGcEvent).some((event) => event.fromOomReport)).toBe(false);
    const fatal = events.find((event): event is OutOfMemoryEvent => event.type === 'OutOfMemory')!;
    expect(fatal).toEqual({
      type: 'OutOfMemory',
      line: 73,
      pid: 20762,
      isolate: '0x2cc49000',
      location: 'Ineffective mark-compacts near heap limit',
      message: 'Allocation failed - JavaScript heap out of memory',
      text: 'FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory',
    });
  });

  it('keeps block records seen nowhere else, even after a fragment (Node 12 without --trace-gc)', () => {
    // Line 15: `e [17315:0x21bfb410]     4914 ms: Mark-sweep 31.3 (32.5) -> 30.4 (32.5) MB, 55.3 / 0.0 ms  (+ 0.0 ms in 16 steps …`
    const { events } = parseLog(readSample('node12-oom.plain.log'));
    const gcs = events.filter(isGcEvent);
    expect(gcs.every((event) => event.fromOomReport && event.source === 'oom-report')).toBe(true);
    expect(gcs.find((event) => event.line === 15)).toMatchObject({ pid: 17315, timeMs: 4914, heapBeforeMb: 31.3, heapAfterMb: 30.4, pauseMs: 55.3 });
    // The fatal event comes after the GCs that led to it.
    expect(events.at(-1)!.type).toBe('OutOfMemory');
  });

  it('reads a V8 5.1 block, whose records carry no [pid:isolate], as the crashing isolate’s (Node 6)', () => {
    // `    6848 ms: Mark-sweep 26.7 (66.9) -> 28.7 (35.9) MB, 29.8 / 0.0 ms [last resort gc].` and three more, all
    // printed before as trace lines of [31276:0x2b04000].
    const { events, stats } = parseLog(readSample('node6-oom.log'));
    expect(stats.duplicateOomRecords).toBe(4);
    expect(new Set(events.filter(isGcEvent).map((event) => `${event.pid}:${event.isolate}`))).toEqual(new Set(['31276:0x2b04000']));
  });

  it('reads the fatal reasons of every era', () => {
    const location = (sample: string): string => parseLog(readSample(sample)).events.find((event): event is OutOfMemoryEvent => event.type === 'OutOfMemory')!.location;
    expect(location('node8-oom.log')).toBe('CALL_AND_RETRY_LAST');
    expect(location('node20-oom.log')).toBe('Ineffective mark-compacts near heap limit');
    expect(location('node26-oom.log')).toBe('Reached heap limit');
  });
});

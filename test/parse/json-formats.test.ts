// Trace-event files and v8.GCProfiler results from real Node binaries (samples/formats/generate.sh):
// detected from their content, cut into entries however the text is chunked, and turned into GC
// events whose every number is the file's own (read here with JSON.parse, independently).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { isGcEvent, type GcEvent, type TraceEvent } from '../../src/events.js';
import { detectFormat } from '../../src/parse/format-detect.js';
import { JsonItemSplitter, MAX_ITEM_LENGTH, type JsonItem } from '../../src/parse/json-items.js';
import { readLog } from '../../src/parse/reader.js';
import { readSample, samplePath } from '../support/samples.js';

const MIB = 1024 * 1024;

interface RawEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args: Record<string, unknown>;
}

async function read(name: string): Promise<{ events: GcEvent[]; parsed: Awaited<ReturnType<typeof readLog>> }> {
  const events: TraceEvent[] = [];
  const parsed = await readLog(samplePath(`formats/${name}`), (event) => events.push(event));
  return { events: events.filter(isGcEvent), parsed };
}

describe('detectFormat: from the content, never the name', () => {
  it('knows each real file by its first characters', () => {
    expect(detectFormat(readSample('formats/node22-steady.trace-events.json'))).toBe('trace-events');
    expect(detectFormat(readSample('formats/node22-steady.gcprofiler.json'))).toBe('gc-profiler');
    expect(detectFormat(readSample('formats/node0.10-steady.log'))).toBe('text');
    expect(detectFormat(readSample('node22-steady.nvp.log'))).toBe('text');
  });

  it('a bare array of trace events, a Docker json-file line and JSON of another kind', () => {
    const events = JSON.parse(readSample('formats/node22-steady.trace-events.json')) as { traceEvents: RawEvent[] };
    expect(detectFormat(`${JSON.stringify(events.traceEvents.slice(0, 3))}`)).toBe('trace-events');
    const firstLine = readSample('node22-steady.log').split('\n')[0]!;
    expect(detectFormat(`${JSON.stringify({ log: `${firstLine}\n`, stream: 'stdout' })}\n`)).toBe('text');
    expect(detectFormat('{"version":1,"other":[]}')).toBe('text');
  });

  it('a text log named .json is read as text', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'gclog-formats-'));
    const path = join(directory, 'gc.json');
    writeFileSync(path, readSample('formats/node5-steady.log'));
    const events: TraceEvent[] = [];
    const parsed = await readLog(path, (event) => events.push(event));
    expect(parsed.format).toBe('text');
    expect(events.filter(isGcEvent)).toHaveLength(351);
  });
});

describe('JsonItemSplitter', () => {
  const text = readSample('formats/node22-workers.trace-events.json');
  const expected = (JSON.parse(text) as { traceEvents: unknown[] }).traceEvents;

  it.each([1, 7, 4096, text.length])('gives every trace event, the text cut every %i characters', (size) => {
    const items: JsonItem[] = [];
    const splitter = new JsonItemSplitter((item) => items.push(item));
    for (let start = 0; start < text.length; start += size) splitter.write(text.slice(start, start + size));
    expect(items.map((item) => item.value)).toEqual(expected);
    expect(new Set(items.map((item) => item.arrayKey))).toEqual(new Set(['traceEvents']));
    expect(splitter.end()).toEqual({ traceEvents: [] });
    expect(splitter.complete).toBe(true);
  });

  it('keeps the GCProfiler root members beside its entries', () => {
    const profile = readSample('formats/node24-steady.gcprofiler.json');
    const parsed = JSON.parse(profile) as { version: number; startTime: number; endTime: number; statistics: unknown[] };
    const items: JsonItem[] = [];
    const splitter = new JsonItemSplitter((item) => items.push(item));
    for (let start = 0; start < profile.length; start += 1000) splitter.write(profile.slice(start, start + 1000));
    expect(items.map((item) => item.value)).toEqual(parsed.statistics);
    expect(splitter.end()).toEqual({ version: 1, startTime: parsed.startTime, statistics: [], endTime: parsed.endTime });
  });

  it('a file cut in the middle: the whole entries before the cut, the document marked incomplete', () => {
    const items: JsonItem[] = [];
    const splitter = new JsonItemSplitter((item) => items.push(item));
    const cutAt = text.indexOf('{"pid"', 20_000);
    splitter.write(text.slice(0, cutAt + 30));
    expect(items.map((item) => item.value)).toEqual(expected.slice(0, items.length));
    expect(items.length).toBeGreaterThan(0);
    expect(splitter.complete).toBe(false);
    expect(splitter.end()).toBeNull();
  });
});

describe('Chrome trace-event files', () => {
  it('Node 22: each MinorGC/MajorGC begin/end pair is a GC with the file’s numbers', async () => {
    const raw = (JSON.parse(readSample('formats/node22-steady.trace-events.json')) as { traceEvents: RawEvent[] }).traceEvents;
    const { events, parsed } = await read('node22-steady.trace-events.json');
    expect(parsed.format).toBe('trace-events');
    expect(parsed.runtime).toEqual({ node: '22.23.5', v8: '12.4.254.21-node.57' });
    const origin = raw.find((event) => event.ph !== 'M')!.ts;
    const begins = raw.filter((event) => (event.name === 'MinorGC' || event.name === 'MajorGC') && event.ph === 'B');
    const ends = raw.filter((event) => (event.name === 'MinorGC' || event.name === 'MajorGC') && event.ph === 'E');
    expect(events).toHaveLength(ends.length);
    expect(events.filter((event) => event.type === 'Mark-Compact')).toHaveLength(13);
    expect(events.filter((event) => event.type === 'Scavenge')).toHaveLength(138);
    const [begin, end] = [begins[0]!, ends[0]!];
    expect(events[0]).toEqual({
      type: 'Scavenge',
      generation: 'young',
      v8Name: 'MinorGC',
      pid: begin.pid,
      isolate: `tid ${begin.tid}`,
      timeMs: (end.ts - origin) / 1000,
      decorations: [],
      heapBeforeMb: (begin.args['usedHeapSizeBefore'] as number) / MIB,
      committedBeforeMb: null,
      heapAfterMb: (end.args['usedHeapSizeAfter'] as number) / MIB,
      committedAfterMb: null,
      pauseMs: (end.ts - begin.ts) / 1000,
      reason: 'allocation failure',
      line: raw.indexOf(end) + 1,
      source: 'trace-event',
    });
    const major = events.find((event) => event.type === 'Mark-Compact')!;
    const majorBegin = begins.find((event) => event.name === 'MajorGC')!;
    expect(major.reason).toBe(majorBegin.args['type']);
    // The incremental-marking steps on its thread since the previous MajorGC.
    const steps = raw.filter((event) => event.name === 'V8.GCIncrementalMarking' && event.ts < majorBegin.ts);
    expect(major.incremental).toEqual({
      steps: steps.length,
      stepsMs: steps.reduce((sum, step) => sum + step.dur! / 1000, 0),
      biggestStepMs: Math.max(...steps.map((step) => step.dur! / 1000)),
      sinceStartOfMarking: true,
    });
  });

  it('Node 22 with 2 workers: one isolate per thread', async () => {
    const raw = (JSON.parse(readSample('formats/node22-workers.trace-events.json')) as { traceEvents: RawEvent[] }).traceEvents;
    const ends = new Map<string, number>();
    for (const event of raw) {
      if ((event.name === 'MinorGC' || event.name === 'MajorGC') && event.ph === 'E') ends.set(`tid ${event.tid}`, (ends.get(`tid ${event.tid}`) ?? 0) + 1);
    }
    const { events } = await read('node22-workers.trace-events.json');
    const byThread = new Map<string, number>();
    for (const event of events) byThread.set(event.isolate!, (byThread.get(event.isolate!) ?? 0) + 1);
    expect(byThread).toEqual(ends);
    expect([...byThread.values()].sort((a, b) => b - a)).toEqual([58, 23, 20]);
  });

  it.each([
    // Node 14–18: half their MajorGC pairs are incremental marking's finalization step (4, 8 and 5), not GCs.
    ['node14-steady.trace-events.json', 19, 4],
    ['node16-steady.trace-events.json', 39, 8],
    ['node18-steady.trace-events.json', 25, 5],
    ['node20-steady.trace-events.json', 52, 13],
    ['node22-leak.trace-events.json', 186, 23],
    ['node24-steady.trace-events.json', 39, 2],
    ['node26-steady.trace-events.json', 21, 12],
  ])('%s: %i young GCs and %i Mark-Compacts, every pair read', async (name, young, old) => {
    const { events, parsed } = await read(name);
    expect(events.filter((event) => event.generation === 'young')).toHaveLength(young);
    expect(events.filter((event) => event.generation === 'old')).toHaveLength(old);
    expect(parsed.stats.unparsed.count).toBe(0);
    expect(parsed.stats.cut.count).toBe(0);
  });

  it('Node 12 writes no MinorGC/MajorGC: a one-line error that says so', async () => {
    await expect(read('node12-steady.trace-events.json')).rejects.toThrow(AppError);
    await expect(read('node12-steady.trace-events.json')).rejects.toThrow(/no MinorGC\/MajorGC events in 1144 trace event\(s\)/);
  });

  it('gzip, whatever the name', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'gclog-formats-'));
    const path = join(directory, 'trace.log.gz');
    writeFileSync(path, gzipSync(readFileSync(samplePath('formats/node22-leak.trace-events.json'))));
    const events: TraceEvent[] = [];
    const parsed = await readLog(path, (event) => events.push(event));
    expect(parsed.format).toBe('trace-events');
    expect(events.filter(isGcEvent)).toHaveLength(209);
  });
});

describe('v8.GCProfiler results', () => {
  it('Node 22: Scavenge and MarkSweepCompact entries are GCs, with no time; the rest are steps', async () => {
    const raw = JSON.parse(readSample('formats/node22-steady.gcprofiler.json')) as {
      startTime: number;
      endTime: number;
      statistics: Array<{ gcType: string; cost: number; beforeGC: { heapStatistics: Record<string, number> }; afterGC: { heapStatistics: Record<string, number>; heapSpaceStatistics: Array<Record<string, number | string>> } }>;
    };
    const { events, parsed } = await read('node22-steady.gcprofiler.json');
    expect(parsed.format).toBe('gc-profiler');
    expect(events.filter((event) => event.type === 'Scavenge')).toHaveLength(126);
    expect(events.filter((event) => event.type === 'Mark-Compact')).toHaveLength(9);
    expect(events.every((event) => event.timeMs === null)).toBe(true);
    expect(parsed.profile).toMatchObject({ version: 1, startTime: raw.startTime, endTime: raw.endTime, steps: { IncrementalMarking: { count: 9 } } });
    expect(parsed.profile!.heapSizeLimitMb).toBe(raw.statistics.at(-1)!.afterGC.heapStatistics['heapSizeLimit']! / MIB);
    const first = raw.statistics[0]!;
    const old = first.afterGC.heapSpaceStatistics.find((space) => space['spaceName'] === 'old_space')!;
    expect(events[0]).toMatchObject({
      type: 'Scavenge',
      v8Name: 'Scavenge',
      pid: null,
      isolate: null,
      timeMs: null,
      heapBeforeMb: first.beforeGC.heapStatistics['usedHeapSize']! / MIB,
      heapAfterMb: first.afterGC.heapStatistics['usedHeapSize']! / MIB,
      committedBeforeMb: first.beforeGC.heapStatistics['totalHeapSize']! / MIB,
      committedAfterMb: first.afterGC.heapStatistics['totalHeapSize']! / MIB,
      reason: null,
      line: 1,
      source: 'gc-profiler',
    });
    // `cost` is in µs (one decimal): the pause is the same decimal in ms.
    expect(events[0]!.pauseMs).toBe(Number((first.cost / 1000).toFixed(6)));
    expect(events[0]!.spaces!.spaces['old']).toEqual({
      usedKb: (old['spaceUsedSize'] as number) / 1024,
      availableKb: (old['spaceAvailableSize'] as number) / 1024,
      committedKb: (old['spaceSize'] as number) / 1024,
    });
  });

  it.each([
    ['node18-steady.gcprofiler.json', 29, 5, 10],
    ['node20-steady.gcprofiler.json', 24, 5, 5],
    ['node22-leak.gcprofiler.json', 180, 22, 22],
    ['node24-leak.gcprofiler.json', 117, 4, 4],
    ['node24-steady.gcprofiler.json', 15, 6, 6],
    ['node26-steady.gcprofiler.json', 62, 5, 5],
  ])('%s: %i Scavenges, %i Mark-Compacts, %i incremental-marking steps', async (name, scavenges, markCompacts, steps) => {
    const { events, parsed } = await read(name);
    expect(events.filter((event) => event.type === 'Scavenge')).toHaveLength(scavenges);
    expect(events.filter((event) => event.type === 'Mark-Compact')).toHaveLength(markCompacts);
    expect(parsed.profile!.steps['IncrementalMarking']!.count).toBe(steps);
    expect(parsed.stats.unparsed.count).toBe(0);
  });
});

describe('a v8.GCProfiler result printed as a line of a text log', () => {
  it('its GCs are read from that line, with the profile span; the app output around it skipped', async () => {
    const lines = readSample('formats/node22-steady.gcprofiler-stdout.log').split('\n');
    const jsonLine = lines.findIndex((line) => line.startsWith('{"version":')) + 1;
    const raw = JSON.parse(lines[jsonLine - 1]!) as { startTime: number; endTime: number; statistics: Array<{ gcType: string }> };
    const { events, parsed } = await read('node22-steady.gcprofiler-stdout.log');
    expect(parsed.format).toBe('text');
    expect(events).toHaveLength(raw.statistics.filter((entry) => entry.gcType === 'Scavenge' || entry.gcType === 'MarkSweepCompact').length);
    expect(events.every((event) => event.timeMs === null && event.line === jsonLine && event.source === 'gc-profiler')).toBe(true);
    expect(parsed.profile).toMatchObject({ startTime: raw.startTime, endTime: raw.endTime });
    expect(parsed.stats.unparsed.count).toBe(0);
  });
});

describe('JsonItemSplitter bounds', () => {
  it(`an entry of ${MAX_ITEM_LENGTH} characters is read, one more is skipped and counted`, () => {
    const raw = (JSON.parse(readSample('formats/node22-steady.trace-events.json')) as { traceEvents: RawEvent[] }).traceEvents;
    const real = raw.find((event) => event.name === 'MinorGC' && event.ph === 'B')!;
    // A real event padded in code to an exact length (the `note` member is the damage).
    const padded = (length: number): string => {
      const bare = JSON.stringify({ ...real, note: '' });
      return JSON.stringify({ ...real, note: 'x'.repeat(length - bare.length) });
    };
    for (const [length, read] of [
      [MAX_ITEM_LENGTH, 1],
      [MAX_ITEM_LENGTH + 1, 0],
    ] as const) {
      const items: JsonItem[] = [];
      const splitter = new JsonItemSplitter((item) => items.push(item));
      const item = padded(length);
      expect(item.length).toBe(length);
      splitter.write(`{"traceEvents":[${item}]}`);
      expect(items).toHaveLength(read);
      expect(splitter.skippedItems).toBe(1 - read);
    }
  });
});

describe('incremental marking’s finalization step in Node 14–18 trace-event files', () => {
  it('is a step of the next Mark-Compact, not a GC of its own: the floor stays the live set', async () => {
    // node16: the pair `incremental finalization step` 157631832 → 157631832 bytes (0.075 ms), then the
    // Mark-Compact 157753424 → 33725200 bytes: one GC, with one step before it.
    const { events } = await read('node16-steady.trace-events.json');
    const markCompacts = events.filter((event) => event.type === 'Mark-Compact');
    expect(markCompacts).toHaveLength(8);
    expect(markCompacts.every((event) => event.reason !== 'incremental finalization step')).toBe(true);
    const second = markCompacts[1]!;
    expect(second.heapBeforeMb).toBeCloseTo(157753424 / 1024 / 1024, 6);
    expect(second.heapAfterMb).toBeCloseTo(33725200 / 1024 / 1024, 6);
    expect(second.incremental?.steps).toBeGreaterThanOrEqual(1);
    expect(Math.max(...markCompacts.map((event) => event.heapAfterMb))).toBeLessThan(40);
  });
});

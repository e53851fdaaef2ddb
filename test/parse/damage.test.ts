// Real samples damaged the way logging pipelines damage them (a prefix on every line, CRLF, ANSI
// colours, a last line cut mid-record) must give exactly the events of the undamaged sample.

import { describe, expect, it } from 'vitest';
import { GC_TYPES, isGcEvent, type GcEvent, type TraceEvent } from '../../src/events.js';
import { parseLog } from '../../src/parse/log-parser.js';
import { loadSamples, type Sample } from '../fuzz/samples.js';
import { readSample } from '../support/samples.js';

const samples = loadSamples();

const PREFIXES = {
  'ISO timestamp': '2024-05-01T10:00:00.123Z ',
  'process runner index': '[1] ',
  'Heroku router': 'app[web.1]: ',
  indentation: '    ',
  'quoted reply': '> ',
} as const;

const ANSI = { red: '\x1b[31m', bold: '\x1b[1m', reset: '\x1b[0m', eraseLine: '\x1b[2K' } as const;

function withEveryLine(sample: Sample, change: (line: string, index: number) => string): string {
  return `${sample.lines.map(change).join('\n')}\n`;
}

/** How many events of each GC type, and the fatal events: the first thing a damaged log would get wrong. */
function countsByType(events: TraceEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of [...GC_TYPES, 'OutOfMemory']) {
    const count = events.filter((event) => event.type === type).length;
    if (count > 0) counts[type] = count;
  }
  return counts;
}

/** The numbers of a GC, as gclog exports them. */
function numbersOf(event: GcEvent): Record<string, unknown> {
  return {
    line: event.line,
    timeMs: event.timeMs,
    heapBeforeMb: event.heapBeforeMb,
    heapAfterMb: event.heapAfterMb,
    committedBeforeMb: event.committedBeforeMb,
    committedAfterMb: event.committedAfterMb,
    pauseMs: event.pauseMs,
    spaces: event.spaces,
    nvp: event.nvp,
  };
}

describe.each(samples.map((sample) => [sample.name, sample] as const))('%s, damaged', (_name, sample) => {
  const original = parseLog(sample.text);
  const gcEvents = original.events.filter(isGcEvent);

  it('has GC events to compare', () => {
    expect(gcEvents.length).toBeGreaterThan(0);
  });

  const damages: Array<[string, () => string]> = [
    ...Object.entries(PREFIXES).map(([name, prefix]): [string, () => string] => [`prefix: ${name}`, () => withEveryLine(sample, (line) => prefix + line)]),
    ['CRLF line endings', () => withEveryLine(sample, (line) => `${line}\r`)],
    ['ANSI colour around every line', () => withEveryLine(sample, (line, index) => `${index % 2 ? ANSI.red : ANSI.bold}${line}${ANSI.reset}`)],
    ['ANSI erase-line codes, CRLF and a timestamp prefix together', () => withEveryLine(sample, (line) => `${ANSI.eraseLine}${PREFIXES['ISO timestamp']}${line}\r`)],
  ];

  it.each(damages)('%s: the same events, number for number', (_damage, damage) => {
    const damaged = parseLog(damage());
    expect(countsByType(damaged.events)).toEqual(countsByType(original.events));
    const damagedGc = damaged.events.filter(isGcEvent);
    // Spot checks first (a clear message), then every event in full.
    for (const index of [0, Math.floor(gcEvents.length / 2), gcEvents.length - 1]) {
      expect(numbersOf(damagedGc[index]!)).toEqual(numbersOf(gcEvents[index]!));
    }
    expect(damaged.events).toEqual(original.events);
    expect(damaged.stats.unparsed).toEqual(original.stats.unparsed);
    expect(damaged.stats.gcEvents).toBe(original.stats.gcEvents);
  });
});

/** Samples with a plain --trace-gc record to cut (NVP logs and block-only OOM logs have none). */
const withTraceRecords = samples.filter((sample) =>
  parseLog(sample.text).events.some((event) => isGcEvent(event) && event.source === 'trace' && !event.fromOomReport),
);

describe.each(withTraceRecords.map((sample) => [sample.name, sample] as const))('%s, last line cut in the middle of a record', (_name, sample) => {
  // The last plain --trace-gc record (not one from an out-of-memory block, which is already a ring buffer).
  const original = parseLog(sample.text);
  const last = original.events.filter(isGcEvent).filter((event) => event.source === 'trace' && !event.fromOomReport).at(-1);

  it('is reported as unparsed with its line number; everything before it is intact', () => {
    const lineIndex = last!.line - 1;
    const record = sample.lines[lineIndex]!;
    // Cut inside the heap sizes, before the pause: the record cannot be used.
    const cutAt = record.indexOf(' -> ') + 3;
    expect(cutAt).toBeGreaterThan(2);
    const text = [...sample.lines.slice(0, lineIndex), record.slice(0, cutAt)].join('\n');
    const damaged = parseLog(text);

    // Events of several isolates are held back (for their verbose block) and flushed in another order at the end.
    const byLine = (events: TraceEvent[]): TraceEvent[] => events.filter((event) => event.line < last!.line).sort((a, b) => a.line - b.line);
    expect(byLine(damaged.events)).toEqual(byLine(original.events));
    expect(damaged.events.filter((event) => event.line === last!.line)).toEqual([]);
    expect(damaged.stats.unparsed.count).toBe(original.stats.unparsed.count + 1);
    expect(damaged.stats.unparsed.lines.at(-1)).toEqual({ line: last!.line, text: expect.stringContaining(record.slice(0, cutAt).trim()) });
  });

  it('cut after its pause, the record still counts, marked truncated when its tail was lost', () => {
    const lineIndex = last!.line - 1;
    const record = sample.lines[lineIndex]!;
    const pauseEnd = / ms\b/g;
    pauseEnd.lastIndex = record.indexOf(' MB, ');
    const match = pauseEnd.exec(record);
    expect(match).not.toBeNull();
    const cutAt = match!.index + match![0].length + 4; // into what follows the pause
    const text = [...sample.lines.slice(0, lineIndex), record.slice(0, cutAt)].join('\n');
    const event = parseLog(text).events.filter(isGcEvent).find((candidate) => candidate.line === last!.line);
    expect(event).toBeDefined();
    expect(numbersOf(event!)).toEqual({ ...numbersOf(last!), spaces: event!.spaces });
  });
});

describe('records from several writers glued onto one line, and Docker json-file wrapping', () => {
  const withoutLines = (events: TraceEvent[]): unknown[] => events.map(({ line: _line, ...rest }) => rest);

  it.each(['node22-workers.log', 'node18-workers.log', 'node26-steady.log', 'node8-steady.log'])(
    '%s: every two GC lines glued into one give the same events',
    (name) => {
      const text = readSample(name);
      const original = parseLog(text);
      const lines = text.split('\n');
      const isRecord = (line: string | undefined): boolean => line !== undefined && / ms: (Scavenge|Mark-|Minor|Incremental)/.test(line);
      const glued: string[] = [];
      for (let index = 0; index < lines.length; index++) {
        // V8 prints a record and its newline in one call; what glues is one writer's record onto another's.
        if (isRecord(lines[index]) && isRecord(lines[index + 1])) {
          glued.push(lines[index]! + lines[index + 1]!);
          index++;
        } else {
          glued.push(lines[index]!);
        }
      }
      expect(glued.length).toBeLessThan(lines.length * 0.75);
      const damaged = parseLog(glued.join('\n'));
      expect(damaged.stats.unparsed).toEqual({ count: 0, lines: [] });
      expect(withoutLines(damaged.events.filter(isGcEvent))).toEqual(withoutLines(original.events.filter(isGcEvent)));
    },
  );

  it('reads lines wrapped by Docker’s json-file log driver', () => {
    const text = readSample('node22-app-output.log');
    const original = parseLog(text);
    const wrapped = text
      .split('\n')
      .map((line, index) => JSON.stringify({ log: `${line}\n`, stream: index % 3 ? 'stdout' : 'stderr', time: '2026-11-26T01:02:03.456789Z' }))
      .join('\n');
    const damaged = parseLog(wrapped);
    expect(damaged.events).toEqual(original.events);
    expect(damaged.stats.unparsed).toEqual(original.stats.unparsed);
  });
});

// Every real sample parses completely: GC counts per type and per isolate equal those counted in
// the text with grep (a record printed both as a trace line and in the OOM block counted once),
// and no line that looks like a GC record is left unparsed.

import { describe, expect, it } from 'vitest';
import { isGcEvent, type TraceEvent } from '../../src/events.js';
import { readLog } from '../../src/parse/reader.js';
import { allSamples, samplePath } from '../support/samples.js';

interface Expected {
  types: Record<string, number>;
  /** GCs per isolate, largest first. */
  isolates: number[];
}

// Counted from the logs' text with grep -c on ` ms: <collector> `, `gc=<code>` and `"gc":"<code>"`.
const EXPECTED: Record<string, Expected> = {
  'compare/leak-after.log': { types: { 'Mark-Compact': 102, Scavenge: 406 }, isolates: [508] },
  'compare/leak-before.log': { types: { 'Mark-Compact': 34, Scavenge: 244 }, isolates: [278] },
  'compare/semi-default.log': { types: { 'Mark-Compact': 34, Scavenge: 199 }, isolates: [233] },
  'compare/semi-small.log': { types: { 'Mark-Compact': 47, Scavenge: 1840 }, isolates: [1887] },
  'node12-leak.log': { types: { 'Mark-Compact': 31, Scavenge: 186 }, isolates: [217] },
  'node12-oom.log': { types: { 'Mark-Compact': 37, Scavenge: 88 }, isolates: [125] },
  'node12-oom.plain.log': { types: { 'Mark-Compact': 2 }, isolates: [2] },
  'node12-steady.log': { types: { 'Mark-Compact': 39, Scavenge: 132 }, isolates: [171] },
  'node12-steady.nvp.log': { types: { 'Mark-Compact': 9, Scavenge: 38 }, isolates: [47] },
  'node12-steady.verbose.log': { types: { 'Mark-Compact': 6, Scavenge: 26 }, isolates: [32] },
  'node12-workers.log': { types: { 'Mark-Compact': 8, Scavenge: 129 }, isolates: [43, 36, 30, 28] },
  'node16-app-output.log': { types: { 'Mark-Compact': 6, Scavenge: 169 }, isolates: [175] },
  'node16-external.log': { types: { 'Mark-Compact': 100, Scavenge: 465 }, isolates: [565] },
  'node16-leak.log': { types: { 'Mark-Compact': 31, Scavenge: 186 }, isolates: [217] },
  'node16-oom.log': { types: { 'Mark-Compact': 24, Scavenge: 48 }, isolates: [72] },
  'node16-steady.ignore-scavenger.log': { types: { 'Mark-Compact': 27 }, isolates: [27] },
  'node16-steady.log': { types: { 'Mark-Compact': 28, Scavenge: 101 }, isolates: [129] },
  'node16-steady.nvp.log': { types: { 'Mark-Compact': 7, Scavenge: 35 }, isolates: [42] },
  'node16-steady.verbose.log': { types: { 'Mark-Compact': 6, Scavenge: 32 }, isolates: [38] },
  'node18-leak.log': { types: { 'Mark-Compact': 48, Scavenge: 376 }, isolates: [424] },
  'node18-oom.log': { types: { 'Mark-Compact': 22, Scavenge: 54 }, isolates: [76] },
  'node18-steady.log': { types: { 'Mark-Compact': 42, Scavenge: 143 }, isolates: [185] },
  'node18-steady.minor.log': { types: { 'Mark-Compact': 10, 'Minor Mark-Compact': 42 }, isolates: [52] },
  'node18-steady.nvp.log': { types: { 'Mark-Compact': 12, Scavenge: 50 }, isolates: [62] },
  'node18-steady.verbose.log': { types: { 'Mark-Compact': 7, Scavenge: 33 }, isolates: [40] },
  'node18-workers.log': { types: { 'Mark-Compact': 15, Scavenge: 161 }, isolates: [56, 46, 40, 34] },
  'node20-leak.log': { types: { 'Mark-Compact': 51, Scavenge: 386 }, isolates: [437] },
  'node20-leak.verbose.log': { types: { 'Mark-Compact': 32, Scavenge: 187 }, isolates: [219] },
  'node20-oom.log': { types: { 'Mark-Compact': 31, Scavenge: 93 }, isolates: [124] },
  'node20-steady.log': { types: { 'Mark-Compact': 37, Scavenge: 123 }, isolates: [160] },
  'node20-steady.nvp.log': { types: { 'Mark-Compact': 12, Scavenge: 49 }, isolates: [61] },
  'node20-steady.verbose.log': { types: { 'Mark-Compact': 9, Scavenge: 38 }, isolates: [47] },
  'node22-app-output.log': { types: { 'Mark-Compact': 16, Scavenge: 225 }, isolates: [241] },
  'node22-external.log': { types: { 'Mark-Compact': 132, Scavenge: 666 }, isolates: [798] },
  'node22-leak.log': { types: { 'Mark-Compact': 63, Scavenge: 522 }, isolates: [585] },
  'node22-oom.log': { types: { 'Mark-Compact': 18, Scavenge: 36 }, isolates: [54] },
  'node22-oom.nvp.log': { types: { 'Mark-Compact': 17, Scavenge: 33 }, isolates: [50] },
  'node22-oom.plain.log': { types: { 'Mark-Compact': 1 }, isolates: [1] },
  'node22-steady.ignore-scavenger.log': { types: { 'Mark-Compact': 65 }, isolates: [65] },
  'node22-steady.log': { types: { 'Mark-Compact': 97, Scavenge: 389 }, isolates: [486] },
  'node22-steady.minor.log': { types: { 'Mark-Compact': 12, 'Minor Mark-Sweep': 35 }, isolates: [47] },
  'node22-steady.nvp.log': { types: { 'Mark-Compact': 18, Scavenge: 154 }, isolates: [172] },
  'node22-steady.verbose.log': { types: { 'Mark-Compact': 11, Scavenge: 133 }, isolates: [144] },
  'node22-workers.log': { types: { 'Mark-Compact': 7, Scavenge: 187 }, isolates: [67, 48, 41, 38] },
  'node24-leak.log': { types: { 'Mark-Compact': 20, Scavenge: 60 }, isolates: [80] },
  'node24-leak.verbose.log': { types: { 'Mark-Compact': 18, Scavenge: 28 }, isolates: [46] },
  'node24-oom.log': { types: { 'Mark-Compact': 12, Scavenge: 30 }, isolates: [42] },
  'node24-steady.log': { types: { 'Mark-Compact': 57, Scavenge: 15 }, isolates: [72] },
  'node24-steady.nvp.log': { types: { 'Mark-Compact': 21, Scavenge: 15 }, isolates: [36] },
  'node24-steady.verbose.log': { types: { 'Mark-Compact': 14, Scavenge: 16 }, isolates: [30] },
  'node24-workers.log': { types: { 'Mark-Compact': 14, Scavenge: 120 }, isolates: [44, 37, 31, 22] },
  'node26-app-output.log': { types: { 'Mark-Compact': 10, Scavenge: 92 }, isolates: [102] },
  'node26-external.log': { types: { 'Mark-Compact': 105, Scavenge: 38 }, isolates: [143] },
  'node26-leak.log': { types: { 'Mark-Compact': 56, Scavenge: 159 }, isolates: [215] },
  'node26-oom.log': { types: { 'Mark-Compact': 32, Scavenge: 52 }, isolates: [84] },
  'node26-steady.ignore-scavenger.log': { types: { 'Mark-Compact': 41 }, isolates: [41] },
  'node26-steady.log': { types: { 'Mark-Compact': 51, Scavenge: 60 }, isolates: [111] },
  'node26-steady.minor.log': { types: { 'Mark-Compact': 17, 'Minor Mark-Sweep': 17 }, isolates: [34] },
  'node26-steady.minor.nvp.log': { types: { 'Mark-Compact': 8, 'Minor Mark-Sweep': 17 }, isolates: [25] },
  'node26-steady.nvp.log': { types: { 'Mark-Compact': 6, Scavenge: 64 }, isolates: [70] },
  'node26-steady.verbose.log': { types: { 'Mark-Compact': 5, Scavenge: 56 }, isolates: [61] },
  'node26-workers.log': { types: { 'Mark-Compact': 18, Scavenge: 147 }, isolates: [58, 52, 33, 22] },
  'node8-leak.log': { types: { 'Mark-Compact': 59, Scavenge: 767 }, isolates: [826] },
  'node8-oom.log': { types: { 'Mark-Compact': 34, Scavenge: 42 }, isolates: [76] },
  'node8-steady.log': { types: { 'Mark-Compact': 72, Scavenge: 655 }, isolates: [727] },
  'node8-steady.nvp.log': { types: { 'Mark-Compact': 8, Scavenge: 71 }, isolates: [79] },
  'node8-steady.verbose.log': { types: { 'Mark-Compact': 5, Scavenge: 45 }, isolates: [50] },
};

const OUT_OF_MEMORY = new Set(allSamples().filter((name) => name.includes('-oom')));

describe('every sample log', () => {
  it('is in the table above (a new sample needs its counts here)', () => {
    expect(allSamples()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const name of allSamples()) {
    it(`parses ${name} completely`, async () => {
      const events: TraceEvent[] = [];
      const { stats } = await readLog(samplePath(name), (event) => events.push(event));
      const types: Record<string, number> = {};
      const isolates = new Map<string, number>();
      for (const event of events.filter(isGcEvent)) {
        types[event.type] = (types[event.type] ?? 0) + 1;
        const key = `${event.pid}:${event.isolate}`;
        isolates.set(key, (isolates.get(key) ?? 0) + 1);
      }
      expect(types).toEqual(EXPECTED[name]!.types);
      expect([...isolates.values()].sort((a, b) => b - a)).toEqual(EXPECTED[name]!.isolates);
      expect(stats.unparsed).toEqual({ count: 0, lines: [] });
      expect(stats.cut.count).toBe(0);
      expect(stats.outOfMemoryEvents).toBe(OUT_OF_MEMORY.has(name) ? 1 : 0);
      expect(stats.gcEvents).toBe(events.filter(isGcEvent).length);
      for (const event of events.filter(isGcEvent)) {
        expect(event.pid).not.toBeNull();
        expect(event.isolate).toMatch(/^0x[0-9a-f]+$/);
        expect(Number.isFinite(event.pauseMs) && Number.isFinite(event.heapAfterMb) && Number.isFinite(event.timeMs)).toBe(true);
      }
    });
  }
});

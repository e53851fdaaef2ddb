// Every real sample parses completely: GC counts per type and per isolate equal those counted in
// the text with grep (a record printed both as a trace line and in the OOM block counted once),
// and no line that looks like a GC record is left unparsed.

import { describe, expect, it } from 'vitest';
import { isGcEvent, type TraceEvent } from '../../src/events.js';
import { readLog } from '../../src/parse/reader.js';
import { EXPECTED } from '../support/expected-counts.js';
import { allSamples, samplePath } from '../support/samples.js';


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

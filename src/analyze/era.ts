// Guesses the Node/V8 era of a log from the shape of its records (names, fields, form).

import type { GcEvent } from '../events.js';
import type { NodeMajorRange } from './summary.js';

export class EraDetector {
  private markSweep = false;
  private markCompact = false;
  private minorMarkSweep = false;
  private incrementalName = false;
  private pooled = false;
  private mu = false;
  private json = false;
  private isolateId = false;
  private collectorReasonSemicolon = false;
  /** A `--trace-gc` record with one pause number (`, 0.8 ms`): V8 3.x – 4.4. */
  private pauseAlone = false;
  /** The reason `Runtime::PerformGC` (V8 3.14, Node 0.10). */
  private runtimePerformGc = false;
  /** Index in NVP_KEY_ERAS of the newest key seen (keys were added over versions). */
  private nvpEraIndex: number | null = null;

  add(event: GcEvent): void {
    if (event.v8Name === 'Mark-sweep') this.markSweep = true;
    if (event.v8Name === 'Mark-Compact') this.markCompact = true;
    if (event.v8Name.startsWith('Incremental ')) this.incrementalName = true;
    if (event.type === 'Minor Mark-Sweep') this.minorMarkSweep = true;
    if (event.pooledMb !== undefined) this.pooled = true;
    if (event.mu !== undefined) this.mu = true;
    if (event.source === 'nvp-json') this.json = true;
    if (event.isolateId !== undefined) this.isolateId = true;
    if (event.nvp && 'interleaved' in event.nvp) this.collectorReasonSemicolon = true;
    if (event.source === 'trace' && event.externalMs === undefined) this.pauseAlone = true;
    if (event.reason === 'Runtime::PerformGC') this.runtimePerformGc = true;
    if (event.source === 'nvp' && event.nvp !== undefined) {
      const index = NVP_KEY_ERAS.findIndex(([key]) => key in event.nvp!);
      if (index !== -1 && (this.nvpEraIndex === null || index < this.nvpEraIndex)) this.nvpEraIndex = index;
    }
  }

  guess(): string {
    return this.era().text;
  }

  /** The Node majors the log can come from, as numbers (null: no bound known). */
  range(): NodeMajorRange {
    const era = this.era();
    const [min, max] = era.nodeMajors;
    return era === ERAS.v8v3_14 ? { min, max, node010: true } : { min, max };
  }

  private era(): Era {
    if (this.json || this.incrementalName) return ERAS.v8v14;
    if (this.isolateId) return ERAS.v8v13_6;
    if (this.nvpEraIndex !== null) return NVP_KEY_ERAS[this.nvpEraIndex]![1];
    if (this.runtimePerformGc) return ERAS.v8v3_14;
    if (this.pauseAlone) return ERAS.v8v3;
    if (this.pooled || this.minorMarkSweep || this.collectorReasonSemicolon) return ERAS.v8v12_4;
    if (this.markCompact) return ERAS.v8v10_8;
    if (this.markSweep && this.mu) return ERAS.v8v6_7;
    if (this.markSweep) return ERAS.v8v5;
    return ERAS.unknown;
  }
}

interface Era {
  text: string;
  /** Lowest and highest Node major of the era (null: open-ended or unknown). */
  nodeMajors: [number | null, number | null];
}

const ERAS = {
  v8v14: { text: 'V8 14+ (Node 25 or newer)', nodeMajors: [25, null] },
  v8v13_6: { text: 'V8 13.6+ (Node 24 or newer)', nodeMajors: [24, null] },
  v8v12_4: { text: 'V8 12.4+ (Node 22 or newer)', nodeMajors: [22, null] },
  v8v10_8: { text: 'V8 10.8 – 11.x (Node 19 – 21)', nodeMajors: [19, 21] },
  v8v6_7: { text: 'V8 6.7 – 10.2 (Node 10 – 18)', nodeMajors: [10, 18] },
  v8v5: { text: 'V8 4.5 – 6.6 (Node 4 – 10)', nodeMajors: [4, 10] },
  v8v3: { text: 'V8 3.x – 4.4 (Node 0.10 – 0.12, io.js 1 – 3)', nodeMajors: [0, 0] },
  v8v3_14: { text: 'V8 3.14 (Node 0.10)', nodeMajors: [0, 0] },
  unknown: { text: 'unknown (no full-GC record to tell by)', nodeMajors: [null, null] },
} satisfies Record<string, Era>;

/** NVP keys in the order V8 added them, newest first (from GCTracer::PrintNVP across versions). */
const NVP_KEY_ERAS: Array<[string, Era]> = [
  ['start_object_size', ERAS.v8v13_6],
  ['interleaved', { text: 'V8 12.4 – 13.x (Node 22 – 23)', nodeMajors: [22, 23] }],
  ['new_space_survived', { text: 'V8 11.x (Node 20 – 21)', nodeMajors: [20, 21] }],
  ['time_to_safepoint', { text: 'V8 9.4 – 10.x (Node 16 – 19)', nodeMajors: [16, 19] }],
  ['stop_the_world', { text: 'V8 8.9 – 9.3 (Node 16)', nodeMajors: [16, 16] }],
  ['scavenge.update_refs', { text: 'V8 7.x – 8.x (Node 12 – 15)', nodeMajors: [12, 15] }],
  ['background.scavenge.parallel', { text: 'V8 6.5 – 7.x (Node 10 – 12)', nodeMajors: [10, 12] }],
  ['stepscount', { text: 'V8 3.14 (Node 0.10)', nodeMajors: [0, 0] }],
  ['sweepcell', { text: 'V8 3.28 – 4.6 (Node 0.12 – 5, io.js 1 – 3)', nodeMajors: [0, 5] }],
  ['pause', { text: 'V8 4.6 – 6.4 (Node 5 – 10)', nodeMajors: [5, 10] }],
];

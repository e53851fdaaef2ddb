// Guesses the Node/V8 era of a log from the shape of its records (names, fields, form).

import type { GcEvent } from '../events.js';

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
    if (event.source === 'nvp' && event.nvp !== undefined) {
      const index = NVP_KEY_ERAS.findIndex(([key]) => key in event.nvp!);
      if (index !== -1 && (this.nvpEraIndex === null || index < this.nvpEraIndex)) this.nvpEraIndex = index;
    }
  }

  guess(): string {
    if (this.json || this.incrementalName) return 'V8 14+ (Node 25 or newer)';
    if (this.isolateId) return 'V8 13.6+ (Node 24 or newer)';
    if (this.nvpEraIndex !== null) return NVP_KEY_ERAS[this.nvpEraIndex]![1];
    if (this.pooled || this.minorMarkSweep || this.collectorReasonSemicolon) return 'V8 12.4+ (Node 22 or newer)';
    if (this.markCompact) return 'V8 10.8 – 11.x (Node 19 – 21)';
    if (this.markSweep && this.mu) return 'V8 6.7 – 10.2 (Node 10 – 18)';
    if (this.markSweep) return 'V8 5.x – 6.6 (Node 6 – 10)';
    return 'unknown (no full-GC record to tell by)';
  }
}

/** NVP keys in the order V8 added them, newest first (from GCTracer::PrintNVP across versions). */
const NVP_KEY_ERAS: Array<[string, string]> = [
  ['start_object_size', 'V8 13.6+ (Node 24 or newer)'],
  ['interleaved', 'V8 12.4 – 13.x (Node 22 – 23)'],
  ['new_space_survived', 'V8 11.x (Node 20 – 21)'],
  ['time_to_safepoint', 'V8 9.4 – 10.x (Node 16 – 19)'],
  ['stop_the_world', 'V8 8.9 – 9.3 (Node 16)'],
  ['scavenge.update_refs', 'V8 7.x – 8.x (Node 12 – 15)'],
  ['background.scavenge.parallel', 'V8 6.5 – 7.x (Node 10 – 12)'],
  ['pause', 'V8 5.x – 6.4 (Node 6 – 10)'],
];

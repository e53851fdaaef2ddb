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
  private keyValue = false;
  private isolateId = false;
  private collectorReasonSemicolon = false;

  add(event: GcEvent): void {
    if (event.v8Name === 'Mark-sweep') this.markSweep = true;
    if (event.v8Name === 'Mark-Compact') this.markCompact = true;
    if (event.v8Name.startsWith('Incremental ')) this.incrementalName = true;
    if (event.type === 'Minor Mark-Sweep') this.minorMarkSweep = true;
    if (event.pooledMb !== undefined) this.pooled = true;
    if (event.mu !== undefined) this.mu = true;
    if (event.source === 'nvp-json') this.json = true;
    if (event.source === 'nvp') this.keyValue = true;
    if (event.isolateId !== undefined) this.isolateId = true;
    if (event.nvp && 'interleaved' in event.nvp) this.collectorReasonSemicolon = true;
  }

  guess(): string {
    if (this.json || this.incrementalName) return 'V8 14+ (Node 25 or newer)';
    if (this.isolateId) return 'V8 13.6+ (Node 24 or newer)';
    if (this.pooled || this.minorMarkSweep || this.collectorReasonSemicolon) return 'V8 12.4+ (Node 22 or newer)';
    if (this.markCompact) return 'V8 10.8 – 11.x (Node 19 – 21)';
    if (this.markSweep && this.mu) return 'V8 6.7 – 10.2 (Node 10 – 18)';
    if (this.markSweep) return 'V8 5.x – 6.6 (Node 6 – 10)';
    if (this.keyValue) return 'V8 5.5 – 13.x (NVP; Node 8 – 24)';
    return 'unknown (no full-GC record to tell by)';
  }
}

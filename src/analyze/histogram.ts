// Pause histogram for display: log-spaced buckets from 0.1 ms to 10 s, counts per GC type.

import type { GcType } from '../events.js';
import type { PauseHistogram } from './summary.js';

export const HISTOGRAM_UPPER_BOUNDS_MS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, Infinity];

export class PauseHistogramBuilder {
  private readonly counts = new Map<GcType, number[]>();

  add(type: GcType, pauseMs: number): void {
    let counts = this.counts.get(type);
    if (counts === undefined) this.counts.set(type, (counts = new Array<number>(HISTOGRAM_UPPER_BOUNDS_MS.length).fill(0)));
    let bucket = 0;
    while (pauseMs > HISTOGRAM_UPPER_BOUNDS_MS[bucket]!) bucket++;
    counts[bucket]!++;
  }

  result(): PauseHistogram {
    // JSON has no Infinity: the last bound is written as null-free "open" by omitting it.
    return { upperBoundsMs: HISTOGRAM_UPPER_BOUNDS_MS.slice(0, -1), counts: Object.fromEntries(this.counts) };
  }
}

// The lower envelope of a value sampled at every GC (the heap left after each GC, external
// memory): the lowest value in each time bin, in bounded memory. Bins start at 100 ms and double
// in width whenever there would be more than MAX_BINS, so a day-long log keeps 512 bins.

import type { TimedValue } from './growth.js';

const FIRST_BIN_MS = 100;
const MAX_BINS = 512;

interface Bin {
  index: number;
  timeMs: number;
  valueMb: number;
}

export class LowerEnvelope {
  private binMs = FIRST_BIN_MS;
  private bins: Bin[] = [];

  add(timeMs: number, valueMb: number): void {
    const index = Math.floor(timeMs / this.binMs);
    const last = this.bins[this.bins.length - 1];
    if (last !== undefined && last.index === index) {
      if (valueMb < last.valueMb) {
        last.valueMb = valueMb;
        last.timeMs = timeMs;
      }
      return;
    }
    this.bins.push({ index, timeMs, valueMb });
    if (this.bins.length > MAX_BINS) this.widen();
  }

  private widen(): void {
    this.binMs *= 2;
    const merged: Bin[] = [];
    for (const bin of this.bins) {
      const index = Math.floor(bin.index / 2);
      const last = merged[merged.length - 1];
      if (last !== undefined && last.index === index) {
        if (bin.valueMb < last.valueMb) Object.assign(last, { timeMs: bin.timeMs, valueMb: bin.valueMb });
      } else {
        merged.push({ ...bin, index });
      }
    }
    this.bins = merged;
  }

  points(): TimedValue[] {
    return this.bins.map((bin) => ({ timeMs: bin.timeMs, valueMb: bin.valueMb }));
  }

  get size(): number {
    return this.bins.length;
  }
}

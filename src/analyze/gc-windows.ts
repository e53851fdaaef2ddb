// GC time summed per 1-second window of the isolate's clock (Clinic Doctor's rule: ≥ 100 ms in a
// second is a blocked event loop). A pause is spread over the windows its interval covers (it
// starts at V8's printed time minus the pause), so no window holds more than its 1000 ms.

import { round } from './pause-stats.js';
import { keepMax, SeriesReducer } from './series-reducer.js';
import type { GcType } from '../events.js';
import type { GcWindow } from './summary.js';

export const WINDOW_MS = 1000;
export const WINDOW_THRESHOLD_MS = 100;
const MAX_BLOCKS = 4096;
/** A pause is spread over at most this many windows (damaged logs can print pauses of years). */
const MAX_SPREAD_WINDOWS = 3600;

export class GcWindows {
  private current: GcWindow | null = null;
  /** The current window's pause time by collector (kept for the worst window only). */
  private currentByType = new Map<GcType, number>();
  worst: GcWindow | null = null;
  overThreshold = 0;
  readonly series = new SeriesReducer<GcWindow>([keepMax((window) => window.gcMs)], (window) => window.startMs, 1000, WINDOW_MS);

  /** A pause from `gcStartMs` lasting `pauseMs`; GCs come in time order. */
  add(gcStartMs: number, pauseMs: number, type: GcType): void {
    let from = gcStartMs;
    let left = pauseMs;
    let windows = 0;
    do {
      const startMs = Math.floor(from / WINDOW_MS) * WINDOW_MS;
      // Past MAX_SPREAD_WINDOWS (an hour: no real pause), the rest stays in the last window.
      const part = ++windows >= MAX_SPREAD_WINDOWS ? left : Math.min(left, startMs + WINDOW_MS - from);
      this.addToWindow(startMs, part, type);
      from += part;
      left -= part;
    } while (left > 1e-9);
  }

  private addToWindow(startMs: number, gcMs: number, type: GcType): void {
    // A window already closed (timestamps rounded to whole ms can step back a little) gets no more: the current one takes it.
    if (this.current === null || startMs > this.current.startMs) {
      this.close();
      this.current = { startMs, gcMs: 0 };
    }
    this.current.gcMs += gcMs;
    this.currentByType.set(type, (this.currentByType.get(type) ?? 0) + gcMs);
  }

  finish(): void {
    this.close();
  }

  /**
   * Share of each block of seconds spent in GC, quiet seconds included, from the first window on:
   * what the overhead's interval is bootstrapped from. Blocks double in length past MAX_BLOCKS.
   */
  readonly blocks: number[] = [];
  private blockSeconds = 1;
  private firstStartMs: number | null = null;

  private record(window: GcWindow): void {
    this.firstStartMs ??= window.startMs;
    // A clock that steps back (a restart in the same file) adds to the first block.
    const indexOf = () => Math.max(0, Math.floor((window.startMs - this.firstStartMs!) / WINDOW_MS / this.blockSeconds));
    // Widen the blocks before reaching far ahead: a long quiet stretch must not allocate a block per second.
    while (indexOf() >= MAX_BLOCKS) this.widenBlocks();
    const index = indexOf();
    while (this.blocks.length <= index) this.blocks.push(0);
    this.blocks[index]! += window.gcMs / (WINDOW_MS * this.blockSeconds);
  }

  private widenBlocks(): void {
    const merged: number[] = [];
    for (let i = 0; i < this.blocks.length; i += 2) merged.push(((this.blocks[i] ?? 0) + (this.blocks[i + 1] ?? 0)) / 2);
    this.blocks.splice(0, this.blocks.length, ...merged);
    this.blockSeconds *= 2;
  }

  private close(): void {
    const window = this.current;
    if (window === null) return;
    this.record(window);
    window.gcMs = round(window.gcMs);
    if (this.worst === null || window.gcMs > this.worst.gcMs) {
      const byCollector = [...this.currentByType].map(([type, gcMs]) => ({ type, gcMs: round(gcMs) })).sort((a, b) => b.gcMs - a.gcMs);
      this.worst = { ...window, byCollector };
    }
    this.currentByType.clear();
    if (window.gcMs >= WINDOW_THRESHOLD_MS) this.overThreshold++;
    this.series.add(window);
    this.current = null;
  }
}

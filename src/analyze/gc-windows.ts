// GC time summed per 1-second window of the isolate's clock (Clinic Doctor's rule: ≥ 100 ms in a
// second is a blocked event loop). A pause counts in the window where it starts.

import { round } from './pause-stats.js';
import { keepMax, SeriesReducer } from './series-reducer.js';
import type { GcWindow } from './summary.js';

export const WINDOW_MS = 1000;
export const WINDOW_THRESHOLD_MS = 100;

export class GcWindows {
  private current: GcWindow | null = null;
  worst: GcWindow | null = null;
  overThreshold = 0;
  readonly series = new SeriesReducer<GcWindow>([keepMax((window) => window.gcMs)], (window) => window.startMs, 1000, WINDOW_MS);

  add(timeMs: number, pauseMs: number): void {
    const startMs = Math.floor(timeMs / WINDOW_MS) * WINDOW_MS;
    if (this.current !== null && this.current.startMs === startMs) {
      this.current.gcMs += pauseMs;
      return;
    }
    this.close();
    this.current = { startMs, gcMs: pauseMs };
  }

  finish(): void {
    this.close();
  }

  private close(): void {
    const window = this.current;
    if (window === null) return;
    window.gcMs = round(window.gcMs);
    if (this.worst === null || window.gcMs > this.worst.gcMs) this.worst = { ...window };
    if (window.gcMs >= WINDOW_THRESHOLD_MS) this.overThreshold++;
    this.series.add(window);
    this.current = null;
  }
}

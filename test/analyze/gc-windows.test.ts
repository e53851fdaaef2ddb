// GC time per 1-second window: a pause spread over the seconds it covers, in bounded memory.

import { describe, expect, it } from 'vitest';
import { GcWindows } from '../../src/analyze/gc-windows.js';

function windowsOf(pauses: Array<[number, number]>): GcWindows {
  const windows = new GcWindows();
  for (const [startMs, pauseMs] of pauses) windows.add(startMs, pauseMs, 'Scavenge');
  windows.finish();
  return windows;
}

describe('GcWindows', () => {
  it('spreads a pause over the seconds it covers', () => {
    const windows = windowsOf([[900, 300]]);
    expect(windows.series.points()).toEqual([
      { startMs: 0, gcMs: 100 },
      { startMs: 1000, gcMs: 200 },
    ]);
    expect(windows.worst).toEqual({ startMs: 1000, gcMs: 200, byCollector: [{ type: 'Scavenge', gcMs: 200 }] });
  });

  it('keeps the worst second’s pause time by collector, largest first', () => {
    const windows = new GcWindows();
    windows.add(100, 40, 'Scavenge');
    windows.add(900, 200, 'Mark-Compact');
    windows.add(1500, 50, 'Scavenge');
    windows.finish();
    // The Mark-Compact from 900 ms gives 100 ms to each second: 140 ms in the first, 150 in the second
    // (its Scavenge 50 ms, not the first second's 40 too).
    expect(windows.worst).toEqual({ startMs: 1000, gcMs: 150, byCollector: [{ type: 'Mark-Compact', gcMs: 100 }, { type: 'Scavenge', gcMs: 50 }] });
  });

  it('never puts more than 1000 ms in a second, and counts each second at 100 ms or more', () => {
    const windows = windowsOf([[0, 5000]]);
    expect(windows.worst).toEqual({ startMs: 0, gcMs: 1000, byCollector: [{ type: 'Scavenge', gcMs: 1000 }] });
    expect(windows.overThreshold).toBe(5);
  });

  it('spreads at most 3600 windows of a pause no real log holds, keeping all of it', () => {
    const windows = windowsOf([[0, 10_000_000]]);
    expect(windows.overThreshold).toBe(3600);
    expect(windows.worst!.gcMs).toBe(10_000_000 - 3599 * 1000);
  });

  it('keeps its blocks of seconds bounded across a long quiet stretch', () => {
    const windows = windowsOf([
      [0, 10],
      [1e12, 10],
    ]);
    expect(windows.blocks.length).toBeLessThanOrEqual(4096);
    expect(windows.blocks.at(-1)).toBeGreaterThan(0);
  });
});

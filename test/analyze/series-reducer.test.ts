import { describe, expect, it } from 'vitest';
import { keepMax, keepMin, SeriesReducer } from '../../src/analyze/series-reducer.js';

interface Point {
  timeMs: number;
  pauseMs: number;
}

describe('SeriesReducer', () => {
  it('keeps every point while under the bucket budget', () => {
    const reducer = new SeriesReducer<Point>([keepMax((p) => p.pauseMs)], (p) => p.timeMs, 100);
    for (let time = 0; time < 50; time++) reducer.add({ timeMs: time * 10, pauseMs: time });
    expect(reducer.points()).toHaveLength(50);
    expect(reducer.reduced).toBe(false);
  });

  it('stays bounded and keeps the extremes of a long series', () => {
    const reducer = new SeriesReducer<Point>([keepMax((p) => p.pauseMs), keepMin((p) => p.pauseMs)], (p) => p.timeMs, 100);
    for (let time = 0; time < 100_000; time++) {
      reducer.add({ timeMs: time, pauseMs: time === 77_777 ? 500 : time === 12_345 ? -1 : (time % 7) + 1 });
    }
    const points = reducer.points();
    expect(reducer.reduced).toBe(true);
    expect(points.length).toBeLessThanOrEqual(200);
    expect(Math.max(...points.map((p) => p.pauseMs))).toBe(500);
    expect(points.find((p) => p.pauseMs === 500)!.timeMs).toBe(77_777);
    expect(Math.min(...points.map((p) => p.pauseMs))).toBe(-1);
    // In time order.
    expect(points.map((p) => p.timeMs)).toEqual([...points.map((p) => p.timeMs)].sort((a, b) => a - b));
  });
});

// assessGrowth on generated series with known answers, and each shape rule at its bounds.

import { describe, expect, it } from 'vitest';
import { assessGrowth, givenBackOf, plateauOf, type TimedValue } from '../../src/analyze/growth.js';

/** One value a minute, from minute 0. */
const perMinute = (values: number[]): TimedValue[] => values.map((valueMb, index) => ({ timeMs: index * 60_000, valueMb }));

describe('assessGrowth', () => {
  it('measures a straight rise: Theil–Sen slope, tau 1, growth over the span, level', () => {
    const growth = assessGrowth(perMinute([10, 12, 14, 16, 18, 20]))!;
    expect(growth.slopeMbPerMinute).toBe(2);
    expect(growth.tau).toBe(1);
    expect(growth.r2).toBe(1);
    expect(growth.growthMb).toBe(10);
    expect(growth.levelMb).toBe(15);
    expect(growth.relativeGrowth).toBeCloseTo(10 / 15, 12);
    expect(growth).toMatchObject({ points: 6, firstMb: 10, lastMb: 20, minMb: 10, maxMb: 20, plateau: null, givenBack: null });
  });

  it('claims no slope, R² or tau below 5 points: growth is last − first', () => {
    const four = assessGrowth(perMinute([10, 30, 20, 25]))!;
    expect(four).toMatchObject({ slopeMbPerMinute: null, r2: null, tau: null, mannKendallZ: null, growthMb: 15 });
    expect(assessGrowth(perMinute([10, 30, 20, 25, 26]))!.slopeMbPerMinute).not.toBeNull();
    expect(assessGrowth([])).toBeNull();
  });
});

describe('plateauOf: growth that stopped', () => {
  // 10 points: the tail is the last 4 (40%), the head's start the median of its first 2.
  // Head 0, 0, 5, 10, 10, 10 and tail 10, 10 + d, 10 + 2d, 10 + 3d: the tail gains 3d; before it the
  // series gained its median, 10 + 1.5d. A plateau needs 3d < 0.2 × (10 + 1.5d), i.e. d < 0.7407.
  const series = (d: number) => perMinute([0, 0, 5, 10, 10, 10, 10, 10 + d, 10 + 2 * d, 10 + 3 * d]);

  it('finds the level reached and since when, while the tail gains under a fifth of the growth before it', () => {
    expect(plateauOf(series(0))).toEqual({ levelMb: 10, sinceMs: 3 * 60_000 });
    expect(plateauOf(series(0.74))).not.toBeNull();
    expect(plateauOf(series(0.75))).toBeNull();
  });

  it('needs the tail to stay up: above half the gain (a tail that falls is memory given back)', () => {
    // Head start 0, tail level 10: the tail's lowest point must be at least 5.
    expect(plateauOf(perMinute([0, 0, 5, 10, 10, 10, 10, 10, 5, 10]))).not.toBeNull();
    expect(plateauOf(perMinute([0, 0, 5, 10, 10, 10, 10, 10, 4.9, 10]))).toBeNull();
  });

  it('needs 3 points in the tail (8 points in all)', () => {
    expect(plateauOf(perMinute([0, 5, 10, 10, 10, 10, 10]))).toBeNull();
    expect(plateauOf(perMinute([0, 0, 5, 10, 10, 10, 10, 10]))).not.toBeNull();
  });

  it('needs a gain of at least 1 MB and 5% of the level first (else the series just stayed level)', () => {
    expect(plateauOf(perMinute([9, 9, 9, 9, 9, 9, 10, 10, 10, 10]))).toEqual({ levelMb: 10, sinceMs: 6 * 60_000 });
    expect(plateauOf(perMinute([9, 9, 9, 9, 9, 9, 9.99, 9.99, 9.99, 9.99]))).toBeNull();
    expect(plateauOf(perMinute([38, 38, 38, 38, 38, 38, 40, 40, 40, 40]))).not.toBeNull();
    expect(plateauOf(perMinute([38, 38, 38, 38, 38, 38, 39.99, 39.99, 39.99, 39.99]))).toBeNull();
  });

  it('needs a tail lasting a fifth of the head\'s time: over less, a rise at the head\'s rate would look stopped too', () => {
    // Head: 0 0 5 10 10 10 at minutes 0 … 5 (5 min); tail: four 10s from minute 6, spanning 60 s (a fifth of 5 min) or 59.999 s.
    const withTail = (tailSpanMs: number): TimedValue[] => [
      ...perMinute([0, 0, 5, 10, 10, 10]),
      ...[0, 1 / 3, 2 / 3, 1].map((share) => ({ timeMs: 6 * 60_000 + share * tailSpanMs, valueMb: 10 })),
    ];
    expect(plateauOf(withTail(60_000))).toEqual({ levelMb: 10, sinceMs: 3 * 60_000 });
    expect(plateauOf(withTail(59_999))).toBeNull();
  });
});

describe('givenBackOf: memory held for a while and given back', () => {
  // Start 10, peak 40: a rise of 30, so the series must come back to 10 + 30 × 0.25 = 17.5 and end
  // at or under 10 + 2 × 7.5 = 25.
  const series = (after: number[]) => perMinute([10, 20, 30, 40, ...after]);

  it('finds the peak and how far back the series came', () => {
    expect(givenBackOf(series([17.5, 17.5]))).toEqual({ peakMb: 40, peakMs: 3 * 60_000, backToMb: 17.5 });
    expect(givenBackOf(series([17.6, 17.6]))).toBeNull();
  });

  it('needs the series to end low too', () => {
    expect(givenBackOf(series([17, 25]))).not.toBeNull();
    expect(givenBackOf(series([17, 25.1]))).toBeNull();
  });

  it('needs the rise to be a quarter of the start level: a wobble of a large floor is not memory given back', () => {
    // Start 40: the peak must reach 50.
    expect(givenBackOf(perMinute([40, 45, 50, 40, 40]))).not.toBeNull();
    expect(givenBackOf(perMinute([40, 45, 49.9, 40, 40]))).toBeNull();
  });

  it('needs the memory held over two floors in the upper half of the rise: one high floor is a spike', () => {
    expect(givenBackOf(perMinute([10, 20, 40, 10, 10]))).toBeNull();
    expect(givenBackOf(perMinute([10, 25, 40, 10, 10]))).toEqual({ peakMb: 40, peakMs: 2 * 60_000, backToMb: 10 });
  });

  it('is null when the peak is the first or last point', () => {
    expect(givenBackOf(perMinute([40, 30, 20, 10]))).toBeNull();
    expect(givenBackOf(perMinute([10, 20, 30, 40]))).toBeNull();
  });
});

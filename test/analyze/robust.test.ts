// Robust statistics on generated data with known answers.

import { describe, expect, it } from 'vitest';
import { mannKendallZ } from '../../src/analyze/growth.js';
import { bootstrapInterval, kendallTau, median, quantile, seededRandom, theilSen } from '../../src/analyze/robust.js';

describe('quantile and median', () => {
  it('interpolates between order statistics', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
    expect(quantile([10, 20, 30, 40, 50], 0.9)).toBe(46);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});

describe('theilSen', () => {
  it('finds the slope of a line that a third of wild points cannot move', () => {
    const points = Array.from({ length: 12 }, (_, x) => ({ x, y: 2 * x + 1 }));
    points[3]!.y = 500;
    points[7]!.y = -300;
    const fit = theilSen(points)!;
    expect(fit.slope).toBe(2);
    expect(fit.intercept).toBe(1);
  });

  it('is null without two distinct x', () => {
    expect(theilSen([{ x: 1, y: 1 }])).toBeNull();
    expect(theilSen([{ x: 1, y: 1 }, { x: 1, y: 5 }])).toBeNull();
  });
});

describe('kendallTau and the Mann–Kendall z', () => {
  it('is +1 for a rise, −1 for a fall, in between for a swing', () => {
    const at = (ys: number[]) => ys.map((y, x) => ({ x, y }));
    expect(kendallTau(at([1, 2, 3, 4, 5]))).toBe(1);
    expect(kendallTau(at([5, 4, 3, 2, 1]))).toBe(-1);
    // 5 concordant pairs and 1 discordant of 6.
    expect(kendallTau(at([1, 3, 2, 4]))).toBeCloseTo(4 / 6, 12);
  });

  it('gives z = (S − 1) / √(n(n−1)(2n+5)/18): 5 rising points reach 2.20, not 2.33', () => {
    expect(mannKendallZ([1, 2, 3, 4, 5])).toBeCloseTo(9 / Math.sqrt((5 * 4 * 15) / 18), 12);
    expect(mannKendallZ([1, 2, 3, 4, 5])).toBeLessThan(2.33);
    expect(mannKendallZ([1, 2, 3, 4, 5, 6])).toBeCloseTo(14 / Math.sqrt((6 * 5 * 17) / 18), 12);
    expect(mannKendallZ([3, 3, 3, 3])).toBe(0);
    expect(mannKendallZ([5, 4, 3, 2, 1])).toBeCloseTo(-9 / Math.sqrt((5 * 4 * 15) / 18), 12);
  });
});

describe('bootstrapInterval', () => {
  const mean = (sample: Float64Array) => sample.reduce((sum, value) => sum + value, 0) / sample.length;

  it('is the value itself when every value is the same, and null below 3 values', () => {
    expect(bootstrapInterval([7, 7, 7, 7], mean)).toEqual({ low: 7, high: 7 });
    expect(bootstrapInterval([1, 2], mean)).toBeNull();
  });

  it('is the same on every run (seeded) and holds the true mean of a large sample', () => {
    const random = seededRandom(42);
    const values = Array.from({ length: 2000 }, () => 10 + (random() - 0.5) * 4);
    const first = bootstrapInterval(values, mean)!;
    expect(bootstrapInterval(values, mean)).toEqual(first);
    expect(first.low).toBeLessThan(10.05);
    expect(first.high).toBeGreaterThan(9.95);
    expect(first.high - first.low).toBeLessThan(0.2);
  });

  it('widens with blocks when neighbours move together (a trend or bursts)', () => {
    const values = Array.from({ length: 400 }, (_, index) => (Math.floor(index / 50) % 2 === 0 ? 0 : 10));
    const independent = bootstrapInterval(values, mean, { blockLength: 1 })!;
    const blocked = bootstrapInterval(values, mean, { blockLength: 20 })!;
    expect(blocked.high - blocked.low).toBeGreaterThan(independent.high - independent.low);
  });
});

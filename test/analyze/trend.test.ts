import { describe, expect, it } from 'vitest';
import { fitLine } from '../../src/analyze/trend.js';

describe('fitLine', () => {
  it('finds the slope and a perfect R² on a straight line', () => {
    const fit = fitLine([0, 1, 2, 3], [10, 12, 14, 16])!;
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(fit.intercept).toBeCloseTo(10, 12);
    expect(fit.r2).toBeCloseTo(1, 12);
  });

  it('gives R² 1 and slope 0 for a flat series', () => {
    expect(fitLine([0, 1, 2], [5, 5, 5])).toEqual({ slope: 0, intercept: 5, r2: 1 });
  });

  it('gives a low R² for noise around a flat line', () => {
    // By hand: x̄ = 1.5, ȳ = 2, Sxy = 1.5 − 0.5 − 0.5 + 1.5 = 2, Sxx = 5, Syy = 4 → slope 0.4, R² = 4 / 20.
    const fit = fitLine([0, 1, 2, 3], [1, 3, 1, 3])!;
    expect(fit.slope).toBeCloseTo(0.4, 12);
    expect(fit.r2).toBeCloseTo(0.2, 12);
  });

  it('needs two distinct x values', () => {
    expect(fitLine([1], [1])).toBeNull();
    expect(fitLine([1, 1], [1, 2])).toBeNull();
  });
});

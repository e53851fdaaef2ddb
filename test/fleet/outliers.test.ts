// Tukey's fence over the fleet: a value just above Q3 + 1.5·IQR is an outlier, one just below is not.

import { describe, expect, it } from 'vitest';
import { fleetOutliers, OUTLIER_MIN_VALUES } from '../../src/fleet/html.js';
import type { FleetRow } from '../../src/fleet/row.js';

function row(p99: number, index: number): FleetRow {
  return {
    file: `f${index}.log`, files: [`f${index}.log`], pid: index, isolate: null, label: 'main thread', command: null, era: 'V8 12.4+',
    durationMs: 1000, gcs: 10, markCompacts: 0, pauseP50Ms: 1, pauseP95Ms: 1, pauseP99Ms: p99, pauseMaxMs: p99, overheadPercent: 1,
    worstSecondMs: 1, worstSecondAtMs: 0, floorMb: null, floorTrendMbPerMinute: null, leak: 'none', leakReason: '', outOfMemory: false,
  };
}

describe('fleetOutliers', () => {
  // p99 of 10, 20, 30, 40 and the fifth: Q1 and Q3 by interpolation over five values.
  const fence = (fifth: number): number => {
    const sorted = [10, 20, 30, 40, fifth].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.floor(4 * p)]! + (sorted[Math.ceil(4 * p)]! - sorted[Math.floor(4 * p)]!) * (4 * p - Math.floor(4 * p));
    return q(0.75) + 1.5 * (q(0.75) - q(0.25));
  };

  it('flags a p99 just above the fence and not one at it', () => {
    // With the fifth value above 40, Q1 = 20 and Q3 = 40: the fence is 70.
    expect(fence(70)).toBe(70);
    expect(fleetOutliers([10, 20, 30, 40, 70].map(row)).filter((outlier) => outlier.measure.key === 'pauseP99Ms')).toEqual([]);
    const above = fleetOutliers([10, 20, 30, 40, 70.01].map(row)).filter((outlier) => outlier.measure.key === 'pauseP99Ms');
    expect(above.map((outlier) => [outlier.value, outlier.fence])).toEqual([[70.01, 70]]);
  });

  it('needs four isolates before calling one an outlier', () => {
    expect(OUTLIER_MIN_VALUES).toBe(4);
    expect(fleetOutliers([1, 2, 1000].map(row))).toEqual([]);
    expect(fleetOutliers([1, 2, 3, 1000].map(row)).map((outlier) => outlier.value)).toEqual([1000]);
  });
});

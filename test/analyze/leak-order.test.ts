// The leak verdict from the order of the floors alone (GCProfiler results, whose GCs have no time):
// generated floors with known answers, each bound tested just below and just above.

import { describe, expect, it } from 'vitest';
import { judgeLeakByOrder } from '../../src/analyze/leak-order.js';
import { LEAK_MIN_GROWTH_MB, LEAK_MIN_RELATIVE_GROWTH, LEAK_MIN_Z, MIN_TREND_POINTS } from '../../src/analyze/leak.js';

const judge = (floors: number[]) => judgeLeakByOrder({ floors, ineffectiveMarkCompacts: 0, heapLimitMb: null });
/** `count` floors after a first fifth that the verdict leaves out: level + step × index. */
function rising(count: number, level: number, step: number): number[] {
  const kept = Array.from({ length: count }, (_, index) => level + step * index);
  const warmUp = Math.floor(count / 4); // a fifth of count + count / 4 is count / 4
  return [...Array.from({ length: warmUp }, () => level), ...kept];
}

describe('judgeLeakByOrder', () => {
  it(`needs ${MIN_TREND_POINTS} floors after the first fifth: one fewer is insufficient-data, and says time is unknown`, () => {
    const below = judge([40, 41, 42, 43]);
    expect(below.verdict).toBe('insufficient-data');
    expect(below.reasons[0]).toBe(
      '4 Mark-Compacts after the first fifth (4 in all): a trend needs 5; over them the floor went from 40.0 to 43.0 MB; the GCProfiler records no time for each GC, so how fast the floor changes is unknown',
    );
    const at = judge([40, 41, 42, 43, 44, 45]);
    expect(at.evidence.points).toBe(5);
    expect(at.verdict).not.toBe('insufficient-data');
  });

  it('a steady rise is at most suspected, never a leak, and says why', () => {
    const leak = judge(rising(20, 40, 1));
    expect(leak.verdict).toBe('suspected');
    expect(leak.reasons[0]).toContain('rose steadily over 20 Mark-Compacts in order, from 40.0 to 59.0 MB (+19.0 MB');
    expect(leak.reasons[0]).toContain('so its rate is unknown: called suspected, not a leak');
    expect(leak.evidence.slopeMbPerMinute).toBeNull();
  });

  it(`growth in MB: just under ${LEAK_MIN_GROWTH_MB} MB is none, just over is suspected`, () => {
    // 19 steps over 20 floors at level 10 MB: relative growth far above 5%.
    expect(judge(rising(20, 10, (LEAK_MIN_GROWTH_MB - 0.01) / 19)).verdict).toBe('none');
    expect(judge(rising(20, 10, (LEAK_MIN_GROWTH_MB + 0.01) / 19)).verdict).toBe('suspected');
  });

  it(`growth against the median floor: just under ${LEAK_MIN_RELATIVE_GROWTH * 100}% is none, just over is suspected`, () => {
    // Level 100 MB: growth g over 20 floors has a median of 100 + g/2.
    const growthAt = (share: number) => (share * 100) / (1 - share / 2);
    expect(judge(rising(20, 100, growthAt(LEAK_MIN_RELATIVE_GROWTH - 0.001) / 19)).verdict).toBe('none');
    expect(judge(rising(20, 100, growthAt(LEAK_MIN_RELATIVE_GROWTH + 0.001) / 19)).verdict).toBe('suspected');
  });

  it(`Mann–Kendall z: just under ${LEAK_MIN_Z} is none, just over is suspected`, () => {
    // 8 rising floors, S = 28; each swap of two neighbours in order lowers S by 2, z = (S − 1) / sqrt(8·7·21/18).
    // Four swaps: S = 20, z = 2.35; a fifth: S = 18, z = 2.10. The 2 flat floors in front are the first fifth, cut.
    const above = [51, 50, 53, 52, 55, 54, 57, 56];
    const below = [51, 53, 50, 52, 55, 54, 57, 56];
    const z = (s: number) => (s - 1) / Math.sqrt((8 * 7 * 21) / 18);
    expect(judge([50, 50, ...above]).evidence.mannKendallZ).toBe(Number(z(20).toFixed(3)));
    expect(z(20)).toBeGreaterThanOrEqual(LEAK_MIN_Z);
    expect(judge([50, 50, ...above]).verdict).toBe('suspected');
    expect(judge([50, 50, ...below]).evidence.mannKendallZ).toBe(Number(z(18).toFixed(3)));
    expect(z(18)).toBeLessThan(LEAK_MIN_Z);
    expect(judge([50, 50, ...below]).verdict).toBe('none');
  });

  it('a flat floor is none, with the range and the median', () => {
    const flat = judge([30, 31, 30, 31, 30, 31, 30, 31, 30, 31]);
    expect(flat.verdict).toBe('none');
    expect(flat.reasons[0]).toBe(
      'no steady rise of the floor after Mark-Compact over 8 Mark-Compacts in order (from 30.0 to 31.0 MB, median 30.5 MB); the GCProfiler records no time for each GC, so how fast the floor changes is unknown',
    );
  });

  it('a last floor under half the one before is the collapse at exit, left out; at half it stays', () => {
    const rise = [40, 41, 42, 43, 44, 45, 46, 47, 48];
    // 10 floors: the first fifth (2) out, and the collapse: 7 judged.
    const collapsed = judge([...rise, 23.9]);
    expect(collapsed.evidence.points).toBe(7);
    expect(collapsed.notes).toContain('the last Mark-Compact let go of the heap (48.0 → 23.9 MB, the process ending): left out');
    const kept = judge([...rise, 24]);
    expect(kept.evidence.points).toBe(8);
    expect(kept.notes).toEqual([]);
  });
});

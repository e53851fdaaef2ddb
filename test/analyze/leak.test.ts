// The leak verdict's rules, each just below and just above its bound, on generated inputs; the
// verdicts on real logs are in analyzer-samples.test.ts and the corpus test.

import { describe, expect, it } from 'vitest';
import type { Growth, TimedValue } from '../../src/analyze/growth.js';
import { externalLeaking, judgeLeak, runWindow, runningFloors, shortLogRise, trendVerdict, type FloorSample, type LeakInput } from '../../src/analyze/leak.js';

const rising: Growth = {
  points: 20,
  firstMs: 0,
  lastMs: 600_000,
  firstMb: 40,
  lastMb: 60,
  minMb: 40,
  maxMb: 60,
  levelMb: 50,
  slopeMbPerMinute: 2,
  r2: 0.9,
  tau: 0.8,
  mannKendallZ: 3,
  growthMb: 20,
  relativeGrowth: 0.4,
  plateau: null,
  givenBack: null,
};
const withGrowth = (change: Partial<Growth>): Growth => ({ ...rising, ...change });

describe('trendVerdict: the floor trend alone', () => {
  it('calls leak from Mann–Kendall z 2.33, suspected from 1.64', () => {
    expect(trendVerdict(withGrowth({ mannKendallZ: 2.33 }))).toBe('leak');
    expect(trendVerdict(withGrowth({ mannKendallZ: 2.32 }))).toBe('suspected');
    expect(trendVerdict(withGrowth({ mannKendallZ: 1.64 }))).toBe('suspected');
    expect(trendVerdict(withGrowth({ mannKendallZ: 1.63 }))).toBe('none');
  });

  it('needs growth of 5% of the level', () => {
    expect(trendVerdict(withGrowth({ relativeGrowth: 0.05 }))).toBe('leak');
    expect(trendVerdict(withGrowth({ relativeGrowth: 0.0499 }))).toBe('none');
  });

  it('needs 2 MB of growth for leak, 1 MB for suspected', () => {
    expect(trendVerdict(withGrowth({ growthMb: 2 }))).toBe('leak');
    expect(trendVerdict(withGrowth({ growthMb: 1.99 }))).toBe('suspected');
    expect(trendVerdict(withGrowth({ growthMb: 1 }))).toBe('suspected');
    expect(trendVerdict(withGrowth({ growthMb: 0.99 }))).toBe('none');
  });

  it('over less than a minute, calls only a rise of half the level a leak; a smaller one is too short to tell', () => {
    expect(trendVerdict(withGrowth({ lastMs: 60_000 }))).toBe('leak');
    expect(trendVerdict(withGrowth({ lastMs: 59_999 }))).toBe('too-short');
    expect(trendVerdict(withGrowth({ lastMs: 59_999, relativeGrowth: 0.5 }))).toBe('leak');
    expect(trendVerdict(withGrowth({ lastMs: 59_999, relativeGrowth: 0.499 }))).toBe('too-short');
    expect(trendVerdict(withGrowth({ lastMs: 59_999, mannKendallZ: 2, relativeGrowth: 0.9 }))).toBe('too-short');
    expect(trendVerdict(withGrowth({ lastMs: 60_000, mannKendallZ: 2 }))).toBe('suspected');
  });

  it('never calls a plateau, memory given back or a trend from fewer than 5 points a leak', () => {
    expect(trendVerdict(withGrowth({ plateau: { levelMb: 60, sinceMs: 300_000 } }))).toBe('none');
    expect(trendVerdict(withGrowth({ givenBack: { peakMb: 90, peakMs: 200_000, backToMb: 41 } }))).toBe('none');
    expect(trendVerdict(withGrowth({ slopeMbPerMinute: null }))).toBe('none');
  });
});

describe('externalLeaking: external memory on its own', () => {
  it('needs z ≥ 2.33, ≥ 16 MB of growth and at least a doubling from max(first, 1 MB)', () => {
    const external = (change: Partial<Growth>) => withGrowth({ firstMb: 10, lastMb: 40, growthMb: 30, ...change });
    expect(externalLeaking(external({}))).toBe(true);
    expect(externalLeaking(external({ mannKendallZ: 2.32 }))).toBe(false);
    expect(externalLeaking(external({ growthMb: 16 }))).toBe(true);
    expect(externalLeaking(external({ growthMb: 15.99 }))).toBe(false);
    expect(externalLeaking(external({ lastMb: 20 }))).toBe(true);
    expect(externalLeaking(external({ lastMb: 19.99 }))).toBe(false);
    // From a few KB, "doubling" is measured from 1 MB.
    expect(externalLeaking(external({ firstMb: 0.2, lastMb: 2 }))).toBe(true);
    expect(externalLeaking(external({ firstMb: 0.2, lastMb: 1.99 }))).toBe(false);
    expect(externalLeaking(external({ plateau: { levelMb: 40, sinceMs: 1 } }))).toBe(false);
  });
});

describe('runWindow: the warm-up and the collapse at exit, cut the same way everywhere', () => {
  // Still filling up to the 20% mark (1 → 5 → 10 MB), so the warm-up is the first fifth of the time.
  const floors = (last: number) => [
    { timeMs: 0, heapAfterMb: 1 },
    { timeMs: 1999, heapAfterMb: 5 },
    { timeMs: 2000, heapAfterMb: 10 },
    { timeMs: 9000, heapAfterMb: last },
  ];

  it('leaves out the first 20% of the time', () => {
    const window = runWindow(floors(10), 0, 10_000);
    expect(window.warmUpEndMs).toBe(2000);
    expect(runningFloors(floors(10), window).map((floor) => floor.timeMs)).toEqual([2000, 9000]);
    expect(runningFloors(floors(10), window, true).map((floor) => floor.timeMs)).toEqual([0, 1999, 2000, 9000]);
  });

  it('ends the warm-up earlier at the first floor at 80% of the second half\'s level', () => {
    // Second half (from 5 s): floors 50, 50 → level 50; the first floor ≥ 40 MB ends the warm-up.
    const filling = (second: number) => [
      { timeMs: 0, heapAfterMb: 10 },
      { timeMs: 1000, heapAfterMb: second },
      { timeMs: 1500, heapAfterMb: 45 },
      { timeMs: 6000, heapAfterMb: 50 },
      { timeMs: 9000, heapAfterMb: 50 },
    ];
    expect(runWindow(filling(40), 0, 10_000).warmUpEndMs).toBe(1000);
    expect(runWindow(filling(39.9), 0, 10_000).warmUpEndMs).toBe(1500);
    // Never later than a fifth of the run.
    expect(runWindow([{ timeMs: 0, heapAfterMb: 1 }, { timeMs: 6000, heapAfterMb: 50 }], 0, 10_000).warmUpEndMs).toBe(2000);
  });

  it('leaves out a last floor under half the one before it', () => {
    expect(runWindow(floors(5), 0, 10_000).shutdownMs).toBeNull();
    expect(runWindow(floors(4.99), 0, 10_000).shutdownMs).toBe(9000);
    expect(runningFloors(floors(4.99), runWindow(floors(4.99), 0, 10_000)).map((floor) => floor.timeMs)).toEqual([2000]);
  });
});

describe('shortLogRise: a short log judged from every GC', () => {
  const noShutdown = { warmUpEndMs: 0, shutdownMs: null };
  const envelope = (values: number[], everyMs = 1000): TimedValue[] => values.map((valueMb, index) => ({ timeMs: index * everyMs, valueMb }));
  const floors = (...values: number[]): FloorSample[] => values.map((heapAfterMb, index) => ({ timeMs: 1000 + index * 2000, heapAfterMb }));
  // The heap left after GCs: 8 bins, the last quarter's lowest point (50 MB) to the end (80 MB) is 30 of a 70 MB climb.
  const climbing = envelope([10, 12, 20, 30, 40, 50, 60, 80]);

  it('calls a floor that tripled by 50 MB at every Mark-Compact, the heap still climbing, unmistakable', () => {
    expect(shortLogRise(climbing, noShutdown, floors(20, 35, 70))).toBe(
      'short log (7.0 s, 3 Mark-Compacts after the start: too few for a trend), but the floor after Mark-Compact rose at every one, 3.5× (20.0 MB → 70.0 MB), and the heap left after each GC was still climbing at the end (80.0 MB)',
    );
  });

  it('needs two floors, rising at every one', () => {
    expect(shortLogRise(climbing, noShutdown, floors(70))).toBeNull();
    expect(shortLogRise(climbing, noShutdown, floors(20, 75, 70))).toBeNull();
    expect(shortLogRise(climbing, noShutdown, floors(20, 70))).not.toBeNull();
  });

  it('needs the floor to triple', () => {
    expect(shortLogRise(climbing, noShutdown, floors(30, 90))).not.toBeNull();
    expect(shortLogRise(climbing, noShutdown, floors(30, 89.9))).toBeNull();
  });

  it('needs 50 MB of growth', () => {
    expect(shortLogRise(climbing, noShutdown, floors(10, 60))).not.toBeNull();
    expect(shortLogRise(climbing, noShutdown, floors(10, 59.9))).toBeNull();
  });

  it('needs 4 time bins over at least 2 s (a log of Mark-Compacts only has few)', () => {
    expect(shortLogRise(envelope([10, 15, 22, 30]), noShutdown, floors(20, 70))).not.toBeNull();
    expect(shortLogRise(envelope([10, 20, 30]), noShutdown, floors(20, 70))).toBeNull();
    expect(shortLogRise(envelope([10, 15, 22, 30], 667), noShutdown, floors(20, 70))).toMatch(/^short log \(2\.0 s/);
    expect(shortLogRise(envelope([10, 15, 22, 30], 666), noShutdown, floors(20, 70))).toBeNull();
  });

  it('needs the heap still climbing at the end: 15% of its climb from the last quarter\'s lowest point', () => {
    expect(shortLogRise(envelope([10, 12, 20, 30, 40, 69.5, 75, 80]), noShutdown, floors(20, 70))).not.toBeNull();
    expect(shortLogRise(envelope([10, 12, 20, 30, 40, 69.51, 75, 80]), noShutdown, floors(20, 70))).toBeNull();
  });
});

function input(floors: Array<[number, number]>, change: Partial<LeakInput> = {}): LeakInput {
  return {
    floors: floors.map(([timeMs, heapAfterMb]) => ({ timeMs, heapAfterMb })),
    heapAfterEnvelope: [],
    external: null,
    startMs: 0,
    endMs: floors.at(-1)?.[0] ?? 0,
    ineffectiveMarkCompacts: 0,
    outOfMemory: false,
    heapLimitMb: null,
    ...change,
  };
}

/** `count` floors `everyMs` apart (a second by default) from 0 s, at `value(i)` MB. */
const floorsOf = (count: number, value: (index: number) => number, everyMs = 1000): Array<[number, number]> =>
  Array.from({ length: count }, (_, index) => [index * everyMs, value(index)]);

describe('judgeLeak', () => {
  it('calls a steady rise a leak, with the slope from its points', () => {
    // 30 floors 3 s apart, a MB each: over more than a minute.
    const leak = judgeLeak(input(floorsOf(30, (index) => 40 + index, 3000)));
    expect(leak.verdict).toBe('leak');
    expect(leak.evidence.points).toBe(24);
    expect(leak.evidence.slopeMbPerMinute).toBeCloseTo(20, 9);
    expect(leak.reasons).toEqual([
      "the floor after Mark-Compact rose +20.0 MB/min (Theil–Sen, 24 points over 1 min 9 s: 46.0 MB → 69.0 MB, +40% of its 57.5 MB level, Kendall's tau 1.00)",
    ]);
  });

  it('says when the heap limit is reached at the rate, when the limit is known', () => {
    const leak = judgeLeak(input(floorsOf(30, (index) => 40 + index, 3000), { heapLimitMb: 129 }));
    expect(leak.notes).toContain('at this rate the floor reaches the 129 MB heap limit in about 3 min 0 s');
  });

  it('reads a flat floor as none, naming its range and level', () => {
    const leak = judgeLeak(input(floorsOf(30, (index) => 40 + (index % 3))));
    expect(leak.verdict).toBe('none');
    // At its level from the first floor: no warm-up to leave out, all 30 floors count.
    // The floor at 0 s falls in the first 2% of the run, the process starting: 29 floors count.
    expect(leak.reasons[0]).toBe(
      "the floor after Mark-Compact stayed between 40.0 MB and 42.0 MB over 28.0 s (29 points, level 41.0 MB, no steady rise: Kendall's tau 0.02); " +
        'a leak slower than about 4.3 MB/min would not stand out of this swing over this span',
    );
  });

  it('says a steady but tiny rise is too little to call a leak, not that there is no rise', () => {
    const leak = judgeLeak(input(floorsOf(30, (index) => 40 + index * 0.01, 3000)));
    expect(leak.verdict).toBe('none');
    expect(leak.reasons[0]).toBe(
      'the floor after Mark-Compact rose only 0.3 MB (+1% of its 40.1 MB level) over 1 min 24 s (29 points): too little to call a leak; ' +
        'a leak slower than about 0.2 MB/min would not stand out of this swing over this span',
    );
  });

  it('names memory given back only where it is what keeps a rise from being a leak', () => {
    // Held from 18 s to 54 s, then released: no rise to explain away.
    const swing = judgeLeak(input([10, 10, 10, 40, 40, 40, 40, 40, 40, 40, 10, 10, 10, 10].map((value, index) => [index * 6000, value] as [number, number])));
    expect(swing.reasons[0]).toMatch(/^the floor after Mark-Compact stayed between 10\.0 MB and 40\.0 MB/);
    // Climbing for most of the run, then let go: the rise alone would read as a leak.
    const climb = Array.from({ length: 20 }, (_, index) => 10 + index);
    const released = judgeLeak(input([...climb, 10, 10, 10].map((value, index) => [index * 6000, value] as [number, number])));
    expect(released.verdict).toBe('none');
    expect(released.reasons[0]).toBe('the floor after Mark-Compact rose to 29.0 MB at 1 min 54 s and came back down to 10.0 MB: memory held for a while and given back');
  });

  it('calls a floor at 80% of the heap limit suspected, not at 79.9%', () => {
    expect(judgeLeak(input(floorsOf(30, () => 80), { heapLimitMb: 100 })).verdict).toBe('suspected');
    expect(judgeLeak(input(floorsOf(30, () => 80), { heapLimitMb: 100.2 })).verdict).toBe('none');
  });

  it('calls an out-of-memory crash a leak when the floor rose, suspected when it did not', () => {
    expect(judgeLeak(input(floorsOf(3, (index) => 10 + 10 * index), { outOfMemory: true })).verdict).toBe('leak');
    const flat = judgeLeak(input(floorsOf(3, () => 30), { outOfMemory: true }));
    expect(flat.verdict).toBe('suspected');
    expect(flat.reasons[0]).toBe('the process ran out of memory with the floor after Mark-Compact at 30.0 MB, not rising: the app may need more than its heap limit');
  });

  it('shows memwatch\'s rule as evidence without letting it decide', () => {
    // Six rises in a row (10 → 16 MB), then back near 10: no trend over the run.
    const values = [20, 21, 19, 20, 10, 10.5, 11, 12, 13, 14.5, 16, 12, 11, 10.5, 10.2, 10.4, 10.3, 10.6, 10.2, 10.3];
    const leak = judgeLeak(input(values.map((value, index) => [index * 1000, value] as [number, number]), { startMs: -5000 }));
    expect(leak.verdict).toBe('none');
    expect(leak.evidence.longestGrowthStreak).toBe(6);
    expect(leak.notes[0]).toMatch(/^memwatch's rule fired \(the floor grew 6 times in a row/);
  });

  it('says insufficient-data with the numbers, without a slope, below 5 floors after the warm-up', () => {
    // 10 MB at 0 s, then 41 … 44 MB: the warm-up ends at 0.8 s (a fifth of 0 → 4 s), leaving 4 floors.
    const leak = judgeLeak(input(floorsOf(5, (index) => (index === 0 ? 10 : 40 + index))));
    expect(leak.verdict).toBe('insufficient-data');
    expect(leak.evidence.slopeMbPerMinute).toBeNull();
    expect(leak.evidence.r2).toBeNull();
    expect(leak.reasons[0]).toBe('only 4 Mark-Compacts after the warm-up (5 in 4.0 s): a trend needs 5; over them the floor went from 41.0 MB to 44.0 MB in 3.0 s');
  });
});

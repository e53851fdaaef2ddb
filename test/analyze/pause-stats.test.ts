import { describe, expect, it } from 'vitest';
import { EXACT_PAUSE_LIMIT, PauseRecorder } from '../../src/analyze/pause-stats.js';

describe('PauseRecorder', () => {
  it('gives nearest-rank percentiles, total, mean and max', () => {
    const recorder = new PauseRecorder();
    for (const pause of [4, 1, 3, 2, 10, 5, 6, 7, 8, 9]) recorder.add(pause);
    expect(recorder.stats()).toEqual({
      count: 10,
      totalMs: 55,
      meanMs: 5.5,
      p50Ms: 5, // rank ceil(0.5·10) = 5 → 5th smallest
      p95Ms: 10, // rank ceil(9.5) = 10
      p99Ms: 10,
      maxMs: 10,
      approximate: false,
    });
  });

  it('is empty-safe', () => {
    expect(new PauseRecorder().stats()).toMatchObject({ count: 0, totalMs: 0, meanMs: 0, p50Ms: 0, maxMs: 0 });
  });

  it('switches to a bounded histogram past the exact limit, within 1% of the true percentile', () => {
    const recorder = new PauseRecorder();
    const count = EXACT_PAUSE_LIMIT * 3;
    // Pauses 0.01 ms … count·0.01 ms, each once: the true p50 is count/2·0.01.
    for (let index = 1; index <= count; index++) recorder.add(index / 100);
    const stats = recorder.stats();
    expect(stats.approximate).toBe(true);
    expect(stats.count).toBe(count);
    expect(stats.maxMs).toBe(count / 100);
    const trueP50 = Math.ceil(0.5 * count) / 100;
    const trueP99 = Math.ceil(0.99 * count) / 100;
    expect(Math.abs(stats.p50Ms - trueP50) / trueP50).toBeLessThanOrEqual(0.01);
    expect(Math.abs(stats.p99Ms - trueP99) / trueP99).toBeLessThanOrEqual(0.01);
    expect(stats.p50Ms).toBeLessThanOrEqual(stats.p95Ms);
    expect(stats.p95Ms).toBeLessThanOrEqual(stats.p99Ms);
    expect(stats.p99Ms).toBeLessThanOrEqual(stats.maxMs);
  });
});

// Pause statistics: exact percentiles while the pauses fit a fixed budget, then a bounded
// log-bucket histogram whose percentiles are within 1% of the true value.

import type { PauseStats } from './summary.js';

/** Pauses kept exactly per series; past this, percentiles come from the histogram. */
export const EXACT_PAUSE_LIMIT = 50_000;
/** Bucket i holds values in (BASE·GROWTH^(i-1), BASE·GROWTH^i]: at most 1% above any value in it. */
const GROWTH = 1.01;
const BASE_MS = 0.001;
const BUCKETS = Math.ceil(Math.log(1e7 / BASE_MS) / Math.log(GROWTH)) + 1;

export class PauseRecorder {
  private exact: Float64Array | null = new Float64Array(1024);
  private histogram: Uint32Array | null = null;
  private sorted: Float64Array | null = null;
  count = 0;
  totalMs = 0;
  maxMs = 0;

  add(pauseMs: number): void {
    this.sorted = null;
    this.count++;
    this.totalMs += pauseMs;
    if (pauseMs > this.maxMs) this.maxMs = pauseMs;
    if (this.exact !== null) {
      if (this.count <= EXACT_PAUSE_LIMIT) {
        if (this.count > this.exact.length) {
          const grown = new Float64Array(Math.min(this.exact.length * 2, EXACT_PAUSE_LIMIT));
          grown.set(this.exact);
          this.exact = grown;
        }
        this.exact[this.count - 1] = pauseMs;
        return;
      }
      this.histogram = new Uint32Array(BUCKETS);
      for (const value of this.exact) this.histogram[bucketOf(value)]!++;
      this.exact = null;
    }
    this.histogram![bucketOf(pauseMs)]!++;
  }

  stats(): PauseStats {
    this.sorted = this.exact?.slice(0, this.count).sort() ?? null;
    return {
      count: this.count,
      totalMs: round(this.totalMs),
      meanMs: this.count === 0 ? 0 : round(this.totalMs / this.count),
      p50Ms: this.percentile(50),
      p95Ms: this.percentile(95),
      p99Ms: this.percentile(99),
      maxMs: this.maxMs,
      approximate: this.exact === null,
    };
  }

  /** The pauses in the order they came, while they are kept exactly; null past EXACT_PAUSE_LIMIT. */
  values(): Float64Array | null {
    return this.exact?.subarray(0, this.count) ?? null;
  }

  /** Nearest-rank percentile: the smallest pause with at least p% of pauses at or below it. */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    if (this.exact !== null) {
      this.sorted ??= this.exact.slice(0, this.count).sort();
      return this.sorted[rank - 1]!;
    }
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      seen += this.histogram![bucket]!;
      if (seen >= rank) return Math.min(this.maxMs, round(BASE_MS * GROWTH ** bucket));
    }
    return this.maxMs;
  }
}

/** Nearest-rank percentile of any values (the statistic the bootstrap resamples). */
export function nearestRank(values: Float64Array, p: number): number {
  if (values.length === 0) return 0;
  const sorted = values.slice().sort();
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

function bucketOf(valueMs: number): number {
  if (!(valueMs > BASE_MS)) return 0;
  return Math.min(BUCKETS - 1, Math.ceil(Math.log(valueMs / BASE_MS) / Math.log(GROWTH)));
}

/** Two decimals, as V8 prints pauses: sums of printed values carry float noise otherwise. */
export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

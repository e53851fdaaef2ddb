// Robust statistics shared by the leak detector, the floor trends and `compare`: medians,
// the Theil–Sen slope, Kendall's tau, and a seeded bootstrap interval. Outliers (one GC that
// freed little, one long pause) move none of these much, unlike a mean or a least-squares line.

export interface Point {
  x: number;
  y: number;
}

/** The p-quantile (0..1) by linear interpolation between order statistics; NaN for no values. */
export function quantile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** Pairs of points beyond which the Theil–Sen slope is taken over a regular subsample of them. */
const MAX_PAIRS = 200_000;
/** Points the pairwise statistics use at most (their pairs stay under MAX_PAIRS). */
export const MAX_PAIRWISE_POINTS = Math.floor(Math.sqrt(2 * MAX_PAIRS));

/**
 * Theil–Sen: the median of the slopes between every two points (x apart), and the intercept as
 * the median of y − slope·x. A third of the points can be wild before it moves. Null with fewer
 * than two distinct x.
 */
export function theilSen(points: Point[]): { slope: number; intercept: number } | null {
  const sample = thin(points, MAX_PAIRWISE_POINTS);
  const slopes: number[] = [];
  for (let i = 0; i < sample.length; i++) {
    for (let j = i + 1; j < sample.length; j++) {
      const dx = sample[j]!.x - sample[i]!.x;
      if (dx !== 0) slopes.push((sample[j]!.y - sample[i]!.y) / dx);
    }
  }
  if (slopes.length === 0) return null;
  const slope = median(slopes);
  return { slope, intercept: median(sample.map((point) => point.y - slope * point.x)) };
}

/**
 * Kendall's tau-a of y against x order: +1 when every later point is higher, −1 when every later
 * point is lower, near 0 for a level that only swings. Ties count as neither.
 */
export function kendallTau(points: Point[]): number {
  const sample = thin(points, MAX_PAIRWISE_POINTS);
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < sample.length; i++) {
    for (let j = i + 1; j < sample.length; j++) {
      const sign = Math.sign(sample[j]!.x - sample[i]!.x) * Math.sign(sample[j]!.y - sample[i]!.y);
      if (sign > 0) concordant++;
      else if (sign < 0) discordant++;
    }
  }
  const pairs = (sample.length * (sample.length - 1)) / 2;
  return pairs === 0 ? 0 : (concordant - discordant) / pairs;
}

/** At most `max` points, evenly spaced, first and last kept. */
export function thin<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, index) => points[Math.round(index * step)]!);
}

/** mulberry32: a small seeded generator, so that intervals are the same on every run of gclog. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const BOOTSTRAP_RESAMPLES = 200;
/**
 * Values resampled per bootstrap draw at most, evenly thinned beyond (a log of a million GCs costs a
 * few milliseconds per interval; the p95 of 2,000 of its pauses is within a few percent of all).
 */
const BOOTSTRAP_MAX_VALUES = 2_000;

export interface Interval {
  low: number;
  high: number;
}

/**
 * A 90% percentile-bootstrap interval of `statistic` over `values`, resampled in blocks of
 * `blockLength` consecutive values so that runs of similar GCs (a busy phase) stay together.
 * Null with fewer than 3 values.
 */
export function bootstrapInterval(
  values: ArrayLike<number>,
  statistic: (sample: Float64Array) => number,
  options: { blockLength?: number; seed?: number; resamples?: number } = {},
): Interval | null {
  const all = Float64Array.from(values as ArrayLike<number>);
  if (all.length < 3) return null;
  const source = all.length > BOOTSTRAP_MAX_VALUES ? Float64Array.from(thin(Array.from(all), BOOTSTRAP_MAX_VALUES)) : all;
  const n = source.length;
  const block = Math.max(1, Math.min(options.blockLength ?? 1, Math.floor(n / 3)));
  const random = seededRandom(options.seed ?? 0x9e3779b9);
  const resamples = options.resamples ?? BOOTSTRAP_RESAMPLES;
  const estimates = new Float64Array(resamples);
  const sample = new Float64Array(n);
  for (let r = 0; r < resamples; r++) {
    let filled = 0;
    while (filled < n) {
      const start = Math.floor(random() * (n - block + 1));
      for (let k = 0; k < block && filled < n; k++) sample[filled++] = source[start + k]!;
    }
    estimates[r] = statistic(sample);
  }
  return { low: quantile(estimates, 0.05), high: quantile(estimates, 0.95) };
}

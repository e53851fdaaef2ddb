// Keeps a drawable series bounded while reading: points fall into time buckets, and each bucket
// keeps only its extremes (the longest pause, the highest heap …). When there are too many
// buckets, their width doubles and neighbours merge, still keeping extremes, so the maximum
// pause of the whole log always survives.

/** Picks, among a bucket's points, one to keep (e.g. the one with the longest pause). */
export type Keeper<T> = (a: T, b: T) => T;

interface Bucket<T> {
  index: number;
  kept: T[];
}

export class SeriesReducer<T> {
  private buckets = new Map<number, Bucket<T>>();
  private widthMs: number;
  private seen = 0;
  private last: Bucket<T> | null = null;

  constructor(
    private readonly keepers: Keeper<T>[],
    private readonly timeOf: (point: T) => number,
    private readonly maxBuckets = 1000,
    initialWidthMs = 1,
  ) {
    this.widthMs = initialWidthMs;
  }

  add(point: T): void {
    this.seen++;
    const index = Math.floor(this.timeOf(point) / this.widthMs);
    // Points mostly arrive in time order: the last bucket is usually the one.
    let bucket = this.last !== null && this.last.index === index ? this.last : this.buckets.get(index);
    if (bucket === undefined) {
      this.buckets.set(index, (bucket = { index, kept: this.keepers.map(() => point) }));
      this.last = bucket;
      if (this.buckets.size > this.maxBuckets) this.halve();
      return;
    }
    this.last = bucket;
    // In place: no array per point.
    const kept = bucket.kept;
    for (let keeper = 0; keeper < kept.length; keeper++) kept[keeper] = this.keepers[keeper]!(kept[keeper]!, point);
  }

  /** True when some points were dropped. */
  get reduced(): boolean {
    return this.points().length < this.seen;
  }

  /** The kept points in time order, each once. */
  points(): T[] {
    const unique = new Set<T>();
    for (const bucket of [...this.buckets.values()].sort((a, b) => a.index - b.index)) {
      for (const point of bucket.kept.slice().sort((a, b) => this.timeOf(a) - this.timeOf(b))) unique.add(point);
    }
    return [...unique];
  }

  private halve(): void {
    while (this.buckets.size > this.maxBuckets) {
      this.widthMs *= 2;
      const merged = new Map<number, Bucket<T>>();
      for (const bucket of this.buckets.values()) {
        const index = Math.floor(bucket.index / 2);
        const into = merged.get(index);
        if (into === undefined) merged.set(index, { index, kept: bucket.kept });
        else into.kept = into.kept.map((kept, keeper) => this.keepers[keeper]!(kept, bucket.kept[keeper]!));
      }
      this.buckets = merged;
      this.last = null;
    }
  }
}

export const keepMax =
  <T>(value: (point: T) => number): Keeper<T> =>
  (a, b) =>
    value(b) > value(a) ? b : a;

export const keepMin =
  <T>(value: (point: T) => number): Keeper<T> =>
  (a, b) =>
    value(b) < value(a) ? b : a;

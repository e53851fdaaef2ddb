// The result of `gclog compare`: plain data that the terminal table, JSON and HTML outputs read.
// `--json` prints it as is; fields are added, never renamed, within a schema version.

export const COMPARISON_SCHEMA_VERSION = 1;

/** Which way is better for a metric; `neutral` metrics (allocation rate, totals) never decide a verdict. */
export type Direction = 'lower-is-better' | 'neutral';

/** A metric's judgement: `changed` is a difference beyond noise in a neutral metric. */
export type Change = 'improved' | 'regressed' | 'unchanged' | 'changed' | 'not-comparable';

export type Verdict = 'improved' | 'regressed' | 'mixed' | 'unchanged';

export type MetricUnit = 'ms' | '%' | 'per min' | 'MB/s' | 'MB' | 'MB/min' | 'count';

export type MetricGroup = 'overhead' | 'pauses' | 'counts' | 'rates' | 'floors' | 'spaces';

export interface MetricRow {
  /** Stable key, e.g. `overhead`, `pause.p99.all`, `pause.max.Scavenge`, `floor.trend.old`. */
  id: string;
  group: MetricGroup;
  label: string;
  unit: MetricUnit;
  before: number | null;
  after: number | null;
  /** after − before, in the unit. */
  differenceAbsolute: number | null;
  /** (after − before) / |before| × 100; null when before is 0 or missing. */
  differencePercent: number | null;
  direction: Direction;
  /** Counted in the verdict. */
  decisive: boolean;
  /** Differences below this (in the unit) are noise, whatever their percentage. */
  minimumAbsolute: number;
  /** The 90% interval of the value within each run (bootstrap), for the metrics that have one. */
  intervalBefore: { low: number; high: number } | null;
  intervalAfter: { low: number; high: number } | null;
  /**
   * A pause or GC-time change while the GC's work (GCs per minute, allocation rate, median floor)
   * did not change: what a busier machine does; shown, not counted in the verdict (work-change.ts).
   */
  machineOnly?: boolean;
  /** With several runs on a side: each run's value (the shown value is their median). */
  runsBefore?: number[];
  runsAfter?: number[];
  change: Change;
}

/** A categorical measure: the leak verdict, a fatal out-of-memory crash. */
export interface StateRow {
  id: 'leak' | 'out-of-memory';
  label: string;
  before: string;
  after: string;
  decisive: boolean;
  change: Change;
}

export interface IsolateRef {
  /** Position in that log's isolate list (`#0` is its main thread), as `--isolate` takes it. */
  index: number;
  label: string;
  input: string;
  pid: number | null;
  isolate: string | null;
  durationMs: number;
  gcCount: number;
}

/** A metric that moved beyond noise and decided the verdict. */
export interface Decider {
  /** The pair's label when several isolates were compared, else null. */
  pair: string | null;
  id: string;
  label: string;
  change: 'improved' | 'regressed';
  /** One phrase with the numbers: `GC overhead 42.2% → 20.1% (−52%)`. */
  text: string;
}

export interface VerdictResult {
  verdict: Verdict;
  improved: Decider[];
  regressed: Decider[];
}

export interface PairComparison {
  before: IsolateRef;
  after: IsolateRef;
  /** `role`: main thread with main thread, worker n with worker n; `user`: chosen with --isolate. */
  pairedBy: 'role' | 'user';
  /** Runs on each side that had this isolate (several reruns of the same code are combined). */
  runs: { before: number; after: number };
  metrics: MetricRow[];
  states: StateRow[];
  /** GC reasons (`allocation failure`, `testing` …) seen in only one of the runs. */
  reasons: { appeared: string[]; vanished: string[] };
  verdict: VerdictResult;
}

export interface Comparison {
  schemaVersion: number;
  generator: string;
  /** `runs`: how many runs (reruns of the same code) each side combines. */
  before: { inputs: string[]; runs: number };
  after: { inputs: string[]; runs: number };
  /** The noise rule's relative threshold (percent of the smaller of the two values). */
  thresholdPercent: number;
  pairs: PairComparison[];
  unpaired: { before: IsolateRef[]; after: IsolateRef[] };
  verdict: VerdictResult;
}

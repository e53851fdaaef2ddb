// The analyzer's result: plain data that the terminal, JSON, CSV and HTML outputs and `compare` read.
// `--json` prints it as is; fields are added, never renamed, within a schema version.

import type { ProcessIdentity } from './processes.js';
import type { GcType, UnparsedLine } from '../events.js';

export const SUMMARY_SCHEMA_VERSION = 1;

export interface PauseStats {
  count: number;
  totalMs: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** True when the percentiles come from the bounded histogram (more pauses than kept exactly). */
  approximate: boolean;
}

export interface PauseHistogram {
  /** Upper bounds of the buckets, in ms (log-spaced); the last bucket is open-ended. */
  upperBoundsMs: number[];
  counts: Partial<Record<GcType, number[]>>;
}

export interface Pauses {
  all: PauseStats;
  byType: Partial<Record<GcType, PauseStats>>;
  histogram: PauseHistogram;
}

export interface GcWindow {
  startMs: number;
  gcMs: number;
  /** The worst window only: its pause time by collector, largest first. */
  byCollector?: Array<{ type: GcType; gcMs: number }>;
}

export interface Overhead {
  /** Sum of pauses. */
  gcTimeMs: number;
  /** From the first GC's start to the last GC's end; the process's whole life when `gclog run` saw it exit (and it was longer). */
  elapsedMs: number;
  /** gcTimeMs / elapsedMs; null when the log cannot give it (`unmeasured` says why). */
  fraction: number | null;
  /**
   * Why `fraction` is null, one sentence: no GC, only an out-of-memory report's last GCs, or GCs over
   * less than 1 s (analyze/overhead.ts); null when it is measured.
   */
  unmeasured: string | null;
  /**
   * Incremental marking steps V8 printed with its Mark-Compacts (`(+ 12.3 ms in 45 steps …)`),
   * summed: work on the program's thread between the pauses, not in gcTimeMs or fraction. Null when
   * the log prints none.
   */
  incrementalMarkingMs: number | null;
  /**
   * V8's `average mu` (mutator utilisation) of the last record that printed it. V8 updates it only at
   * Mark-Compacts, so it is its value at the last Mark-Compact, not the share of time without GC.
   */
  lastAverageMu: number | null;
  /** The 1-second window with the most pause time (Clinic Doctor flags ≥ 100 ms). */
  worstWindow: GcWindow | null;
  /** Windows at or above the threshold. */
  windowsOverThreshold: number;
  windowThresholdMs: number;
}

export interface RateEstimate {
  totalMb: number;
  mbPerSecond: number;
  /** Where the number comes from: exact NVP byte counts, per-space verbose data, or heap growth between GCs. */
  source: 'nvp' | 'spaces' | 'heap-growth' | 'none';
}

export interface FloorTrend {
  points: number;
  firstMb: number;
  minMb: number;
  maxMb: number;
  lastMb: number;
  /** Theil–Sen slope of the floor against time, after the warm-up and before a shutdown collapse; null with fewer than 5 points. */
  slopeMbPerMinute: number | null;
  /** R² of the least-squares line through the same points, for reference; null with fewer than 5 points. */
  r2: number | null;
  /** Points used for the trend (the warm-up and a shutdown collapse excluded). */
  trendPoints: number;
  /** The median floor over those points (all floors when none is left): the level `compare` judges. */
  levelMb: number;
  /** 90% bootstrap interval of that median, or null with fewer than 3 points. */
  levelIntervalMb: { low: number; high: number } | null;
  /** Growth over the trend points: slope × span, or last − first with fewer than 5 points. */
  growthMb: number;
  /** The last floor before a collapse at exit (lastMb when there was none). */
  lastRunningMb: number;
  /** First and last time of the trend points (ms on the isolate's clock), null when there are none. */
  trendFromMs: number | null;
  trendToMs: number | null;
}

export interface Floors {
  /** `spaces` when `--trace-gc-verbose` gave space-by-space figures, else `total` (heap used after GC). */
  source: 'spaces' | 'total';
  /** Heap used after each Mark-Compact: the live set. */
  total: FloorTrend | null;
  /** Per space (new, old, code, lo, …), when the log has verbose data. */
  bySpace: Record<string, FloorTrend>;
}

export type LeakVerdict = 'leak' | 'suspected' | 'none' | 'insufficient-data';

/** External memory or ArrayBuffer backing stores after each GC (`--trace-gc-verbose`), judged on their own. */
export interface ExternalLeak {
  kind: 'external' | 'backing-store';
  leaking: boolean;
  firstMb: number;
  lastMb: number;
  maxMb: number;
  slopeMbPerMinute: number | null;
  tau: number | null;
  points: number;
}

export interface LeakEvidence {
  /** Post-Mark-Compact floor trend (Theil–Sen, after the warm-up, before a shutdown collapse); null below 5 points. */
  slopeMbPerMinute: number | null;
  r2: number | null;
  /** Floors the trend uses (after the warm-up, before a shutdown collapse). */
  points: number;
  /** Floor growth over the trend points, relative to their median. */
  relativeGrowth: number | null;
  /** memwatch's rule: the heap after a full GC grew this many times in a row (5 triggers it). */
  longestGrowthStreak: number;
  /** Mark-Compacts in a row that freed under 5% of the heap. */
  ineffectiveMarkCompacts: number;
  outOfMemory: boolean;
  /** Last floor / heap limit, when the limit is known (an OOM, or --heap-limit). */
  heapLimitMb: number | null;
  heapLimitFraction: number | null;
  /** Mark-Compacts in the log (the warm-up and shutdown included), but forced repeats. */
  markCompacts: number;
  /**
   * Forced Mark-Compacts (heap profiler, testing …) right after another Mark-Compact with no young GC
   * between: the same live set measured again, kept out of the floors the verdict reads.
   */
  forcedRepeats: number;
  /** End of the warm-up (ms on the isolate's clock): floors before it are not in the trend. */
  warmUpEndMs: number;
  /** A final Mark-Compact that let go of the heap at exit (left out of the trend), or null. */
  shutdownMs: number | null;
  /** Kendall's tau and the Mann–Kendall z of the trend points (null below 5 points). */
  tau: number | null;
  mannKendallZ: number | null;
  growthMb: number | null;
  /** The median floor of the trend points. */
  levelMb: number | null;
  /** The floor grew, then stayed flat. */
  plateau: { levelMb: number; sinceMs: number } | null;
  /** The floor rose, then came back down near where it started. */
  givenBack: { peakMb: number; peakMs: number; backToMb: number } | null;
  /** The verdict came from every GC of a log too short for a floor trend. */
  shortLog: boolean;
  external: ExternalLeak | null;
  /** At the floor's rate, minutes until it reaches the heap limit (when the limit is known). */
  minutesToLimit: number | null;
}

export interface Leak {
  verdict: LeakVerdict;
  evidence: LeakEvidence;
  /** The sentences that decided the verdict. */
  reasons: string[];
  /** Evidence that did not decide it (memwatch's rule, ineffective Mark-Compacts, time to the limit). */
  notes: string[];
}

export interface ReasonRow {
  reason: string;
  count: number;
  pauseMs: number;
  /** Forced by the application or tooling (`testing` is global.gc()), not by V8's own heuristics. */
  forced: boolean;
  /** How many of `count` were young-generation GCs and how many Mark-Compacts. */
  byGeneration: { young: number; old: number };
}

export type Severity = 'error' | 'warn' | 'info';

export interface Finding {
  id: string;
  severity: Severity;
  /** One line with the numbers. */
  statement: string;
  /** What to do next. */
  nextStep: string;
  /** The leak finding, when heap snapshots were given: nextStep names what grew in them and what holds it. */
  fromHeapSnapshots?: boolean;
}

/** A GC drawn in the charts (series are reduced, keeping extremes; statistics use every event). */
export interface EventPoint {
  timeMs: number;
  type: GcType;
  pauseMs: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  committedAfterMb: number | null;
  reason: string | null;
  line: number;
}

export interface FloorPoint {
  timeMs: number;
  heapAfterMb: number;
  line: number;
}

export interface SpacePoint {
  timeMs: number;
  line: number;
  /** Used KB by space key after the GC. */
  usedKb: Record<string, number>;
}

export interface RatePoint {
  timeMs: number;
  mbPerSecond: number;
}

/** A point of an isolate without times, placed by its GC number instead (1 = the first GC recorded). */
export type ByGcNumber<Point extends { timeMs: number }> = Omit<Point, 'timeMs'> & {
  /** The GC's place in the order the input recorded this isolate's GCs, from 1. */
  gcNumber: number;
};

/** The per-GC series of an isolate without times (a v8.GCProfiler result): the order is all it has. */
export interface OrderSeries {
  events: Array<ByGcNumber<EventPoint>>;
  /** Heap used after each Mark-Compact. */
  floors: Array<ByGcNumber<FloorPoint>>;
  /** Heap used by space after each GC (the profiler's heapSpaceStatistics). */
  spaces: Array<ByGcNumber<SpacePoint>>;
  /** True when any series was reduced for drawing (extremes kept). */
  reduced: boolean;
}

export interface Series {
  events: EventPoint[];
  floors: FloorPoint[];
  spaces: SpacePoint[];
  windows: GcWindow[];
  allocation: RatePoint[];
  /** True when any series was reduced for drawing. */
  reduced: boolean;
}

export interface YoungGenerationStory {
  count: number;
  perMinute: number;
  meanPauseMs: number;
  /** Mean MB freed by one young GC (heap before − after). */
  meanFreedMb: number;
  /** Mean heap share that survived a young GC: after / before. */
  meanSurvivalRatio: number;
  promotedMb: number;
  /**
   * The largest semi-space the log shows, in MB: half the new space's committed size
   * (`--trace-gc-verbose`), or `new_space_capacity` (`--trace-gc-nvp`); null where it shows neither.
   * What `--max-semi-space-size` would have to exceed to make a difference.
   */
  semiSpaceMb: number | null;
}

/**
 * The Node majors a log can come from, guessed from its records' shape (null: no bound known), and
 * what else decides how advice names flags and commands.
 */
export interface NodeMajorRange {
  min: number | null;
  max: number | null;
  /** The log is Deno's (its crash names the deno binary): no Node major; advice names `deno run --v8-flags=…`. */
  runtime?: 'deno';
  /** The log is Node 0.10's (V8 3.14 prints `Runtime::PerformGC`): its new-space flag is `--max_new_space_size`, in KB. */
  node010?: boolean;
}

/** 90% bootstrap intervals of the figures `compare` judges: how much they could differ on a rerun. */
export interface Intervals {
  /** p95 of all pauses, resampled in blocks of consecutive GCs; null past 50,000 pauses or below 3. */
  pauseP95Ms: { low: number; high: number } | null;
  /** GC overhead in percent, resampled in blocks of seconds. */
  overheadPercent: { low: number; high: number } | null;
}

/** The heap at a glance (GCeasy's headline numbers): its peak and its last value, used and committed. */
export interface HeapGlance {
  /** The most heap in use, before or after any GC. */
  peakUsedMb: number;
  /** Heap in use after the last GC of the log. */
  lastUsedMb: number;
  /** The most heap committed (reserved from the system); null when the log does not print it (NVP before V8 13.6). */
  peakCommittedMb: number | null;
  lastCommittedMb: number | null;
}

/** A v8.GCProfiler result's own span and what it says besides its GCs. */
export interface ProfileSummary {
  /** endTime − startTime: the span the GCs fall in (their own times are not recorded). */
  spanMs: number | null;
  /** `heapSizeLimit` (MB) of the last entry. */
  heapSizeLimitMb: number | null;
  /** Entries that are work between GCs (IncrementalMarking, ProcessWeakCallbacks), by gcType. */
  steps: Record<string, { count: number; totalMs: number }>;
}

export interface IsolateSummary {
  input: string;
  /**
   * False when the GCs carry no time (a v8.GCProfiler result): then start/end are 0, durationMs is the
   * profile's span, rates, windows, slopes and the series are empty or null, and the leak verdict
   * uses the order of the floors only.
   */
  timeKnown: boolean;
  profile?: ProfileSummary;
  /** The Node majors of the log this isolate is in (its input's era), to give advice that exists there. */
  nodeMajorRange: NodeMajorRange;
  pid: number | null;
  isolate: string | null;
  /** 1, then 2, 3 … where this pid+isolate's clock went backwards: the app restarted, logging to the same file. */
  run: number;
  /** `main thread`, `worker 1` …: the first isolate seen in a process is taken as its main thread. */
  label: string;
  /** `main thread` or `worker 1` …: the isolate's place in its process, whatever the label says. */
  role?: string;
  isMain: boolean;
  /** The process, when the log was captured by `gclog run` (its `gclog:process` line). */
  process?: ProcessIdentity;
  /** How long the process lived, when `gclog run` saw it exit (its `gclog:exit` line). */
  lifetimeMs?: number;
  startMs: number;
  endMs: number;
  durationMs: number;
  counts: Partial<Record<GcType, number>> & { total: number };
  heap: HeapGlance;
  pauses: Pauses;
  overhead: Overhead;
  allocation: RateEstimate;
  promotion: RateEstimate;
  young: YoungGenerationStory;
  /**
   * Heap growth between two Mark-Compacts with no young GC between them: memory V8 allocated straight
   * into the old generation (large objects, pretenured allocation sites), in MB over the log.
   */
  directOldGrowthMb: number;
  floors: Floors;
  intervals: Intervals;
  leak: Leak;
  reasons: ReasonRow[];
  findings: Finding[];
  outOfMemory: { location: string; message: string; line: number } | null;
  /** Events read only from an out-of-memory block. */
  oomReportEvents: number;
  series: Series;
  /** Only when timeKnown is false: the GCs by their number, for charts that draw no time axis. */
  orderSeries?: OrderSeries;
}

export interface InputSummary {
  name: string;
  bytesRead: number;
  /** Reading stopped early (Ctrl-C): the summary covers the part read. */
  interrupted: boolean;
  /** Times an isolate's clock went back after 200 runs of this input: those were not split (merged into the run before). */
  runsNotSplit: number;
  lines: number;
  gcEvents: number;
  skippedLines: number;
  verboseLines: number;
  /** Node/V8 era guessed from the format (names, fields) of the records. */
  era: string;
  /** The same guess as Node majors. */
  nodeMajorRange: NodeMajorRange;
  /** Which flags the log shows: trace-gc, trace-gc-verbose, trace-gc-nvp; trace-events, gc-profiler. */
  formats: string[];
  /** Every process `gclog run` named in this log (main threads), with GCs or not, in order of start. */
  processes?: ProcessIdentity[];
  /** What the input is: a text log (lines), or a JSON document (whose `lines` are its entries). */
  content?: 'text' | 'trace-events' | 'gc-profiler';
}

export interface Summary {
  schemaVersion: number;
  generator: string;
  inputs: InputSummary[];
  isolates: IsolateSummary[];
  unparsed: { count: number; lines: Array<UnparsedLine & { input: string }> };
  cut: { count: number; lines: Array<UnparsedLine & { input: string }> };
}

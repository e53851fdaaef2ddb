// The analyzer's result: plain data that the terminal, JSON, CSV and HTML outputs and `compare` read.
// `--json` prints it as is; fields are added, never renamed, within a schema version.

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
}

export interface Overhead {
  /** Sum of pauses. */
  gcTimeMs: number;
  /** From the first GC's start to the last GC's end. */
  elapsedMs: number;
  /** gcTimeMs / elapsedMs. */
  fraction: number;
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
  /** Least-squares slope of floor against time, after the warm-up. */
  slopeMbPerMinute: number;
  r2: number;
  /** Points used for the slope (the warm-up excluded). */
  trendPoints: number;
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

export interface LeakEvidence {
  /** Post-Mark-Compact floor trend (after warm-up). */
  slopeMbPerMinute: number | null;
  r2: number | null;
  points: number;
  /** Floor growth over the trend points, relative to their mean. */
  relativeGrowth: number | null;
  /** memwatch's rule: the heap after a full GC grew this many times in a row (5 triggers it). */
  longestGrowthStreak: number;
  /** Mark-Compacts in a row that freed under 5% of the heap. */
  ineffectiveMarkCompacts: number;
  outOfMemory: boolean;
  /** Last floor / heap limit, when the limit is known (an OOM, or --heap-limit). */
  heapLimitMb: number | null;
  heapLimitFraction: number | null;
}

export interface Leak {
  verdict: LeakVerdict;
  evidence: LeakEvidence;
  /** The sentences that decided the verdict. */
  reasons: string[];
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
}

/** The Node majors a log can come from, guessed from its records' shape (null: no bound known). */
export interface NodeMajorRange {
  min: number | null;
  max: number | null;
}

export interface IsolateSummary {
  input: string;
  /** The Node majors of the log this isolate is in (its input's era), to give advice that exists there. */
  nodeMajorRange: NodeMajorRange;
  pid: number | null;
  isolate: string | null;
  /** `main thread`, `worker 1` …: the first isolate seen in a process is taken as its main thread. */
  label: string;
  isMain: boolean;
  startMs: number;
  endMs: number;
  durationMs: number;
  counts: Partial<Record<GcType, number>> & { total: number };
  pauses: Pauses;
  overhead: Overhead;
  allocation: RateEstimate;
  promotion: RateEstimate;
  young: YoungGenerationStory;
  floors: Floors;
  leak: Leak;
  reasons: ReasonRow[];
  findings: Finding[];
  outOfMemory: { location: string; message: string; line: number } | null;
  /** Events read only from an out-of-memory block. */
  oomReportEvents: number;
  series: Series;
}

export interface InputSummary {
  name: string;
  bytesRead: number;
  lines: number;
  gcEvents: number;
  skippedLines: number;
  verboseLines: number;
  /** Node/V8 era guessed from the format (names, fields) of the records. */
  era: string;
  /** The same guess as Node majors. */
  nodeMajorRange: NodeMajorRange;
  /** Which flags the log shows: trace-gc, trace-gc-verbose, trace-gc-nvp. */
  formats: string[];
}

export interface Summary {
  schemaVersion: number;
  generator: string;
  inputs: InputSummary[];
  isolates: IsolateSummary[];
  unparsed: { count: number; lines: Array<UnparsedLine & { input: string }> };
  cut: { count: number; lines: Array<UnparsedLine & { input: string }> };
}

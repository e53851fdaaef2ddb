// The events the parser yields: the contract between parse, analyze and report.

/** V8's collectors, normalised across versions (V8's printed name is kept in `v8Name`). */
export type GcType = 'Scavenge' | 'Minor Mark-Compact' | 'Minor Mark-Sweep' | 'Mark-Compact';
export const GC_TYPES: readonly GcType[] = ['Scavenge', 'Minor Mark-Compact', 'Minor Mark-Sweep', 'Mark-Compact'];

/** Young collections clean new space only; old (full) collections the whole heap. */
export type Generation = 'young' | 'old';

/** Which kind of text an event was read from. */
export type EventSource = 'trace' | 'nvp' | 'nvp-json' | 'oom-report' | 'trace-event' | 'gc-profiler';

/** Printed after the collector name: `Mark-Compact (reduce)`, `Scavenge (interleaved)`, `Shared Mark-Compact`. */
export type Decoration = 'reduce' | 'interleaved' | 'during sweeping' | 'shared';

/** One space of the heap after a GC, from `--trace-gc-verbose` (kilobytes, as V8 prints them). */
export interface SpaceUsage {
  usedKb: number;
  availableKb: number;
  committedKb: number;
}

/**
 * Normalised space keys: new, old, code, map, lo (large object), new_lo, code_lo, read_only,
 * trusted, trusted_lo, shared, and `all` (V8's own total line).
 */
export type SpaceName = string;

/** The `--trace-gc-verbose` block printed after a GC. */
export interface HeapSpaces {
  spaces: Record<SpaceName, SpaceUsage>;
  /** `Memory allocator, used: … KB, available: … KB`. */
  allocatorUsedKb?: number;
  /** `External memory reported: … KB`. */
  externalKb?: number;
  /** `External memory global … KB` (6.1+). */
  externalGlobalKb?: number;
  /** `Backing store memory: … KB` (7.8+): ArrayBuffer contents. */
  backingStoreKb?: number;
  /** `Total time spent in GC  : … ms`. */
  totalGcTimeMs?: number;
}

/** The incremental-marking part: `(+ 12.3 ms in 45 steps since start of marking, biggest step 1.2 ms, walltime since start of marking 80 ms)`. */
export interface IncrementalMarking {
  stepsMs: number;
  steps: number;
  biggestStepMs?: number;
  walltimeMs?: number;
  /** `since start of marking` (true) or the 5.1-era `since last GC` (false). */
  sinceStartOfMarking: boolean;
}

/** V8's mutator utilisation: the share of time the application (not the GC) ran. */
export interface MutatorUtilization {
  average: number;
  current: number;
}

/** Fields of a `--trace-gc-nvp` record, as printed (sizes in bytes, ratios in %). */
export type NvpFields = Record<string, number | string | boolean | null>;

interface GcEventBase {
  /** 1-based line number in the input where the record starts. */
  line: number;
  source: EventSource;
  /** Process id from the `[pid:isolate]` prefix, or null when the line had none. */
  pid: number | null;
  /** The isolate's address (`0x5408db0`, or `000001E565C2F6F0` on Windows), or null. */
  isolate: string | null;
  /** `isolate->id()`, printed in the NVP prefix from V8 13.6 on. */
  isolateId?: number;
  /**
   * Milliseconds since this isolate started, when V8 printed the record: at the GC's END (V8's
   * GCTracer prints once the pause is over). The pause began at `timeMs − pauseMs` (gcStartMs).
   * Trace-event files: the MajorGC/MinorGC end, since the process's first event. Null where the
   * format records no time (v8.GCProfiler): only the order of the GCs is known.
   */
  timeMs: number | null;
  /** The collector's name as printed, decorations apart: `Mark-sweep`, `Incremental Mark-Compact`. */
  v8Name: string;
  decorations: Decoration[];
  heapBeforeMb: number;
  heapAfterMb: number;
  /** Committed (reserved and backed) heap; null where the format does not print it (older NVP). */
  committedBeforeMb: number | null;
  committedAfterMb: number | null;
  /** `pooled: X MB` (V8 12.4+): pages kept for reuse. */
  pooledMb?: number;
  pauseMs: number;
  /** Time in embedder (external) callbacks, the second number of `pause / external ms`. */
  externalMs?: number;
  /** The GC reason (`allocation failure`, `task`, …); null where the format has none. */
  reason: string | null;
  /** Why V8 picked this collector (`scavenge might not succeed`, …). */
  collectorReason?: string;
  mu?: MutatorUtilization;
  incremental?: IncrementalMarking;
  /** Heap by space after this GC, from `--trace-gc-verbose`. */
  spaces?: HeapSpaces;
  nvp?: NvpFields;
  /** Read from the `<--- Last few GCs --->` block of an out-of-memory report, not seen as a trace line. */
  fromOomReport?: boolean;
  /** The record was cut (truncated) before its end: only the fields before the cut are known. */
  truncated?: boolean;
}

export interface ScavengeEvent extends GcEventBase {
  type: 'Scavenge';
  generation: 'young';
}

export interface MinorMarkCompactEvent extends GcEventBase {
  type: 'Minor Mark-Compact';
  generation: 'young';
}

export interface MinorMarkSweepEvent extends GcEventBase {
  type: 'Minor Mark-Sweep';
  generation: 'young';
}

export interface MarkCompactEvent extends GcEventBase {
  type: 'Mark-Compact';
  generation: 'old';
}

export type GcEvent = ScavengeEvent | MinorMarkCompactEvent | MinorMarkSweepEvent | MarkCompactEvent;

/** When a GC's pause began: V8 prints `timeMs` when the GC ends. */
export function gcStartMs(event: { timeMs: number; pauseMs: number }): number {
  return event.timeMs - event.pauseMs;
}

/** The fatal out-of-memory end of a process: `FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory`. */
export interface OutOfMemoryEvent {
  type: 'OutOfMemory';
  line: number;
  pid: number | null;
  isolate: string | null;
  /** V8's location string: `Reached heap limit`, `Ineffective mark-compacts near heap limit`, `CALL_AND_RETRY_LAST`, … */
  location: string;
  /** The rest: `Allocation failed - JavaScript heap out of memory`. */
  message: string;
  /** The line as printed, prefix removed. */
  text: string;
}

/**
 * A process (or worker thread) under `gclog run`, named by gclog's preload in a
 * `gclog:process {…}` line: who it is, who started it, and when (wall clock).
 */
export interface ProcessStartEvent {
  type: 'ProcessStart';
  line: number;
  pid: number;
  parentPid: number | null;
  /** 0 for the main thread, else the worker's `threadId`. */
  threadId: number;
  /** `process.argv`: the Node binary, the script, its arguments. */
  argv: string[];
  execArgv: string[];
  /** `v22.11.0`. */
  nodeVersion: string | null;
  /** `performance.timeOrigin`: when the process (or worker) started, in ms since the epoch; V8's `timeMs` counts from about then. */
  startWallMs: number | null;
  /** The npm script that started it (`start`), from `npm_lifecycle_event`. */
  npmScript?: string;
  /** A cluster worker's id (`cluster.worker.id`): it runs the same command as its primary. */
  clusterWorker?: number;
}

/** A process (or worker) under `gclog run` ending normally: `gclog:exit {…}`, written at its 'exit' event. */
export interface ProcessExitEvent {
  type: 'ProcessExit';
  line: number;
  pid: number;
  threadId: number;
  /** `process.uptime()` at exit, in ms: about the isolate's clock at its end. */
  uptimeMs: number;
}

export type TraceEvent = GcEvent | OutOfMemoryEvent | ProcessStartEvent | ProcessExitEvent;

/** One line of `gclog events`: an event, and, when several logs were given, the log it came from. */
export type EventsLine = TraceEvent & { input?: string };

/** A line that looks like a GC record but did not parse: reported, never dropped silently. */
export interface UnparsedLine {
  line: number;
  text: string;
}

export function generationOf(type: GcType): Generation {
  return type === 'Mark-Compact' ? 'old' : 'young';
}

export function isGcEvent(event: TraceEvent): event is GcEvent {
  return event.type !== 'OutOfMemory' && event.type !== 'ProcessStart' && event.type !== 'ProcessExit';
}

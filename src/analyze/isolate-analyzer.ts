// Everything measured for one isolate, accumulated event by event with bounded state.

import type { ProcessIdentity } from './processes.js';
import { GC_TYPES, gcStartMs as gcStartOf, type GcEvent, type GcType, type OutOfMemoryEvent } from '../events.js';
import { findingsFor } from './findings.js';
import { GcWindows, WINDOW_THRESHOLD_MS } from './gc-windows.js';
import { PauseHistogramBuilder } from './histogram.js';
import { LowerEnvelope } from './envelope.js';
import { assessGrowth } from './growth.js';
import { judgeLeak, runningFloors, type FloorSample, type RunWindow } from './leak.js';
import { judgeLeakByOrder } from './leak-order.js';
import { bootstrapInterval, median } from './robust.js';
import { nearestRank, PauseRecorder, round } from './pause-stats.js';
import { overheadUnmeasured } from './overhead.js';
import { FORCED_REASONS, ReasonTable } from './reasons.js';
import { keepMax, keepMin, SeriesReducer } from './series-reducer.js';
import type {
  EventPoint,
  FloorPoint,
  FloorTrend,
  Intervals,
  IsolateSummary,
  NodeMajorRange,
  ProfileSummary,
  RateEstimate,
  RatePoint,
  SpacePoint,
} from './summary.js';

/** Floors kept for the trend; past this, every other one is dropped (a trend survives thinning). */
const MAX_FLOOR_SAMPLES = 20_000;
/** A Mark-Compact that frees less than this share of the heap did little. */
const INEFFECTIVE_FREED_SHARE = 0.05;
const KB_PER_MB = 1024;
/** Spaces a young GC promotes into (V8 3.x split the old space in old_pointer and old_data). */
const OLD_GENERATION_SPACES = ['old', 'old_pointer', 'old_data', 'lo', 'code', 'code_lo'];
/** Findings that hold without a time for each GC (see IsolateAnalyzer.untimed). */
const UNTIMED_FINDINGS = new Set(['leak', 'gc-overhead']);

export interface IsolateIdentity {
  input: string;
  pid: number | null;
  isolate: string | null;
  /** 1, then 2, 3 … where the isolate's clock went backwards: the app restarted, logging to the same file. */
  run: number;
  label: string;
  /** `main thread` or `worker 1` … (set with the label). */
  role?: string;
  isMain: boolean;
  /** The input's Node majors (set with the label, before summary()): findings give advice that exists there. */
  nodeMajorRange: NodeMajorRange;
  /** The process, when `gclog run` named it (set with the label). */
  process?: ProcessIdentity;
  /** How long the process lived, when `gclog run` saw it exit: the time its GC share is a share of. */
  lifetimeMs?: number;
}

export interface AnalyzeOptions {
  /** The old-space limit (--max-old-space-size), if known, for "closeness to the heap limit". */
  heapLimitMb?: number;
  /** The runtime the logs came from (`--runtime`), over what the log shows: advice names its commands. */
  runtime?: 'node' | 'deno';
}

interface SpaceFloors {
  samples: FloorSample[];
}

export class IsolateAnalyzer {
  private readonly allPauses = new PauseRecorder();
  private readonly pausesByType = new Map<GcType, PauseRecorder>();
  private readonly histogram = new PauseHistogramBuilder();
  private readonly windows = new GcWindows();
  private readonly reasons = new ReasonTable();
  private readonly counts = new Map<GcType, number>();
  private total = 0;
  /** V8 prints a GC's time when it ends: it started its pause earlier (gcStartMs in events.ts). */
  private startMs = Infinity;
  private endMs = -Infinity;
  /**
   * The pauses summed. An isolate's GCs pause its one thread in turn, so they cannot overlap: where
   * their intervals seem to, it is the rounding of the timestamps (whole ms in old V8), and counting
   * the overlap once lost real pause time (515 ms of 6538 in node4-leak.log).
   */
  private gcCoveredMs = 0;
  private incrementalMarkingMs: number | null = null;
  /** Old V8's `(+ N ms in M steps since last GC)` since the last `since start of marking`, which covers them. */
  private stepsSinceLastGcMs = 0;
  private readonly heapAfterEnvelope = new LowerEnvelope();
  private readonly externalEnvelope = new LowerEnvelope();
  private readonly backingStoreEnvelope = new LowerEnvelope();
  private sawExternal = false;
  private lastAverageMu: number | null = null;

  private previous: GcEvent | null = null;
  private allocatedMb = 0;
  private allocationSource: RateEstimate['source'] = 'none';
  private promotedMb = 0;
  private directOldGrowthMb = 0;
  private promotionSource: RateEstimate['source'] = 'none';

  private youngCount = 0;
  private youngPauseMs = 0;
  private youngFreedMb = 0;
  private youngSurvivalSum = 0;
  private youngSurvivalCount = 0;
  private semiSpaceMb: number | null = null;

  private floorSamples: FloorSample[] = [];
  private floorStride = 1;
  private floorSeen = 0;
  /** Forced Mark-Compacts right after another one (no young GC between): the same moment measured again. */
  private forcedRepeats = 0;
  private floorFirst: number | null = null;
  private floorMin = Infinity;
  private floorMax = -Infinity;
  private floorLast: number | null = null;
  private ineffectiveStreak = 0;
  private longestIneffectiveStreak = 0;
  private readonly spaceFloors = new Map<string, SpaceFloors>();
  private sawSpaces = false;

  /** False once a GC without a time was read (a v8.GCProfiler result): only the order is known. */
  private timeKnown = true;
  /** The GCProfiler result's own span and heap limit, when the input is one. */
  private profile: ProfileSummary | null = null;
  private outOfMemory: OutOfMemoryEvent | null = null;
  private oomReportEvents = 0;

  private readonly eventSeries = new SeriesReducer<EventPoint>([
    keepMax((point) => point.pauseMs),
    keepMax((point) => point.heapBeforeMb),
    keepMin((point) => point.heapAfterMb),
    keepMax((point) => (point.type === 'Mark-Compact' ? point.pauseMs + 1e6 : -1)),
  ], byTime);
  private readonly floorSeries = new SeriesReducer<FloorPoint>([keepMin((p) => p.heapAfterMb), keepMax((p) => p.heapAfterMb)], byTime);
  private readonly spaceSeries = new SeriesReducer<SpacePoint>([
    keepMax((p) => p.usedKb['all'] ?? sumValues(p.usedKb)),
    keepMin((p) => p.usedKb['all'] ?? sumValues(p.usedKb)),
  ], byTime);
  /** Allocated MB per 1-second window, as a rate series (merged buckets keep the peak rate). */
  private readonly allocationSeries = new SeriesReducer<RatePoint>([keepMax((p) => p.mbPerSecond)], byTime, 1000, 1000);
  private allocationWindow: { startMs: number; mb: number } | null = null;
  private peakUsedMb = 0;
  private lastUsedMb = 0;
  private peakCommittedMb: number | null = null;
  private lastCommittedMb: number | null = null;

  constructor(
    readonly identity: IsolateIdentity,
    private readonly options: AnalyzeOptions = {},
  ) {}

  add(event: GcEvent): void {
    this.total++;
    this.peakUsedMb = Math.max(this.peakUsedMb, event.heapBeforeMb, event.heapAfterMb);
    this.lastUsedMb = event.heapAfterMb;
    if (event.committedBeforeMb !== null || event.committedAfterMb !== null) {
      this.peakCommittedMb = Math.max(this.peakCommittedMb ?? 0, event.committedBeforeMb ?? 0, event.committedAfterMb ?? 0);
    }
    this.lastCommittedMb = event.committedAfterMb;
    this.counts.set(event.type, (this.counts.get(event.type) ?? 0) + 1);
    if (event.fromOomReport) this.oomReportEvents++;
    // Without a time (GCProfiler), the GC's number keeps the order inside this analyzer; nothing
    // measured per time is reported from it (summary() drops or nulls those figures).
    if (event.timeMs === null) this.timeKnown = false;
    const timeMs = event.timeMs ?? this.total;
    const gcStartMs = event.timeMs === null ? timeMs : gcStartOf({ timeMs, pauseMs: event.pauseMs });
    if (gcStartMs < this.startMs) this.startMs = gcStartMs;
    if (timeMs > this.endMs) this.endMs = timeMs;
    this.gcCoveredMs += event.pauseMs;
    if (event.incremental !== undefined && Number.isFinite(event.incremental.stepsMs)) {
      // V8 ≤ 5 prints the steps since the last GC on young GCs, then all the cycle's steps (those
      // included) "since start of marking" on its Mark-Compact: count the cycle once.
      if (event.incremental.sinceStartOfMarking) {
        this.incrementalMarkingMs = (this.incrementalMarkingMs ?? 0) + event.incremental.stepsMs;
        this.stepsSinceLastGcMs = 0;
      } else {
        this.incrementalMarkingMs ??= 0;
        this.stepsSinceLastGcMs += event.incremental.stepsMs;
      }
    }
    this.heapAfterEnvelope.add(timeMs, event.heapAfterMb);
    if (event.spaces?.externalKb !== undefined || event.spaces?.backingStoreKb !== undefined) {
      this.sawExternal = true;
      this.externalEnvelope.add(timeMs, (event.spaces.externalKb ?? 0) / KB_PER_MB);
      this.backingStoreEnvelope.add(timeMs, (event.spaces.backingStoreKb ?? 0) / KB_PER_MB);
    }
    if (event.mu !== undefined) this.lastAverageMu = event.mu.average;
    // The new space commits two semi-spaces (V8 grows them up to --max-semi-space-size).
    const newSpaceKb = event.spaces?.spaces['new']?.committedKb;
    const capacity = event.nvp?.['new_space_capacity'];
    const semiSpaceMb = newSpaceKb !== undefined ? newSpaceKb / 2 / KB_PER_MB : typeof capacity === 'number' ? capacity / (1024 * 1024) : null;
    if (semiSpaceMb !== null && Number.isFinite(semiSpaceMb) && semiSpaceMb > (this.semiSpaceMb ?? 0)) this.semiSpaceMb = semiSpaceMb;

    this.allPauses.add(event.pauseMs);
    let byType = this.pausesByType.get(event.type);
    if (byType === undefined) this.pausesByType.set(event.type, (byType = new PauseRecorder()));
    byType.add(event.pauseMs);
    this.histogram.add(event.type, event.pauseMs);
    if (event.timeMs !== null) this.windows.add(gcStartMs, event.pauseMs, event.type);
    this.reasons.add(event.reason, event.pauseMs, event.generation);

    this.measureAllocation(event, timeMs);
    if (event.generation === 'young') this.measureYoung(event);
    else {
      if (this.previous?.generation === 'old') this.directOldGrowthMb += Math.max(0, event.heapBeforeMb - this.previous.heapAfterMb);
      this.measureFloor(event, timeMs);
    }

    this.eventSeries.add({
      timeMs,
      type: event.type,
      pauseMs: event.pauseMs,
      heapBeforeMb: event.heapBeforeMb,
      heapAfterMb: event.heapAfterMb,
      committedAfterMb: event.committedAfterMb,
      reason: event.reason,
      line: event.line,
    });
    if (event.spaces !== undefined && Object.keys(event.spaces.spaces).length > 0) {
      this.sawSpaces = true;
      const usedKb: Record<string, number> = {};
      for (const [space, usage] of Object.entries(event.spaces.spaces)) usedKb[space] = usage.usedKb;
      this.spaceSeries.add({ timeMs, line: event.line, usedKb });
    }
    this.previous = event;
  }

  addOutOfMemory(event: OutOfMemoryEvent): void {
    this.outOfMemory = event;
  }

  /** The GCProfiler result this isolate's GCs came from. */
  setProfile(profile: ProfileSummary): void {
    this.profile = profile;
  }

  private measureAllocation(event: GcEvent, timeMs: number): void {
    let allocatedMb: number | null = null;
    const nvpAllocated = event.nvp?.['allocated'];
    if (typeof nvpAllocated === 'number') {
      allocatedMb = nvpAllocated / (1024 * 1024);
      this.allocationSource = 'nvp';
    } else if (this.previous !== null) {
      allocatedMb = Math.max(0, event.heapBeforeMb - this.previous.heapAfterMb);
      if (this.allocationSource === 'none') this.allocationSource = 'heap-growth';
    }
    if (allocatedMb === null) return;
    this.allocatedMb += allocatedMb;
    const startMs = Math.floor(timeMs / 1000) * 1000;
    if (this.allocationWindow !== null && this.allocationWindow.startMs !== startMs) this.closeAllocationWindow();
    if (this.allocationWindow === null) this.allocationWindow = { startMs, mb: 0 };
    this.allocationWindow.mb += allocatedMb;
  }

  private closeAllocationWindow(): void {
    if (this.allocationWindow === null) return;
    this.allocationSeries.add({ timeMs: this.allocationWindow.startMs, mbPerSecond: round(this.allocationWindow.mb) });
    this.allocationWindow = null;
  }

  private measureYoung(event: GcEvent): void {
    this.youngCount++;
    this.youngPauseMs += event.pauseMs;
    this.youngFreedMb += Math.max(0, event.heapBeforeMb - event.heapAfterMb);
    if (event.heapBeforeMb > 0) {
      this.youngSurvivalSum += event.heapAfterMb / event.heapBeforeMb;
      this.youngSurvivalCount++;
    }
    const nvpPromoted = event.nvp?.['promoted'];
    const previous = this.previous;
    if (typeof nvpPromoted === 'number') {
      this.promotedMb += nvpPromoted / (1024 * 1024);
      this.promotionSource = 'nvp';
    } else if (event.spaces !== undefined && previous?.spaces !== undefined && previous.generation === 'young') {
      // Old-generation spaces grow at a young GC only by what it promoted.
      const oldKb = (spaces: GcEvent['spaces']): number => OLD_GENERATION_SPACES.reduce((sum, key) => sum + (spaces?.spaces[key]?.usedKb ?? 0), 0);
      this.promotedMb += Math.max(0, oldKb(event.spaces) - oldKb(previous.spaces)) / KB_PER_MB;
      if (this.promotionSource !== 'nvp') this.promotionSource = 'spaces';
    } else if (previous !== null && previous.generation === 'young') {
      // Without per-space data: what a young GC leaves on top of the previous one's leftovers.
      this.promotedMb += Math.max(0, event.heapAfterMb - previous.heapAfterMb);
      if (this.promotionSource === 'none') this.promotionSource = 'heap-growth';
    }
  }

  private measureFloor(event: GcEvent, timeMs: number): void {
    const floor = event.heapAfterMb;
    // A heap snapshot (v8.writeHeapSnapshot, gclog run --find-leak) or global.gc() forces Mark-Compacts
    // right after V8's own, with nothing allocated between: one live set at one moment, read again
    // lower (a forced GC also drops caches). As points of their own they stack several floors at one
    // instant (a "plateau" of one moment) and add drops that are not the app's. Drawn, not trended.
    const forcedRepeat = event.reason !== null && FORCED_REASONS.has(event.reason) && this.previous?.generation === 'old';
    if (forcedRepeat) {
      this.forcedRepeats++;
      this.floorMin = Math.min(this.floorMin, floor);
      this.floorMax = Math.max(this.floorMax, floor);
      this.floorLast = floor;
      this.floorSeries.add({ timeMs, heapAfterMb: floor, line: event.line });
      return;
    }
    this.floorSeen++;
    this.floorFirst ??= floor;
    this.floorMin = Math.min(this.floorMin, floor);
    this.floorMax = Math.max(this.floorMax, floor);
    this.floorLast = floor;
    const freedShare = event.heapBeforeMb > 0 ? (event.heapBeforeMb - event.heapAfterMb) / event.heapBeforeMb : 1;
    // A forced Mark-Compact (global.gc(), a heap snapshot) frees little because nothing asked for room: it neither counts nor breaks a streak.
    if (event.reason === null || !FORCED_REASONS.has(event.reason)) {
      this.ineffectiveStreak = freedShare < INEFFECTIVE_FREED_SHARE ? this.ineffectiveStreak + 1 : 0;
      this.longestIneffectiveStreak = Math.max(this.longestIneffectiveStreak, this.ineffectiveStreak);
    }

    if (this.floorSeen % this.floorStride === 0) {
      this.floorSamples.push({ timeMs, heapAfterMb: floor });
      for (const [space, usage] of Object.entries(event.spaces?.spaces ?? {})) {
        let floors = this.spaceFloors.get(space);
        if (floors === undefined) this.spaceFloors.set(space, (floors = { samples: [] }));
        floors.samples.push({ timeMs, heapAfterMb: usage.usedKb / KB_PER_MB });
      }
      if (this.floorSamples.length > MAX_FLOOR_SAMPLES) {
        this.floorStride *= 2;
        this.floorSamples = this.floorSamples.filter((_, index) => index % 2 === 0);
        for (const floors of this.spaceFloors.values()) floors.samples = floors.samples.filter((_, index) => index % 2 === 0);
      }
    }
    this.floorSeries.add({ timeMs, heapAfterMb: floor, line: event.line });
  }

  summary(): IsolateSummary {
    this.windows.finish();
    this.closeAllocationWindow();
    const durationMs = this.total === 0 ? 0 : this.endMs - this.startMs;
    // A process gclog run saw exit: its GC share is of its whole life, not only of its GCs' span
    // (one GC alone would read 100%).
    const lifetimeMs = this.identity.lifetimeMs;
    const lifetimeKnown = lifetimeMs !== undefined && lifetimeMs > durationMs;
    const overheadSpanMs = lifetimeKnown ? lifetimeMs : durationMs;
    const unmeasured = overheadUnmeasured({ spanMs: overheadSpanMs, lifetimeKnown, gcs: this.total, oomReportGcs: this.oomReportEvents });
    const seconds = durationMs / 1000;
    const allPauses = this.allPauses.stats();
    const heapLimitMb = this.options.heapLimitMb ?? null;
    const leak = judgeLeak({
      floors: this.floorSamples,
      heapAfterEnvelope: this.heapAfterEnvelope.points(),
      external: this.sawExternal ? { reported: this.externalEnvelope.points(), backingStore: this.backingStoreEnvelope.points() } : null,
      // An isolate seen only through its fatal out-of-memory line has no GC and so no clock.
      startMs: this.total === 0 ? 0 : this.startMs,
      endMs: this.total === 0 ? 0 : this.endMs,
      ineffectiveMarkCompacts: this.longestIneffectiveStreak,
      outOfMemory: this.outOfMemory !== null,
      onlyOomReport: this.total > 0 && this.oomReportEvents === this.total,
      heapLimitMb,
      forcedRepeats: this.forcedRepeats,
    });
    // One cut for the total, every space and the chart: the verdict's own (leak.evidence says where).
    const window: RunWindow = { warmUpEndMs: leak.evidence.warmUpEndMs, shutdownMs: leak.evidence.shutdownMs };
    const bySpace: Record<string, FloorTrend> = {};
    for (const [space, floors] of this.spaceFloors) {
      const trend = this.floorTrend(floors.samples, floors.samples.length, window);
      if (trend !== null) bySpace[space] = trend;
    }
    const counts: IsolateSummary['counts'] = { total: this.total };
    for (const type of GC_TYPES) if (this.counts.has(type)) counts[type] = this.counts.get(type)!;

    const eventPoints = this.eventSeries.points();
    const floorPoints = this.floorSeries.points();
    const spacePoints = this.spaceSeries.points();
    const windowPoints = this.windows.series.points();
    const allocationPoints = this.allocationSeries.points();

    const analyzed: Omit<IsolateSummary, 'findings' | 'timeKnown'> = {
      ...this.identity,
      startMs: this.total === 0 ? 0 : this.startMs,
      endMs: this.total === 0 ? 0 : this.endMs,
      durationMs: round(durationMs),
      counts,
      heap: { peakUsedMb: round(this.peakUsedMb), lastUsedMb: round(this.lastUsedMb), peakCommittedMb: this.peakCommittedMb === null ? null : round(this.peakCommittedMb), lastCommittedMb: this.lastCommittedMb === null ? null : round(this.lastCommittedMb) },
      pauses: {
        all: allPauses,
        byType: Object.fromEntries([...this.pausesByType].map(([type, recorder]) => [type, recorder.stats()])),
        histogram: this.histogram.result(),
      },
      overhead: {
        gcTimeMs: round(this.gcCoveredMs),
        elapsedMs: round(overheadSpanMs),
        fraction: unmeasured === null ? Math.min(1, this.gcCoveredMs / overheadSpanMs) : null,
        unmeasured,
        incrementalMarkingMs: this.incrementalMarkingMs === null ? null : round(this.incrementalMarkingMs + this.stepsSinceLastGcMs),
        lastAverageMu: this.lastAverageMu,
        worstWindow: this.windows.worst,
        windowsOverThreshold: this.windows.overThreshold,
        windowThresholdMs: WINDOW_THRESHOLD_MS,
      },
      allocation: rate(this.allocatedMb, seconds, this.allocationSource),
      promotion: rate(this.promotedMb, seconds, this.promotionSource),
      young: {
        count: this.youngCount,
        perMinute: seconds > 0 ? (this.youngCount / seconds) * 60 : 0,
        meanPauseMs: this.youngCount > 0 ? round(this.youngPauseMs / this.youngCount) : 0,
        meanFreedMb: this.youngCount > 0 ? round(this.youngFreedMb / this.youngCount, 3) : 0,
        meanSurvivalRatio: this.youngSurvivalCount > 0 ? round(this.youngSurvivalSum / this.youngSurvivalCount, 4) : 0,
        promotedMb: round(this.promotedMb, 3),
        semiSpaceMb: this.semiSpaceMb === null ? null : round(this.semiSpaceMb, 3),
      },
      directOldGrowthMb: round(this.directOldGrowthMb, 3),
      floors: {
        source: this.sawSpaces ? 'spaces' : 'total',
        total: this.floorTrend(this.floorSamples, this.floorSeen, window),
        bySpace,
      },
      intervals: this.intervals(),
      leak,
      reasons: this.reasons.result(),
      outOfMemory:
        this.outOfMemory === null
          ? null
          : { location: this.outOfMemory.location, message: this.outOfMemory.message, line: this.outOfMemory.line },
      oomReportEvents: this.oomReportEvents,
      series: {
        events: eventPoints,
        floors: floorPoints,
        spaces: spacePoints,
        windows: windowPoints,
        allocation: allocationPoints,
        reduced:
          this.eventSeries.reduced || this.floorSeries.reduced || this.spaceSeries.reduced || this.windows.series.reduced,
      },
    };
    if (!this.timeKnown) return this.untimed(analyzed, heapLimitMb);
    const timed = { ...analyzed, timeKnown: true };
    return { ...timed, findings: findingsFor(timed) };
  }

  /**
   * The summary of GCs without times: what is measured per GC (pauses, heap before and after, floors
   * and their order) stays; everything measured against time (rates, windows, per-minute counts,
   * slopes, the series drawn on a time axis) is dropped, and the leak verdict uses the order alone.
   * The GC share of time is the pauses against the profile's own span, which is a real time.
   */
  private untimed(analyzed: Omit<IsolateSummary, 'findings' | 'timeKnown'>, heapLimitMb: number | null): IsolateSummary {
    const spanMs = this.profile?.spanMs ?? null;
    const untimeFloor = (trend: FloorTrend | null): FloorTrend | null =>
      trend === null ? null : { ...trend, slopeMbPerMinute: null, r2: null, trendFromMs: null, trendToMs: null };
    const leak = judgeLeakByOrder({
      floors: this.floorSamples.map((sample) => sample.heapAfterMb),
      ineffectiveMarkCompacts: this.longestIneffectiveStreak,
      heapLimitMb: heapLimitMb ?? this.profile?.heapSizeLimitMb ?? null,
    });
    leak.evidence.forcedRepeats = this.forcedRepeats;
    const untimedSummary: Omit<IsolateSummary, 'findings'> = {
      ...analyzed,
      timeKnown: false,
      startMs: 0,
      endMs: 0,
      durationMs: spanMs ?? 0,
      overhead: {
        ...analyzed.overhead,
        gcTimeMs: round(this.gcCoveredMs),
        elapsedMs: spanMs ?? 0,
        // The profile's span is a real time (its start to its stop), whatever the GCs in it.
        fraction: spanMs !== null && spanMs > 0 ? Math.min(1, this.gcCoveredMs / spanMs) : null,
        unmeasured: spanMs !== null && spanMs > 0 ? null : 'the profile records no span (its start and end time)',
        worstWindow: null,
        windowsOverThreshold: 0,
      },
      allocation: { totalMb: analyzed.allocation.totalMb, mbPerSecond: 0, source: 'none' },
      promotion: { totalMb: analyzed.promotion.totalMb, mbPerSecond: 0, source: 'none' },
      young: { ...analyzed.young, perMinute: 0 },
      floors: {
        ...analyzed.floors,
        total: untimeFloor(analyzed.floors.total),
        bySpace: Object.fromEntries(Object.entries(analyzed.floors.bySpace).map(([space, trend]) => [space, untimeFloor(trend)!])),
      },
      intervals: { pauseP95Ms: analyzed.intervals.pauseP95Ms, overheadPercent: null },
      leak,
      series: { events: [], floors: [], spaces: [], windows: [], allocation: [], reduced: false },
      orderSeries: {
        // Without times, each point's x in the reducers was its GC number (see add()).
        events: analyzed.series.events.map(({ timeMs, ...point }) => ({ gcNumber: timeMs, ...point })),
        floors: analyzed.series.floors.map(({ timeMs, ...point }) => ({ gcNumber: timeMs, ...point })),
        spaces: analyzed.series.spaces.map(({ timeMs, ...point }) => ({ gcNumber: timeMs, ...point })),
        reduced: analyzed.series.reduced,
      },
    };
    if (this.profile !== null) untimedSummary.profile = this.profile;
    // Only the findings that need no time axis or chart: the leak (by order), the share of the profile's span.
    const findings = findingsFor(untimedSummary).filter((finding) => UNTIMED_FINDINGS.has(finding.id));
    return { ...untimedSummary, findings };
  }

  private intervals(): Intervals {
    const pauses = this.allPauses.values();
    const blockOf = (n: number): number => Math.max(1, Math.round(Math.sqrt(n)));
    const pauseP95 = pauses === null ? null : bootstrapInterval(pauses, (sample) => nearestRank(sample, 95), { blockLength: blockOf(pauses.length) });
    const blocks = this.windows.blocks;
    const overhead = bootstrapInterval(blocks, (sample) => (sample.reduce((sum, value) => sum + value, 0) / sample.length) * 100, { blockLength: blockOf(blocks.length) });
    const rounded = (interval: { low: number; high: number } | null) => (interval === null ? null : { low: round(interval.low, 3), high: round(interval.high, 3) });
    return { pauseP95Ms: rounded(pauseP95), overheadPercent: rounded(overhead) };
  }

  /**
   * One floor series (the total or a space's): first, min, max, last over the log; the trend and
   * the level over the running app only, cut where the total's floors say (the warm-up, a
   * shutdown collapse), so that every space and the verdict agree on which Mark-Compacts count.
   */
  private floorTrend(samples: FloorSample[], seen: number, window: RunWindow): FloorTrend | null {
    if (samples.length === 0) return null;
    const values = samples.map((sample) => sample.heapAfterMb);
    const isTotal = samples === this.floorSamples;
    const points = runningFloors(samples, window);
    const beforeExit = runningFloors(samples, window, true).at(-1)?.heapAfterMb;
    const growth = assessGrowth(points.map((point) => ({ timeMs: point.timeMs, valueMb: point.heapAfterMb })));
    const levelValues = points.length > 0 ? points.map((point) => point.heapAfterMb) : values;
    const interval = bootstrapInterval(levelValues, median, { blockLength: Math.max(1, Math.round(Math.sqrt(levelValues.length))) });
    return {
      points: seen,
      firstMb: isTotal ? this.floorFirst! : values[0]!,
      minMb: isTotal ? this.floorMin : Math.min(...values),
      maxMb: isTotal ? this.floorMax : Math.max(...values),
      lastMb: isTotal ? this.floorLast! : values[values.length - 1]!,
      slopeMbPerMinute: growth?.slopeMbPerMinute === null || growth === null ? null : round(growth.slopeMbPerMinute, 4),
      r2: growth?.r2 === null || growth === null ? null : round(growth.r2, 4),
      trendPoints: points.length,
      levelMb: round(median(levelValues), 3),
      levelIntervalMb: interval === null ? null : { low: round(interval.low, 3), high: round(interval.high, 3) },
      growthMb: round(growth?.growthMb ?? 0, 3),
      lastRunningMb: beforeExit ?? (isTotal ? this.floorLast! : values[values.length - 1]!),
      trendFromMs: points[0]?.timeMs ?? null,
      trendToMs: points.at(-1)?.timeMs ?? null,
    };
  }
}

function byTime(point: { timeMs: number }): number {
  return point.timeMs;
}

function rate(totalMb: number, seconds: number, source: RateEstimate['source']): RateEstimate {
  return { totalMb: round(totalMb, 3), mbPerSecond: seconds > 0 ? round(totalMb / seconds, 3) : 0, source };
}

function sumValues(record: Record<string, number>): number {
  let sum = 0;
  for (const value of Object.values(record)) sum += value;
  return sum;
}

// v8.GCProfiler results (Node 18.15+ / 19.6+), as `JSON.stringify(profiler.stop())` writes them:
// `{version, startTime, statistics: [{gcType, beforeGC, cost, afterGC}], endTime}`. Each `Scavenge`
// (or minor mark-sweep) and `MarkSweepCompact` entry is one GC, its pause the `cost` in microseconds;
// `IncrementalMarking` and `ProcessWeakCallbacks` entries are steps between GCs, counted apart.
// Entries carry no time of their own: events have `timeMs: null`, and only their order is known.

import { generationOf, type GcEvent, type GcType, type HeapSpaces } from '../events.js';
import { isPlausibleNumber } from './trace-record.js';

const MIB = 1024 * 1024;
const KIB = 1024;

/** `gcType` names (node_v8.cc) of the entries that are whole GCs. */
const GC_TYPES_BY_NAME: Record<string, { type: GcType; v8Name: string }> = {
  Scavenge: { type: 'Scavenge', v8Name: 'Scavenge' },
  MinorMarkSweep: { type: 'Minor Mark-Sweep', v8Name: 'MinorMarkSweep' },
  MinorMarkCompact: { type: 'Minor Mark-Compact', v8Name: 'MinorMarkCompact' },
  MarkSweepCompact: { type: 'Mark-Compact', v8Name: 'MarkSweepCompact' },
};

/** heapSpaceStatistics `spaceName` → the space keys of `--trace-gc-verbose` (verbose.ts). */
const SPACE_KEYS: Record<string, string> = {
  new_space: 'new',
  old_space: 'old',
  code_space: 'code',
  map_space: 'map',
  large_object_space: 'lo',
  new_large_object_space: 'new_lo',
  code_large_object_space: 'code_lo',
  read_only_space: 'read_only',
  trusted_space: 'trusted',
  trusted_large_object_space: 'trusted_lo',
  shared_space: 'shared',
  shared_large_object_space: 'shared_lo',
  shared_trusted_space: 'shared_trusted',
  shared_trusted_large_object_space: 'shared_trusted_lo',
};

interface HeapSnapshot {
  heapStatistics?: Record<string, unknown>;
  heapSpaceStatistics?: Array<Record<string, unknown>>;
}

interface Entry {
  gcType?: unknown;
  cost?: unknown;
  beforeGC?: HeapSnapshot;
  afterGC?: HeapSnapshot;
}

/** What the profile says besides its GCs. */
export interface GcProfileInfo {
  version: number | null;
  /** Epoch ms of profiler.start() and profiler.stop(): the span the entries fall in. */
  startTime: number | null;
  endTime: number | null;
  /** `heapSizeLimit` of the last entry (MB): V8's limit for the whole heap. */
  heapSizeLimitMb: number | null;
  /** Entries that are steps between GCs, by gcType: count and total cost (ms). */
  steps: Record<string, { count: number; totalMs: number }>;
  /** Entries whose numbers are missing or not plausible. */
  damaged: number;
}

export class GcProfilerReader {
  private index = 0;
  readonly info: GcProfileInfo = { version: null, startTime: null, endTime: null, heapSizeLimitMb: null, steps: {}, damaged: 0 };

  constructor(private readonly emit: (event: GcEvent) => void) {}

  /** One entry of `statistics`. */
  read(value: unknown): void {
    this.index++;
    if (value === null || typeof value !== 'object') {
      this.info.damaged++;
      return;
    }
    const entry = value as Entry;
    const cost = entry.cost;
    const name = typeof entry.gcType === 'string' ? entry.gcType : 'Unknown';
    if (typeof cost !== 'number' || !isPlausibleNumber(cost)) {
      this.info.damaged++;
      return;
    }
    const gc = GC_TYPES_BY_NAME[name];
    if (gc === undefined) {
      // IncrementalMarking, ProcessWeakCallbacks (and Unknown): work between GCs, not a GC.
      const steps = (this.info.steps[name] ??= { count: 0, totalMs: 0 });
      steps.count++;
      steps.totalMs = Math.round((steps.totalMs + cost / 1000) * 1e6) / 1e6;
      return;
    }
    const before = entry.beforeGC?.heapStatistics;
    const after = entry.afterGC?.heapStatistics;
    const used = (stats: Record<string, unknown> | undefined, key: string): number | null => {
      const bytes = stats?.[key];
      return typeof bytes === 'number' && isPlausibleNumber(bytes) ? bytes / MIB : null;
    };
    const heapBeforeMb = used(before, 'usedHeapSize');
    const heapAfterMb = used(after, 'usedHeapSize');
    if (heapBeforeMb === null || heapAfterMb === null) {
      this.info.damaged++;
      return;
    }
    const limit = used(after, 'heapSizeLimit');
    if (limit !== null) this.info.heapSizeLimitMb = limit;
    const event = {
      type: gc.type,
      generation: generationOf(gc.type),
      v8Name: gc.v8Name,
      pid: null,
      isolate: null,
      timeMs: null,
      decorations: [],
      heapBeforeMb,
      committedBeforeMb: used(before, 'totalHeapSize'),
      heapAfterMb,
      committedAfterMb: used(after, 'totalHeapSize'),
      // µs with one decimal → ms, without a binary tail (11659.8 µs is 11.6598 ms, not 11.659799999999999).
      pauseMs: Math.round(cost * 1000) / 1e6,
      reason: null,
      line: this.index,
      source: 'gc-profiler',
    } as GcEvent;
    const spaces = heapSpaces(entry.afterGC);
    if (spaces !== undefined) event.spaces = spaces;
    this.emit(event);
  }

  /** The profile's own members (read once the document has ended). */
  finish(root: Record<string, unknown> | null): GcProfileInfo {
    const number = (key: string): number | null => {
      const value = root?.[key];
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    };
    this.info.version = number('version');
    this.info.startTime = number('startTime');
    this.info.endTime = number('endTime');
    return this.info;
  }
}

/** The heap by space after a GC, in the form of a `--trace-gc-verbose` block (KB), with V8's total as `all`. */
function heapSpaces(snapshot: HeapSnapshot | undefined): HeapSpaces | undefined {
  const list = snapshot?.heapSpaceStatistics;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const spaces: HeapSpaces['spaces'] = {};
  let used = 0;
  let available = 0;
  let committed = 0;
  for (const space of list) {
    const name = space['spaceName'];
    const usedBytes = space['spaceUsedSize'];
    const availableBytes = space['spaceAvailableSize'];
    const sizeBytes = space['spaceSize'];
    if (typeof name !== 'string' || typeof usedBytes !== 'number' || typeof availableBytes !== 'number' || typeof sizeBytes !== 'number') continue;
    const key = SPACE_KEYS[name] ?? name.replace(/_space$/, '');
    spaces[key] = { usedKb: usedBytes / KIB, availableKb: availableBytes / KIB, committedKb: sizeBytes / KIB };
    used += usedBytes;
    available += availableBytes;
    committed += sizeBytes;
  }
  spaces['all'] = { usedKb: used / KIB, availableKb: available / KIB, committedKb: committed / KIB };
  const result: HeapSpaces = { spaces };
  const external = snapshot?.heapStatistics?.['externalMemory'];
  if (typeof external === 'number' && isPlausibleNumber(external)) result.externalKb = external / KIB;
  return result;
}

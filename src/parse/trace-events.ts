// Chrome trace-event files (`node --trace-event-categories v8 --trace-event-file-pattern …`): each GC
// is a `MinorGC` or `MajorGC` begin/end pair on its thread, `usedHeapSizeBefore` and the reason
// (`args.type`) on the begin, `usedHeapSizeAfter` on the end; pause = end − begin. V8's own phase
// events name the collector (`V8.GCScavenger`, `V8.GCMinorMS`, …) and the incremental-marking steps
// (`V8.GCIncrementalMarking`) before a MajorGC.

import { generationOf, type GcEvent, type GcType, type IncrementalMarking } from '../events.js';
import { isPlausibleNumber } from './trace-record.js';

/** The `args.type` of the MajorGC pair that is only incremental marking's finalization step. */
const INCREMENTAL_FINALIZATION_STEP = 'incremental finalization step';

const MIB = 1024 * 1024;

interface RawTraceEvent {
  name?: unknown;
  ph?: unknown;
  pid?: unknown;
  tid?: unknown;
  ts?: unknown;
  dur?: unknown;
  args?: { usedHeapSizeBefore?: unknown; usedHeapSizeAfter?: unknown; type?: unknown } | null;
}

/** The collector a phase event inside a MinorGC names (V8's trace scope names). */
const YOUNG_COLLECTORS: Record<string, GcType> = {
  'V8.GCScavenger': 'Scavenge',
  'V8.GCMinorMC': 'Minor Mark-Compact',
  'V8.GCMinorMS': 'Minor Mark-Sweep',
};

interface OpenGc {
  beginTs: number;
  heapBeforeMb: number;
  reason: string | null;
  /** The collector named by a phase event inside it (young GCs). */
  type: GcType | null;
}

interface ThreadState {
  /** Open GCs by name (a MinorGC may run inside a MajorGC). */
  open: Map<string, OpenGc>;
  /** Incremental-marking steps since the last MajorGC ended. */
  steps: number;
  stepsMs: number;
  biggestStepMs: number;
}

export interface TraceEventStats {
  /** Trace events read (all names). */
  events: number;
  /** GC begin/end events left without their other half (a file cut short). */
  unpaired: number;
  /** GC events whose numbers are missing or not plausible. */
  damaged: number;
}

export class TraceEventReader {
  private readonly threads = new Map<string, ThreadState>();
  /** The first timestamp (µs) of each process: its events' times count from it. */
  private readonly originByPid = new Map<number, number>();
  readonly stats: TraceEventStats = { events: 0, unpaired: 0, damaged: 0 };
  /** Node's own metadata event (`{"name":"node","ph":"M","args":{"process":{"versions":…}}}`): the exact versions. */
  runtime: { node: string; v8: string } | null = null;

  constructor(private readonly emit: (event: GcEvent) => void) {}

  read(value: unknown): void {
    if (value === null || typeof value !== 'object') return;
    const event = value as RawTraceEvent;
    this.stats.events++;
    const ts = event.ts;
    const pid = typeof event.pid === 'number' ? event.pid : null;
    if (event.ph === 'M') {
      if (event.name === 'node' && this.runtime === null) this.readRuntime(event.args);
      return;
    }
    if (typeof ts !== 'number' || pid === null) return;
    if (!this.originByPid.has(pid)) this.originByPid.set(pid, ts);
    const name = event.name;
    if (name !== 'MinorGC' && name !== 'MajorGC' && typeof name === 'string' && !name.startsWith('V8.GC')) return;
    const thread = this.thread(pid, event.tid);
    if (name === 'MinorGC' || name === 'MajorGC') {
      if (event.ph === 'B') this.begin(thread, name, ts, event);
      else if (event.ph === 'E') this.finish(thread, name, ts, pid, event);
      return;
    }
    if (typeof name !== 'string') return;
    const young = YOUNG_COLLECTORS[name];
    const minor = thread.open.get('MinorGC');
    if (young !== undefined && minor !== undefined && minor.type === null) minor.type = young;
    if (name === 'V8.GCIncrementalMarking' && event.ph === 'X' && typeof event.dur === 'number' && isPlausibleNumber(event.dur)) {
      const ms = event.dur / 1000;
      thread.steps++;
      thread.stepsMs += ms;
      if (ms > thread.biggestStepMs) thread.biggestStepMs = ms;
    }
  }

  /** Counts the GCs still open at the end: the file ended before them. */
  end(): TraceEventStats {
    for (const thread of this.threads.values()) this.stats.unpaired += thread.open.size;
    this.threads.clear();
    return this.stats;
  }

  private readRuntime(args: unknown): void {
    const versions = (args as { process?: { versions?: { node?: unknown; v8?: unknown } } } | null)?.process?.versions;
    if (typeof versions?.node === 'string' && typeof versions.v8 === 'string') this.runtime = { node: versions.node, v8: versions.v8 };
  }

  private thread(pid: number, tid: unknown): ThreadState {
    const key = `${pid}:${String(tid)}`;
    let thread = this.threads.get(key);
    if (thread === undefined) {
      thread = { open: new Map(), steps: 0, stepsMs: 0, biggestStepMs: 0 };
      this.threads.set(key, thread);
    }
    return thread;
  }

  private begin(thread: ThreadState, name: string, ts: number, event: RawTraceEvent): void {
    const before = event.args?.usedHeapSizeBefore;
    if (thread.open.has(name)) this.stats.unpaired++;
    if (typeof before !== 'number' || !isPlausibleNumber(before)) {
      this.stats.damaged++;
      thread.open.delete(name);
      return;
    }
    const reason = event.args?.type;
    thread.open.set(name, { beginTs: ts, heapBeforeMb: before / MIB, reason: typeof reason === 'string' ? reason : null, type: null });
  }

  private finish(thread: ThreadState, name: 'MinorGC' | 'MajorGC', ts: number, pid: number, event: RawTraceEvent): void {
    const open = thread.open.get(name);
    if (open === undefined) {
      this.stats.unpaired++;
      return;
    }
    thread.open.delete(name);
    const after = event.args?.usedHeapSizeAfter;
    const pauseUs = ts - open.beginTs;
    if (typeof after !== 'number' || !isPlausibleNumber(after) || pauseUs < 0 || !isPlausibleNumber(ts - this.originByPid.get(pid)!)) {
      this.stats.damaged++;
      return;
    }
    // Node 14–18 also wrap the last step of incremental marking in a MajorGC pair of its own (the heap
    // unchanged, a tenth of a millisecond): a step of the Mark-Compact that follows, not a GC.
    if (name === 'MajorGC' && open.reason === INCREMENTAL_FINALIZATION_STEP) {
      const ms = pauseUs / 1000;
      thread.steps++;
      thread.stepsMs += ms;
      if (ms > thread.biggestStepMs) thread.biggestStepMs = ms;
      return;
    }
    const type: GcType = name === 'MajorGC' ? 'Mark-Compact' : (open.type ?? 'Scavenge');
    const gc = {
      type,
      generation: generationOf(type),
      v8Name: name,
      pid,
      isolate: `tid ${String(event.tid)}`,
      timeMs: (ts - this.originByPid.get(pid)!) / 1000,
      decorations: [],
      heapBeforeMb: open.heapBeforeMb,
      committedBeforeMb: null,
      heapAfterMb: after / MIB,
      committedAfterMb: null,
      pauseMs: pauseUs / 1000,
      reason: open.reason,
      line: this.stats.events,
      source: 'trace-event',
    } as GcEvent;
    if (name === 'MajorGC' && thread.steps > 0) {
      const incremental: IncrementalMarking = {
        stepsMs: thread.stepsMs,
        steps: thread.steps,
        biggestStepMs: thread.biggestStepMs,
        sinceStartOfMarking: true,
      };
      gc.incremental = incremental;
    }
    if (name === 'MajorGC') {
      thread.steps = 0;
      thread.stepsMs = 0;
      thread.biggestStepMs = 0;
    }
    this.emit(gc);
  }
}

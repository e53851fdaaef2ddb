// Events → summary: routes each event to the analyzer of its input and isolate, then assembles
// the summary. Workers and cluster processes are kept apart by (pid, isolate).

import { isGcEvent, type EventSource as GcSource, type TraceEvent } from '../events.js';
import type { ParsedInput } from '../parse/reader.js';
import { readLog, type ReadOptions } from '../parse/reader.js';
import { EraDetector } from './era.js';
import { processIdentity, type ProcessIdentity } from './processes.js';
import { IsolateAnalyzer, type AnalyzeOptions } from './isolate-analyzer.js';
import { SUMMARY_SCHEMA_VERSION, type InputSummary, type Summary } from './summary.js';

const GENERATOR = 'gclog';
/** The name in `inputs[].formats` of each event source (a trace line is trace-gc or trace-gc-verbose). */
const FORMAT_NAMES: Partial<Record<GcSource, string>> = {
  'oom-report': 'oom-report',
  nvp: 'trace-gc-nvp',
  'nvp-json': 'trace-gc-nvp',
  'trace-event': 'trace-events',
  'gc-profiler': 'gc-profiler',
};

interface InputState {
  name: string;
  isolates: Map<string, IsolateAnalyzer>;
  /** Isolates in order of first appearance, per pid: the first is the process's main thread. */
  isolatesByPid: Map<string, string[]>;
  era: EraDetector;
  formats: Set<string>;
  /** Main threads named by `gclog run`, by pid (the last one named wins when a pid comes back). */
  processes: Map<number, ProcessIdentity>;
  /** How long each named process lived (`gclog:exit`), by pid. */
  exits: Map<number, number>;
}

export class Analyzer {
  private readonly inputs: Array<{ state: InputState; parsed: ParsedInput }> = [];
  private current: InputState | null = null;
  private lastIsolate: { state: InputState; pid: number | null; isolate: string | null; analyzer: IsolateAnalyzer } | null = null;

  constructor(private readonly options: AnalyzeOptions = {}) {}

  /** Starts a new input; returns the function that takes its events. */
  beginInput(name: string): (event: TraceEvent) => void {
    const state: InputState = { name, isolates: new Map(), isolatesByPid: new Map(), era: new EraDetector(), formats: new Set(), processes: new Map(), exits: new Map() };
    this.current = state;
    return (event) => this.add(state, event);
  }

  endInput(parsed: ParsedInput): void {
    if (this.current === null) throw new Error('endInput without beginInput');
    const profile = parsed.profile;
    if (profile !== undefined) {
      const spanMs = profile.startTime !== null && profile.endTime !== null && profile.endTime >= profile.startTime ? profile.endTime - profile.startTime : null;
      for (const analyzer of this.current.isolates.values()) analyzer.setProfile({ spanMs, heapSizeLimitMb: profile.heapSizeLimitMb, steps: profile.steps });
    }
    this.inputs.push({ state: this.current, parsed });
    this.current = null;
  }

  private add(state: InputState, event: TraceEvent): void {
    if (event.type === 'ProcessStart') {
      if (event.threadId === 0) state.processes.set(event.pid, processIdentity(event));
      return;
    }
    if (event.type === 'ProcessExit') {
      if (event.threadId === 0) state.exits.set(event.pid, event.uptimeMs);
      return;
    }
    if (!isGcEvent(event)) {
      this.isolateFor(state, event.pid, event.isolate, true).addOutOfMemory(event);
      return;
    }
    state.era.add(event);
    state.formats.add(FORMAT_NAMES[event.source] ?? (event.spaces ? 'trace-gc-verbose' : 'trace-gc'));
    this.isolateFor(state, event.pid, event.isolate, false).add(event);
  }

  private isolateFor(state: InputState, pid: number | null, isolate: string | null, fallbackToMain: boolean): IsolateAnalyzer {
    // Consecutive events mostly come from one isolate: skip building its key.
    const last = this.lastIsolate;
    if (last !== null && last.state === state && last.pid === pid && last.isolate === isolate) return last.analyzer;
    const analyzer = this.findIsolate(state, pid, isolate, fallbackToMain);
    if (!fallbackToMain) this.lastIsolate = { state, pid, isolate, analyzer };
    return analyzer;
  }

  private findIsolate(state: InputState, pid: number | null, isolate: string | null, fallbackToMain: boolean): IsolateAnalyzer {
    const key = `${pid ?? ''}:${isolate ?? ''}`;
    const known = state.isolates.get(key);
    if (known !== undefined) return known;
    if (fallbackToMain) {
      // A fatal line names no isolate: it belongs to the process's main thread.
      const pidKey = String(pid ?? '');
      const main = state.isolatesByPid.get(pidKey)?.[0] ?? state.isolates.keys().next().value;
      if (main !== undefined) return state.isolates.get(main)!;
    }
    const pidKey = String(pid ?? '');
    const siblings = state.isolatesByPid.get(pidKey) ?? [];
    siblings.push(key);
    state.isolatesByPid.set(pidKey, siblings);
    const analyzer = new IsolateAnalyzer(
      { input: state.name, pid, isolate, label: '', isMain: siblings.length === 1, nodeMajorRange: { min: null, max: null } },
      this.options,
    );
    state.isolates.set(key, analyzer);
    return analyzer;
  }

  summary(): Summary {
    const summary: Summary = {
      schemaVersion: SUMMARY_SCHEMA_VERSION,
      generator: GENERATOR,
      inputs: [],
      isolates: [],
      unparsed: { count: 0, lines: [] },
      cut: { count: 0, lines: [] },
    };
    for (const { state, parsed } of this.inputs) {
      const input: InputSummary = {
        name: parsed.name,
        bytesRead: parsed.bytesRead,
        lines: parsed.stats.lines,
        gcEvents: parsed.stats.gcEvents,
        skippedLines: parsed.stats.skippedLines,
        verboseLines: parsed.stats.verboseLines,
        ...eraOf(state, parsed),
        formats: [...state.formats].sort(),
        content: parsed.format,
      };
      if (state.processes.size > 0) input.processes = [...state.processes.values()].sort((a, b) => (a.startWallMs ?? 0) - (b.startWallMs ?? 0) || a.pid - b.pid);
      summary.inputs.push(input);
      const multiProcess = state.isolatesByPid.size > 1;
      const commandCounts = new Map<string, number>();
      for (const pidKey of state.isolatesByPid.keys()) {
        const command = state.processes.get(Number(pidKey))?.command;
        if (command !== undefined && pidKey !== '') commandCounts.set(command, (commandCounts.get(command) ?? 0) + 1);
      }
      for (const [pidKey, keys] of state.isolatesByPid) {
        const process = pidKey === '' ? undefined : state.processes.get(Number(pidKey));
        keys.forEach((key, index) => {
          const analyzer = state.isolates.get(key)!;
          const role = index === 0 ? 'main thread' : `worker ${index}`;
          analyzer.identity.role = role;
          if (process !== undefined) {
            // Named by its command; the pid only where processes run the same command (cluster workers).
            const command = process.role === 'package manager' ? `${process.command} (package manager)` : process.command;
            const name = (commandCounts.get(process.command) ?? 0) > 1 ? `${command} (pid ${pidKey})` : command;
            analyzer.identity.label = index === 0 ? name : `${name} ${role}`;
            analyzer.identity.process = process;
            const lifetimeMs = state.exits.get(process.pid);
            if (index === 0 && lifetimeMs !== undefined) analyzer.identity.lifetimeMs = lifetimeMs;
          } else {
            analyzer.identity.label = multiProcess && pidKey !== '' ? `pid ${pidKey} ${role}` : role;
          }
          analyzer.identity.nodeMajorRange = input.nodeMajorRange;
          summary.isolates.push(analyzer.summary());
        });
      }
      for (const [report, target] of [
        [parsed.stats.unparsed, summary.unparsed],
        [parsed.stats.cut, summary.cut],
      ] as const) {
        target.count += report.count;
        target.lines.push(...report.lines.map((line) => ({ ...line, input: parsed.name })));
      }
    }
    // Main threads first, then by event count: the isolate a reader cares about leads.
    summary.isolates.sort((a, b) => Number(b.isMain) - Number(a.isMain) || b.counts.total - a.counts.total);
    return summary;
  }
}

/**
 * The era of an input: the versions a trace-event file names, or `gclog run`'s process lines (exact);
 * for a GCProfiler result, the Node versions that have the profiler; else the guess from the records' shape.
 */
function eraOf(state: InputState, parsed: ParsedInput): Pick<InputSummary, 'era' | 'nodeMajorRange'> {
  if (parsed.runtime !== undefined) {
    const major = Number(/^v?(\d+)\./.exec(parsed.runtime.node)?.[1] ?? NaN);
    const range = Number.isFinite(major) ? { min: major, max: major } : { min: null, max: null };
    return { era: `V8 ${parsed.runtime.v8} (Node ${parsed.runtime.node}, named in the trace file)`, nodeMajorRange: range };
  }
  const versions = [...new Set([...state.processes.values()].map((process) => process.nodeVersion).filter((version): version is string => version !== null))];
  const majors = versions.map((version) => Number(/^v(\d+)\./.exec(version)?.[1])).filter((major) => Number.isInteger(major));
  if (majors.length > 0 && majors.length === versions.length) {
    return { era: `Node ${versions.sort().join(', ')} (named by gclog run)`, nodeMajorRange: { min: Math.min(...majors), max: Math.max(...majors) } };
  }
  const eraOfRecords = state.era.range();
  if (parsed.format === 'gc-profiler' || (parsed.profile !== undefined && eraOfRecords.min === null && eraOfRecords.max === null)) {
    return { era: 'Node 18.15+ or 19.6+ (v8.GCProfiler came then)', nodeMajorRange: { min: 18, max: null } };
  }
  return { era: state.era.guess(), nodeMajorRange: eraOfRecords };
}

/** Reads and analyzes the given logs (paths, or `-` for stdin). */
export async function analyzeFiles(paths: string[], options: AnalyzeOptions & ReadOptions = {}): Promise<Summary> {
  const analyzer = new Analyzer(options);
  for (const path of paths) {
    const onEvent = analyzer.beginInput(path === '-' ? 'stdin' : path);
    analyzer.endInput(await readLog(path, onEvent, options));
  }
  return analyzer.summary();
}

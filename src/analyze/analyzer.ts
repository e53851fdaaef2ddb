// Events → summary: routes each event to the analyzer of its input and isolate, then assembles
// the summary. Workers and cluster processes are kept apart by (pid, isolate); runs of an app
// appended to one file (restarts) by the isolate's clock going back and by records that stop.

import { isGcEvent, type EventSource as GcSource, type OutOfMemoryEvent, type TraceEvent } from '../events.js';
import type { ParsedInput } from '../parse/reader.js';
import { readLog, type ReadOptions } from '../parse/reader.js';
import { GENERATOR } from '../version.js';
import { EraDetector } from './era.js';
import { clusterRole, processIdentity, type ProcessIdentity } from './processes.js';
import { IsolateAnalyzer, type AnalyzeOptions } from './isolate-analyzer.js';
import { SUMMARY_SCHEMA_VERSION, type InputSummary, type IsolateSummary, type Summary } from './summary.js';


/** The name in `inputs[].formats` of each event source (a trace line is trace-gc or trace-gc-verbose). */
const FORMAT_NAMES: Partial<Record<GcSource, string>> = {
  'oom-report': 'oom-report',
  nvp: 'trace-gc-nvp',
  'nvp-json': 'trace-gc-nvp',
  'trace-event': 'trace-events',
  'gc-profiler': 'gc-profiler',
};

/** One stretch of one pid+isolate's events, analyzed on its own, with the lines it spans in the log. */
interface Track {
  pidKey: string;
  analyzer: IsolateAnalyzer;
  firstLine: number;
  lastLine: number;
}

/** One pid+isolate: its latest track, and the clock of its last record (a new track starts if it goes back). */
interface IsolateClock {
  track: Track;
  lastTimeMs: number;
}

interface InputState {
  name: string;
  isolates: Map<string, IsolateClock>;
  /** Every track, in order of creation. */
  tracks: Track[];
  /** Fatal out-of-memory lines name no isolate: given to their run's main thread once every run is known. */
  outOfMemory: OutOfMemoryEvent[];
  era: EraDetector;
  formats: Set<string>;
  /** Clock steps back that started a run, and those past MAX_RUNS_PER_INPUT that did not. */
  splits: number;
  runsNotSplit: number;
  /** Main threads named by `gclog run`, by pid (the last one named wins when a pid comes back). */
  processes: Map<number, ProcessIdentity>;
  /** How long each named process lived (`gclog:exit`), by pid. */
  exits: Map<number, number>;
  /** The lines where `gclog run` named a pid's main thread: each begins a run of that process. */
  processStartLines: Map<string, number[]>;
}

/** Runs started by a clock going back, per input: each is a whole analysis (memory, and its part of --json). */
export const MAX_RUNS_PER_INPUT = 200;

/** The isolates of one run of one process: the first to log is its main thread. */
interface ProcessRun {
  tracks: Track[];
  lastLine: number;
}

export class Analyzer {
  private readonly inputs: Array<{ state: InputState; parsed: ParsedInput }> = [];
  private current: InputState | null = null;
  private lastIsolate: { state: InputState; pid: number | null; isolate: string | null; clock: IsolateClock } | null = null;

  constructor(private readonly options: AnalyzeOptions = {}) {}

  /** Starts a new input; returns the function that takes its events. */
  beginInput(name: string): (event: TraceEvent) => void {
    const state: InputState = { name, isolates: new Map(), tracks: [], outOfMemory: [], era: new EraDetector(), formats: new Set(), splits: 0, runsNotSplit: 0, processes: new Map(), exits: new Map(), processStartLines: new Map() };
    this.current = state;
    return (event) => this.add(state, event);
  }

  /** Inputs read so far. */
  get inputCount(): number {
    return this.inputs.length;
  }

  endInput(parsed: ParsedInput): void {
    if (this.current === null) throw new Error('endInput without beginInput');
    const profile = parsed.profile;
    if (profile !== undefined) {
      const spanMs = profile.startTime !== null && profile.endTime !== null && profile.endTime >= profile.startTime ? profile.endTime - profile.startTime : null;
      for (const track of this.current.tracks) track.analyzer.setProfile({ spanMs, heapSizeLimitMb: profile.heapSizeLimitMb, steps: profile.steps });
    }
    this.inputs.push({ state: this.current, parsed });
    this.current = null;
  }

  private add(state: InputState, event: TraceEvent): void {
    if (event.type === 'ProcessStart') {
      if (event.threadId === 0) {
        state.processes.set(event.pid, processIdentity(event));
        const lines = state.processStartLines.get(String(event.pid)) ?? [];
        lines.push(event.line);
        state.processStartLines.set(String(event.pid), lines);
      }
      return;
    }
    if (event.type === 'ProcessExit') {
      if (event.threadId === 0) state.exits.set(event.pid, event.uptimeMs);
      return;
    }
    if (!isGcEvent(event)) {
      state.outOfMemory.push(event);
      return;
    }
    state.era.add(event);
    state.formats.add(FORMAT_NAMES[event.source] ?? (event.spaces ? 'trace-gc-verbose' : 'trace-gc'));
    const clock = this.clockFor(state, event.pid, event.isolate, event.line);
    // An isolate's clock only moves forward: going back means the app was started again, logging to the
    // same file (in a container every run is pid 1). The out-of-memory block reprints GCs already seen,
    // so it never starts a run.
    // A GCProfiler entry has no time (null): it never starts a run.
    if (event.timeMs !== null && event.timeMs < clock.lastTimeMs && event.source !== 'oom-report') {
      // Each run is a whole analysis: past MAX_RUNS (a shuffled or damaged log, not restarts) they are merged.
      if (state.splits < MAX_RUNS_PER_INPUT) {
        state.splits++;
        clock.track = this.newTrack(state, clock.track.pidKey, event.pid, event.isolate, event.line);
      } else state.runsNotSplit++;
      clock.lastTimeMs = event.timeMs;
    } else if (event.timeMs !== null && event.timeMs > clock.lastTimeMs) clock.lastTimeMs = event.timeMs;
    if (event.line > clock.track.lastLine) clock.track.lastLine = event.line;
    clock.track.analyzer.add(event);
  }

  private clockFor(state: InputState, pid: number | null, isolate: string | null, line: number): IsolateClock {
    // Consecutive events mostly come from one isolate: skip building its key.
    const last = this.lastIsolate;
    if (last !== null && last.state === state && last.pid === pid && last.isolate === isolate) return last.clock;
    const key = `${pid ?? ''}:${isolate ?? ''}`;
    let clock = state.isolates.get(key);
    if (clock === undefined) {
      clock = { track: this.newTrack(state, String(pid ?? ''), pid, isolate, line), lastTimeMs: -Infinity };
      state.isolates.set(key, clock);
    }
    this.lastIsolate = { state, pid, isolate, clock };
    return clock;
  }

  private newTrack(state: InputState, pidKey: string, pid: number | null, isolate: string | null, line: number): Track {
    const analyzer = new IsolateAnalyzer(
      { input: state.name, pid, isolate, run: 1, label: '', isMain: false, nodeMajorRange: { min: null, max: null } },
      this.options,
    );
    const track: Track = { pidKey, analyzer, firstLine: line, lastLine: line };
    state.tracks.push(track);
    return track;
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
    // Inputs stay in the order given.
    for (const { state, parsed } of this.inputs) {
      const input: InputSummary = {
        name: parsed.name,
        bytesRead: parsed.bytesRead,
        interrupted: parsed.interrupted,
        runsNotSplit: state.runsNotSplit,
        lines: parsed.stats.lines,
        gcEvents: parsed.stats.gcEvents,
        skippedLines: parsed.stats.skippedLines,
        verboseLines: parsed.stats.verboseLines,
        ...eraOf(state, parsed, this.options.runtime),
        formats: [...state.formats].sort(),
        content: parsed.format,
      };
      if (state.processes.size > 0) input.processes = [...state.processes.values()].sort((a, b) => (a.startWallMs ?? 0) - (b.startWallMs ?? 0) || a.pid - b.pid);
      summary.inputs.push(input);
      summary.isolates.push(...this.isolatesOf(state, input));
      for (const [report, target] of [
        [parsed.stats.unparsed, summary.unparsed],
        [parsed.stats.cut, summary.cut],
      ] as const) {
        target.count += report.count;
        target.lines.push(...report.lines.map((line) => ({ ...line, input: parsed.name })));
      }
    }
    return summary;
  }

  /** Labels the tracks of one input by process, run and role, and summarises them: main threads first. */
  private isolatesOf(state: InputState, input: InputSummary): IsolateSummary[] {
    // In the order of their first lines: the parser hands a record on only when the next line shows
    // it complete, so isolates may be met out of line order; worker N is the Nth to appear.
    const runsByPid = processRuns([...state.tracks].sort((a, b) => a.firstLine - b.firstLine), state.processStartLines);
    for (const event of state.outOfMemory) {
      const runs = runsByPid.get(String(event.pid ?? '')) ?? [...runsByPid.values()][0];
      if (runs === undefined) {
        // A fatal line and no GC record at all: an isolate seen only through its death.
        const track = this.newTrack(state, String(event.pid ?? ''), event.pid, event.isolate, event.line);
        track.analyzer.addOutOfMemory(event);
        runsByPid.set(track.pidKey, [{ tracks: [track], lastLine: event.line }]);
        continue;
      }
      // The run the line falls in (or the last one before it), whose main thread the process was.
      const run = runs.findLast((candidate) => candidate.tracks[0]!.firstLine <= event.line) ?? runs[0]!;
      run.tracks[0]!.analyzer.addOutOfMemory(event);
    }
    const multiProcess = runsByPid.size > 1;
    // Processes `gclog run` named go by their command; the pid only where several run the same one (cluster workers).
    const commandCounts = new Map<string, number>();
    for (const pidKey of runsByPid.keys()) {
      const command = pidKey === '' ? undefined : state.processes.get(Number(pidKey))?.command;
      if (command !== undefined) commandCounts.set(command, (commandCounts.get(command) ?? 0) + 1);
    }
    const groups: Array<{ isMain: boolean; packageManager: boolean; firstLine: number; isolates: IsolateSummary[] }> = [];
    for (const [pidKey, runs] of runsByPid) {
      const mains: IsolateSummary[] = [];
      runs.forEach((run, runIndex) => {
        run.tracks.forEach((track, index) => {
          const identity = track.analyzer.identity;
          const role = index === 0 ? 'main thread' : `worker ${index}`;
          identity.isMain = index === 0;
          identity.run = runIndex + 1;
          identity.role = role;
          const runNote = runs.length > 1 ? `, run ${runIndex + 1} of ${runs.length}` : '';
          const process = pidKey === '' ? undefined : state.processes.get(Number(pidKey));
          if (process !== undefined) {
            const command = process.role === 'package manager' ? `${process.command} (package manager)` : process.command;
            const cluster = clusterRole(process, state.processes.values());
            const name = (commandCounts.get(process.command) ?? 0) > 1 ? `${command} (${cluster !== null ? `${cluster}, ` : ''}pid ${pidKey})` : command;
            identity.label = `${index === 0 ? name : `${name} ${role}`}${runNote}`;
            identity.process = process;
            const lifetimeMs = state.exits.get(process.pid);
            if (index === 0 && runs.length === 1 && lifetimeMs !== undefined) identity.lifetimeMs = lifetimeMs;
          } else {
            identity.label = `${multiProcess && pidKey !== '' ? `pid ${pidKey} ` : ''}${role}${runNote}`;
          }
          identity.nodeMajorRange = input.nodeMajorRange;
          const isolate = track.analyzer.summary();
          if (index === 0) mains.push(isolate);
          else groups.push({ isMain: false, packageManager: false, firstLine: track.firstLine, isolates: [isolate] });
        });
      });
      const packageManager = pidKey !== '' && state.processes.get(Number(pidKey))?.role === 'package manager';
      groups.push({ isMain: true, packageManager, firstLine: runs[0]!.tracks[0]!.firstLine, isolates: mains });
    }
    // Main threads first, then worker threads, each in the order the log shows them (a process's runs
    // together, in order); a package manager's own process (npm start) last of the main threads.
    groups.sort((a, b) => Number(b.isMain) - Number(a.isMain) || Number(a.packageManager) - Number(b.packageManager) || a.firstLine - b.firstLine);
    return groups.flatMap((group) => group.isolates);
  }
}

/**
 * The tracks of each pid, cut into runs of the process. Where `gclog run` named the process, each of
 * its start lines begins a run (a worker thread that logs only after its main thread stopped is still
 * that run's). Elsewhere, a track that starts after every track of its pid so far has logged its last
 * record begins a new run (the app was restarted under the same pid; a worker's records interleave
 * with its main thread's).
 */
function processRuns(tracks: Track[], processStartLines: Map<string, number[]>): Map<string, ProcessRun[]> {
  const runsByPid = new Map<string, ProcessRun[]>();
  const startOf = new Map<ProcessRun, number>();
  for (const track of tracks) {
    let runs = runsByPid.get(track.pidKey);
    if (runs === undefined) runsByPid.set(track.pidKey, (runs = []));
    const current = runs.at(-1);
    const starts = processStartLines.get(track.pidKey);
    if (starts !== undefined) {
      // The last start named before the track's first record.
      const start = starts.filter((line) => line < track.firstLine).at(-1) ?? starts[0]!;
      if (current !== undefined && startOf.get(current) === start) {
        current.tracks.push(track);
        current.lastLine = Math.max(current.lastLine, track.lastLine);
      } else {
        const run: ProcessRun = { tracks: [track], lastLine: track.lastLine };
        startOf.set(run, start);
        runs.push(run);
      }
      continue;
    }
    if (current === undefined || track.firstLine > current.lastLine) runs.push({ tracks: [track], lastLine: track.lastLine });
    else {
      current.tracks.push(track);
      current.lastLine = Math.max(current.lastLine, track.lastLine);
    }
  }
  return runsByPid;
}

/**
 * The era of an input: the versions a trace-event file names, or `gclog run`'s process lines (exact);
 * for a GCProfiler result, the Node versions that have the profiler; else the guess from the records' shape.
 */
function eraOf(state: InputState, parsed: ParsedInput, runtime?: 'node' | 'deno'): Pick<InputSummary, 'era' | 'nodeMajorRange'> {
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
  // A Deno log's records read like Node's of the same V8: its crash's stack trace, or --runtime, names the runtime.
  const v8 = () => state.era.guess().replace(/ \(.*\)$/, '');
  if (runtime === 'deno') return { era: `${v8()} (Deno, as --runtime says)`, nodeMajorRange: { min: null, max: null, runtime: 'deno' } };
  if (parsed.stats.deno !== undefined && runtime !== 'node') {
    return { era: `${v8()} (Deno: its crash names the deno binary, line ${parsed.stats.deno.line})`, nodeMajorRange: { min: null, max: null, runtime: 'deno' } };
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

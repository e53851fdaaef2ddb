// Events → summary: routes each event to the analyzer of its input and isolate, then assembles
// the summary. Workers and cluster processes are kept apart by (pid, isolate).

import { isGcEvent, type TraceEvent } from '../events.js';
import type { ParsedInput } from '../parse/reader.js';
import { readLog, type ReadOptions } from '../parse/reader.js';
import { EraDetector } from './era.js';
import { IsolateAnalyzer, type AnalyzeOptions } from './isolate-analyzer.js';
import { SUMMARY_SCHEMA_VERSION, type InputSummary, type Summary } from './summary.js';

const GENERATOR = 'gclog';

interface InputState {
  name: string;
  isolates: Map<string, IsolateAnalyzer>;
  /** Isolates in order of first appearance, per pid: the first is the process's main thread. */
  isolatesByPid: Map<string, string[]>;
  era: EraDetector;
  formats: Set<string>;
}

export class Analyzer {
  private readonly inputs: Array<{ state: InputState; parsed: ParsedInput }> = [];
  private current: InputState | null = null;
  private lastIsolate: { state: InputState; pid: number | null; isolate: string | null; analyzer: IsolateAnalyzer } | null = null;

  constructor(private readonly options: AnalyzeOptions = {}) {}

  /** Starts a new input; returns the function that takes its events. */
  beginInput(name: string): (event: TraceEvent) => void {
    const state: InputState = { name, isolates: new Map(), isolatesByPid: new Map(), era: new EraDetector(), formats: new Set() };
    this.current = state;
    return (event) => this.add(state, event);
  }

  endInput(parsed: ParsedInput): void {
    if (this.current === null) throw new Error('endInput without beginInput');
    this.inputs.push({ state: this.current, parsed });
    this.current = null;
  }

  private add(state: InputState, event: TraceEvent): void {
    if (!isGcEvent(event)) {
      this.isolateFor(state, event.pid, event.isolate, true).addOutOfMemory(event);
      return;
    }
    state.era.add(event);
    state.formats.add(event.source === 'trace' ? (event.spaces ? 'trace-gc-verbose' : 'trace-gc') : event.source === 'oom-report' ? 'oom-report' : 'trace-gc-nvp');
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
        interrupted: parsed.interrupted,
        lines: parsed.stats.lines,
        gcEvents: parsed.stats.gcEvents,
        skippedLines: parsed.stats.skippedLines,
        verboseLines: parsed.stats.verboseLines,
        era: state.era.guess(),
        nodeMajorRange: state.era.range(),
        formats: [...state.formats].sort(),
      };
      summary.inputs.push(input);
      const multiProcess = state.isolatesByPid.size > 1;
      for (const [pidKey, keys] of state.isolatesByPid) {
        keys.forEach((key, index) => {
          const analyzer = state.isolates.get(key)!;
          const role = index === 0 ? 'main thread' : `worker ${index}`;
          analyzer.identity.label = multiProcess && pidKey !== '' ? `pid ${pidKey} ${role}` : role;
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

/** Reads and analyzes the given logs (paths, or `-` for stdin). */
export async function analyzeFiles(paths: string[], options: AnalyzeOptions & ReadOptions = {}): Promise<Summary> {
  const analyzer = new Analyzer(options);
  for (const path of paths) {
    const onEvent = analyzer.beginInput(path === '-' ? 'stdin' : path);
    analyzer.endInput(await readLog(path, onEvent, options));
  }
  return analyzer.summary();
}

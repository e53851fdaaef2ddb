// The `--trace-gc` record (GCTracer::Print), every V8 from 5.x to 15.x:
//   `  1234 ms: Mark-Compact (reduce) 12.3 (14.0) -> 10.1 (15.0) MB, pooled: 0 MB, 3.21 / 0.00 ms
//    (+ 1.2 ms in 10 steps since start of marking, biggest step 0.3 ms, walltime since start of marking 20 ms)
//    (average mu = 0.990, current mu = 0.980) allocation failure; GC in old space requested`

import { type Decoration, type GcType, type IncrementalMarking, type MutatorUtilization } from '../events.js';

/** What one trace record says, before the line's context (pid, isolate, line number) is added. */
export interface TraceRecord {
  timeMs: number;
  type: GcType;
  v8Name: string;
  decorations: Decoration[];
  heapBeforeMb: number;
  heapAfterMb: number;
  committedBeforeMb: number;
  committedAfterMb: number;
  pooledMb?: number;
  pauseMs: number;
  /** The second number of `pause / external ms`; absent where V8 printed the pause alone (3.x – 4.4). */
  externalMs?: number;
  reason: string | null;
  collectorReason?: string;
  mu?: MutatorUtilization;
  incremental?: IncrementalMarking;
  truncated?: boolean;
}

const V8_NAMES: Record<string, GcType> = {
  Scavenge: 'Scavenge',
  'Minor Mark-Compact': 'Minor Mark-Compact',
  'Minor Mark-Sweep': 'Minor Mark-Sweep',
  'Incremental Minor Mark-Sweep': 'Minor Mark-Sweep',
  'Mark-sweep': 'Mark-Compact',
  'Mark-Compact': 'Mark-Compact',
  'Incremental Mark-Compact': 'Mark-Compact',
};

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;

/**
 * Numbers beyond these are damage, not measurements (1e15 ms is 31,000 years; 1e15 MB or bytes, more
 * than any heap; 1e-9 is far below what V8 prints): refusing them keeps every sum and ratio finite.
 */
export const MAX_PLAUSIBLE_NUMBER = 1e15;
export const MIN_PLAUSIBLE_NONZERO = 1e-9;

export function isPlausibleNumber(value: number): boolean {
  const size = Math.abs(value);
  return size === 0 || (size >= MIN_PLAUSIBLE_NONZERO && size <= MAX_PLAUSIBLE_NUMBER);
}

const RECORD = new RegExp(
  String.raw`^ *(-?\d+(?:\.\d+)?) ms: (Shared )?` +
    String.raw`(Scavenge|Minor Mark-Compact|Minor Mark-Sweep|Incremental Minor Mark-Sweep|Mark-sweep|Mark-Compact|Incremental Mark-Compact)` +
    String.raw`((?: \((?:reduce|interleaved|during sweeping)\))*) ` +
    String.raw`${NUMBER} \(${NUMBER}\) -> ${NUMBER} \(${NUMBER}\) MB, (?:pooled: ${NUMBER} MB, )?` +
    // V8 3.x – 4.4 (Node 0.10 – 0.12, io.js) print the pause alone: `, 4 ms` or `, 0.8 ms`.
    String.raw`${NUMBER}(?: / ${NUMBER})? ms`,
);

/** The time and collector name alone: enough to say a line is a GC record, parsed or not. */
const RECORD_START =
  /(?:^|\s)-?\d+(?:\.\d+)? ms: (?:Shared )?(?:Scavenge|Minor Mark-|Incremental |Mark-sweep|Mark-Compact)/;

const INCREMENTAL = new RegExp(
  String.raw`^ *\(\+ ${NUMBER} ms in (\d+) steps since (start of marking|last GC)` +
    String.raw`(?:, biggest step ${NUMBER} ms)?(?:, walltime since start of marking ${NUMBER} ms)?\)`,
);
const MUTATOR_UTILIZATION = new RegExp(String.raw`^ *\(average mu = ${NUMBER}, current mu = ${NUMBER}\)`);

/** The collector reasons V8 prints second (SelectGarbageCollector); used to split the old space-separated form. */
const COLLECTOR_REASONS = [
  'GC in old space requested',
  'GC in old space forced by flags',
  'scavenge might not succeed',
  'Incremental marking needs finalization',
  'Incremental marking forced finalization',
  'finalize MinorMC',
  'Concurrent MinorMS needs finalization',
  'promotion limit reached',
  'old generations exhausted',
];

/** True when the text has a record's start (`123 ms: Scavenge`), whether or not the rest parses. */
export function looksLikeTraceRecord(text: string): boolean {
  return RECORD_START.test(text);
}

/**
 * Parses the text after the `[pid:isolate] ` header. Returns null when it is not a complete record
 * up to the pause (`… MB, 1.2 / 0.0 ms`); the rest (incremental part, mu, reasons) may be cut, as in
 * the out-of-memory ring buffer, and is then marked `truncated`.
 */
export function parseTraceRecord(body: string): TraceRecord | null {
  const match = RECORD.exec(body);
  if (match === null) return null;
  const numbers = [1, 5, 6, 7, 8, 10].map((group) => Number(match[group]));
  if (!numbers.every(isPlausibleNumber)) return null;
  const externalMs = match[11] === undefined ? undefined : Number(match[11]);
  if (externalMs !== undefined && !isPlausibleNumber(externalMs)) return null;
  const v8Name = match[3]!;
  const type = V8_NAMES[v8Name]!;
  const decorations: Decoration[] = [];
  if (match[2] !== undefined) decorations.push('shared');
  if (match[4]) {
    for (const part of match[4].split(' (')) {
      if (part) decorations.push(part.replace(')', '') as Decoration);
    }
  }
  const record: TraceRecord = {
    timeMs: numbers[0]!,
    type,
    v8Name,
    decorations,
    heapBeforeMb: numbers[1]!,
    committedBeforeMb: numbers[2]!,
    heapAfterMb: numbers[3]!,
    committedAfterMb: numbers[4]!,
    pauseMs: numbers[5]!,
    ...(externalMs === undefined ? {} : { externalMs }),
    reason: null,
  };
  if (match[9] !== undefined) {
    record.pooledMb = Number(match[9]);
    if (!isPlausibleNumber(record.pooledMb)) return null;
  }

  let rest = body.slice(match[0].length);
  const incremental = INCREMENTAL.exec(rest);
  if (incremental !== null) {
    if (![1, 2, 4, 5].every((group) => incremental[group] === undefined || isPlausibleNumber(Number(incremental[group])))) return null;
    record.incremental = {
      stepsMs: Number(incremental[1]),
      steps: Number(incremental[2]),
      sinceStartOfMarking: incremental[3] === 'start of marking',
    };
    if (incremental[4] !== undefined) record.incremental.biggestStepMs = Number(incremental[4]);
    if (incremental[5] !== undefined) record.incremental.walltimeMs = Number(incremental[5]);
    rest = rest.slice(incremental[0].length);
  }
  const mu = MUTATOR_UTILIZATION.exec(rest);
  if (mu !== null) {
    if (!isPlausibleNumber(Number(mu[1])) || !isPlausibleNumber(Number(mu[2]))) return null;
    record.mu = { average: Number(mu[1]), current: Number(mu[2]) };
    rest = rest.slice(mu[0].length);
  }
  rest = rest.trim();
  if (rest.startsWith('(')) {
    // An opened `(+ …` or `(average mu …` that never closes: the record was cut here.
    record.truncated = true;
    return record;
  }
  if (rest.endsWith('.')) rest = rest.slice(0, -1); // V8 3.x – 5.1 end the line with `.`
  // `[allocation failure] [incremental marking delayin`: cut inside the bracketed reasons.
  if (rest.startsWith('[') && !rest.endsWith(']')) record.truncated = true;
  const reasons = splitReasons(rest);
  if (!plausibleReasons(reasons)) {
    // Application output written into the middle of the record (stdout shared, Deno's exit line):
    // the reasons are cut and mixed with other text, so none is claimed.
    record.truncated = true;
    return record;
  }
  Object.assign(record, reasons);
  return record;
}

/**
 * No reason V8 prints (free-form in 3.x – 5.4, an enum since) holds `: `, which application output
 * written into a record usually does (`… finalize incrementasteady done: iterations=45750 …`).
 */
export function plausibleReasons(reasons: { reason: string | null; collectorReason?: string }): boolean {
  return !(reasons.reason?.includes(': ') ?? false) && !(reasons.collectorReason?.includes(': ') ?? false);
}

/** The reasons at the end of a record (the text after the mutator utilisation, trimmed). */
export function splitReasons(text: string): { reason: string | null; collectorReason?: string } {
  if (text === '') return { reason: null };
  // V8 5.1: `[reason] [collector reason]`.
  if (text.startsWith('[')) {
    const parts = [...text.matchAll(/\[([^\]]*)\]/g)].map((part) => part[1]!.trim());
    return withCollector(parts[0] ?? '', parts[1] ?? '');
  }
  // V8 10.2+: `reason; collector reason` (the collector part may be empty: `allocation failure; `).
  const semicolon = text.indexOf(';');
  if (semicolon >= 0) return withCollector(text.slice(0, semicolon).trim(), text.slice(semicolon + 1).trim());
  // V8 5.4 – 9.6: `reason collector reason`, joined by a space.
  for (const collector of COLLECTOR_REASONS) {
    if (text.endsWith(collector)) return withCollector(text.slice(0, -collector.length).trim(), collector);
  }
  return { reason: text };
}

function withCollector(reason: string, collectorReason: string): { reason: string | null; collectorReason?: string } {
  const result: { reason: string | null; collectorReason?: string } = { reason: reason === '' ? null : reason };
  if (collectorReason !== '') result.collectorReason = collectorReason;
  return result;
}

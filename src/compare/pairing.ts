// Which isolate of the before log is compared with which of the after log: by role (main thread
// with main thread, worker n with worker n), or as the user picks with `--isolate B:A`.

import type { IsolateSummary, Summary } from '../analyze/summary.js';
import { AppError } from '../errors.js';
import type { IsolateRef } from './comparison.js';

export type Side = 'before' | 'after';

export interface IsolatePick {
  /** As typed: an index (`0`), a label (`worker 1`) or an isolate address (`0x3c75a000`). */
  before: string;
  after: string;
}

export interface Pair {
  before: IsolateSummary;
  after: IsolateSummary;
  beforeRef: IsolateRef;
  afterRef: IsolateRef;
  pairedBy: 'role' | 'user';
}

export interface Pairing {
  pairs: Pair[];
  unpaired: { before: IsolateRef[]; after: IsolateRef[] };
}

/** `0:1`, `worker 1`, `main thread:worker 2`: one selector applies to both sides. */
export function parseIsolatePick(spec: string): IsolatePick {
  const colon = spec.indexOf(':');
  const trimmed = (text: string) => text.trim();
  if (colon === -1) return { before: trimmed(spec), after: trimmed(spec) };
  return { before: trimmed(spec.slice(0, colon)), after: trimmed(spec.slice(colon + 1)) };
}

export function isolateRef(isolate: IsolateSummary, index: number): IsolateRef {
  return {
    index,
    label: isolate.label,
    input: isolate.input,
    pid: isolate.pid,
    isolate: isolate.isolate,
    durationMs: isolate.durationMs,
    gcCount: isolate.counts.total,
  };
}

/** `#1 worker 1 (pid 4162 0x3c75a000)`: how isolates are named in lists and messages. */
export function describeIsolate(ref: IsolateRef): string {
  const where = [ref.pid !== null ? `pid ${ref.pid}` : null, ref.isolate].filter(Boolean).join(' ');
  return `#${ref.index} ${ref.label}${where ? ` (${where})` : ''}`;
}

/** `pid 12 main thread` and `main thread` have the same role: pids differ between runs. */
const roleOf = (isolate: IsolateSummary): string => isolate.role ?? isolate.label.replace(/^pid \S+ /, '');
/** The same role in the same program (`gclog run` names it): pairs first, so cluster workers meet cluster workers. */
const programRoleOf = (isolate: IsolateSummary): string => `${isolate.process?.command ?? ''}\u0000${roleOf(isolate)}`;

export function pairIsolates(before: Summary, after: Summary, picks: IsolatePick[] = []): Pairing {
  for (const [side, summary] of [['before', before], ['after', after]] as const) {
    if (summary.isolates.length === 0) {
      throw new AppError({ code: 'NoComparableIsolate', detail: `nothing to compare: the ${side} log (${inputNames(summary)}) has no isolate with GC events.` });
    }
  }
  const pairs: Pair[] = [];
  const used = { before: new Set<number>(), after: new Set<number>() };
  const add = (b: number, a: number, pairedBy: Pair['pairedBy']): void => {
    used.before.add(b);
    used.after.add(a);
    pairs.push({
      before: before.isolates[b]!,
      after: after.isolates[a]!,
      beforeRef: isolateRef(before.isolates[b]!, b),
      afterRef: isolateRef(after.isolates[a]!, a),
      pairedBy,
    });
  };
  if (picks.length > 0) {
    for (const pick of picks) {
      const b = findIsolate(before, pick.before, 'before');
      const a = findIsolate(after, pick.after, 'after');
      if (used.before.has(b) || used.after.has(a)) {
        throw new AppError({ code: 'NoComparableIsolate', detail: `--isolate ${pick.before}:${pick.after}: an isolate can be in one pair only.` });
      }
      add(b, a, 'user');
    }
  } else {
    // Summaries list main threads first, then by GC count: the n-th of a role meets the n-th.
    for (const key of [programRoleOf, roleOf]) {
      before.isolates.forEach((isolate, b) => {
        if (used.before.has(b)) return;
        const a = after.isolates.findIndex((candidate, index) => !used.after.has(index) && key(candidate) === key(isolate));
        if (a !== -1) add(b, a, 'role');
      });
    }
  }
  if (pairs.length === 0) {
    // Cannot happen with analyzer summaries (each process has a main thread), but a hand-made one could.
    throw new AppError({ code: 'NoComparableIsolate', detail: `nothing to compare: no isolate of the before log has the role of one in the after log. Pick a pair with --isolate B:A.` });
  }
  const left = (summary: Summary, taken: Set<number>) =>
    summary.isolates.map((isolate, index) => isolateRef(isolate, index)).filter((ref) => !taken.has(ref.index));
  return { pairs, unpaired: { before: left(before, used.before), after: left(after, used.after) } };
}

function findIsolate(summary: Summary, selector: string, side: Side): number {
  const refs = summary.isolates.map((isolate, index) => isolateRef(isolate, index));
  const wanted = selector.replace(/^#/, '').toLowerCase();
  const matches = /^\d+$/.test(wanted)
    ? refs.filter((ref) => ref.index === Number(wanted))
    : refs.filter((ref) => ref.label.toLowerCase() === wanted || ref.isolate?.toLowerCase() === wanted);
  const listing = refs.map(describeIsolate).join(', ');
  if (matches.length === 0) {
    throw new AppError({ code: 'NoComparableIsolate', detail: `--isolate: no isolate "${selector}" in the ${side} log (${inputNames(summary)}). It has: ${listing}.` });
  }
  if (matches.length > 1) {
    throw new AppError({ code: 'NoComparableIsolate', detail: `--isolate: "${selector}" names ${matches.length} isolates in the ${side} log; pick one by number: ${listing}.` });
  }
  return matches[0]!.index;
}

const inputNames = (summary: Summary): string => summary.inputs.map((input) => input.name).join(', ') || 'no input';

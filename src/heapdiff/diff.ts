// Class totals of two or more snapshots → what grew, per class, and what grew at every step.

import type { SnapshotTotals } from './class-totals.js';
import { isInternalClass } from './snapshot.js';
import type { RetainerPath } from './retainers.js';

/** Growth under this over the whole run is noise (a few objects made by the snapshot itself, code compiled). */
export const MIN_GROWTH_BYTES = 16 * 1024;
/** Classes listed in the table (the JSON has every class that changed). */
export const TOP_CLASSES = 20;
/** Growers whose retainer path is looked up. */
export const TOP_GROWERS_WITH_RETAINERS = 8;

export interface ClassDiff {
  className: string;
  /** `(string)`, `(array)`, `(compiled code)` …: V8's own kinds, not counted in the program's objects' bytes. */
  internal: boolean;
  /** Per snapshot, in the order given. */
  counts: number[];
  bytes: number[];
  selfBytes: number[];
  countAdded: number;
  bytesAdded: number;
  /** Bytes rose at every step, and by at least MIN_GROWTH_BYTES in all: with three snapshots or more, the mark of a leak. */
  growing: boolean;
  /** Steps (between consecutive snapshots) in which the bytes rose. */
  stepsGrown: number;
  retainer: RetainerPath | null;
}

export interface HeapDiff {
  snapshots: { path: string; nodeCount: number; totalBytes: number }[];
  /** Three snapshots or more: growth at every step can be told from a one-off. */
  stepsJudged: boolean;
  totalBytesAdded: number;
  /** Classes that grew at every step, most bytes added first. */
  growing: ClassDiff[];
  /** Every class whose count or bytes changed, most bytes added first. */
  changed: ClassDiff[];
}

/** A class grows when its bytes rose at every step and by MIN_GROWTH_BYTES or more over the run. */
export function isGrowing(bytes: number[]): boolean {
  if (bytes.length < 2) return false;
  for (let step = 1; step < bytes.length; step++) if (!(bytes[step]! > bytes[step - 1]!)) return false;
  return bytes[bytes.length - 1]! - bytes[0]! >= MIN_GROWTH_BYTES;
}

export function diffTotals(snapshots: SnapshotTotals[]): HeapDiff {
  const names = new Set<string>();
  for (const snapshot of snapshots) for (const name of snapshot.classes.keys()) names.add(name);
  const changed: ClassDiff[] = [];
  for (const className of names) {
    const totals = snapshots.map((snapshot) => snapshot.classes.get(className));
    const counts = totals.map((total) => total?.count ?? 0);
    const bytes = totals.map((total) => total?.bytes ?? 0);
    const selfBytes = totals.map((total) => total?.selfBytes ?? 0);
    const countAdded = counts[counts.length - 1]! - counts[0]!;
    const bytesAdded = bytes[bytes.length - 1]! - bytes[0]!;
    if (counts.every((count) => count === counts[0]) && bytes.every((value) => value === bytes[0])) continue;
    let stepsGrown = 0;
    for (let step = 1; step < bytes.length; step++) if (bytes[step]! > bytes[step - 1]!) stepsGrown++;
    changed.push({ className, internal: isInternalClass(className), counts, bytes, selfBytes, countAdded, bytesAdded, growing: isGrowing(bytes), stepsGrown, retainer: null });
  }
  changed.sort((a, b) => b.bytesAdded - a.bytesAdded || a.className.localeCompare(b.className));
  const first = snapshots[0]!;
  const last = snapshots[snapshots.length - 1]!;
  return {
    snapshots: snapshots.map(({ path, nodeCount, totalBytes }) => ({ path, nodeCount, totalBytes })),
    stepsJudged: snapshots.length >= 3,
    totalBytesAdded: last.totalBytes - first.totalBytes,
    growing: changed.filter((entry) => entry.growing),
    changed,
  };
}

// Claims about the reasons V8 printed, per collector that carried them.

import type { IsolateSummary } from '../../analyze/summary.js';
import { plural } from '../../format.js';

/** What "allocation failure" meant here: a full new space for young GCs, an old-generation limit for Mark-Compacts. */
export function allocationFailureMeaning(isolate: IsolateSummary): string | null {
  const row = isolate.reasons.find((reason) => reason.reason === 'allocation failure');
  if (row === undefined) return null;
  const { young, old } = row.byGeneration;
  const each = (count: number) => (count === 1 ? '' : 'each ');
  const youngPart = `${plural(young, 'young GC')}, ${each(young)}when the new space was full`;
  // A Mark-Compact started by an allocation failure: the allocation could not be served, and V8 chose a
  // full GC (from V8 10 it prints why, e.g. "scavenge might not succeed": too little old space to promote into).
  const oldPart = `${plural(old, 'Mark-Compact')}, ${each(old)}when an allocation could not be served and V8 chose a full GC (the old generation near its limit, or too little room in it to promote what a young GC would keep)`;
  if (young > 0 && old > 0) return `"allocation failure" started ${youngPart}, and ${oldPart}.`;
  if (young > 0) return `"allocation failure" is normal here: it started ${youngPart}.`;
  if (old > 0) return `"allocation failure" started ${oldPart}.`;
  return null;
}

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

/**
 * What "Runtime::PerformGC" meant (V8 3.14, Node 0.10): `Runtime::PerformGC` in runtime.cc runs when a
 * call from JavaScript into V8's runtime failed to allocate (the CEntryStub passes it the failure): it
 * first tries a fresh new-space page, else collects the space that was full, and on the call's last
 * retry collects everything. Which collector ran is V8's choice, printed in the second bracket.
 */
export function runtimePerformGcMeaning(isolate: IsolateSummary): string | null {
  const row = isolate.reasons.find((reason) => reason.reason === 'Runtime::PerformGC');
  if (row === undefined) return null;
  const { young, old } = row.byGeneration;
  const started = [young > 0 ? plural(young, 'young GC') : null, old > 0 ? plural(old, 'Mark-Compact') : null].filter(Boolean).join(' and ');
  return (
    `"Runtime::PerformGC" (V8 3.14, Node 0.10) started ${started}: V8 runs it when a call from JavaScript into its runtime could not allocate, ` +
    'to collect the space that was full (a young GC for the new space, unless V8 chose a Mark-Compact and printed why), or everything when the call failed again.'
  );
}

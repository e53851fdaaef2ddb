// Claims about the reasons V8 printed, per collector that carried them.

import type { IsolateSummary } from '../../analyze/summary.js';
import { plural } from '../../format.js';

/** What "allocation failure" meant here: a full new space for young GCs, an old-generation limit for Mark-Compacts. */
export function allocationFailureMeaning(isolate: IsolateSummary): string | null {
  const row = isolate.reasons.find((reason) => reason.reason === 'allocation failure');
  if (row === undefined) return null;
  const { young, old } = row.byGeneration;
  const youngPart = `${plural(young, 'young GC')}, each when the new space was full`;
  const oldPart = `${plural(old, 'Mark-Compact')}, each when an allocation in the old generation failed as it had reached its limit`;
  if (young > 0 && old > 0) return `"allocation failure" started ${youngPart}, and ${oldPart}.`;
  if (young > 0) return `"allocation failure" is normal here: it started ${youngPart}.`;
  if (old > 0) return `"allocation failure" started ${oldPart}.`;
  return null;
}

// A claim: a small function from one isolate's summary to a sentence about THIS log, or null when
// the log does not show it. The story, the next steps and the terminal text are lists of claims.

import type { IsolateSummary } from '../../analyze/summary.js';

export type Claim = (isolate: IsolateSummary) => string | null;

/** The sentences of the claims that hold, in order. */
export function sentences(isolate: IsolateSummary, claims: Claim[]): string[] {
  return claims.map((claim) => claim(isolate)).filter((sentence): sentence is string => sentence !== null);
}

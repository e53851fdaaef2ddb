// Two summaries → a comparison: pairs the isolates, measures each pair, applies the noise rule
// and reaches one verdict. Pure: no I/O, so the CLI, the HTML report and tests share it.

import type { Summary } from '../analyze/summary.js';
import { COMPARISON_SCHEMA_VERSION, type Comparison, type PairComparison } from './comparison.js';
import { metricRows, reasonChanges, stateRows } from './metrics.js';
import { DEFAULT_THRESHOLD_PERCENT } from './noise-rule.js';
import { pairIsolates, type IsolatePick } from './pairing.js';
import { decidersOf, verdictOf } from './verdict.js';

export interface CompareOptions {
  /** The noise rule's relative threshold, in percent of the smaller of the two values (default 10). */
  thresholdPercent?: number;
  /** Pairs chosen by the user; by default main thread meets main thread, worker n worker n. */
  isolates?: IsolatePick[];
}

export function compareSummaries(before: Summary, after: Summary, options: CompareOptions = {}): Comparison {
  const thresholdPercent = options.thresholdPercent ?? DEFAULT_THRESHOLD_PERCENT;
  if (!Number.isFinite(thresholdPercent) || thresholdPercent < 0) {
    // The CLI checks --threshold before it gets here: this is a caller's bug.
    throw new RangeError(`thresholdPercent must be a number ≥ 0, not ${thresholdPercent}`);
  }
  const pairing = pairIsolates(before, after, options.isolates ?? []);
  const several = pairing.pairs.length > 1;
  const pairs: PairComparison[] = pairing.pairs.map((pair) => {
    const metrics = metricRows(pair.before, pair.after, thresholdPercent);
    const states = stateRows(pair.before, pair.after);
    const name = pair.before.label === pair.after.label ? pair.before.label : `${pair.before.label} ↔ ${pair.after.label}`;
    return {
      before: pair.beforeRef,
      after: pair.afterRef,
      pairedBy: pair.pairedBy,
      metrics,
      states,
      reasons: reasonChanges(pair.before, pair.after),
      verdict: verdictOf(decidersOf(metrics, states, several ? name : null)),
    };
  });
  return {
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    generator: 'gclog',
    before: { inputs: before.inputs.map((input) => input.name) },
    after: { inputs: after.inputs.map((input) => input.name) },
    thresholdPercent,
    pairs,
    unpaired: pairing.unpaired,
    // One verdict over every pair: a regressed worker makes a run `mixed` or `regressed`.
    verdict: verdictOf(pairs.flatMap((pair) => [...pair.verdict.improved, ...pair.verdict.regressed])),
  };
}

// Two summaries (or two sets of reruns) → a comparison: pairs the isolates, measures each pair,
// applies the noise rule and reaches one verdict. Pure: no I/O, so the CLI, the HTML report and
// tests share it.

import { GENERATOR } from '../version.js';
import type { IsolateSummary, Summary } from '../analyze/summary.js';
import { COMPARISON_SCHEMA_VERSION, type Comparison, type PairComparison } from './comparison.js';
import { metricRows, reasonChanges, stateRows } from './metrics.js';
import { DEFAULT_THRESHOLD_PERCENT } from './noise-rule.js';
import { pairIsolates, type IsolatePick } from './pairing.js';
import { decidersOf, verdictOf } from './verdict.js';
import { markMachineOnly } from './work-change.js';

export interface CompareOptions {
  /** The noise rule's relative threshold, in percent of the smaller of the two values (default 10). */
  thresholdPercent?: number;
  /** Pairs chosen by the user; by default main thread meets main thread, worker n worker n. */
  isolates?: IsolatePick[];
}

/**
 * `before` and `after` are one run each, or several runs of the same code each (reruns): isolates
 * are paired on the first run of each side and found at the same place in the others; each metric
 * is then the median over the runs and a change must leave their spread.
 */
export function compareSummaries(beforeRuns: Summary | Summary[], afterRuns: Summary | Summary[], options: CompareOptions = {}): Comparison {
  const beforeAll = Array.isArray(beforeRuns) ? beforeRuns : [beforeRuns];
  const afterAll = Array.isArray(afterRuns) ? afterRuns : [afterRuns];
  if (beforeAll.length === 0 || afterAll.length === 0) throw new RangeError('compareSummaries needs at least one run on each side');
  const before = beforeAll[0]!;
  const after = afterAll[0]!;
  const thresholdPercent = options.thresholdPercent ?? DEFAULT_THRESHOLD_PERCENT;
  if (!Number.isFinite(thresholdPercent) || thresholdPercent < 0) {
    // The CLI checks --threshold before it gets here: this is a caller's bug.
    throw new RangeError(`thresholdPercent must be a number ≥ 0, not ${thresholdPercent}`);
  }
  const pairing = pairIsolates(before, after, options.isolates ?? []);
  const several = pairing.pairs.length > 1;
  const pairs: PairComparison[] = pairing.pairs.map((pair) => {
    const runsBefore = sameIsolateIn(beforeAll, pair.beforeRef.index);
    const runsAfter = sameIsolateIn(afterAll, pair.afterRef.index);
    const metrics = markMachineOnly(metricRows(runsBefore, runsAfter, thresholdPercent));
    const states = stateRows(runsBefore, runsAfter);
    const name = pair.before.label === pair.after.label ? pair.before.label : `${pair.before.label} ↔ ${pair.after.label}`;
    return {
      before: pair.beforeRef,
      after: pair.afterRef,
      pairedBy: pair.pairedBy,
      runs: { before: runsBefore.length, after: runsAfter.length },
      metrics,
      states,
      reasons: reasonChanges(pair.before, pair.after),
      verdict: verdictOf(decidersOf(metrics, states, several ? name : null)),
    };
  });
  return {
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    generator: GENERATOR,
    before: { inputs: beforeAll.flatMap((run) => run.inputs.map((input) => input.name)), runs: beforeAll.length },
    after: { inputs: afterAll.flatMap((run) => run.inputs.map((input) => input.name)), runs: afterAll.length },
    thresholdPercent,
    pairs,
    unpaired: pairing.unpaired,
    // One verdict over every pair: a regressed worker makes a run `mixed` or `regressed`.
    verdict: verdictOf(pairs.flatMap((pair) => [...pair.verdict.improved, ...pair.verdict.regressed])),
  };
}

/** The isolate at `index` in each run that has one (reruns list their isolates in the same order). */
function sameIsolateIn(runs: Summary[], index: number): IsolateSummary[] {
  return runs.map((run) => run.isolates[index]).filter((isolate): isolate is IsolateSummary => isolate !== undefined);
}

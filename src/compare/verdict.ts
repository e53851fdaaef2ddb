// The verdict: improved, regressed, mixed or unchanged, from the decisive metrics that moved
// beyond noise. Any decisive regression with no decisive improvement is `regressed`, and so on.

import type { Decider, MetricRow, StateRow, Verdict, VerdictResult } from './comparison.js';
import { formatPercent, formatWithUnit } from './format.js';

export function decidersOf(metrics: MetricRow[], states: StateRow[], pair: string | null): Decider[] {
  const deciders: Decider[] = [];
  for (const state of states) {
    if (!state.decisive || (state.change !== 'improved' && state.change !== 'regressed')) continue;
    deciders.push({ pair, id: state.id, label: state.label, change: state.change, text: `${state.label} ${state.before} → ${state.after}` });
  }
  for (const row of metrics) {
    if (!row.decisive || row.machineOnly === true || (row.change !== 'improved' && row.change !== 'regressed')) continue;
    const percent = formatPercent(row.differencePercent, row.before, row.after);
    deciders.push({
      pair,
      id: row.id,
      label: row.label,
      change: row.change,
      text: `${row.label} ${formatWithUnit(row.before, row.unit)} → ${formatWithUnit(row.after, row.unit)}${percent === '—' ? '' : ` (${percent})`}`,
    });
  }
  return deciders.map((decider) => (pair === null ? decider : { ...decider, text: `${pair}: ${decider.text}` }));
}

export function verdictOf(deciders: Decider[]): VerdictResult {
  const improved = deciders.filter((decider) => decider.change === 'improved');
  const regressed = deciders.filter((decider) => decider.change === 'regressed');
  const verdict: Verdict =
    improved.length > 0 && regressed.length > 0 ? 'mixed' : improved.length > 0 ? 'improved' : regressed.length > 0 ? 'regressed' : 'unchanged';
  return { verdict, improved, regressed };
}

// Budget results in words: one terminal line per budget, and the Markdown table for CI summaries.

import type { Budget, BudgetMeasurement, BudgetResult } from '../analyze/budgets.js';
import { formatMb, formatMs } from '../format.js';

function measured(budget: Budget, measurement: BudgetMeasurement): string {
  if (measurement.value === null) return `n/a (${measurement.unmeasured ?? 'not measured'})`;
  if (typeof measurement.value === 'string') return measurement.value;
  const value = measurement.value;
  const shown = budget.kind === 'overhead' ? `${value.toFixed(value < 10 ? 2 : 1)}%` : budget.kind === 'floor' ? formatMb(value) : formatMs(value);
  const limit = limitOf(budget);
  // Rounding must not make a figure read as on the other side of its limit: more decimals then.
  const shownValue = Number.parseFloat(shown.replace(/,/g, '')) * (shown.endsWith(' s') ? 1000 : 1);
  if (limit === null || (measurement.failed ? shownValue > limit : shownValue <= limit)) return shown;
  const decimals = Math.max(0, Math.ceil(-Math.log10(Math.abs(value - limit))));
  return `${value.toFixed(Math.min(decimals, 6))} ${budget.kind === 'overhead' ? '%' : budget.kind === 'floor' ? 'MB' : 'ms'}`.replace(' %', '%');
}

/** The limit in the unit `measured` shows (MB for floors, ms for times, % for overhead). */
function limitOf(budget: Budget): number | null {
  switch (budget.kind) {
    case 'pause':
    case 'worst-second':
      return budget.limitMs;
    case 'overhead':
      return budget.limitPercent;
    case 'floor':
      return budget.limitMb;
    default:
      return null;
  }
}

/** What the budget measures, for the reader who did not write it. */
function meaning(budget: Budget): string {
  switch (budget.kind) {
    case 'leak':
      return 'leak verdict';
    case 'suspected':
      return 'leak verdict (suspected or leak fails)';
    case 'oom':
      return 'out-of-memory crash';
    case 'pause':
      return `${budget.stat === 'max' ? 'longest' : budget.stat} pause${budget.collector === null ? '' : ` of ${budget.collector}`}`;
    case 'worst-second':
      return 'GC pause time in the worst second';
    case 'overhead':
      return 'share of the time in GC pauses';
    case 'floor':
      return 'highest heap floor (heap used after a Mark-Compact)';
  }
}

/** `failed  p99>50ms  longest … : main thread 63.2 ms` — every budget, the failed ones first. */
export function budgetLines(results: BudgetResult[]): string[] {
  const ordered = [...results].sort((a, b) => Number(b.failed) - Number(a.failed));
  return ordered.map((result) => {
    const shown = result.measurements.filter((measurement) => measurement.failed || !result.failed);
    const figures = shown.length === 0 ? 'nothing to measure: no GC of the app in the log' : shown.map((m) => `${m.isolate} ${measured(result.budget, m)}`).join('; ');
    return `budget ${result.failed ? 'FAILED' : 'met'}: ${result.budget.text} (${meaning(result.budget)}): ${figures}`;
  });
}

export function budgetMarkdown(results: BudgetResult[]): string {
  if (results.length === 0) return '';
  const rows = results.flatMap((result) =>
    result.measurements.map(
      (m) => `| ${m.failed ? '❌ failed' : '✅ met'} | \`${result.budget.text}\` | ${escapeCell(meaning(result.budget))} | ${escapeCell(m.isolate)} | ${escapeCell(measured(result.budget, m))} |`,
    ),
  );
  return ['### Budgets', '', '| result | budget | measure | isolate | measured |', '|---|---|---|---|---|', ...rows, ''].join('\n');
}

export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

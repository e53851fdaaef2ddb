// GC budgets for CI (`--fail-on leak,p99>50ms,overhead>5%`): the grammar, and each budget checked
// against every isolate of a summary. A budget fails when any isolate breaks it.
//
//   LIST    := BUDGET ("," BUDGET)*
//   BUDGET  := "leak" | "suspected" | "oom" | LIMIT
//   LIMIT   := [COLLECTOR "."] PAUSE ">" NUMBER ("ms" | "s")
//            | "worst-second" ">" NUMBER ("ms" | "s")
//            | "overhead" ">" NUMBER "%"
//            | "floor" ">" NUMBER ("MB" | "GB")
//   PAUSE   := "p50" | "p95" | "p99" | "max"
//   COLLECTOR := "scavenge" | "minor-ms" | "minor-mc" | "mark-compact"

import type { GcType } from '../events.js';
import type { IsolateSummary, PauseStats, Summary } from './summary.js';

export type PauseStat = 'p50' | 'p95' | 'p99' | 'max';

export type Budget =
  | { kind: 'leak'; text: string }
  | { kind: 'suspected'; text: string }
  | { kind: 'oom'; text: string }
  | { kind: 'pause'; stat: PauseStat; collector: GcType | null; limitMs: number; text: string }
  | { kind: 'worst-second'; limitMs: number; text: string }
  | { kind: 'overhead'; limitPercent: number; text: string }
  | { kind: 'floor'; limitMb: number; text: string };

/** A budget list that does not read: the message says which part and what would. */
export class BudgetSyntaxError extends Error {}

export const COLLECTORS: Record<string, GcType> = {
  scavenge: 'Scavenge',
  'minor-ms': 'Minor Mark-Sweep',
  'minor-mc': 'Minor Mark-Compact',
  'mark-compact': 'Mark-Compact',
};

const PAUSE_STATS: readonly PauseStat[] = ['p50', 'p95', 'p99', 'max'];
const LIMIT = /^([a-zA-Z0-9.-]+)\s*(>=|<=|<|=|>)\s*(\d+(?:\.\d+)?)\s*([a-zA-Z%]*)$/;
const EXAMPLE = 'e.g. --fail-on leak,oom,p99>50ms,mark-compact.max>200ms,overhead>5%,floor>512MB,worst-second>100ms';

export function parseBudgets(list: string): Budget[] {
  const items = list.split(',').map((item) => item.trim());
  if (items.every((item) => item === '')) throw new BudgetSyntaxError(`--fail-on takes a list of budgets, ${EXAMPLE}`);
  return items.filter((item) => item !== '').map(parseBudget);
}

function parseBudget(text: string): Budget {
  const word = text.toLowerCase();
  if (word === 'leak' || word === 'suspected' || word === 'oom') return { kind: word, text: word };
  const match = LIMIT.exec(text);
  if (match === null) throw new BudgetSyntaxError(`"${text}" is not a budget: use leak, suspected, oom or a limit such as p99>50ms (${EXAMPLE})`);
  const [, typedName, operator, numberText, unitText] = match as unknown as [string, string, string, string, string];
  const name = typedName.toLowerCase();
  if (operator !== '>') throw new BudgetSyntaxError(`"${text}": budgets are upper limits written with >, e.g. ${name}>${numberText}${unitText}`);
  const value = Number(numberText);
  const unit = unitText.toLowerCase();
  const [collectorName, statName] = name.includes('.') ? (name.split('.', 2) as [string, string]) : [null, name];
  const collector = collectorName === null ? null : COLLECTORS[collectorName];
  if (collector === undefined) {
    throw new BudgetSyntaxError(`"${text}": unknown collector ${collectorName}; use one of ${Object.keys(COLLECTORS).join(', ')} (e.g. mark-compact.p99>100ms)`);
  }
  const canonical = (limit: string): string => `${name}>${limit}`;
  if ((PAUSE_STATS as readonly string[]).includes(statName)) {
    return { kind: 'pause', stat: statName as PauseStat, collector, limitMs: milliseconds(text, value, unit), text: canonical(`${numberText}${unitText}`) };
  }
  if (collector !== null) throw new BudgetSyntaxError(`"${text}": a collector goes only with p50, p95, p99 or max (e.g. ${collectorName}.p99>10ms)`);
  switch (statName) {
    case 'worst-second':
      return { kind: 'worst-second', limitMs: milliseconds(text, value, unit), text: canonical(`${numberText}${unitText}`) };
    case 'overhead':
      if (unit !== '%') throw new BudgetSyntaxError(`"${text}": overhead is a percentage of the time, e.g. overhead>5%`);
      return { kind: 'overhead', limitPercent: value, text: canonical(`${numberText}%`) };
    case 'floor':
      if (unit !== 'mb' && unit !== 'gb') throw new BudgetSyntaxError(`"${text}": the floor is a heap size in MB or GB, e.g. floor>512MB`);
      return { kind: 'floor', limitMb: unit === 'gb' ? value * 1024 : value, text: canonical(`${numberText}${unitText}`) };
    default:
      throw new BudgetSyntaxError(`"${text}": unknown measure ${statName}; use p50, p95, p99, max, worst-second, overhead or floor (${EXAMPLE})`);
  }
}

function milliseconds(text: string, value: number, unit: string): number {
  if (unit === 'ms') return value;
  if (unit === 's') return value * 1000;
  throw new BudgetSyntaxError(`"${text}": say the unit of the time, ms or s (e.g. ${text.replace(/[a-zA-Z%]*$/, '')}ms)`);
}

/** One isolate's figure for a budget: null when the log cannot tell (no GC of that collector, no Mark-Compact). */
export interface BudgetMeasurement {
  isolate: string;
  value: number | string | null;
  failed: boolean;
  /** Why there is no figure. */
  unmeasured?: string;
}

export interface BudgetResult {
  budget: Budget;
  failed: boolean;
  measurements: BudgetMeasurement[];
}

/**
 * Each budget on every isolate with GCs, but a package manager's own (npm running the script): its
 * GCs are the tool's, not the app's, and must not fail nor pass the app's budget.
 */
export function checkBudgets(summary: Summary, budgets: Budget[]): BudgetResult[] {
  const isolates = summary.isolates.filter(
    (isolate) => (isolate.counts.total > 0 || isolate.outOfMemory !== null) && isolate.process?.role !== 'package manager',
  );
  const severalInputs = summary.inputs.length > 1;
  return budgets.map((budget) => {
    const measurements = isolates.map((isolate) => measure(budget, isolate, severalInputs ? `${isolate.input}: ${isolate.label}` : isolate.label));
    return { budget, failed: measurements.some((measurement) => measurement.failed), measurements };
  });
}

function measure(budget: Budget, isolate: IsolateSummary, name: string): BudgetMeasurement {
  switch (budget.kind) {
    case 'leak':
      return { isolate: name, value: isolate.leak.verdict, failed: isolate.leak.verdict === 'leak' };
    case 'suspected':
      return { isolate: name, value: isolate.leak.verdict, failed: isolate.leak.verdict === 'leak' || isolate.leak.verdict === 'suspected' };
    case 'oom':
      return { isolate: name, value: isolate.outOfMemory === null ? 'no' : 'out of memory', failed: isolate.outOfMemory !== null };
    case 'pause': {
      const stats: PauseStats | undefined = budget.collector === null ? isolate.pauses.all : isolate.pauses.byType[budget.collector];
      if (stats === undefined || stats.count === 0) {
        return { isolate: name, value: null, failed: false, unmeasured: `no ${budget.collector ?? 'GC'} in the log` };
      }
      const value = stats[`${budget.stat}Ms`];
      return { isolate: name, value, failed: value > budget.limitMs };
    }
    case 'worst-second': {
      const worst = isolate.overhead.worstWindow;
      if (worst === null) {
        return { isolate: name, value: null, failed: false, unmeasured: isolate.timeKnown === false ? 'no time per GC (a v8.GCProfiler result)' : 'no GC in the log' };
      }
      return { isolate: name, value: worst.gcMs, failed: worst.gcMs > budget.limitMs };
    }
    case 'overhead': {
      const fraction = isolate.overhead.fraction;
      if (fraction === null) return { isolate: name, value: null, failed: false, unmeasured: isolate.overhead.unmeasured ?? 'not measured' };
      const percent = fraction * 100;
      return { isolate: name, value: percent, failed: percent > budget.limitPercent };
    }
    case 'floor': {
      const floor = isolate.floors.total;
      if (floor === null) return { isolate: name, value: null, failed: false, unmeasured: 'no Mark-Compact, so no floor' };
      return { isolate: name, value: floor.maxMb, failed: floor.maxMb > budget.limitMb };
    }
  }
}

// Comparison → the terminal report: the verdict and what decided it first, then what was paired,
// then one table per pair (before, after, change, %, judgement) and the reasons that came or went.

import type { Change, Comparison, MetricRow, PairComparison, Verdict } from './comparison.js';
import { formatPercent, formatSigned, formatValue } from './format.js';
import { formatCount } from '../format.js';
import { MINIMUM_ABSOLUTE_DIFFERENCE } from './noise-rule.js';
import { describeIsolate } from './pairing.js';
import { wrapLine, wrapText } from '../text-layout.js';

export interface CompareTextOptions {
  color: boolean;
  /** Wrap prose at this many columns (a terminal's width); the table fits 80 columns whatever it is. */
  width?: number;
}

/** The table never grows wider than this: long labels wrap inside their column. */
export const TABLE_WIDTH = 80;

type Paint = (text: string) => string;

function painter(color: boolean) {
  const code = (open: number, close: number): Paint => (color ? (text) => `\x1b[${open}m${text}\x1b[${close}m` : (text) => text);
  return { bold: code(1, 22), dim: code(2, 22), red: code(31, 39), yellow: code(33, 39), green: code(32, 39) };
}

export const VERDICT_WORDS: Record<Verdict, string> = {
  improved: 'IMPROVED',
  regressed: 'REGRESSED',
  mixed: 'MIXED',
  unchanged: 'UNCHANGED',
};

export const CHANGE_WORDS: Record<Change, string> = {
  improved: 'better',
  regressed: 'worse',
  unchanged: 'same',
  changed: 'changed',
  'not-comparable': 'n/a',
};

/** Said under a pair's table when a timing row moved while the GC's work did not. */
export const MACHINE_ONLY_NOTE =
  '† Pauses or GC time moved while the GC did the same work (GCs per minute, allocation rate and median floor within their run-to-run bounds, ' +
  'or the rates moved the other way, as a slower or faster machine moves them): a busier machine stretches every pause and allocates less a second, so this is not counted in the verdict. Rerun both sides and compare them all (compare a*.log --vs b*.log) to tell.';

/** Said under a pair's table when a row could not be judged; the change column names which reason. */
export const NOT_COMPARABLE_NOTE =
  'n/a: not judged; the change column says why: "only before" or "only after" (not in the other log), "too short" (a leak verdict of insufficient-data), "< 5 floors" (fewer than 5 Mark-Compacts after the warm-up: too few to tell a level or a trend), or "not measured" (a GC overhead the log cannot give: only an out-of-memory report\'s GCs, or GCs over under 1 s).';

/**
 * Why a row could not be judged, in the few words its change column has. `rows` are the pair's other
 * rows: a floor trend missing on a side whose last floor is there came from too few floors.
 */
export function notComparableWhy(row: { id: string; before: number | string | null; after: number | string | null }, rows: MetricRow[] = []): string {
  if (row.id === 'leak') return 'too short';
  // A log with GCs whose overhead is not measured (analyze/overhead.ts): the figure is missing, not the GCs.
  if (row.id === 'overhead' && (row.before === null || row.after === null)) return 'not measured';
  const floor = /^floor\.(?:level|trend)(.*)$/.exec(row.id);
  const last = floor !== null ? rows.find((other) => other.id === `floor.last${floor[1]}`) : undefined;
  const missing = (side: 'before' | 'after'): boolean => row[side] === null && !(last !== undefined && last[side] !== null);
  if (missing('before') && missing('after')) return 'in neither';
  if (missing('before')) return 'only after';
  if (missing('after')) return 'only before';
  if (floor !== null) return '< 5 floors';
  return 'not judged';
}

/** The noise rule in one sentence, as the report states it. */
export function noiseRuleSentence(comparison: Pick<Comparison, 'thresholdPercent'>): string {
  const m = MINIMUM_ABSOLUTE_DIFFERENCE;
  return (
    `A metric changed only when after and before differ by ≥ ${comparison.thresholdPercent}% (of the smaller) and by at least ` +
    `${m.ms} ms (pauses), ${m['%']} points (overhead), ${m.MB} MB (floors), ${m['MB/min']} MB/min (trends), ` +
    `${m['per min']}/min (GC rates), ${m['MB/s']} MB/s (rates), and, for GC overhead, p95 pause and the median floor, ` +
    `when the two sides' 90% intervals (how much each swings within its run, and across its runs when there are several) do not overlap; ` +
    `✱ marks the metrics that decide the verdict.`
  );
}

/** `improved: leak verdict leak → none; GC overhead 42.2% → 20.1% (−52%)`. */
export function verdictSentence(comparison: Comparison): string {
  const { verdict, improved, regressed } = comparison.verdict;
  const list = (deciders: typeof improved) => deciders.map((decider) => decider.text).join('; ');
  switch (verdict) {
    case 'improved':
      return `${list(improved)}`;
    case 'regressed':
      return `${list(regressed)}`;
    case 'mixed':
      return `better: ${list(improved)} — worse: ${list(regressed)}`;
    case 'unchanged': {
      const moved = comparison.pairs.flatMap((pair) => pair.states.filter((state) => state.change === 'changed').map((state) => `${state.label} ${state.before} → ${state.after}`));
      return `no metric that decides the verdict moved beyond run-to-run noise${moved.length > 0 ? ` (shown, not deciding: ${moved.join('; ')})` : ''}`;
    }
  }
}

/** `main thread #0 ↔ main thread #0 (paired by role)`. */
export function pairSentence(pair: PairComparison): string {
  return `${describeIsolate(pair.before)} ↔ ${describeIsolate(pair.after)} (${pair.pairedBy === 'role' ? 'paired by role' : 'chosen with --isolate'})`;
}

export function renderComparisonText(comparison: Comparison, options: CompareTextOptions): string {
  const paint = painter(options.color);
  const out: string[] = [];
  const verdictPaint = { improved: paint.green, regressed: paint.red, mixed: paint.yellow, unchanged: paint.dim }[comparison.verdict.verdict];
  out.push(`${paint.bold('Verdict:')} ${verdictPaint(VERDICT_WORDS[comparison.verdict.verdict])} — ${verdictSentence(comparison)}`);
  const runs = (count: number) => (count > 1 ? ` (${count} runs, each metric their median)` : '');
  out.push(`${paint.bold('before')} ${comparison.before.inputs.join(', ')}${runs(comparison.before.runs)}`);
  out.push(`${paint.bold('after ')} ${comparison.after.inputs.join(', ')}${runs(comparison.after.runs)}`);
  for (const pair of comparison.pairs) out.push(`Paired: ${pairSentence(pair)}`);
  for (const [side, refs] of [['before', comparison.unpaired.before], ['after', comparison.unpaired.after]] as const) {
    if (refs.length > 0) out.push(paint.yellow(`Not paired (${side}): ${refs.map(describeIsolate).join(', ')}`) + paint.dim(' — pick pairs with --isolate B:A'));
  }
  out.push(paint.dim(noiseRuleSentence(comparison)));
  for (const pair of comparison.pairs) out.push('', ...renderPair(pair, comparison.pairs.length > 1, paint));
  return wrapText(`${out.join('\n')}\n`, options.width);
}

function renderPair(pair: PairComparison, several: boolean, paint: ReturnType<typeof painter>): string[] {
  const out: string[] = [];
  if (several) out.push(paint.bold(`── ${pair.before.label} ↔ ${pair.after.label} ──`));
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const side = (ref: PairComparison['before'], runs: number) =>
    runs > 1 ? `${runs} runs (the first ${seconds(ref.durationMs)}, ${formatCount(ref.gcCount)} GCs)` : `${seconds(ref.durationMs)}, ${formatCount(ref.gcCount)} GCs`;
  out.push(paint.dim(`before: ${side(pair.before, pair.runs.before)}; after: ${side(pair.after, pair.runs.after)}`));
  const mark = (change: Change): string =>
    ({ improved: paint.green, regressed: paint.red, changed: paint.yellow, unchanged: paint.dim, 'not-comparable': paint.dim })[change](CHANGE_WORDS[change]);
  const rows: Array<{ cells: string[]; change: Change; machineOnly?: boolean }> = [];
  for (const state of pair.states) {
    // The values say what changed; the change column is left for why a state could not be judged.
    const why = state.change === 'not-comparable' ? notComparableWhy(state) : '';
    rows.push({ cells: [`${state.decisive ? '✱ ' : '  '}${state.label}`, state.before, state.after, why, ''], change: state.change });
  }
  for (const row of pair.metrics) rows.push({ cells: metricCells(row, pair.metrics), change: row.change, machineOnly: row.machineOnly === true });
  const header = ['  metric', 'before', 'after', 'change', '%'];
  const judgements = rows.map((row) => `${CHANGE_WORDS[row.change]}${row.machineOnly ? '†' : ''}`);
  const widths = header.map((_, column) => Math.max(...[header, ...rows.map((row) => row.cells)].map((cells) => cells[column]!.length)));
  // The label column takes what the numbers leave of 80 columns; a longer label wraps inside it.
  const rest = widths.slice(1).reduce((sum, width) => sum + width + 2, 0) + 2 + Math.max(...judgements.map((word) => word.length));
  widths[0] = Math.max(12, Math.min(widths[0]!, TABLE_WIDTH - rest));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!))).join('  ');
  out.push(paint.bold(line(header)));
  for (const row of rows) {
    const [first, ...more] = wrapLine(row.cells[0]!, widths[0]!, '    ');
    out.push(`${line([first!, ...row.cells.slice(1)])}  ${mark(row.change)}${row.machineOnly ? '†' : ''}`.trimEnd());
    out.push(...more);
  }
  if (pair.metrics.some((row) => row.machineOnly === true)) out.push(paint.dim(MACHINE_ONLY_NOTE));
  if ([...pair.metrics, ...pair.states].some((row) => row.change === 'not-comparable' && (row.before !== null || row.after !== null))) out.push(paint.dim(NOT_COMPARABLE_NOTE));
  if (pair.reasons.appeared.length > 0) out.push(`GC reasons that appeared: ${pair.reasons.appeared.join(', ')}`);
  if (pair.reasons.vanished.length > 0) out.push(`GC reasons that vanished: ${pair.reasons.vanished.join(', ')}`);
  if (pair.reasons.appeared.length + pair.reasons.vanished.length === 0) out.push(paint.dim('GC reasons: the same in both runs.'));
  return out;
}

function metricCells(row: MetricRow, rows: MetricRow[]): string[] {
  // `GCs per minute` and counts say their unit already.
  const unit = row.unit === 'count' || row.unit === 'per min' ? '' : ` (${row.unit})`;
  return [
    `${row.decisive ? '✱ ' : '  '}${row.label}${unit}`,
    formatValue(row.before, row.unit),
    formatValue(row.after, row.unit),
    row.change === 'not-comparable' ? notComparableWhy(row, rows) : formatSigned(row.differenceAbsolute, row.unit),
    formatPercent(row.differencePercent, row.before, row.after),
  ];
}

// Comparison → Markdown for CI (`compare --markdown FILE`, `$GITHUB_STEP_SUMMARY`): the verdict,
// what decided it, and per pair the metrics that moved beyond noise, then the rest folded away.

import type { Change, Comparison, MetricRow, PairComparison } from './comparison.js';
import { formatPercent, formatSigned, formatWithUnit } from './format.js';
import { CHANGE_WORDS, MACHINE_ONLY_NOTE, pairSentence, VERDICT_WORDS, verdictSentence } from './text.js';

const CHANGE_ICONS: Record<Change, string> = { improved: '🟢', regressed: '🔴', changed: '🟡', unchanged: '', 'not-comparable': '' };

export function renderComparisonMarkdown(comparison: Comparison): string {
  const out = [
    `## gclog compare: ${VERDICT_WORDS[comparison.verdict.verdict]}`,
    '',
    escapeText(verdictSentence(comparison)),
    '',
    `- before: ${comparison.before.inputs.map((input) => `\`${input}\``).join(', ')}`,
    `- after: ${comparison.after.inputs.map((input) => `\`${input}\``).join(', ')}`,
    '',
  ];
  for (const pair of comparison.pairs) out.push(...renderPair(pair, comparison.pairs.length > 1));
  return `${out.join('\n').trimEnd()}\n`;
}

function renderPair(pair: PairComparison, several: boolean): string[] {
  const out: string[] = [];
  if (several) out.push(`### ${escapeText(pairSentence(pair))}`, '');
  const header = ['| metric | before | after | change | % | judged |', '|---|--:|--:|--:|--:|---|'];
  const stateRows = pair.states.map((state) => `| ${state.decisive ? '✱ ' : ''}${escapeText(state.label)} | ${state.before} | ${state.after} | | | ${judged(state.change)} |`);
  const moved = pair.metrics.filter((row) => row.change !== 'unchanged' && row.change !== 'not-comparable');
  const rest = pair.metrics.filter((row) => !moved.includes(row));
  out.push(...header, ...stateRows, ...moved.map(metricRow), '');
  if (rest.length > 0) {
    out.push(`<details><summary>${rest.length} other metrics (no change beyond noise, or not comparable)</summary>`, '', ...header, ...rest.map(metricRow), '', '</details>', '');
  }
  if (pair.metrics.some((row) => row.machineOnly === true)) out.push(escapeText(MACHINE_ONLY_NOTE), '');
  return out;
}

function metricRow(row: MetricRow): string {
  const cells = [
    `${row.decisive ? '✱ ' : ''}${escapeText(row.label)}`,
    formatWithUnit(row.before, row.unit),
    formatWithUnit(row.after, row.unit),
    formatSigned(row.differenceAbsolute, row.unit),
    formatPercent(row.differencePercent, row.before, row.after),
    `${judged(row.change)}${row.machineOnly === true ? ' †' : ''}`,
  ];
  return `| ${cells.join(' | ')} |`;
}

function judged(change: Change): string {
  const icon = CHANGE_ICONS[change];
  return `${icon === '' ? '' : `${icon} `}${CHANGE_WORDS[change]}`;
}

function escapeText(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

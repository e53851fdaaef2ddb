// Summary → Markdown for CI (`--markdown FILE`, `$GITHUB_STEP_SUMMARY`): the verdict and the
// headline figures of each isolate in one table, the findings, and the budgets when there are any.

import type { BudgetResult } from '../analyze/budgets.js';
import type { IsolateSummary, LeakVerdict, Summary } from '../analyze/summary.js';
import { fixed, formatCount, formatDuration, formatMb, formatMs } from '../format.js';
import { budgetMarkdown, escapeCell } from './budgets.js';

const VERDICT: Record<LeakVerdict, string> = {
  leak: '🔴 leak',
  suspected: '🟠 suspected leak',
  none: '🟢 no leak',
  'insufficient-data': '⚪ not enough data',
};

export function renderMarkdown(summary: Summary, budgets: BudgetResult[] = [], title = 'gclog: GC summary'): string {
  const isolates = summary.isolates.filter((isolate) => isolate.counts.total > 0 || isolate.outOfMemory !== null);
  const severalInputs = summary.inputs.length > 1;
  const failed = budgets.filter((result) => result.failed).length;
  const out = [`## ${escapeMarkdown(title)}`, ''];
  const budgetWord = budgets.length === 1 ? 'budget' : 'budgets';
  if (budgets.length > 0) out.push(failed > 0 ? `**${failed} of ${budgets.length} ${budgetWord} failed.**` : budgets.length === 1 ? 'The budget was met.' : `All ${budgets.length} budgets were met.`, '');
  if (isolates.length === 0) out.push('No GC was traced: there is nothing to measure.', '');
  out.push(`Logs: ${summary.inputs.map((input) => `\`${escapeCell(input.name)}\``).join(', ')}`, '');
  if (isolates.length > 0) {
    out.push(
      '| isolate | leak | GCs | duration | p50 | p95 | p99 | max | GC time | worst second | highest floor |',
      '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
      ...isolates.map((isolate) => isolateRow(isolate, severalInputs)),
      '',
    );
  }
  const findings = isolates.flatMap((isolate) =>
    isolate.findings.filter((finding) => finding.severity !== 'info').map((finding) => `- **${escapeCell(isolate.label)}**: ${escapeCell(finding.statement)}`),
  );
  if (findings.length > 0) out.push('### Findings', '', ...findings, '');
  const oom = isolates.filter((isolate) => isolate.outOfMemory !== null);
  for (const isolate of oom) out.push(`> **${escapeCell(isolate.label)} ran out of memory**: ${escapeCell(isolate.outOfMemory!.location)} ${escapeCell(isolate.outOfMemory!.message)}`, '');
  const budgetTable = budgetMarkdown(budgets);
  if (budgetTable !== '') out.push(budgetTable);
  return `${out.join('\n').trimEnd()}\n`;
}

function isolateRow(isolate: IsolateSummary, severalInputs: boolean): string {
  const name = severalInputs ? `${isolate.input}: ${isolate.label}` : isolate.label;
  const pauses = isolate.pauses.all;
  const worst = isolate.overhead.worstWindow;
  const cells = [
    escapeCell(name),
    VERDICT[isolate.leak.verdict],
    formatCount(pauses.count),
    formatDuration(isolate.durationMs),
    formatMs(pauses.p50Ms),
    formatMs(pauses.p95Ms),
    formatMs(pauses.p99Ms),
    formatMs(pauses.maxMs),
    isolate.overhead.fraction === null ? 'not measured' : `${fixed(isolate.overhead.fraction * 100, 1)}%`,
    worst === null ? '—' : formatMs(worst.gcMs),
    isolate.floors.total === null ? '—' : formatMb(isolate.floors.total.maxMb),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** A heading of free text (a command line): one line, with Markdown's own characters taken literally. */
function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]|<>#]/g, (char) => `\\${char}`);
}

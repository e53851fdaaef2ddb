// The Markdown summaries for CI, on real logs: the figures are the summary's own, cells cannot be
// broken by a `|` in a name, and a comparison shows what moved first.

import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import { checkBudgets, parseBudgets } from '../../src/analyze/budgets.js';
import { compareSummaries } from '../../src/compare/compare.js';
import { renderComparisonMarkdown } from '../../src/compare/markdown.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { samplePath } from '../support/samples.js';

describe('renderMarkdown', () => {
  it('gives each isolate one row with the headline figures of node22-leak.log, and the budgets', async () => {
    const summary = await analyzeFiles([samplePath('node22-leak.log')]);
    const markdown = renderMarkdown(summary, checkBudgets(summary, parseBudgets('leak,p99>200ms')));
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('## gclog: GC summary');
    expect(markdown).toContain('**1 of 2 budgets failed.**');
    // p99 101.76 ms, max as in the pauses table, worst second 715.61 ms, highest floor 166.7 MB.
    const row = lines.find((line) => line.startsWith('| main thread |'))!;
    const isolate = summary.isolates[0]!;
    expect(row.split(' | ')[1]).toBe('🔴 leak');
    expect(row).toContain(' | 102 ms | ');
    expect(row).toContain(' | 716 ms | 167 MB |');
    expect(row).toContain(`| ${isolate.pauses.all.count.toLocaleString('en-US')} |`);
    expect(markdown).toContain('| ❌ failed | `leak` | leak verdict | main thread | leak |');
    expect(markdown).toContain('| ✅ met | `p99>200ms` | p99 pause | main thread | 102 ms |');
  });

  it('says all budgets were met when they were, and escapes a | in a log name', async () => {
    const summary = await analyzeFiles([samplePath('node22-steady.log')]);
    summary.inputs[0]!.name = 'a|b.log';
    const markdown = renderMarkdown(summary, checkBudgets(summary, parseBudgets('leak')));
    expect(markdown).toContain('The budget was met.');
    expect(renderMarkdown(summary, checkBudgets(summary, parseBudgets('leak,oom')))).toContain('All 2 budgets were met.');
    expect(markdown).toContain('Logs: `a\\|b.log`');
  });
});

describe('renderComparisonMarkdown', () => {
  it('puts the verdict in the heading and the rows that moved before the folded rest', async () => {
    const [before, after] = await Promise.all([analyzeFiles([samplePath('compare/leak-before.log')]), analyzeFiles([samplePath('compare/leak-after.log')])]);
    const comparison = compareSummaries(before, after);
    const markdown = renderComparisonMarkdown(comparison);
    expect(markdown.split('\n')[0]).toBe(`## gclog compare: ${comparison.verdict.verdict.toUpperCase()}`);
    expect(markdown).toContain('| ✱ Leak verdict | leak | none | | | 🟢 better |');
    const folded = markdown.indexOf('<details>');
    const moved = comparison.pairs[0]!.metrics.filter((row) => row.change === 'improved' || row.change === 'regressed' || row.change === 'changed');
    expect(moved.length).toBeGreaterThan(0);
    for (const row of moved) expect(markdown.indexOf(`| ${row.decisive ? '✱ ' : ''}${row.label} |`)).toBeLessThan(folded);
  });
});

// Comparison + both summaries → one self-contained HTML file: verdict and table on top, then the
// two runs overlaid. The Vega-Lite specs, the Vega runtime and compiler are inlined; the CSP lets
// the page make no request at all; log text enters only escaped, as text or as JSON data.

import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../../analyze/summary.js';
import type { Comparison, MetricRow, PairComparison, StateRow } from '../../compare/comparison.js';
import { formatPercent, formatSigned, formatValue, formatWithUnit } from '../../compare/format.js';
import { formatCount } from '../../format.js';
import { describeIsolate } from '../../compare/pairing.js';
import { CHANGE_WORDS, MACHINE_ONLY_NOTE, VERDICT_WORDS, noiseRuleSentence, notComparableWhy, pairSentence } from '../../compare/text.js';
import { vegaAssets } from '../html/assets.js';
import { escapeHtml } from '../html/escape.js';
import { renderDocument } from '../html/template.js';
import { heapOverlaySpec, pauseShareSpec, pausesOverlaySpec, RUN_COLORS, windowsOverlaySpec } from './charts.js';
import { buildCompareDatasets } from './data.js';
import { COMPARE_PAGE_SCRIPT } from './page-script.js';

interface ChartCard {
  id: string;
  title: string;
  note: string;
  spec: TopLevelSpec;
}

export function renderComparisonHtml(comparison: Comparison, before: Summary, after: Summary): string {
  const charted = comparison.pairs[0]!;
  const beforeIsolate = before.isolates[charted.before.index]!;
  const afterIsolate = after.isolates[charted.after.index]!;
  const datasets = buildCompareDatasets(beforeIsolate, afterIsolate);
  const drawn = (['before', 'after'] as const).map((run) => ({
    run,
    drawn: datasets.events.rows.filter((row) => row[0] === run).length,
    total: (run === 'before' ? beforeIsolate : afterIsolate).counts.total,
  }));
  const cards: ChartCard[] = [
    { id: 'chart-heap', title: 'Heap after each GC', note: 'Lines: heap used after every GC. Diamonds: the floor after each Mark-Compact (the live set); a rising row of diamonds is a leak.', spec: heapOverlaySpec() },
    { id: 'chart-pauses', title: 'Pauses', note: `Every GC pause; shape by collector. Drag to zoom in time.${thinnedNote(drawn)}`, spec: pausesOverlaySpec() },
    { id: 'chart-pause-share', title: 'Pause distribution', note: 'Share of each run’s GCs per pause range, so runs of different lengths compare.', spec: pauseShareSpec() },
    { id: 'chart-windows', title: 'GC time per second', note: `Pause time in each 1-second window; the dashed line is ${beforeIsolate.overhead.windowThresholdMs} ms (a blocked second).`, spec: windowsOverlaySpec(beforeIsolate.overhead.windowThresholdMs) },
  ];
  const payload = {
    datasets,
    // Compiled to Vega by the page (browser-runtime.ts): Vega-Lite stays out of gclog's memory.
    charts: cards.map((card) => ({ id: card.id, spec: card.spec })),
  };
  const assets = vegaAssets();
  const verdict = comparison.verdict.verdict;
  const chartedName = charted.before.label === charted.after.label ? charted.before.label : `${charted.before.label} ↔ ${charted.after.label}`;
  const body = `<div class="page">
<header class="masthead"><h1><span class="brand">gclog</span> compare</h1><span class="generator">${escapeHtml(comparison.generator)}</span></header>
<ul class="inputs">
<li><span class="swatch before"></span><span class="run-name">before</span><span class="file">${escapeHtml(comparison.before.inputs.join(', '))}</span>${runsNote(comparison.before.runs)}</li>
<li><span class="swatch after"></span><span class="run-name">after</span><span class="file">${escapeHtml(comparison.after.inputs.join(', '))}</span>${runsNote(comparison.after.runs)}</li>
</ul>
${verdictSection(comparison)}
<div class="card pairing">
${comparison.pairs.map((pair) => `<p>Paired: ${escapeHtml(pairSentence(pair))}</p>`).join('\n')}
${unpairedLines(comparison)}
<p class="note">${escapeHtml(noiseRuleSentence(comparison))}</p>
</div>
${comparison.pairs.map((pair) => pairSection(pair, comparison.pairs.length > 1)).join('\n')}
<h2 class="section">Both runs overlaid: ${escapeHtml(chartedName)}</h2>
${comparison.pairs.length > 1 ? '<p class="note">The charts show the first pair; the others are in the tables above.</p>' : ''}
<div class="charts">
${cards.map((card) => `<figure class="chart-card"><header><h3>${escapeHtml(card.title)}</h3></header><p class="caption">${escapeHtml(card.note)}</p><div class="chart" id="${card.id}"></div></figure>`).join('\n')}
</div>
</div>`;
  // The analyze report's shell (CSP, styles, class names), with the few styles a comparison adds.
  return renderDocument({
    title: `gclog compare: ${verdict}`,
    body,
    data: payload,
    scripts: [assets.vegaRuntime, assets.vegaLiteCompiler, assets.expressionInterpreter, COMPARE_PAGE_SCRIPT],
    extraStyles: COMPARE_STYLES,
    // The page script sets it to ready (or failed) once every chart is drawn.
    bodyAttributes: { 'data-charts': 'pending' },
  });
}

/** Says when a run's GCs were thinned for drawing, so a reader never counts points and wonders. */
function thinnedNote(runs: Array<{ run: string; drawn: number; total: number }>): string {
  const thinned = runs.filter((entry) => entry.drawn < entry.total);
  if (thinned.length === 0) return '';
  return ` Drawn: ${thinned.map((entry) => `${formatCount(entry.drawn)} of the ${formatCount(entry.total)} GCs of the ${entry.run} run`).join(', ')} (the longest pauses and heap peaks kept); the table uses every GC.`;
}

function verdictSection(comparison: Comparison): string {
  const { verdict, improved, regressed } = comparison.verdict;
  const list = (title: string, items: typeof improved, kind: string) =>
    items.length === 0 ? '' : `<p class="${kind}-title">${title}</p><ul class="${kind}">${items.map((decider) => `<li>${escapeHtml(decider.text)}</li>`).join('')}</ul>`;
  return `<div class="verdict verdict-${verdict}" id="verdict" data-verdict="${verdict}"><span class="badge">${escapeHtml(VERDICT_WORDS[verdict])}</span>
<div><h2 class="verdict-title">Verdict: <span class="verdict-word" id="verdict-word">${escapeHtml(verdict)}</span></h2>
${verdict === 'unchanged' ? '<p>No metric that decides the verdict moved beyond run-to-run noise.</p>' : ''}
${list('Better', improved, 'improved')}
${list('Worse', regressed, 'regressed')}
</div></div>`;
}

/** Several reruns on a side: the table gives their medians, the charts draw the first. */
function runsNote(runs: number): string {
  return runs > 1 ? ` <span class="note">${runs} runs: the table gives their medians, the charts draw the first</span>` : '';
}

function unpairedLines(comparison: Comparison): string {
  return (['before', 'after'] as const)
    .filter((side) => comparison.unpaired[side].length > 0)
    .map((side) => `<p class="unpaired">Not paired (${side}): ${escapeHtml(comparison.unpaired[side].map(describeIsolate).join(', '))}. Pick pairs with --isolate B:A.</p>`)
    .join('\n');
}

function pairSection(pair: PairComparison, several: boolean): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const heading = several ? `<h2 class="section">${escapeHtml(pair.before.label)} ↔ ${escapeHtml(pair.after.label)}</h2>` : '<h2 class="section">Before and after</h2>';
  const reasons = [
    pair.reasons.appeared.length > 0 ? `<p>GC reasons that appeared: ${escapeHtml(pair.reasons.appeared.join(', '))}</p>` : '',
    pair.reasons.vanished.length > 0 ? `<p>GC reasons that vanished: ${escapeHtml(pair.reasons.vanished.join(', '))}</p>` : '',
    pair.reasons.appeared.length + pair.reasons.vanished.length === 0 ? '<p class="note">GC reasons: the same in both runs.</p>' : '',
  ].join('');
  return `${heading}
<section class="card pair">
<p class="note">before: ${seconds(pair.before.durationMs)}, ${formatCount(pair.before.gcCount)} GCs; after: ${seconds(pair.after.durationMs)}, ${formatCount(pair.after.gcCount)} GCs. ✱ decides the verdict.</p>
<table class="metrics">
<thead><tr><th>metric</th><th>before</th><th>after</th><th>change</th><th>%</th><th></th></tr></thead>
<tbody>
${pair.states.map(stateRow).join('\n')}
${pair.metrics.map((row) => metricRow(row, pair.metrics)).join('\n')}
</tbody>
</table>
${pair.metrics.some((row) => row.machineOnly === true) ? `<p class="note">${escapeHtml(MACHINE_ONLY_NOTE)}</p>` : ''}
${reasons}
</section>`;
}

function stateRow(row: StateRow): string {
  return `<tr class="change-${row.change}${row.decisive ? ' decisive' : ''}" data-metric="${row.id}"><td>${row.decisive ? '✱ ' : ''}${escapeHtml(row.label)}</td><td>${escapeHtml(row.before)}</td><td>${escapeHtml(row.after)}</td><td>${row.change === 'not-comparable' ? escapeHtml(notComparableWhy(row)) : row.before === row.after ? '' : `${escapeHtml(row.before)} → ${escapeHtml(row.after)}`}</td><td></td><td class="judgement">${CHANGE_WORDS[row.change]}</td></tr>`;
}

function metricRow(row: MetricRow, rows: MetricRow[]): string {
  const unit = row.unit === 'count' || row.unit === 'per min' ? '' : ` (${row.unit})`;
  const interval = (value: { low: number; high: number } | null) =>
    value === null ? '' : ` title="90% interval: ${escapeHtml(formatWithUnit(value.low, row.unit))} to ${escapeHtml(formatWithUnit(value.high, row.unit))}"`;
  const cells: Array<[string, string]> = [
    [formatValue(row.before, row.unit), interval(row.intervalBefore)],
    [formatValue(row.after, row.unit), interval(row.intervalAfter)],
    [row.change === 'not-comparable' ? notComparableWhy(row, rows) : formatSigned(row.differenceAbsolute, row.unit), ''],
    [formatPercent(row.differencePercent, row.before, row.after), ''],
  ];
  return `<tr class="group-${row.group} change-${row.change}${row.decisive ? ' decisive' : ''}" data-metric="${escapeHtml(row.id)}"><td>${row.decisive ? '✱ ' : ''}${escapeHtml(row.label + unit)}</td>${cells.map(([cell, title]) => `<td${title}>${escapeHtml(cell)}</td>`).join('')}<td class="judgement">${CHANGE_WORDS[row.change]}${row.machineOnly === true ? '†' : ''}</td></tr>`;
}

/** What a comparison adds to the analyze report's styles: run colours, verdict tones, the table. */
const COMPARE_STYLES = `
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; align-self: center; }
.swatch.before { background: ${RUN_COLORS.before}; }
.swatch.after { background: ${RUN_COLORS.after}; }
.inputs .run-name { font-weight: 600; color: var(--ink); min-width: 44px; }
.verdict ul { margin: 2px 0 6px; padding-left: 20px; }
.verdict .improved-title, .verdict .regressed-title { margin: 6px 0 0; font-weight: 600; color: var(--ink); }
.verdict-improved { background: var(--ok-bg); border-color: #bbf7d0; } .verdict-improved .badge { background: #15803d; }
.verdict-regressed { background: var(--error-bg); border-color: #fecaca; } .verdict-regressed .badge { background: var(--error); }
.verdict-mixed { background: var(--warn-bg); border-color: #fde68a; } .verdict-mixed .badge { background: #b45309; }
.verdict-unchanged { background: #f9fafb; border-color: var(--line); } .verdict-unchanged .badge { background: var(--faint); }
.pairing { margin-bottom: 16px; } .pairing p { margin: 3px 0; overflow-wrap: anywhere; }
.unpaired { color: var(--warn); }
.pair p { margin: 4px 0; }
table.metrics { border-collapse: collapse; width: 100%; font-size: 14px; font-variant-numeric: tabular-nums; }
table.metrics th, table.metrics td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
table.metrics th:first-child, table.metrics td:first-child { text-align: left; white-space: normal; }
table.metrics th { background: #f9fafb; font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--faint); }
tr.decisive td:first-child { font-weight: 650; }
tr.change-improved .judgement { color: var(--ok); font-weight: 650; }
tr.change-regressed .judgement { color: var(--error); font-weight: 650; }
tr.change-changed .judgement { color: var(--warn); }
tr.change-unchanged .judgement, tr.change-not-comparable .judgement { color: var(--faint); }
.chart { min-height: 260px; }
`;

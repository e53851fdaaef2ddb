// The fleet as one static HTML page: verdict counts, the distributions of p99 pause, GC time and
// floor trend across the fleet (one dot per isolate), the outliers, and the ranked rows, each
// linking to its run's `analyze` report. No script: the page is drawn as SVG on the server.

import { quantile } from '../analyze/robust.js';
import { fixed, formatCount, formatMb, formatMs, formatSlope, plural } from '../format.js';
import { escapeHtml } from '../report/html/escape.js';
import type { FleetResult } from './fleet.js';
import type { FleetRow } from './row.js';
import { fleetHeadline } from './text.js';

export interface Measure {
  key: 'pauseP99Ms' | 'overheadPercent' | 'floorTrendMbPerMinute';
  title: string;
  format: (value: number) => string;
}

export const MEASURES: Measure[] = [
  { key: 'pauseP99Ms', title: 'p99 pause', format: formatMs },
  { key: 'overheadPercent', title: 'GC time (% of the run)', format: (value) => `${fixed(value, 1)}%` },
  { key: 'floorTrendMbPerMinute', title: 'floor trend after Mark-Compact', format: formatSlope },
];

/** Tukey's fence: above the third quartile by 1.5 interquartile ranges (needs 4 values or more). */
export const OUTLIER_IQR_FACTOR = 1.5;
export const OUTLIER_MIN_VALUES = 4;

export interface Outlier {
  row: FleetRow;
  measure: Measure;
  value: number;
  fence: number;
}

/** The rows whose measure lies beyond Tukey's upper fence, per measure (rows without the measure skipped). */
export function fleetOutliers(rows: FleetRow[]): Outlier[] {
  const outliers: Outlier[] = [];
  for (const measure of MEASURES) {
    const valued = rows.flatMap((row) => (row[measure.key] === null ? [] : [{ row, value: row[measure.key]! }]));
    if (valued.length < OUTLIER_MIN_VALUES) continue;
    const values = valued.map((item) => item.value);
    const q1 = quantile(values, 0.25);
    const q3 = quantile(values, 0.75);
    const fence = q3 + OUTLIER_IQR_FACTOR * (q3 - q1);
    for (const item of valued) if (item.value > fence) outliers.push({ row: item.row, measure, value: item.value, fence });
  }
  return outliers;
}

const WIDTH = 640;
const HEIGHT = 70;
const PAD = 12;

/** One dot per isolate along the measure's axis, the median marked; each dot's tooltip names its row. */
function stripPlot(rows: FleetRow[], measure: Measure): string {
  const valued = rows.flatMap((row) => (row[measure.key] === null ? [] : [{ row, value: row[measure.key]! }]));
  if (valued.length === 0) return `<p class="none">No isolate has a ${escapeHtml(measure.title)} (it needs ${measure.key === 'floorTrendMbPerMinute' ? '5 Mark-Compacts after the warm-up' : measure.key === 'overheadPercent' ? 'GCs over 1 s or more' : 'GCs'}).</p>`;
  const values = valued.map((item) => item.value);
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (low === high) {
    low -= 1;
    high += 1;
  }
  const x = (value: number): number => PAD + ((value - low) / (high - low)) * (WIDTH - 2 * PAD);
  const median = quantile(values, 0.5);
  const dots = valued
    .map(({ row, value }, index) => {
      const y = 20 + ((index * 7) % 30);
      return `<circle cx="${x(value).toFixed(1)}" cy="${y}" r="4"><title>${escapeHtml(`${row.file} ${row.label}: ${measure.format(value)}`)}</title></circle>`;
    })
    .join('');
  return (
    `<svg class="strip" role="img" aria-label="${escapeHtml(`${measure.title} of ${plural(values.length, 'isolate')}`)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}">` +
    `<line class="axis" x1="${PAD}" x2="${WIDTH - PAD}" y1="58" y2="58"/>` +
    `<line class="median" x1="${x(median).toFixed(1)}" x2="${x(median).toFixed(1)}" y1="10" y2="58"/>` +
    dots +
    `<text x="${PAD}" y="69">${escapeHtml(measure.format(Math.min(...values)))}</text>` +
    `<text x="${WIDTH - PAD}" y="69" text-anchor="end">${escapeHtml(measure.format(Math.max(...values)))}</text>` +
    `</svg><p class="median-note">median ${escapeHtml(measure.format(median))} over ${plural(values.length, 'isolate')}</p>`
  );
}

/** The page; `reportHref(index, name)` is where the run's `analyze` report was written. */
export function renderFleetHtml(result: FleetResult, reportHref: (runIndex: number, runName: string) => string): string {
  const runIndex = new Map(result.runs.map((run, index) => [run.name, index]));
  const href = (row: FleetRow): string => reportHref(runIndex.get(row.file)!, row.file);
  const verdicts = (['leak', 'suspected', 'none', 'insufficient-data'] as const).map((verdict) => ({ verdict, count: result.rows.filter((row) => row.leak === verdict).length }));
  const outliers = fleetOutliers(result.rows);
  const cell = (text: string, numeric = false): string => `<td${numeric ? ' class="n"' : ''}>${escapeHtml(text)}</td>`;
  const tableRows = result.rows
    .map(
      (row, index) =>
        `<tr class="verdict-${row.leak}">` +
        cell(String(index + 1), true) +
        cell(row.leak) +
        cell(row.outOfMemory ? 'OOM' : '') +
        cell(row.overheadPercent === null ? '–' : `${fixed(row.overheadPercent, 1)}%`, true) +
        cell(formatMs(row.pauseP50Ms), true) +
        cell(formatMs(row.pauseP95Ms), true) +
        cell(formatMs(row.pauseP99Ms), true) +
        cell(formatMs(row.pauseMaxMs), true) +
        cell(formatMs(row.worstSecondMs), true) +
        cell(row.floorMb === null ? '–' : formatMb(row.floorMb), true) +
        cell(row.floorTrendMbPerMinute === null ? '–' : formatSlope(row.floorTrendMbPerMinute), true) +
        cell(String(row.gcs), true) +
        cell(row.pid === null ? '' : String(row.pid), true) +
        cell(row.label) +
        `<td><a href="${escapeHtml(href(row))}">${escapeHtml(row.file)}</a>${row.files.length > 1 ? ` <span class="rotated">(+${row.files.length - 1} rotated)</span>` : ''}</td>` +
        cell(row.command ?? '') +
        `<td><code>${escapeHtml(`gclog analyze ${row.files.map(shellQuote).join(' ')}`)}</code></td>` +
        '</tr>',
    )
    .join('\n');
  const outlierItems =
    outliers.length === 0
      ? `<p>No isolate stands out: none lies beyond Tukey's fence (third quartile + ${OUTLIER_IQR_FACTOR} × interquartile range) of p99 pause, GC time or floor trend${result.rows.length < OUTLIER_MIN_VALUES ? ` (it needs ${OUTLIER_MIN_VALUES} isolates or more)` : ''}.</p>`
      : `<ul>${outliers
          .map(
            (outlier) =>
              `<li><a href="${escapeHtml(href(outlier.row))}">${escapeHtml(`${outlier.row.file} ${outlier.row.label}`)}</a>: ${escapeHtml(outlier.measure.title)} ${escapeHtml(outlier.measure.format(outlier.value))}, beyond the fleet's fence of ${escapeHtml(outlier.measure.format(outlier.fence))}</li>`,
          )
          .join('')}</ul>`;
  const failures =
    result.failures.length === 0 ? '' : `<h2>Not analysed</h2><ul>${result.failures.map((failure) => `<li>${escapeHtml(failure.message)}</li>`).join('')}</ul>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>gclog fleet: ${escapeHtml(plural(result.rows.length, 'isolate'))}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 3px 8px; border-bottom: 1px solid #ddd; text-align: left; white-space: nowrap; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.verdict-leak td:nth-child(2) { color: #b00; font-weight: bold; }
tr.verdict-suspected td:nth-child(2) { color: #b60; }
.strip circle { fill: #3465a4; fill-opacity: 0.6; }
.strip .axis { stroke: #999; } .strip .median { stroke: #c00; stroke-dasharray: 3 2; }
.strip text { font-size: 10px; fill: #555; }
.verdicts td.bar span { display: inline-block; height: 10px; background: #3465a4; }
.median-note, .none { color: #555; margin-top: 0; }
code { font-size: 12px; }
</style>
</head>
<body>
<h1>gclog fleet</h1>
<p id="headline">${escapeHtml(fleetHeadline(result.rows, result.analysedRuns, result.analysedFiles))}</p>
<h2>Leak verdicts</h2>
<table class="verdicts">${verdicts
    .map(({ verdict, count }) => `<tr><td>${escapeHtml(verdict)}</td><td class="n">${formatCount(count)}</td><td class="bar"><span style="width:${Math.round((count / Math.max(1, result.rows.length)) * 300)}px"></span></td></tr>`)
    .join('')}<tr><td>out of memory</td><td class="n">${result.rows.filter((row) => row.outOfMemory).length}</td><td></td></tr></table>
<h2>Across the fleet</h2>
${MEASURES.map((measure) => `<h3>${escapeHtml(measure.title)}</h3>${stripPlot(result.rows, measure)}`).join('\n')}
<h2>Outliers</h2>
${outlierItems}
<h2>Every isolate, worst first</h2>
<p>Out of memory first, then leak, then suspected; then by GC time, then p99 pause. Each file links to its <code>gclog analyze</code> report.</p>
<table id="rows">
<thead><tr><th>#</th><th>leak</th><th>OOM</th><th>GC time</th><th>p50</th><th>p95</th><th>p99</th><th>max</th><th>worst 1 s</th><th>floor</th><th>trend</th><th>GCs</th><th>pid</th><th>isolate</th><th>file</th><th>command</th><th>analyze it</th></tr></thead>
<tbody>
${tableRows}
</tbody>
</table>
${failures}
</body>
</html>
`;
}

/** A path as a shell word: quoted unless it is made of safe characters only. */
function shellQuote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

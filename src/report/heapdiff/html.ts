// A heapdiff as one self-contained HTML page in gclog's style: the headline, the classes that grew
// at every step with bars and what holds them, then the others. No script runs: the CSP allows none,
// and snapshot text (class and property names) enters only escaped.

import { formatCount } from '../../format.js';
import type { ClassDiff, HeapDiff } from '../../heapdiff/diff.js';
import { TOP_CLASSES } from '../../heapdiff/diff.js';
import { escapeHtml } from '../html/escape.js';
import { renderDocument } from '../html/template.js';
import { BYTES_NOTE, changedWithoutGrowing, formatBytes, growthHeadline, retainerSentence, signedBytes, signedCount } from './words.js';

const STYLES = `
table.heapdiff td.class { font-weight: 600; word-break: break-word; }
table.heapdiff th:not(:first-child) { text-align: right; }
table.heapdiff td.held { color: var(--muted); font-size: 13px; padding-top: 0; word-break: break-word; }
table.heapdiff .bar { display: inline-block; height: 9px; background: var(--error); border-radius: 2px; vertical-align: middle; margin-right: 6px; }
table.heapdiff tr.has-held td { border-bottom: none; }
`;

export function renderHeapDiffHtml(diff: HeapDiff, generator: string): string {
  const growingTone = diff.growing.length > 0 ? (diff.stepsJudged ? 'leak' : 'suspected') : 'none';
  const badge = diff.growing.length > 0 ? (diff.stepsJudged ? 'grew at every step' : 'grew') : 'no growth';
  const body = `<div class="page">
<header class="masthead"><h1><span class="brand">gclog</span> heapdiff</h1><span class="generator">${escapeHtml(generator)}</span></header>
<ul class="inputs">
${diff.snapshots.map((snapshot, index) => `<li><span class="run-name">${index + 1}.</span><span class="file">${escapeHtml(snapshot.path)}</span><span>${formatCount(snapshot.nodeCount)} nodes, ${formatBytes(snapshot.totalBytes)} reachable</span></li>`).join('\n')}
</ul>
<section class="verdict verdict-${growingTone}" id="headline"><span class="badge">${escapeHtml(badge)}</span><div><h2>${escapeHtml(growthHeadline(diff))}</h2><p>Reachable heap ${formatBytes(diff.snapshots[0]!.totalBytes)} → ${formatBytes(diff.snapshots[diff.snapshots.length - 1]!.totalBytes)} (${signedBytes(diff.totalBytesAdded)}).</p></div></section>
${diff.growing.length > 0 ? `<h2 class="section">${diff.stepsJudged ? 'Grew at every step' : 'Grew'}</h2>\n${tableHtml(diff.growing.slice(0, TOP_CLASSES), 'growing')}` : ''}
${changedWithoutGrowing(diff, TOP_CLASSES)
  .map(({ id, heading, entries }) => `<h2 class="section">${escapeHtml(heading)}</h2>\n${tableHtml(entries, id)}`)
  .join('\n')}
<footer class="notes"><p>${escapeHtml(BYTES_NOTE)}</p></footer>
</div>`;
  return renderDocument({ title: `gclog heapdiff: ${badge}`, body, data: diff, scripts: [], extraStyles: STYLES });
}

function tableHtml(entries: ClassDiff[], id: string): string {
  const largest = Math.max(1, ...entries.map((entry) => Math.abs(entry.bytesAdded)));
  const rows = entries.map((entry) => {
    const held = retainerSentence(entry);
    const width = Math.max(1, Math.round((Math.abs(entry.bytesAdded) / largest) * 120));
    const bar = entry.bytesAdded > 0 ? `<span class="bar" style="width:${width}px"></span>` : '';
    const row = `<tr${held !== null ? ' class="has-held"' : ''}><td class="class">${escapeHtml(entry.className)}</td><td class="number">${entry.counts.map(formatCount).join(' → ')}</td><td class="number">${signedCount(entry.countAdded)}</td><td class="number">${entry.bytes.map(formatBytes).join(' → ')}</td><td class="number">${bar}${signedBytes(entry.bytesAdded)}</td></tr>`;
    return held !== null ? `${row}\n<tr><td class="held" colspan="5">${escapeHtml(held)}</td></tr>` : row;
  });
  return `<table class="reasons heapdiff" id="${id}"><thead><tr><th>class</th><th>instances</th><th>change</th><th>bytes</th><th>added</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

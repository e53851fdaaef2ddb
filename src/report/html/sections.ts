// HTML building blocks of the report (verdict, cards, findings, chart cards, story, reasons table).
// Each returns markup with every piece of text escaped; `gclog compare` reuses them.

import type { Finding, IsolateSummary, LeakVerdict, Summary } from '../../analyze/summary.js';
import { GC_TYPES } from '../../events.js';
import { reasonRowsShown } from './display-data.js';
import { escapeHtml } from './escape.js';
import { formatCount, formatDuration, formatMb, formatMs, formatPercent, formatSlope, plural } from './format.js';
import { buildStory, storyAnchor, STORY_INTRO, type StoryPart } from './story.js';

export type Tone = 'error' | 'warn' | 'ok' | 'neutral';

export interface Card {
  label: string;
  value: string;
  detail: string;
  tone: Tone;
}

export function cardHtml(card: Card): string {
  return `<div class="card tone-${card.tone}"><div class="label">${escapeHtml(card.label)}</div><div class="value">${escapeHtml(card.value)}</div><div class="detail">${escapeHtml(card.detail)}</div></div>`;
}

export function cardsHtml(cards: Card[]): string {
  return `<div class="cards">${cards.map(cardHtml).join('')}</div>`;
}

export const VERDICT_TITLES: Record<LeakVerdict, string> = {
  leak: 'Memory leak',
  suspected: 'Suspected memory leak',
  none: 'No leak',
  'insufficient-data': 'Not enough data to judge a leak',
};

const VERDICT_BADGES: Record<LeakVerdict, string> = { leak: 'leak', suspected: 'suspected', none: 'no leak', 'insufficient-data': 'unknown' };

export function verdictHtml(isolate: IsolateSummary): string {
  const verdict = isolate.leak.verdict;
  const because = isolate.leak.reasons.length > 0 ? `${capitalise(isolate.leak.reasons.join('; '))}.` : '';
  return (
    `<div class="verdict verdict-${verdict}" data-verdict="${verdict}"><span class="badge">${escapeHtml(VERDICT_BADGES[verdict])}</span>` +
    `<div><h2 class="verdict-title">${escapeHtml(VERDICT_TITLES[verdict])}</h2><p>${escapeHtml(because)}</p></div></div>`
  );
}

/**
 * The cards of an isolate whose GCs carry no time (a v8.GCProfiler result): the profile's own span
 * is a real time, so the GC share of it stays; the worst second and the floor's slope cannot be known.
 */
function untimedCards(isolate: IsolateSummary, cards: Card[]): Card[] {
  const spanMs = isolate.profile?.spanMs ?? null;
  const floor = isolate.floors.total;
  const noTime = 'unknown: the profiler records no time for each GC';
  return cards.map((card): Card => {
    switch (card.label) {
      case 'Duration':
        return { ...card, label: 'Profile span', value: spanMs === null ? '—' : formatDuration(spanMs), detail: `${formatCount(isolate.counts.total)} GCs, their times not recorded` };
      case 'GC overhead':
        return spanMs === null || spanMs <= 0
          ? { ...card, label: 'GC share of the profile', value: '—', detail: `${formatMs(isolate.overhead.gcTimeMs)} paused; the profile's span is not recorded`, tone: 'neutral' }
          : { ...card, label: 'GC share of the profile', detail: `${formatMs(isolate.overhead.gcTimeMs)} paused in a profile of ${formatDuration(spanMs)}` };
      case 'Worst second':
        return { ...card, value: '—', detail: noTime, tone: 'neutral' };
      case 'Peak heap': {
        // The profiler gives the heap limit (heapSizeLimit) with every entry.
        const limitMb = isolate.leak.evidence.heapLimitMb;
        return limitMb === null ? card : { ...card, detail: `${card.detail}; heap limit ${formatMb(limitMb)}` };
      }
      case 'Floor trend':
        return {
          ...card,
          label: 'Floor, in order',
          value: floor === null ? '—' : `${formatMb(floor.firstMb)} → ${formatMb(floor.lastMb)}`,
          detail: floor === null ? 'no Mark-Compact in the log' : `over ${plural(floor.points, 'Mark-Compact')}; no trend per minute (${noTime.replace('unknown: ', '')})`,
        };
      default:
        return card;
    }
  });
}

/** The key numbers of one isolate. */
export function isolateCards(isolate: IsolateSummary): Card[] {
  const cards = timedCards(isolate);
  return isolate.timeKnown === false ? untimedCards(isolate, cards) : cards;
}

function timedCards(isolate: IsolateSummary): Card[] {
  const { overhead, pauses } = isolate;
  const slowest = GC_TYPES.filter((type) => pauses.byType[type] !== undefined).sort((a, b) => pauses.byType[b]!.maxMs - pauses.byType[a]!.maxMs)[0];
  const floor = isolate.floors.total;
  const verdictTone: Record<LeakVerdict, Tone> = { leak: 'error', suspected: 'warn', none: 'ok', 'insufficient-data': 'neutral' };
  return [
    { label: 'Duration', value: formatDuration(isolate.durationMs), detail: `${formatCount(isolate.counts.total)} GCs`, tone: 'neutral' },
    overhead.fraction === null
      ? { label: 'GC overhead', value: 'not measured', detail: overhead.unmeasured ?? '', tone: 'neutral' }
      : {
          label: 'GC overhead',
          value: formatPercent(overhead.fraction),
          // Marking steps between the pauses are GC work on the program's thread too (most of it in Node 0.10 logs).
          detail:
            `${formatMs(overhead.gcTimeMs)} paused in ${formatDuration(overhead.elapsedMs)}` +
            (overhead.incrementalMarkingMs !== null && overhead.incrementalMarkingMs >= 0.5
              ? `, plus ${formatMs(overhead.incrementalMarkingMs)} of incremental marking steps between the pauses`
              : ''),
          tone: overhead.fraction >= 0.25 ? 'error' : overhead.fraction >= 0.1 ? 'warn' : 'ok',
        },
    { label: 'p99 pause', value: formatMs(pauses.all.p99Ms), detail: `p50 ${formatMs(pauses.all.p50Ms)}, p95 ${formatMs(pauses.all.p95Ms)}`, tone: pauses.all.p99Ms >= 100 ? 'warn' : 'neutral' },
    { label: 'Max pause', value: formatMs(pauses.all.maxMs), detail: slowest !== undefined ? `a ${slowest}` : '', tone: pauses.all.maxMs >= 100 ? 'warn' : 'neutral' },
    {
      label: 'Worst second',
      value: overhead.worstWindow !== null ? formatMs(overhead.worstWindow.gcMs) : '—',
      detail:
        overhead.worstWindow !== null
          ? `of GC at ${Math.round(overhead.worstWindow.startMs / 1000)} s; ${plural(overhead.windowsOverThreshold, 'second')} at ≥ ${overhead.windowThresholdMs} ms`
          : 'no GC windows',
      tone: overhead.windowsOverThreshold > 0 ? 'warn' : 'neutral',
    },
    {
      // GCeasy's headline numbers: the most heap in use, and what was left and committed at the end.
      label: 'Peak heap',
      value: formatMb(isolate.heap.peakUsedMb),
      detail:
        `used; last ${formatMb(isolate.heap.lastUsedMb)}` +
        (isolate.heap.peakCommittedMb !== null && isolate.heap.lastCommittedMb !== null
          ? `; committed peak ${formatMb(isolate.heap.peakCommittedMb)}, last ${formatMb(isolate.heap.lastCommittedMb)}`
          : ''),
      tone: 'neutral',
    },
    {
      label: 'Floor trend',
      value: floor !== null && floor.slopeMbPerMinute !== null ? formatSlope(floor.slopeMbPerMinute) : '—',
      detail:
        floor === null
          ? 'no Mark-Compact in the log'
          : isolate.leak.verdict === 'insufficient-data'
            ? floor.trendPoints >= 5
              ? `from ${plural(floor.trendPoints, 'floor')} in the first minute: too short to judge`
              : `from ${plural(floor.trendPoints, 'floor')}: too few to judge`
            : `floor ${formatMb(floor.firstMb)} → ${formatMb(floor.lastRunningMb)}${isolate.leak.evidence.shutdownMs !== null ? ' before exit' : ''}`,
      tone: verdictTone[isolate.leak.verdict],
    },
  ];
}

export function findingsHtml(findings: Finding[]): string {
  if (findings.length === 0) return '<p class="note">No findings: nothing in this log calls for action.</p>';
  const items = findings.map(
    (finding) =>
      `<li class="finding" data-finding="${escapeHtml(finding.id)}"><span class="severity severity-${finding.severity}">${escapeHtml(finding.severity)}</span>` +
      `<div><p class="statement">${escapeHtml(finding.statement)}</p><p class="next">${escapeHtml(finding.nextStep)}</p></div></li>`,
  );
  return `<ul class="findings">${items.join('')}</ul>`;
}

export interface ChartCard {
  /** Key of the compiled spec the page draws here; null shows `missing` instead of a chart. */
  chart: string | null;
  isolateIndex: number;
  title: string;
  caption: string;
  /** Link to the part of the explanation that helps read this chart. */
  learn: { key: StoryPart['key']; text: string } | null;
  /** Markup placed in the header (e.g. the log-scale toggle); already escaped. */
  controlsHtml?: string;
  /** Why there is no chart, and how to get one. */
  missing?: string;
  /** Markup after the chart (e.g. the reasons table); already escaped. */
  afterHtml?: string;
}

export function chartCardHtml(card: ChartCard): string {
  const learn = card.learn !== null ? `<a class="learn" href="#${storyAnchor(card.learn.key, card.isolateIndex)}">${escapeHtml(card.learn.text)} ↓</a>` : '';
  const body =
    card.chart !== null
      ? `<div class="chart" data-chart="${escapeHtml(card.chart)}" data-isolate="${card.isolateIndex}"></div>`
      : `<p class="missing">${escapeHtml(card.missing ?? 'No data for this chart.')}</p>`;
  return (
    `<figure class="chart-card" id="chart-${escapeHtml(card.chart ?? 'missing')}-${card.isolateIndex}"><header><h3>${escapeHtml(card.title)}</h3>${card.controlsHtml ?? ''}</header>` +
    `<p class="caption">${escapeHtml(card.caption)} ${learn}</p>${body}${card.afterHtml ?? ''}</figure>`
  );
}

export function storyHtml(isolate: IsolateSummary, isolateIndex: number): string {
  const parts = buildStory(isolate).map(
    (part) =>
      `<h3 id="${storyAnchor(part.key, isolateIndex)}">${escapeHtml(part.title)}</h3>` +
      part.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('') +
      (part.steps.length > 0 ? `<ol>${part.steps.map((step) => `<li>${escapeHtml(step)}</li>`).join('')}</ol>` : ''),
  );
  return `<div class="story"><p class="intro">${escapeHtml(STORY_INTRO)}</p>${parts.join('')}</div>`;
}

export function reasonsTableHtml(isolate: IsolateSummary): string {
  const rows = reasonRowsShown(isolate).map(
    (row) =>
      `<tr${row.other ? ' class="other"' : ''}><td class="reason">${escapeHtml(row.reason)}</td><td class="number">${formatCount(row.count)}</td>` +
      `<td class="number">${escapeHtml(formatMs(row.pauseMs))}</td><td>${row.forced ? 'yes' : ''}</td></tr>`,
  );
  return `<table class="reasons"><thead><tr><th>reason</th><th>GCs</th><th>pause time</th><th>forced by the app</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function inputsHtml(summary: Summary): string {
  const items = summary.inputs.map(
    (input) =>
      `<li><span class="file">${escapeHtml(input.name)}</span><span class="era">${escapeHtml(input.era)}</span>` +
      `<span>${formatCount(input.lines)} lines, ${formatCount(input.gcEvents)} GC events</span>` +
      `<span>${escapeHtml(input.formats.map((format) => `--${format}`).join(' + ') || 'no GC records')}</span></li>`,
  );
  return `<ul class="inputs">${items.join('')}</ul>`;
}

/** How the selector names an isolate: its label, where it ran, how many GCs. */
export function isolateOptionText(isolate: IsolateSummary, severalInputs: boolean): string {
  const where = [severalInputs ? isolate.input : null, isolate.pid !== null ? `pid ${isolate.pid}` : null, isolate.isolate].filter(Boolean).join(' ');
  return `${isolate.label}${where ? ` (${where})` : ''}, ${formatCount(isolate.counts.total)} GCs, ${VERDICT_TITLES[isolate.leak.verdict].toLowerCase()}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Summary → one self-contained HTML report: Vega-Lite specs, the runtimes and the data inlined.

import type { TopLevelSpec } from 'vega-lite';
import type { IsolateSummary, Summary } from '../../analyze/summary.js';
import { vegaAssets } from './assets.js';
import { buildReportDisplay, chartAxisOf, spacePointsOf, type ChartAxis } from './display-data.js';
import { escapeHtml } from './escape.js';
import { PAGE_SCRIPT } from './page-script.js';
import {
  cardsHtml,
  chartCardHtml,
  findingsHtml,
  inputsHtml,
  isolateCards,
  isolateOptionText,
  reasonsTableHtml,
  storyHtml,
  verdictHtml,
  type ChartCard,
} from './sections.js';
import { allocationSpec, heapSpec, histogramSpec, pausesSpec, reasonsSpec, spacesSpec, windowsSpec, type ChartContext } from './specs.js';
import { renderDocument } from './template.js';
import { formatCount, formatSlope, plural } from './format.js';
import { allocationFailureMeaning, runtimePerformGcMeaning } from '../claims/reasons.js';
import { verboseTraceCommand } from '../../analyze/advice.js';
import { processTimeline, type ProcessRow } from '../processes.js';
import { NOT_PRINTED_REASON } from '../../analyze/reasons.js';

export type ChartKey = 'heap' | 'pauses' | 'pausesLog' | 'histogram' | 'spaces' | 'windows' | 'allocation' | 'reasons';

/** Every chart's Vega-Lite spec, keyed as the page refers to them. */
export function chartSpecs(context: ChartContext): Record<ChartKey, TopLevelSpec> {
  return {
    heap: heapSpec(context),
    pauses: pausesSpec(context, false),
    pausesLog: pausesSpec(context, true),
    histogram: histogramSpec(context),
    spaces: spacesSpec(context),
    windows: windowsSpec(context),
    allocation: allocationSpec(),
    reasons: reasonsSpec(),
  };
}

/** Charts that count per second: they need the time of each GC, which an untimed isolate lacks. */
const TIMED_ONLY: ReadonlySet<ChartKey> = new Set(['windows', 'allocation']);

/** Why an untimed isolate has no chart per second, said once under its charts. */
export const UNTIMED_CHARTS_NOTE =
  'Left out: GC pause time by the second and the allocation rate, which need the time of each GC; the profiler records none. ' +
  'The charts place each GC by its number, in the order the profiler recorded them.';

/**
 * The specs the page draws, shared by every isolate of the same axis (they differ only in the data
 * filled in). The page compiles them to Vega itself: loading Vega-Lite here would cost gclog ~28 MB of memory.
 */
export function reportCharts(context: ChartContext): Partial<Record<ChartKey, TopLevelSpec>> {
  const charts: Partial<Record<ChartKey, TopLevelSpec>> = {};
  for (const [key, spec] of Object.entries(chartSpecs(context)) as Array<[ChartKey, TopLevelSpec]>) {
    if (key === 'spaces' && context.spaceKeys.length === 0) continue;
    if (context.axis === 'gcNumber' && TIMED_ONLY.has(key)) continue;
    charts[key] = spec;
  }
  return charts;
}

export function renderHtmlReport(summary: Summary): string {
  const display = buildReportDisplay(summary);
  const shown = summary.isolates.slice(0, display.isolates.length);
  const context: ChartContext = {
    gcTypes: display.gcTypes,
    spaceKeys: display.spaceKeys,
    windowThresholdMs: display.windowThresholdMs,
    committed: shown.some(hasCommitted),
  };
  // Each isolate is drawn on its own axis: time when its GCs have times, else their number.
  const axes = [...new Set(display.isolates.map((isolate) => isolate.axis))];
  const charts: Partial<Record<ChartAxis, Partial<Record<ChartKey, TopLevelSpec>>>> = {};
  for (const axis of axes) charts[axis] = reportCharts({ ...context, axis });
  const assets = vegaAssets();
  const names = summary.inputs.map((input) => input.name).join(', ');
  const body = [
    '<div class="page">',
    `<header class="masthead"><h1><span class="brand">gclog</span> · GC report</h1><span class="generator">made with ${escapeHtml(summary.generator)}</span></header>`,
    inputsHtml(summary),
    processesHtml(processTimeline(summary)),
    selectorHtml(shown, summary.inputs.length > 1, display.isolatesNotShown),
    ...shown.map((isolate, index) => isolateSectionHtml(isolate, index, display.isolates[index]!.thinned)),
    notesHtml(summary),
    '</div>',
  ].join('\n');
  return renderDocument({
    title: `gclog report: ${names}`,
    body,
    data: {
      charts,
      isolates: display.isolates.map((isolate) => ({ index: isolate.index, label: isolate.label, axis: isolate.axis, datasets: isolate.datasets })),
    },
    scripts: [assets.vegaRuntime, assets.vegaLiteCompiler, assets.expressionInterpreter, PAGE_SCRIPT],
  });
}

function selectorHtml(isolates: IsolateSummary[], severalInputs: boolean, notShown: number): string {
  if (isolates.length < 2) return '';
  const options = isolates.map((isolate, index) => `<option value="${index}">${escapeHtml(isolateOptionText(isolate, severalInputs))}</option>`);
  const hint = notShown > 0 ? `${plural(notShown, 'more isolate')} ${notShown === 1 ? 'is' : 'are'} in gclog analyze --json.` : `${isolates.length} isolates, main thread first`;
  return (
    `<nav class="selector"><label for="isolate-select">Isolate</label><select id="isolate-select">${options.join('')}</select>` +
    `<span class="hint">${escapeHtml(hint)}</span></nav>`
  );
}

function isolateSectionHtml(isolate: IsolateSummary, index: number, thinned: boolean): string {
  const hidden = index === 0 ? '' : ' hidden';
  return [
    `<section class="isolate" data-isolate="${index}" id="isolate-${index}"${hidden}>`,
    verdictHtml(isolate),
    cardsHtml(isolateCards(isolate)),
    '<h2 class="section">Findings</h2>',
    findingsHtml(isolate.findings),
    '<h2 class="section">Charts</h2>',
    thinned || (isolate.orderSeries ?? isolate.series).reduced
      ? '<p class="note">This log is long: the charts draw a subset of the GCs that keeps every peak (the longest pauses, the highest heaps). The numbers above count every GC.</p>'
      : '',
    `<div class="charts">${chartCards(isolate, index).map(chartCardHtml).join('')}</div>`,
    chartAxisOf(isolate) === 'gcNumber' ? `<p class="note untimed-charts">${escapeHtml(UNTIMED_CHARTS_NOTE)}</p>` : '',
    '<h2 class="section">New space vs old space</h2>',
    storyHtml(isolate, index),
    '</section>',
  ].join('\n');
}

/** Whether the log gave the committed heap (trace-event files and NVP before V8 13.6 do not). */
function hasCommitted(isolate: IsolateSummary): boolean {
  return (isolate.orderSeries?.events ?? isolate.series.events).some((event) => event.committedAfterMb !== null);
}

/** Whether any GC of the isolate came with its reason (a v8.GCProfiler result gives none). */
function hasReasons(isolate: IsolateSummary): boolean {
  return isolate.reasons.some((row) => row.reason !== NOT_PRINTED_REASON);
}

/** A card's content; the isolate it belongs to is added once, in chartCards. */
type CardContent = Omit<ChartCard, 'isolateIndex'>;

/** A chart the log may have no data for: without it, the card keeps its title and says what is missing. */
function chartIfData(hasData: boolean, card: CardContent, instead: Pick<ChartCard, 'caption' | 'learn' | 'missing'>): CardContent {
  return hasData ? card : { chart: null, title: card.title, ...instead };
}

function chartCards(isolate: IsolateSummary, index: number): ChartCard[] {
  const floor = isolate.floors.total;
  const trend = floor !== null && floor.slopeMbPerMinute !== null ? ` (${formatSlope(floor.slopeMbPerMinute)})` : '';
  const windowsOver = isolate.overhead.windowsOverThreshold;
  const allocationSources = {
    nvp: 'Exact, from the byte counts of --trace-gc-nvp.',
    spaces: 'From the per-space figures of --trace-gc-verbose.',
    'heap-growth': 'Estimated from how much the heap grew between one GC and the next.',
    none: '',
  } as const;
  const spacesLearn = { key: 'young', text: 'New space and old space' } as const;
  const timed = chartAxisOf(isolate) === 'time';
  const cards: CardContent[] = [
    {
      chart: 'heap',
      title: 'Heap used before and after each GC',
      caption:
        `Each GC takes the heap from the light line down to the dark one; ` +
        (hasCommitted(isolate) ? 'the dashed grey line is the memory V8 reserved (committed). ' : 'this log does not give the memory V8 reserved (committed). ') +
        (timed
          ? `Red bars mark Mark-Compacts and what each freed; the brown diamonds are the floor they left, the dashed red line its trend${trend}. Drag to pan, scroll to zoom.`
          : 'Red bars mark Mark-Compacts and what each freed; the brown diamonds are the floor they left. Each GC is placed by its number in the order recorded: the profiler gives no time, so there is no trend per minute. Drag to pan, scroll to zoom.'),
      learn: { key: 'old', text: 'What a Mark-Compact does' },
    },
    {
      chart: 'pauses',
      title: 'Pause of each GC',
      caption: 'How long each GC stopped the program, by type. Hover a point for its numbers and its line in the log.',
      learn: { key: 'why', text: 'Young GCs and Mark-Compacts in this log' },
      controlsHtml: `<label class="toggle"><input type="checkbox" class="log-scale" id="log-scale-${index}" data-isolate="${index}"> log scale</label>`,
    },
    {
      chart: 'histogram',
      title: 'Pause distribution',
      caption: `How many GCs paused for how long, each type apart (all ${formatCount(isolate.counts.total)} GCs).`,
      learn: { key: 'why', text: 'Why the two kinds differ' },
    },
    chartIfData(
      spacePointsOf(isolate).length > 0,
      {
        chart: 'spaces',
        title: 'Heap used by space after each GC',
        caption:
          'Which space holds the memory after each GC: new space (young objects), old space (long-lived), code, large objects (lo) and the rest, stacked' +
          (timed ? '.' : " (from the profiler's heapSpaceStatistics)."),
        learn: spacesLearn,
      },
      {
        caption: 'Which space holds the memory after each GC.',
        learn: spacesLearn,
        missing:
          `This log has no per-space figures, so this chart cannot be drawn. Run ${verboseTraceCommand(isolate.nodeMajorRange)} to record, after every GC, how much the new space, old space, code space and large-object space hold.`,
      },
    ),
    // Per-second charts need the time of each GC; an untimed isolate says why under its charts.
    ...(timed
      ? ([
          {
            chart: 'windows',
            title: 'GC time per second',
            caption:
              `Pause time summed over each 1-second window. At ${isolate.overhead.windowThresholdMs} ms or more (red) the app feels blocked: ` +
              `${windowsOver} second${windowsOver === 1 ? '' : 's'} here.`,
            learn: { key: 'why', text: 'Where the pause time goes' },
          },
          chartIfData(
            isolate.series.allocation.length > 0,
            {
              chart: 'allocation',
              title: 'Allocation rate',
              caption: `How many MB the program allocated per second. ${allocationSources[isolate.allocation.source]}`,
              learn: { key: 'young', text: 'Where new objects go' },
            },
            { caption: 'How many MB the program allocated per second.', learn: null, missing: 'The log does not show how much was allocated.' },
          ),
        ] satisfies CardContent[])
      : []),
    {
      chart: 'reasons',
      title: 'Why GCs ran',
      caption: ['Pause time and number of GCs per reason V8 printed.', allocationFailureMeaning(isolate), runtimePerformGcMeaning(isolate), 'The table lists each reason in full.'].filter(Boolean).join(' '),
      learn: { key: 'young', text: 'What fills the new space' },
      afterHtml: reasonsTableHtml(isolate),
    },
  ];
  // A chart of one '(not printed)' bar says nothing: a profile without reasons gets none.
  const shown = timed || hasReasons(isolate) ? cards : cards.filter((card) => card.chart !== 'reasons');
  return shown.map((card) => ({ ...card, isolateIndex: index }));
}

/** The processes `gclog run` traced, each a bar on one wall clock: from its start, its GCs' span darker. */
function processesHtml(rows: ProcessRow[]): string {
  if (rows.length < 2) return '';
  const end = Math.max(...rows.map((row) => row.lastGcS ?? row.startS), 0.001);
  const percent = (seconds: number) => `${((100 * seconds) / end).toFixed(2)}%`;
  const items = rows.map((row) => {
    const lastGcS = row.lastGcS ?? row.startS;
    const life = Math.max(lastGcS - row.startS, 0.001);
    const inner = (seconds: number) => `${((100 * seconds) / life).toFixed(2)}%`;
    const gcSpan =
      row.firstGcS === null ? '' : `<div class="gc-span" style="left:${inner(row.firstGcS - row.startS)};width:${inner(Math.max(0, lastGcS - row.firstGcS))}"></div>`;
    return (
      `<tr data-pid="${row.pid}"><td class="process-name">${escapeHtml(row.label)}</td><td>${row.pid}${row.parentPid !== null ? ` <span class="parent">(parent ${row.parentPid})</span>` : ''}</td>` +
      `<td class="process-bar"><div class="lifetime" style="left:${percent(row.startS)};width:${percent(Math.max(0, lastGcS - row.startS))}">${gcSpan}</div></td>` +
      `<td>+${row.startS.toFixed(1)} s</td><td>${row.gcs === 0 ? 'none' : formatCount(row.gcs)}</td></tr>`
    );
  });
  return (
    `<section class="processes"><h2 class="section">Processes</h2>` +
    `<p class="note">Every Node process <code>gclog run</code> named, on one clock: 0 is the first one's start; each bar runs from a process's start to its last GC, darker where its GCs ran (a dot: no GC). ` +
    `V8 counts each process's GC times from about its start (measured 25–125 ms apart on Node 12–26), so the bars line up to within about 0.1 s.</p>` +
    `<table class="process-timeline"><thead><tr><th>process</th><th>pid</th><th>0 s → ${end.toFixed(1)} s</th><th>started</th><th>GCs</th></tr></thead><tbody>${items.join('')}</tbody></table></section>`
  );
}

function notesHtml(summary: Summary): string {
  const notes: string[] = [];
  if (summary.unparsed.count > 0) {
    notes.push(`${plural(summary.unparsed.count, 'line')} looked like GC records but did not parse (see gclog analyze for their line numbers).`);
  }
  if (summary.cut.count > 0) notes.push(`${plural(summary.cut.count, 'GC record')} ${summary.cut.count === 1 ? 'was' : 'were'} cut before the pause and not counted.`);
  notes.push('This file is self-contained: it loads nothing from the network.');
  return `<footer class="notes">${notes.map((note) => `<p>${escapeHtml(note)}</p>`).join('')}</footer>`;
}

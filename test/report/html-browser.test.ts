// The HTML report in a real headless Chromium, opened from file://: charts drawn with one mark per
// GC of the log, tooltips that point back to log lines, isolate switching, and nothing loaded.

import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsolateSummary, Summary } from '../../src/analyze/summary.js';
import { buildReportDisplay } from '../../src/report/html/display-data.js';
import { renderHtmlReport } from '../../src/report/html/render-html.js';
import { chartMarks, launchBrowser, recordingPage, tooltipFieldCheck, waitForCharts, type ChartMarks, type PageRecord } from './browser.js';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import { ARTIFACTS, SAMPLES, sampleSummary, sampleText, traceLines, writeArtifact } from './samples.js';

const BROWSER_TIMEOUT_MS = 60_000;
const DATASETS = ['events', 'floors', 'trend', 'spaces', 'windows', 'allocation', 'histogram', 'reasons'];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, BROWSER_TIMEOUT_MS);
afterAll(async () => {
  await browser?.close();
}, BROWSER_TIMEOUT_MS);

interface OpenedReport {
  summary: Summary;
  record: PageRecord;
  url: string;
}

async function openSampleReport(sample: string): Promise<OpenedReport> {
  const summary = await sampleSummary(sample);
  const { url } = writeArtifact(`${sample.replace(/\//g, '-')}.html`, renderHtmlReport(summary));
  const record = await recordingPage(browser);
  await record.page.goto(url);
  await waitForCharts(record.page);
  return { summary, record, url };
}

/** Every chart drew one mark per point of the summary's series (nothing is thinned for these samples). */
function expectMarksMatchSeries(marks: Record<string, ChartMarks>, isolate: IsolateSummary, spaceKeys: string[]): void {
  const series = isolate.series;
  const markCompacts = series.events.filter((event) => event.type === 'Mark-Compact').length;
  expect(marks['heap']!.data['events']).toBe(series.events.length);
  expect(marks['heap']!.elements['heapPoints_marks']).toBe(series.events.length);
  expect(marks['heap']!.elements['markCompacts_marks'] ?? 0).toBe(markCompacts);
  expect(marks['heap']!.elements['floors_marks'] ?? 0).toBe(series.floors.length);
  expect(marks['heap']!.groups['heapAfter_marks']).toBe(1);
  expect(marks['pauses']!.elements['pausePoints_marks']).toBe(series.events.length);
  const histogramCells = Object.values(isolate.pauses.histogram.counts).flat().filter((count) => count > 0).length;
  expect(marks['histogram']!.elements['histogramBars_marks']).toBe(histogramCells);
  expect(marks['windows']!.elements['windowBars_marks']).toBe(series.windows.length);
  expect(marks['windows']!.elements['thresholdRule_marks']).toBe(1);
  expect(marks['allocation']!.elements['allocationPoints_marks']).toBe(series.allocation.length);
  expect(marks['reasons']!.elements['reasonPauseBars_marks']).toBe(isolate.reasons.length);
  expect(marks['reasons']!.elements['reasonCountBars_marks']).toBe(isolate.reasons.length);
  if (series.spaces.length > 0) {
    expect(marks['spaces']!.data['spaces']).toBe(series.spaces.length);
    expect(marks['spaces']!.groups['spaceAreas_marks']).toBe(spaceKeys.length);
  } else {
    expect(marks['spaces']).toBeUndefined();
  }
}

function expectNothingLoadedOrLogged(record: PageRecord, url: string): void {
  expect(record.requests).toEqual([url]);
  expect(record.consoleProblems).toEqual([]);
  expect(record.dialogs).toEqual([]);
}

/** Hovers the drawn point with the longest pause and returns the tooltip's rows. */
async function hoverLongestPause(record: PageRecord, isolateIndex: number): Promise<Record<string, string>> {
  const page = record.page;
  await page.locator(`.chart[data-chart="pauses"][data-isolate="${isolateIndex}"]`).scrollIntoViewIfNeeded();
  const target = await page.evaluate((index) => {
    type Item = { datum: { pauseMs: number }; items?: Node[] };
    type Node = { name?: string; items: Item[] };
    const view = (window as unknown as { gclogReport: { views: Record<number, Record<string, { scenegraph(): { root: Node } }>> } }).gclogReport.views[index]!['pauses']!;
    let longest = -1;
    const walk = (node: Node): void => {
      node.items.forEach((item, position) => {
        if (node.name === 'pausePoints_marks' && (longest < 0 || item.datum.pauseMs > node.items[longest]!.datum.pauseMs)) longest = position;
        for (const child of item.items ?? []) walk(child);
      });
    };
    walk(view.scenegraph().root);
    // The SVG renderer draws a mark's items in order, one element each.
    const element = document.querySelector(`.chart[data-chart="pauses"][data-isolate="${index}"] g.pausePoints_marks`)!.children[longest]!;
    const box = element.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, isolateIndex);
  await page.mouse.move(target.x - 20, target.y - 20);
  await page.mouse.move(target.x, target.y);
  await page.waitForSelector('.tooltip:not([hidden])', { timeout: 20_000 });
  return page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('.tooltip .tooltip-row')].map((row) => [row.children[0]!.textContent, row.children[1]!.textContent])),
  );
}

describe('report of a leaking app (node22-leak)', () => {
  let report: OpenedReport;
  beforeAll(async () => {
    report = await openSampleReport('node22-leak');
  }, BROWSER_TIMEOUT_MS);
  afterAll(async () => {
    await report?.record.page.close();
  });

  it('draws every chart with one mark per GC of the log', async () => {
    const isolate = report.summary.isolates[0]!;
    const marks = await chartMarks(report.record.page, 0, DATASETS);
    expect(Object.keys(marks).sort()).toEqual(['allocation', 'heap', 'histogram', 'pauses', 'reasons', 'windows']);
    expectMarksMatchSeries(marks, isolate, []);
    // Counted from the log text itself, not from gclog's parser.
    const lines = traceLines(sampleText('node22-leak'));
    expect(marks['pauses']!.elements['pausePoints_marks']).toBe(lines.length);
    expect(marks['heap']!.elements['markCompacts_marks']).toBe(lines.filter((line) => line.collector === 'Mark-Compact').length);
    expectNothingLoadedOrLogged(report.record, report.url);
  }, BROWSER_TIMEOUT_MS);

  it('shows the leak verdict and the key numbers', async () => {
    const page = report.record.page;
    const verdict = page.locator('section.isolate[data-isolate="0"] .verdict');
    expect(await verdict.getAttribute('data-verdict')).toBe('leak');
    expect(await verdict.locator('.verdict-title').textContent()).toBe('Memory leak');
    const cards = await page.locator('section.isolate[data-isolate="0"] .card .label').allTextContents();
    expect(cards).toEqual(['Duration', 'GC overhead', 'p99 pause', 'Max pause', 'Worst second', 'Peak heap', 'Floor trend']);
    // The heap at a glance, from the log text: the largest heap used before or after any GC, the last after.
    const sizes = [...sampleText('node22-leak').matchAll(/ ms: [^\n]*? ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/g)].map((match) => match.slice(1).map(Number));
    const peakUsed = Math.max(...sizes.flatMap(([before, , after]) => [before!, after!]));
    const peakCard = page.locator('.card', { hasText: 'Peak heap' });
    expect(await peakCard.locator('.value').textContent()).toBe(peakUsed >= 100 ? `${Math.round(peakUsed)} MB` : `${peakUsed.toFixed(1)} MB`);
    expect(await peakCard.locator('.detail').textContent()).toContain(`last ${sizes.at(-1)![2]! >= 100 ? Math.round(sizes.at(-1)![2]!) : sizes.at(-1)![2]!.toFixed(1)} MB`);
    const lines = traceLines(sampleText('node22-leak'));
    const maxPauseMs = Math.max(...lines.map((line) => line.pauseMs));
    expect(await page.locator('.card', { hasText: 'Max pause' }).locator('.value').textContent()).toBe(`${Math.round(maxPauseMs)} ms`);
    expect(await page.locator('.inputs .file').allTextContents()).toEqual([report.summary.inputs[0]!.name]);
    expect(await page.locator('.inputs .era').allTextContents()).toEqual([report.summary.inputs[0]!.era]);
  }, BROWSER_TIMEOUT_MS);

  it('tooltips give the numbers of a GC and its line in the log', async () => {
    const lines = traceLines(sampleText('node22-leak'));
    const maxPauseMs = Math.max(...lines.map((line) => line.pauseMs));
    const longest = lines.filter((line) => line.pauseMs === maxPauseMs);
    const tooltip = await hoverLongestPause(report.record, 0);
    expect(longest.map((line) => String(line.line))).toContain(tooltip['log line']);
    expect(tooltip['pause (ms)']).toBe(maxPauseMs.toFixed(2));
    expect(tooltip['GC']).toBe(longest[0]!.collector);
    // Every other line, from the text of the hovered GC's own line in the log.
    const text = sampleText('node22-leak').split('\n')[Number(tooltip['log line']) - 1]!;
    const record = /\s(\d+) ms: [A-Za-z-]+ ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB,.*current mu = [\d.]+\) ([^;]*);/.exec(text)!;
    expect(record, text).not.toBeNull();
    expect(tooltip).toEqual({
      GC: longest[0]!.collector,
      'time (s)': (Number(record[1]) / 1000).toFixed(3),
      'pause (ms)': maxPauseMs.toFixed(2),
      'heap before (MB)': record[2],
      'heap after (MB)': record[4],
      'committed (MB)': record[5],
      reason: record[6],
      'log line': tooltip['log line'],
    });
  }, BROWSER_TIMEOUT_MS);

  it('switches the pause chart to a log scale and back, keeping every point', async () => {
    const page = report.record.page;
    const yScaleType = () =>
      page.evaluate(() => (window as unknown as { gclogReport: { views: Record<number, Record<string, { scale(name: string): { type: string } }>> } }).gclogReport.views[0]!['pauses']!.scale('pausePoints_y').type);
    expect(await yScaleType()).toBe('linear');
    await page.locator('#log-scale-0').check();
    await page.waitForFunction(() => (window as unknown as { gclogReport: { views: Record<number, Record<string, { scale(name: string): { type: string } }>> } }).gclogReport.views[0]!['pauses']!.scale('pausePoints_y').type === 'log');
    const marks = await chartMarks(page, 0, DATASETS);
    expect(marks['pauses']!.elements['pausePoints_marks']).toBe(report.summary.isolates[0]!.series.events.length);
    await page.locator('#log-scale-0').uncheck();
    await page.waitForFunction(() => (window as unknown as { gclogReport: { views: Record<number, Record<string, { scale(name: string): { type: string } }>> } }).gclogReport.views[0]!['pauses']!.scale('pausePoints_y').type === 'linear');
    expectNothingLoadedOrLogged(report.record, report.url);
  }, BROWSER_TIMEOUT_MS);

  it('links each chart to the part of the explanation that reads it', async () => {
    const page = report.record.page;
    const links = await page.locator('section.isolate[data-isolate="0"] .chart-card a.learn').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')!));
    expect(links).toHaveLength(7);
    for (const href of links) expect(await page.locator(href).count(), href).toBe(1);
    const scavenges = traceLines(sampleText('node22-leak')).filter((line) => line.collector === 'Scavenge').length;
    expect(await page.locator('#story-young-0 + p + p').textContent()).toContain(`Here: ${scavenges} Scavenges`);
    await page.screenshot({ path: `${ARTIFACTS}node22-leak.png`, fullPage: true });
  }, BROWSER_TIMEOUT_MS);
});

describe('report of a steady app (node24-steady)', () => {
  it('says no leak, draws every chart, and says which flag gives the spaces chart', async () => {
    const { summary, record, url } = await openSampleReport('node24-steady');
    const page = record.page;
    expect(await page.locator('.verdict').getAttribute('data-verdict')).toBe('none');
    expect(await page.locator('.verdict-title').textContent()).toBe('No leak');
    expectMarksMatchSeries(await chartMarks(page, 0, DATASETS), summary.isolates[0]!, []);
    expect(await page.locator('#chart-missing-0 .missing').textContent()).toContain('--trace-gc-verbose');
    expect(await page.locator('#isolate-select').count()).toBe(0);
    expectNothingLoadedOrLogged(record, url);
    await page.screenshot({ path: `${ARTIFACTS}node24-steady.png`, fullPage: true });
    await page.close();
  }, BROWSER_TIMEOUT_MS);
});

describe('report of a Deno crash (formats/deno-oom)', () => {
  it("names Deno's commands, not node's: the spaces chart's flag and the findings", async () => {
    const { record, url } = await openSampleReport('formats/deno-oom');
    const page = record.page;
    expect(await page.locator('#chart-missing-0 .missing').textContent()).toBe(
      'This log has no per-space figures, so this chart cannot be drawn. Run deno run --v8-flags=--trace-gc,--trace-gc-verbose to record, after every GC, how much the new space, old space, code space and large-object space hold.',
    );
    const shown = await page.locator('body').innerText();
    expect(shown).toContain('deno run --v8-flags=--heap-snapshot-on-oom');
    expect(shown).not.toMatch(/\bnode --|NODE_OPTIONS|--heapsnapshot|--heap-prof/);
    expectNothingLoadedOrLogged(record, url);
    await page.close();
  }, BROWSER_TIMEOUT_MS);
});

describe('report of 9,127 GCs (formats/node4-leak)', () => {
  it('groups every figure of its text by thousands, as the terminal does', async () => {
    const { record, url } = await openSampleReport('formats/node4-leak');
    const shown = await record.page.locator('body').innerText();
    expect(shown).toContain('9,127 GCs');
    expect(shown).toContain('GC took 43.4% of the time in pauses (6,538 ms of 15.1 s).');
    expect(shown).toContain('36,291 per minute');
    expect(shown.match(/(?<![\d.,:x])\d{4,}(?![\d,])/g)).toBeNull();
    expectNothingLoadedOrLogged(record, url);
    await record.page.close();
  }, BROWSER_TIMEOUT_MS);
});

describe('report with per-space data (node20-steady.verbose)', () => {
  it('stacks the spaces, one area per space, one row per GC', async () => {
    const { summary, record, url } = await openSampleReport('node20-steady.verbose');
    const spaceKeys = buildReportDisplay(summary).spaceKeys;
    expect(spaceKeys).toEqual(expect.arrayContaining(['new', 'old', 'code']));
    expect(summary.isolates[0]!.series.spaces.length).toBe(summary.isolates[0]!.counts.total);
    expectMarksMatchSeries(await chartMarks(record.page, 0, DATASETS), summary.isolates[0]!, spaceKeys);
    expect(await record.page.locator('.missing').count()).toBe(0);
    // Every chart has tooltips, and every tooltip line names a field its datum has.
    const tooltips = await tooltipFieldCheck(record.page, 'report');
    expect(Object.keys(tooltips).sort()).toEqual(['allocation', 'heap', 'histogram', 'pauses', 'reasons', 'spaces', 'windows']);
    for (const [chart, check] of Object.entries(tooltips)) {
      expect(check.missing, chart).toEqual([]);
      expect(check.checked, chart).toBeGreaterThan(0);
    }
    // Hovering the spaces chart (a voronoi over a "nearest" rule) shows the spaces of one GC.
    const chart = record.page.locator('.chart[data-chart="spaces"][data-isolate="0"] svg');
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    // From outside the plot, in steps: a move to where the mouse already is would fire no event.
    await record.page.mouse.move(box.x + 2, box.y + 2);
    await record.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
    await record.page.waitForSelector('.tooltip:not([hidden])', { timeout: 20_000 });
    const rows = await record.page.evaluate(() =>
      Object.fromEntries([...document.querySelectorAll('.tooltip .tooltip-row')].map((row) => [row.children[0]!.textContent, row.children[1]!.textContent])),
    );
    expect(Object.keys(rows)).toEqual(['time (s)', ...spaceKeys.map((key) => `${key} (MB)`), 'log line']);
    expect(rows['new (MB)']).toMatch(/^\d[\d,]*\.\d\d$/);
    expect(sampleText('node20-steady.verbose').split('\n')[Number(rows['log line']) - 1]).toMatch(/ ms: (Scavenge|Mark-Compact|Mark-sweep)/);
    expectNothingLoadedOrLogged(record, url);
    await record.page.screenshot({ path: `${ARTIFACTS}node20-steady.verbose.png`, fullPage: true });
    await record.page.close();
  }, BROWSER_TIMEOUT_MS);
});

describe('report of an app with worker threads (node24-workers)', () => {
  it('lists the isolates main thread first, and the selector switches every chart to the chosen one', async () => {
    const { summary, record, url } = await openSampleReport('node24-workers');
    const page = record.page;
    const isolates = summary.isolates;
    expect(isolates.length).toBeGreaterThan(1);
    const options = await page.locator('#isolate-select option').allTextContents();
    expect(options).toHaveLength(isolates.length);
    expect(options[0]).toMatch(/^main thread /);
    // The worker whose event count differs most from the main thread's: switching must show it.
    const last = isolates.length - 1;
    const mainAddress = isolates[0]!.isolate!;
    expect(traceLines(sampleText('node24-workers')).filter((line) => line.isolate === mainAddress)).toHaveLength(isolates[0]!.series.events.length);
    expect(isolates[last]!.series.events.length).not.toBe(isolates[0]!.series.events.length);

    await page.selectOption('#isolate-select', String(last));
    await waitForCharts(page, last);
    expect(await page.locator(`section.isolate[data-isolate="${last}"]`).isVisible()).toBe(true);
    expect(await page.locator('section.isolate[data-isolate="0"]').isVisible()).toBe(false);
    const marks = await chartMarks(page, last, DATASETS);
    expectMarksMatchSeries(marks, isolates[last]!, []);
    const workerAddress = isolates[last]!.isolate!;
    expect(marks['pauses']!.elements['pausePoints_marks']).toBe(traceLines(sampleText('node24-workers')).filter((line) => line.isolate === workerAddress).length);
    expect(await page.locator(`section.isolate[data-isolate="${last}"] .verdict`).getAttribute('data-verdict')).toBe(isolates[last]!.leak.verdict);
    await page.screenshot({ path: `${ARTIFACTS}node24-workers.worker.png`, fullPage: true });

    await page.selectOption('#isolate-select', '0');
    await waitForCharts(page, 0);
    expectMarksMatchSeries(await chartMarks(page, 0, DATASETS), isolates[0]!, []);
    expectNothingLoadedOrLogged(record, url);
    await page.screenshot({ path: `${ARTIFACTS}node24-workers.png`, fullPage: true });
    await page.close();
  }, BROWSER_TIMEOUT_MS);
});

/** Markup and script that must stay text, the line separators JSON-in-HTML trips on, and length. */
const HOSTILE =
  '</script><script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a> javascript:alert(1) \u2028 \u2029 ' +
  'very long reason '.repeat(60).trim();

describe('report of a damaged log carrying markup and script (issue #7)', () => {
  it('shows the hostile reason, file name and output as text, runs none of it, loads nothing', async () => {
    // A real log, damaged on purpose: one GC's reason and some application output lines replaced.
    const lines = sampleText('node22-leak').split('\n');
    const damagedLine = lines.findIndex((line) => line.includes('allocation failure'));
    lines[damagedLine] = lines[damagedLine]!.replace('allocation failure', HOSTILE);
    lines.splice(damagedLine + 1, 0, '</script><script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', `app says \u2028 and \u2029`);
    const name = 'damaged <img src=x onerror=alert(1)>.log';
    const { path } = writeArtifact(name, lines.join('\n'));
    const { analyzeFiles } = await import('../../src/analyze/analyzer.js');
    const summary = await analyzeFiles([path]);
    // The parser kept the hostile text as the reason of that one GC (else this test would prove nothing).
    expect(summary.isolates[0]!.reasons.find((row) => row.reason === HOSTILE)?.count).toBe(1);
    const { url } = writeArtifact('damaged.html', renderHtmlReport(summary));

    const record = await recordingPage(browser);
    const page = record.page;
    await page.goto(url);
    await waitForCharts(page);
    expect(record.dialogs).toEqual([]);
    expect(record.consoleProblems).toEqual([]);
    expect(record.requests).toEqual([url]);
    expect(await page.locator('table.reasons td.reason').allTextContents()).toContain(HOSTILE);
    expect(await page.locator('.inputs .file').textContent()).toBe(path);
    expect(await page.locator('img, iframe, object, embed, a[href^="javascript:"]').count()).toBe(0);
    // The data block and the four inline scripts (Vega, Vega-Lite, the interpreter, the page's).
    expect(await page.locator('script').count()).toBe(5);
    // The charts still drew every GC, the damaged one included.
    const marks = await chartMarks(page, 0, DATASETS);
    expect(marks['pauses']!.elements['pausePoints_marks']).toBe(summary.isolates[0]!.series.events.length);
    expect(marks['reasons']!.elements['reasonPauseBars_marks']).toBe(summary.isolates[0]!.reasons.length);
    // Hovering everything would be slow; the tooltip of the damaged GC is checked through its data.
    const reasonInData = await page.evaluate(
      (line) =>
        (window as unknown as { gclogReport: { views: Record<number, Record<string, { data(name: string): Array<{ line: number; reason: string }> }>> } }).gclogReport.views[0]!['pauses']!
          .data('events')
          .find((event) => event.line === line)!.reason,
      damagedLine + 1,
    );
    expect(HOSTILE.startsWith(reasonInData.slice(0, -1))).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}damaged.png`, fullPage: true });
    await page.close();
  }, BROWSER_TIMEOUT_MS);
});

describe('report of a Chrome trace-event file (node22-leak.trace-events.json)', () => {
  it('draws every chart from the MinorGC/MajorGC pairs, one mark per GC in the file', async () => {
    const summary = await analyzeFiles([`${SAMPLES}formats/node22-leak.trace-events.json`]);
    const { url } = writeArtifact('node22-leak.trace-events.html', renderHtmlReport(summary));
    const record = await recordingPage(browser);
    await record.page.goto(url);
    await waitForCharts(record.page);
    const isolate = summary.isolates[0]!;
    const marks = await chartMarks(record.page, 0, DATASETS);
    expectMarksMatchSeries(marks, isolate, []);
    // Counted in the file itself: the end events of the GC pairs.
    const raw = (JSON.parse(readFileSync(`${SAMPLES}formats/node22-leak.trace-events.json`, 'utf8')) as { traceEvents: Array<{ name: string; ph: string }> }).traceEvents;
    const ends = raw.filter((event) => (event.name === 'MinorGC' || event.name === 'MajorGC') && event.ph === 'E');
    expect(marks['pauses']!.elements['pausePoints_marks']).toBe(ends.length);
    expect(marks['heap']!.elements['markCompacts_marks']).toBe(ends.filter((event) => event.name === 'MajorGC').length);
    expectNothingLoadedOrLogged(record, url);
    await record.page.close();
  }, BROWSER_TIMEOUT_MS);
});

describe('report of a gclog run log (samples/run/node22-npm-cluster.log)', () => {
  it('draws every traced process as a bar on one clock, in order of start, with its GCs inside it', async () => {
    const opened = await openSampleReport('run/node22-npm-cluster');
    const page = opened.record.page;
    const rows = await page.$$eval('.process-timeline tbody tr', (trs) =>
      trs.map((tr) => {
        const bar = tr.querySelector('.process-bar')!.getBoundingClientRect();
        const life = tr.querySelector('.lifetime')!.getBoundingClientRect();
        // A process without GC has no span: its bar is a dot at its start.
        const gcs = (tr.querySelector('.gc-span') ?? tr.querySelector('.lifetime'))!.getBoundingClientRect();
        return { name: tr.querySelector('.process-name')!.textContent, barLeft: bar.left, barRight: bar.right, lifeLeft: life.left, lifeRight: life.right, gcLeft: gcs.left, gcRight: gcs.right };
      }),
    );
    // npm started first (0 s); the cluster's primary (no GC) 0.2 s later; its two workers at 0.3 s, their GCs running to 3.4 s.
    expect(rows.map((row) => row.name)).toEqual(['npm start --prefix app (package manager)', 'node cluster-app.js 3', 'node cluster-app.js 3 (pid 1605)', 'node cluster-app.js 3 (pid 1606)']);
    for (const row of rows) {
      expect(row.lifeLeft).toBeGreaterThanOrEqual(row.barLeft - 0.5);
      expect(row.lifeRight).toBeLessThanOrEqual(row.barRight + 0.5);
      expect(row.gcLeft).toBeGreaterThanOrEqual(row.lifeLeft - 0.5);
      expect(row.gcRight).toBeLessThanOrEqual(row.lifeRight + 0.5);
    }
    expect(rows[1]!.lifeLeft).toBeGreaterThan(rows[0]!.lifeLeft + 10);
    expect(rows[2]!.lifeLeft).toBeGreaterThan(rows[1]!.lifeLeft);
    // The process whose last GC is the latest ends at the right edge of the axis (the cell's 8 px padding apart).
    expect(Math.min(...rows.map((row) => row.barRight - row.lifeRight))).toBeCloseTo(8, 0);
    expect(opened.record.requests).toEqual([opened.url]);
    expect(opened.record.consoleProblems).toEqual([]);
    await page.close();
  }, BROWSER_TIMEOUT_MS);
});

describe('report of an out-of-memory report alone (node22-oom.plain.log: one Mark-Compact, no --trace-gc)', () => {
  it('says the GC overhead is not measured, and why, where the share would be', async () => {
    const opened = await openSampleReport('node22-oom.plain');
    const page = opened.record.page;
    const card = page.locator('section.isolate[data-isolate="0"] .card', { hasText: 'GC overhead' });
    expect(await card.locator('.value').textContent()).toBe('not measured');
    expect(await card.locator('.detail').textContent()).toBe(
      "the log holds only the out-of-memory report's last GC (over 44.9 ms), not the run: record with --trace-gc to measure it",
    );
    expect(await page.locator('section.isolate[data-isolate="0"]').textContent()).not.toMatch(/100%/);
    expect(opened.record.consoleProblems).toEqual([]);
    await page.close();
  }, BROWSER_TIMEOUT_MS);
});

describe('report of a Node 8 log whose Mark-Compacts print their marking steps (node8-steady.log)', () => {
  it('puts the incremental marking steps beside the paused time on the GC overhead card, as the terminal does', async () => {
    // 7,575.6 ms of pauses in 20.0 s; its 72 Mark-sweep lines print 2,781.4 ms of steps "(+ N ms in M steps …)".
    const opened = await openSampleReport('node8-steady');
    const page = opened.record.page;
    const card = page.locator('section.isolate[data-isolate="0"] .card', { hasText: 'GC overhead' });
    expect(await card.locator('.value').textContent()).toBe('38%');
    expect(await card.locator('.detail').textContent()).toBe('7,576 ms paused in 20.0 s, plus 2,781 ms of incremental marking steps between the pauses');
    expect(opened.record.consoleProblems).toEqual([]);
    await page.close();
  }, BROWSER_TIMEOUT_MS);
});

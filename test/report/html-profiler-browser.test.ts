// The HTML report of a v8.GCProfiler result in a real headless Chromium: its GCs carry no time, so
// every chart is drawn over the GC number, one mark per GC of the file, and nothing on the page
// claims a time it cannot know. Counts come from the JSON file itself, not from gclog's parser.

import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import type { Summary } from '../../src/analyze/summary.js';
import { GC_NUMBER_TITLE } from '../../src/report/html/chart-parts.js';
import { renderHtmlReport, UNTIMED_CHARTS_NOTE } from '../../src/report/html/render-html.js';
import { chartMarks, launchBrowser, recordingPage, tooltipFieldCheck, waitForCharts, type PageRecord } from './browser.js';
import { samplePath, SAMPLES, writeArtifact } from './samples.js';

const BROWSER_TIMEOUT_MS = 60_000;
const DATASETS = ['events', 'floors', 'trend', 'spaces', 'histogram', 'reasons'];
const PROFILE = `${SAMPLES}formats/node22-leak.gcprofiler.json`;
const TIME_TITLE = 'time since the isolate started (s)';

/** The GC entries of the profile, in the order it recorded them: Scavenge and MarkSweepCompact. */
const raw = JSON.parse(readFileSync(PROFILE, 'utf8')) as {
  startTime: number;
  endTime: number;
  statistics: Array<{ gcType: string; cost: number; afterGC: { heapStatistics: { heapSizeLimit: number } } }>;
};
const gcs = raw.statistics.filter((entry) => entry.gcType === 'Scavenge' || entry.gcType === 'MarkSweepCompact');
const markSweeps = gcs.filter((entry) => entry.gcType === 'MarkSweepCompact');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, BROWSER_TIMEOUT_MS);
afterAll(async () => {
  await browser?.close();
}, BROWSER_TIMEOUT_MS);

async function openReport(summary: Summary, fileName: string): Promise<{ record: PageRecord; url: string }> {
  const { url } = writeArtifact(fileName, renderHtmlReport(summary));
  const record = await recordingPage(browser);
  await record.page.goto(url);
  await waitForCharts(record.page);
  return { record, url };
}

/** The x axis title of each drawn chart of an isolate (the axis whose domain runs along the bottom). */
async function xAxisTitles(record: PageRecord, isolateIndex: number): Promise<Record<string, string>> {
  return record.page.evaluate((index) => {
    const titles: Record<string, string> = {};
    for (const container of document.querySelectorAll(`.chart[data-isolate="${index}"]`)) {
      const axis = container.querySelector('g.role-axis[aria-label^="X-axis"]');
      const title = axis?.querySelector('g.role-axis-title text')?.textContent;
      if (title != null) titles[container.getAttribute('data-chart')!] = title;
    }
    return titles;
  }, isolateIndex);
}

describe('report of a v8.GCProfiler result (node22-leak.gcprofiler.json)', () => {
  let record: PageRecord;
  let url: string;
  beforeAll(async () => {
    ({ record, url } = await openReport(await analyzeFiles([PROFILE]), 'node22-leak.gcprofiler.html'));
  }, BROWSER_TIMEOUT_MS);
  afterAll(async () => {
    await record?.page.close();
  });

  it('draws the charts over the GC number, one mark per GC of the file, with no Vega error', async () => {
    expect([gcs.length, markSweeps.length]).toEqual([202, 22]);
    const marks = await chartMarks(record.page, 0, DATASETS);
    // No GC-per-second, allocation-rate or reasons chart: the profile has no times and no reasons.
    expect(Object.keys(marks).sort()).toEqual(['heap', 'histogram', 'pauses', 'spaces']);
    expect(marks['heap']!.elements['heapPoints_marks']).toBe(202);
    expect(marks['heap']!.elements['markCompacts_marks']).toBe(22);
    expect(marks['heap']!.elements['floors_marks']).toBe(22);
    expect(marks['heap']!.elements['floorTrend_marks']).toBeUndefined();
    expect(marks['heap']!.groups['heapAfter_marks']).toBe(1);
    expect(marks['pauses']!.elements['pausePoints_marks']).toBe(202);
    expect(marks['spaces']!.data['spaces']).toBe(202);
    expect(marks['histogram']!.elements['histogramBars_marks']).toBeGreaterThan(0);
    expect(record.requests).toEqual([url]);
    expect(record.consoleProblems).toEqual([]);
    const tooltips = await tooltipFieldCheck(record.page, 'report');
    for (const [chart, check] of Object.entries(tooltips)) expect(check.missing, chart).toEqual([]);
  }, BROWSER_TIMEOUT_MS);

  it('places the Nth GC of the file at x = N, with its cost as the pause', async () => {
    const drawn = await record.page.evaluate(() => {
      type Item = { datum: { gcNumber: number; pauseMs: number; type: string }; items?: Node[] };
      type Node = { name?: string; items: Item[] };
      const view = (window as unknown as { gclogReport: { views: Record<number, Record<string, { scenegraph(): { root: Node } }>> } }).gclogReport.views[0]!['pauses']!;
      const points: Array<{ gcNumber: number; pauseMs: number; type: string }> = [];
      const walk = (node: Node): void => {
        for (const item of node.items) {
          if (node.name === 'pausePoints_marks') points.push({ gcNumber: item.datum.gcNumber, pauseMs: item.datum.pauseMs, type: item.datum.type });
          for (const child of item.items ?? []) walk(child);
        }
      };
      walk(view.scenegraph().root);
      return points;
    });
    expect(drawn.map((point) => point.gcNumber)).toEqual(gcs.map((_, index) => index + 1));
    drawn.forEach((point, index) => expect(point.pauseMs).toBeCloseTo(gcs[index]!.cost / 1000, 9));
    expect(drawn.map((point) => point.type === 'Mark-Compact')).toEqual(gcs.map((entry) => entry.gcType === 'MarkSweepCompact'));
    // The first GC of the file: a Scavenge of 21272.8 µs.
    expect(drawn[0]).toEqual({ gcNumber: 1, pauseMs: 21.2728, type: 'Scavenge' });
  }, BROWSER_TIMEOUT_MS);

  it('the tooltip of the longest pause names its GC number and its cost, no time', async () => {
    const costs = gcs.map((entry) => entry.cost);
    const longest = costs.indexOf(Math.max(...costs));
    expect([longest + 1, costs[longest], gcs[longest]!.gcType]).toEqual([41, 201648, 'Scavenge']);
    const page = record.page;
    await page.locator('.chart[data-chart="pauses"][data-isolate="0"]').scrollIntoViewIfNeeded();
    const target = await page.evaluate((position) => {
      // The SVG renderer draws a mark's items in order, one element each: the Nth element is GC N.
      const element = document.querySelector('.chart[data-chart="pauses"][data-isolate="0"] g.pausePoints_marks')!.children[position]!;
      const box = element.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }, longest);
    await page.mouse.move(target.x - 20, target.y - 20);
    await page.mouse.move(target.x, target.y);
    await page.waitForSelector('.tooltip:not([hidden])', { timeout: 20_000 });
    const rows = await page.evaluate(() =>
      Object.fromEntries([...document.querySelectorAll('.tooltip .tooltip-row')].map((row) => [row.children[0]!.textContent, row.children[1]!.textContent])),
    );
    expect(rows['GC number']).toBe('41');
    expect(rows['pause (ms)']).toBe('201.65');
    expect(rows['GC']).toBe('Scavenge');
    expect(Object.keys(rows)).not.toContain('time (s)');
    await page.mouse.move(0, 0);
  }, BROWSER_TIMEOUT_MS);

  it('titles every x axis with the GC number, and no axis with time', async () => {
    expect(await xAxisTitles(record, 0)).toEqual({ heap: GC_NUMBER_TITLE, pauses: GC_NUMBER_TITLE, spaces: GC_NUMBER_TITLE, histogram: 'pause' });
    expect(GC_NUMBER_TITLE).toBe('GC number (in the order recorded; the profiler gives no time)');
    const svgText = await record.page.evaluate(() => [...document.querySelectorAll('.chart svg text')].map((text) => text.textContent).join('\n'));
    expect(svgText).not.toContain('(s)');
    expect(svgText).not.toContain('time since');
  }, BROWSER_TIMEOUT_MS);

  it('says why the time charts are missing, and claims nothing per time', async () => {
    const text = await record.page.evaluate(() => document.body.innerText);
    expect(UNTIMED_CHARTS_NOTE).toBe(
      'Left out: GC pause time by the second and the allocation rate, which need the time of each GC; the profiler records none. ' +
        'The charts place each GC by its number, in the order the profiler recorded them.',
    );
    expect(text).toContain(UNTIMED_CHARTS_NOTE);
    const spanS = ((raw.endTime - raw.startTime) / 1000).toFixed(1);
    const pauseMs = gcs.reduce((sum, entry) => sum + entry.cost, 0) / 1000;
    expect([spanS, pauseMs.toFixed(0)]).toEqual(['8.0', '4790']);
    // The sentences that would claim time in a timed log, as they read here.
    expect(text).toContain(`GC paused for ${((pauseMs / (raw.endTime - raw.startTime)) * 100).toFixed(1)}% of the profile's span (${Math.round(pauseMs).toLocaleString('en-US')} ms of ${spanS} s; the time of each GC is not recorded).`);
    expect(text).toContain('Here: 180 Scavenges. Each paused the program 19.8 ms on average and freed 5.3 MB.');
    expect(text).toContain('How fast objects were promoted to the old space is unknown: the profiler records no time for each GC.');
    expect(text).toContain(
      'Leaving out the first fifth of the Mark-Compacts, 18 of 22 remain, read in the order recorded (the profiler gives no time, so no trend per minute): their median floor is 46.6 MB.',
    );
    expect(text).toContain("In this run young GCs took 75% of the pause time and Mark-Compacts 25%; all GC together paused for 60% of the profile's span.");
    // What a timed log's report would say: a rate, a count per minute, a share of the time, a second.
    for (const claim of ['per second', '0 per minute', 'one every', 'MB/s', 'MB/min', '% of the time', 'GC time per second', 'Allocation rate', 'at 0 s', 'over 0.0 s']) {
      expect(text, claim).not.toContain(claim);
    }
    const cards = await record.page.evaluate(() =>
      [...document.querySelectorAll('section[data-isolate="0"] .card')].map((card) => [...card.children].map((part) => part.textContent).join(' | ')),
    );
    expect(raw.statistics.at(-1)!.afterGC.heapStatistics.heapSizeLimit / 1024 / 1024).toBe(4144);
    expect(cards).toEqual([
      'Profile span | 8.0 s | 202 GCs, their times not recorded',
      'GC share of the profile | 60% | 4,790 ms paused in a profile of 8.0 s',
      'p99 pause | 105 ms | p50 14.4 ms, p95 70.7 ms',
      'Max pause | 202 ms | a Scavenge',
      'Worst second | — | unknown: the profiler records no time for each GC',
      'Peak heap | 257 MB | used; last 174 MB; committed peak 285 MB, last 285 MB; heap limit 4,144 MB',
      'Floor, in order | 33.3 MB → 59.0 MB | over 22 Mark-Compacts; no trend per minute (the profiler records no time for each GC)',
    ]);
  }, BROWSER_TIMEOUT_MS);
});

describe('report of a timed log and a GCProfiler result together', () => {
  it('draws each isolate on its own axis: time for the log, the GC number for the profile', async () => {
    const summary = await analyzeFiles([samplePath('node22-leak'), PROFILE]);
    expect(summary.isolates.map((isolate) => isolate.timeKnown)).toEqual([true, false]);
    const { record, url } = await openReport(summary, 'node22-leak-and-gcprofiler.html');
    try {
      const timed = await xAxisTitles(record, 0);
      expect(timed).toMatchObject({ heap: TIME_TITLE, pauses: TIME_TITLE, windows: TIME_TITLE, allocation: TIME_TITLE });
      await record.page.selectOption('#isolate-select', '1');
      await waitForCharts(record.page, 1);
      expect(await xAxisTitles(record, 1)).toEqual({ heap: GC_NUMBER_TITLE, pauses: GC_NUMBER_TITLE, spaces: GC_NUMBER_TITLE, histogram: 'pause' });
      const marks = await chartMarks(record.page, 1, DATASETS);
      expect(marks['pauses']!.elements['pausePoints_marks']).toBe(gcs.length);
      expect(marks['heap']!.elements['markCompacts_marks']).toBe(markSweeps.length);
      // The note stands under the profile's charts only.
      expect(await record.page.locator('section[data-isolate="0"] .untimed-charts').count()).toBe(0);
      expect(await record.page.locator('section[data-isolate="1"] .untimed-charts').textContent()).toBe(UNTIMED_CHARTS_NOTE);
      expect(record.requests).toEqual([url]);
      expect(record.consoleProblems).toEqual([]);
    } finally {
      await record.page.close();
    }
  }, BROWSER_TIMEOUT_MS * 2);
});

/** The GCProfiler results of samples/formats (one printed as a line of an app's output). */
const PROFILES = ['node18-steady.gcprofiler.json', 'node20-steady.gcprofiler.json', 'node22-steady.gcprofiler.json', 'node24-leak.gcprofiler.json', 'node24-steady.gcprofiler.json', 'node26-steady.gcprofiler.json', 'node22-steady.gcprofiler-stdout.log'];

/** The profile's GC entries, read from the file: the JSON, or the line of output that holds it. */
function profileGcs(file: string): Array<{ gcType: string }> {
  const text = readFileSync(`${SAMPLES}formats/${file}`, 'utf8');
  const json = file.endsWith('.json') ? text : text.split('\n').find((line) => line.startsWith('{"version"'))!;
  return (JSON.parse(json) as { statistics: Array<{ gcType: string }> }).statistics.filter((entry) => entry.gcType === 'Scavenge' || entry.gcType === 'MarkSweepCompact');
}

describe('every GCProfiler sample', () => {
  it.each(PROFILES)('%s: one pause mark per GC of the file, over the GC number, no Vega warning', async (file) => {
    const fileGcs = profileGcs(file);
    const { record } = await openReport(await analyzeFiles([`${SAMPLES}formats/${file}`]), `${file}.html`);
    try {
      const marks = await chartMarks(record.page, 0, DATASETS);
      expect(marks['pauses']!.elements['pausePoints_marks']).toBe(fileGcs.length);
      expect(marks['heap']!.elements['markCompacts_marks'] ?? 0).toBe(fileGcs.filter((entry) => entry.gcType === 'MarkSweepCompact').length);
      expect((await xAxisTitles(record, 0))['pauses']).toBe(GC_NUMBER_TITLE);
      expect(record.consoleProblems).toEqual([]);
    } finally {
      await record.page.close();
    }
  }, BROWSER_TIMEOUT_MS);
});

// The comparison page in a real browser (Chromium): both runs drawn on every chart, the verdict
// on top, no console error (a CSP violation is one), no request beyond the file itself.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import { compareSummaries } from '../../src/compare/compare.js';
import { RUN_COLORS } from '../../src/report/html-compare/charts.js';
import { renderComparisonHtml } from '../../src/report/html-compare/page.js';
import { launchBrowser, recordingPage, tooltipFieldCheck } from '../report/browser.js';

const ARTIFACTS = resolve('test-artifacts');
const CHARTS = ['chart-heap', 'chart-pauses', 'chart-pause-share', 'chart-windows'];
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function writePage(beforePath: string, afterPath: string, name: string): Promise<string> {
  const before = await analyzeFiles([beforePath]);
  const after = await analyzeFiles([afterPath]);
  const path = join(ARTIFACTS, `${name}.html`);
  writeFileSync(path, renderComparisonHtml(compareSummaries(before, after), before, after));
  return path;
}

interface PageReport {
  verdict: string;
  problems: string[];
  /** Per chart: data marks (legends excluded) drawn in the before and after colours. */
  marks: Record<string, { before: number; after: number }>;
  firstRow: string;
  pausesNote: string;
}

async function openPage(path: string, screenshot: string): Promise<PageReport> {
  const { page, requests, consoleProblems, dialogs } = await recordingPage(browser);
  await page.goto(pathToFileURL(path).href);
  await page.waitForSelector('body[data-charts="ready"], body[data-charts="failed"]', { timeout: 60_000 });
  const marks = await page.evaluate(
    ({ charts, colors }) => {
      const result: Record<string, { before: number; after: number }> = {};
      for (const id of charts) {
        // Data marks live in role-mark groups; legend swatches are role-legend-symbol.
        const shapes = [...document.querySelectorAll(`#${id} g.role-mark path, #${id} g.role-mark line`)];
        const colourOf = (element: Element) => `${element.getAttribute('fill') ?? ''} ${element.getAttribute('stroke') ?? ''}`.toLowerCase();
        result[id] = {
          before: shapes.filter((shape) => colourOf(shape).includes(colors.before)).length,
          after: shapes.filter((shape) => colourOf(shape).includes(colors.after)).length,
        };
      }
      return result;
    },
    { charts: CHARTS, colors: RUN_COLORS },
  );
  // Every tooltip line of every chart names a field its datum has (a constant tooltip is not checked by Vega-Lite).
  const tooltips = await tooltipFieldCheck(page, 'compare');
  const tooltipProblems = Object.entries(tooltips).flatMap(([chart, check]) =>
    check.checked === 0 ? [`${chart}: no tooltip`] : check.missing.map((field) => `${chart}: tooltip field ${field} missing`),
  );
  const verdict = (await page.textContent('#verdict-word'))?.trim() ?? '';
  const firstRow = (await page.textContent('table.metrics tbody tr'))?.trim() ?? '';
  const pausesNote = (await page.locator('#chart-pauses').locator('xpath=preceding-sibling::p[1]').textContent()) ?? '';
  const problems = [
    ...tooltipProblems,
    ...consoleProblems,
    ...dialogs,
    ...requests.filter((url) => url !== pathToFileURL(path).href).map((url) => `request: ${url}`),
  ];
  if ((await page.getAttribute('body', 'data-charts')) !== 'ready') problems.push('charts failed');
  await page.screenshot({ path: join(ARTIFACTS, screenshot), fullPage: true });
  await page.close();
  return { verdict, problems, marks, firstRow, pausesNote };
}

describe('comparison page in Chromium', () => {
  it(
    'draws the leak fix as improved, both runs on every chart, with no request and no error',
    async () => {
      const report = await openPage(await writePage('samples/compare/leak-before.log', 'samples/compare/leak-after.log', 'compare-leak'), 'compare-leak.png');
      expect(report.problems).toEqual([]);
      expect(report.verdict).toBe('improved');
      expect(report.firstRow).toMatch(/^✱ Leak verdict\s*leak\s*none/);
      // One point per GC line: 278 in leak-before.log, 508 in leak-after.log (see cli.test.ts).
      expect(report.marks['chart-pauses']).toEqual({ before: 278, after: 508 });
      for (const id of CHARTS) {
        expect(report.marks[id]!.before, `${id} before`).toBeGreaterThan(0);
        expect(report.marks[id]!.after, `${id} after`).toBeGreaterThan(0);
      }
    },
    120_000,
  );

  it(
    'draws the small semi-space as improved (shorter pauses; more GC time, within the default run’s swing), both runs on every chart',
    async () => {
      const report = await openPage(await writePage('samples/compare/semi-default.log', 'samples/compare/semi-small.log', 'compare-semi'), 'compare-semi.png');
      expect(report.problems).toEqual([]);
      expect(report.verdict).toBe('improved');
      // 233 GC lines in semi-default.log, all drawn; of the 1887 in semi-small.log the analyzer keeps
      // a thinned series for drawing, and the page says how many it drew.
      expect(report.marks['chart-pauses']!.before).toBe(233);
      const drawn = /Drawn: ([\d,]+) of the 1,887 GCs of the after run/.exec(report.pausesNote);
      expect(drawn).not.toBeNull();
      expect(report.marks['chart-pauses']!.after).toBe(Number(drawn![1]!.replace(/,/g, '')));
      for (const id of CHARTS) {
        expect(report.marks[id]!.before, `${id} before`).toBeGreaterThan(0);
        expect(report.marks[id]!.after, `${id} after`).toBeGreaterThan(0);
      }
    },
    120_000,
  );

  it(
    'shows log text as text: an input name with markup stays inert',
    async () => {
      const before = await analyzeFiles(['samples/compare/leak-before.log']);
      const after = await analyzeFiles(['samples/compare/leak-after.log']);
      const hostile = '<img src=x onerror="document.title=1"></script><script>document.title=2</script>\u2028';
      after.inputs[0]!.name = hostile;
      after.isolates[0]!.reasons.push({ reason: hostile, count: 1, pauseMs: 1, forced: false });
      after.isolates[0]!.series.events[0]!.reason = hostile;
      const path = join(ARTIFACTS, 'compare-hostile.html');
      writeFileSync(path, renderComparisonHtml(compareSummaries(before, after), before, after));
      const { page, requests, consoleProblems, dialogs } = await recordingPage(browser);
      await page.goto(pathToFileURL(path).href);
      await page.waitForSelector('body[data-charts="ready"]', { timeout: 60_000 });
      expect(await page.title()).toBe('gclog compare: improved');
      expect(await page.locator('ul.inputs').textContent()).toContain(hostile);
      expect(await page.locator('img').count()).toBe(0);
      expect([...consoleProblems, ...dialogs]).toEqual([]);
      expect(requests).toEqual([pathToFileURL(path).href]);
      await page.close();
    },
    120_000,
  );
});

describe('comparison page with several runs a side', () => {
  it('says how many runs each side combines and gives each judged value its interval', async () => {
    const before = [await analyzeFiles(['samples/compare/leak-before.log']), await analyzeFiles(['samples/compare/semi-default.log'])];
    const after = [await analyzeFiles(['samples/compare/leak-after.log'])];
    const html = renderComparisonHtml(compareSummaries(before, after), before[0]!, after[0]!);
    expect(html).toContain('samples/compare/leak-before.log, samples/compare/semi-default.log</span> <span class="note">2 runs: the table gives their medians, the charts draw the first</span>');
    // p95 of all pauses: 142.33 ms (leak-before) and 86.41 ms (semi-default) are both inside the before side's interval.
    const p95 = /<tr [^>]*data-metric="pause\.p95\.all"><td>[^<]*<\/td><td title="90% interval: ([\d.]+) ms to ([\d.]+) ms">/.exec(html);
    expect(p95).not.toBeNull();
    expect(Number(p95![1])).toBeLessThanOrEqual(86.41);
    expect(Number(p95![2])).toBeGreaterThanOrEqual(142.33);
  });
});

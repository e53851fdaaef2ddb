// The fleet page in a real headless Chromium, opened from file://: one row and one dot per
// isolate, verdict counts, outliers, and each row's link opening that run's analyze report.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { launchBrowser, recordingPage, waitForCharts } from '../report/browser.js';
import { samplePath } from '../support/samples.js';

const TIMEOUT_MS = 120_000;
const SAMPLES = ['node22-oom.log', 'node22-leak.log', 'node22-steady.log', 'node18-workers.log', 'node20-steady.log'].map(samplePath);

let browser: Browser;
let folder: string;
let page: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'gclog-fleet-html-'));
  page = join(folder, 'fleet.html');
  const result = runCli(['fleet', ...SAMPLES, '--html', '--out', page]);
  expect(result.status, result.stderr).toBe(0);
  browser = await launchBrowser();
}, TIMEOUT_MS);
afterAll(async () => {
  await browser?.close();
  rmSync(folder, { recursive: true, force: true });
}, TIMEOUT_MS);

describe('fleet page in Chromium', { timeout: TIMEOUT_MS }, () => {
  it('shows one row per isolate, worst first, with the verdict counts and a dot per isolate in each distribution', async () => {
    const json = JSON.parse(runCli(['fleet', ...SAMPLES, '--json']).stdout) as { rows: Array<{ file: string; leak: string; floorTrendMbPerMinute: number | null }> };
    const record = await recordingPage(browser);
    await record.page.goto(pathToFileURL(page).href);
    const rows = await record.page.$$eval('#rows tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows).toHaveLength(json.rows.length);
    expect(rows.map((cells) => cells[1])).toEqual(json.rows.map((row) => row.leak));
    expect(rows[0]![2]).toBe('OOM');
    const headline = await record.page.textContent('#headline');
    expect(headline).toBe('8 isolates in 5 runs (5 files): 1 out of memory; leak verdicts: 2 leak, 0 suspected, 3 none, 3 insufficient-data');
    const dots = await record.page.$$eval('svg.strip', (svgs) => svgs.map((svg) => svg.querySelectorAll('circle').length));
    // p99 and GC time for every isolate; the floor trend only where there is one.
    expect(dots).toEqual([8, 8, json.rows.filter((row) => row.floorTrendMbPerMinute !== null).length]);
    const verdicts = await record.page.$$eval('table.verdicts tr', (trs) => trs.map((tr) => [tr.children[0]!.textContent, tr.children[1]!.textContent]));
    expect(verdicts).toEqual([
      ['leak', '2'],
      ['suspected', '0'],
      ['none', '3'],
      ['insufficient-data', '3'],
      ['out of memory', '1'],
    ]);
    expect(record.requests.every((url) => url.startsWith('file://'))).toBe(true);
    expect(record.consoleProblems).toEqual([]);
    await record.page.close();
  });

  it("opens the run's analyze report from its row", async () => {
    const record = await recordingPage(browser);
    await record.page.goto(pathToFileURL(page).href);
    const link = record.page.locator('#rows tbody tr').nth(1).locator('a');
    expect(await link.textContent()).toBe(samplePath('node22-leak.log'));
    await link.click();
    await record.page.waitForURL(/fleet\.reports\/2-node22-leak\.gclog\.html$/);
    await waitForCharts(record.page);
    expect(await record.page.textContent('body')).toContain('node22-leak.log');
    expect(record.consoleProblems).toEqual([]);
    await record.page.close();
  });
});

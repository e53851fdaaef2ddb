// The heapdiff page in a real headless Chromium: it loads nothing, logs nothing, runs no script, and
// shows the growers of the committed snapshots with what holds them; hostile class names stay text.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeapDiff } from '../../src/heapdiff/diff.js';
import { heapdiffFiles } from '../../src/heapdiff/heapdiff.js';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import { renderHtmlReport } from '../../src/report/html/render-html.js';
import { renderHeapDiffHtml } from '../../src/report/heapdiff/html.js';
import { linkHeapDiff } from '../../src/report/heapdiff/link.js';
import { launchBrowser, recordingPage } from '../report/browser.js';
import { SNAPSHOTS } from './samples.js';

const ARTIFACTS = resolve('test-artifacts');
let browser: Browser;
let diff: HeapDiff;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [browser, diff] = await Promise.all([launchBrowser(), heapdiffFiles(SNAPSHOTS)]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function open(name: string, html: string) {
  const path = join(ARTIFACTS, name);
  writeFileSync(path, html);
  const record = await recordingPage(browser);
  const url = pathToFileURL(path).href;
  await record.page.goto(url);
  return { record, url };
}

describe('heapdiff HTML report', () => {
  it('shows the headline, the growers with their retainers, and the batch among the others', async () => {
    const { record, url } = await open('heapdiff.html', renderHeapDiffHtml(diff, 'gclog'));
    const page = record.page;
    expect(await page.locator('#headline h2').textContent()).toBe('10 classes grew at every one of the 2 steps, the mark of a leak; most: ArrayBuffer, +3.1 MB (+200 instances).');
    expect(await page.locator('#headline .badge').textContent()).toBe('grew at every step');
    const growing = await page.locator('#growing td.class').allTextContents();
    expect(growing.slice(0, 5)).toEqual(['ArrayBuffer', 'CacheEntry', 'Object', 'onConfigChange()', 'Grant']);
    expect(growing).not.toContain('LruEntry');
    expect(growing).not.toContain('BatchRow');
    const held = await page.locator('#growing td.held').allTextContents();
    expect(held).toContain('held by Map grantsByRequest ← module scope of leaky-service.cjs (all 2,000 sampled instances)');
    expect((await page.locator('#changed td.class').allTextContents())[0]).toBe('BatchRow');
    // What rose at every step by less than 16 KB has its own heading, not "not at every step".
    expect(await page.locator('#rose-little td.class').allTextContents()).toEqual(['handleRequest()', 'BatchRow()']);
    expect(await page.locator('h2.section').allTextContents()).toEqual([
      'Grew at every step',
      'Rose at every step, but by less than 16.0 KB in all (too little to call growth)',
      'Changed, but not at every step (not a leak by this rule)',
    ]);
    // A bar per grower, drawn (inline widths are allowed by the CSP).
    const barWidths = await page.locator('#growing .bar').evaluateAll((bars) => bars.map((bar) => bar.getBoundingClientRect().width));
    expect(barWidths[0]).toBe(120);
    expect(barWidths.every((width) => width >= 1)).toBe(true);
    // The whole diff is in the page as data.
    const data = JSON.parse((await page.locator('#gclog-data').textContent())!) as HeapDiff;
    expect(data.growing.map((entry) => entry.className)).toEqual(diff.growing.map((entry) => entry.className));
    expect(record.requests).toEqual([url]);
    expect(record.consoleProblems).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows a class or property name that holds markup as text, and runs nothing', async () => {
    const hostile = structuredClone(diff);
    hostile.growing[0]!.className = '<img src=x onerror=alert(1)></script><script>alert(2)</script>';
    hostile.growing[0]!.retainer!.text = 'Object <b>bold</b> ← module scope of </script>.js';
    const { record } = await open('heapdiff-hostile.html', renderHeapDiffHtml(hostile, 'gclog'));
    const page = record.page;
    expect((await page.locator('#growing td.class').allTextContents())[0]).toBe(hostile.growing[0]!.className);
    expect((await page.locator('#growing td.held').allTextContents())[0]).toContain('Object <b>bold</b> ← module scope of </script>.js');
    expect(await page.locator('img').count()).toBe(0);
    expect(record.dialogs).toEqual([]);
    expect(record.consoleProblems).toEqual([]);
    await page.close();
  }, 120_000);

  it('the GC report given snapshots shows the growers in its leak finding and in its next steps', async () => {
    const summary = linkHeapDiff(await analyzeFiles(['samples/node22-leak.log']), diff);
    const { record, url } = await open('gc-report-with-snapshots.html', renderHtmlReport(summary));
    const page = record.page;
    const step = summary.isolates[0]!.findings.find((finding) => finding.id === 'leak')!.nextStep;
    expect(step).toMatch(/^What grew at every step of the 3 heap snapshots given: ArrayBuffer/);
    const shown = await page.locator('p.next').allTextContents();
    expect(shown).toContain(step);
    expect(await page.locator('.story li', { hasText: 'What grew at every step of the 3 heap snapshots given' }).count()).toBe(1);
    expect(await page.locator('.story li', { hasText: 'take two heap snapshots' }).count()).toBe(0);
    expect(record.requests).toEqual([url]);
    await page.close();
  }, 120_000);
});

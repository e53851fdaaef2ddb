// Headless Chromium for the report tests: one launch per test file, and a page that records what it did.

import { existsSync } from 'node:fs';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';

/**
 * @sparticuz/chromium is built for serverless: `--single-process` makes closing a page kill the
 * browser, and `--disable-web-security` would blunt the tests that check what the page may load.
 */
const DROPPED_ARGUMENTS = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);

export async function launchBrowser(): Promise<Browser> {
  const args = chromium.args.filter((argument) => !DROPPED_ARGUMENTS.has(argument));
  try {
    return await playwright.launch({ executablePath: await chromium.executablePath(), args, headless: true });
  } catch (error) {
    // Another test file may be unpacking the same Chromium into /tmp right now: wait, retry once,
    // then fall back to a system Chromium.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    try {
      return await playwright.launch({ executablePath: await chromium.executablePath(), args, headless: true });
    } catch {
      if (existsSync('/usr/bin/chromium')) return playwright.launch({ executablePath: '/usr/bin/chromium', args, headless: true });
      throw error;
    }
  }
}

export interface PageRecord {
  page: Page;
  requests: string[];
  consoleProblems: string[];
  dialogs: string[];
}

/** A fresh page that records every request, console error or warning, uncaught error and dialog. */
export async function recordingPage(browser: Browser): Promise<PageRecord> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const record: PageRecord = { page, requests: [], consoleProblems: [], dialogs: [] };
  page.on('request', (request) => record.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') record.consoleProblems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => record.consoleProblems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    record.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return record;
}

/** Waits until every chart of the shown isolate has rendered (rejects if one failed). */
export async function waitForCharts(page: Page, isolateIndex = 0): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { gclogReport?: unknown }).gclogReport !== undefined, null, { timeout: 30_000 });
  await page.evaluate((index) => (window as unknown as { gclogReport: { select(index: number): Promise<void> } }).gclogReport.select(index), isolateIndex);
}

export interface ChartMarks {
  /** Per mark name (`heapPoints_marks` …): SVG elements drawn for it, summed over its groups. */
  elements: Record<string, number>;
  /** Per mark name: how many mark groups (one path each for a line or an area) were drawn. */
  groups: Record<string, number>;
  /** Rows of each named dataset, from the Vega View API. */
  data: Record<string, number>;
}

/** What each chart of an isolate drew, read from its SVG and its Vega view. */
export async function chartMarks(page: Page, isolateIndex: number, datasets: string[]): Promise<Record<string, ChartMarks>> {
  return page.evaluate(
    ({ index, datasets }) => {
      type View = { data(name: string): unknown[] };
      const views = (window as unknown as { gclogReport: { views: Record<number, Record<string, View>> } }).gclogReport.views[index]!;
      const result: Record<string, { elements: Record<string, number>; groups: Record<string, number>; data: Record<string, number> }> = {};
      for (const [chart, view] of Object.entries(views)) {
        const container = document.querySelector(`.chart[data-chart="${chart}"][data-isolate="${index}"]`)!;
        const elements: Record<string, number> = {};
        const groups: Record<string, number> = {};
        for (const group of container.querySelectorAll('svg g.role-mark')) {
          const name = [...group.classList].find((name) => name.endsWith('_marks'));
          if (name === undefined) continue;
          elements[name] = (elements[name] ?? 0) + group.children.length;
          groups[name] = (groups[name] ?? 0) + 1;
        }
        const data: Record<string, number> = {};
        for (const name of datasets) {
          try {
            data[name] = view.data(name).length;
          } catch {
            // This chart does not use that dataset.
          }
        }
        result[chart] = { elements, groups, data };
      }
      return result;
    },
    { index: isolateIndex, datasets },
  );
}

/**
 * Every tooltip line (chart-parts.ts tooltipOf) of every drawn item, checked against the item's
 * datum: per chart, how many lines were checked and which named a field the datum lacks. A constant
 * tooltip is not checked by Vega-Lite, so a misspelt field would otherwise show "—" unnoticed.
 */
export async function tooltipFieldCheck(page: Page, views: 'report' | 'compare', isolateIndex = 0): Promise<Record<string, { checked: number; missing: string[] }>> {
  return page.evaluate(
    ({ which, index }) => {
      type Item = { tooltip?: unknown; datum?: Record<string, unknown>; items?: Node[]; isVoronoi?: boolean };
      type Node = { name?: string; items?: Item[] };
      type View = { scenegraph(): { root: Node } };
      const page = window as unknown as { gclogReport?: { views: Record<number, Record<string, View>> }; gclogCompare?: { views: Record<string, View> } };
      const all = which === 'report' ? page.gclogReport!.views[index]! : page.gclogCompare!.views;
      const result: Record<string, { checked: number; missing: string[] }> = {};
      for (const [chart, view] of Object.entries(all)) {
        const entry = (result[chart] = { checked: 0, missing: [] as string[] });
        const walk = (node: Node): void => {
          for (const item of node.items ?? []) {
            if (typeof item.tooltip === 'string' && item.tooltip.startsWith('[')) {
              // As browser-runtime.ts datumOf: a voronoi cell stands for the item in its datum.
              const datum = item.isVoronoi ? (item.datum?.['datum'] as Record<string, unknown> | undefined) : item.datum;
              for (const line of JSON.parse(item.tooltip) as Array<{ field: string }>) {
                entry.checked++;
                if (datum === undefined || !(line.field in datum)) entry.missing.push(`${node.name ?? '?'}: ${line.field}`);
              }
            }
            for (const child of item.items ?? []) walk(child);
          }
        };
        walk(view.scenegraph().root);
        entry.missing = [...new Set(entry.missing)];
      }
      return result;
    },
    { which: views, index: isolateIndex },
  );
}

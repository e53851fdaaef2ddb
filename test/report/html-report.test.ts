// The HTML report without a browser: the escaper, the chart specs, the embedded data, size and CSP.

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import type { Summary } from '../../src/analyze/summary.js';
import { defaultHtmlPath } from '../../src/cli/analyze-command.js';
import { interpreterAsClassicScript } from '../../src/report/html/assets.js';
import { buildReportDisplay, MAX_ISOLATES_SHOWN, thinKeepingExtremes, TOOLTIP_REASON_CHARS } from '../../src/report/html/display-data.js';
import { escapeHtml, jsonForScript } from '../../src/report/html/escape.js';
import { hasDisplay, openReport } from '../../src/report/html/open-report.js';
import { chartSpecs, renderHtmlReport, reportCharts } from '../../src/report/html/render-html.js';
import { buildStory } from '../../src/report/html/story.js';
import { runCli } from '../cli/run-cli.js';
import { samplePath, sampleSummary, sampleText, traceLines } from './samples.js';

const MAX_REPORT_BYTES = 3 * 1024 * 1024;

describe('jsonForScript', () => {
  const hostile = { reason: '</script><script>alert(1)</script><!-- & \u2028\u2029 >', nested: ['<img src=x onerror=alert(1)>'] };

  it('leaves no character that could end a <script> or break a line in old parsers', () => {
    const json = jsonForScript(hostile);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(json).toContain('\\u2028\\u2029');
  });

  it('reads back to the same value', () => {
    expect(JSON.parse(jsonForScript(hostile))).toEqual(hostile);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that can open a tag or close an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('interpreterAsClassicScript', () => {
  it('turns the ES module into a script that reads vega-util from the global vega', () => {
    const script = interpreterAsClassicScript("import { ascending, isString } from 'vega-util';\nfunction expression() {}\nexport { expression as expressionInterpreter };\n");
    expect(script).toContain('const { ascending, isString } = vega;');
    expect(script).toContain('globalThis.vegaExpressionInterpreter = expression;');
    expect(script).not.toMatch(/^\s*(import|export)\b/m);
  });

  it('refuses a build it does not recognise instead of shipping a broken page', () => {
    expect(() => interpreterAsClassicScript('export default function () {}')).toThrow(/changed shape/);
  });
});

describe('chart specs', () => {
  let leak: Summary;
  beforeAll(async () => {
    leak = await sampleSummary('node22-leak');
  });

  it('each compiles to Vega without a warning, with the marks the page and the tests look for', () => {
    const specs = chartSpecs({ gcTypes: ['Scavenge', 'Mark-Compact'], spaceKeys: ['new', 'old', 'code'], windowThresholdMs: 100 });
    const expectedMarks: Record<string, string[]> = {
      heap: ['heapPoints_marks', 'heapAfter_marks', 'heapBefore_marks', 'committed_marks', 'markCompacts_marks', 'floors_marks', 'floorTrend_marks'],
      pauses: ['pausePoints_marks'],
      pausesLog: ['pausePoints_marks'],
      histogram: ['histogramBars_marks'],
      spaces: ['spaceAreas_marks'],
      windows: ['windowBars_marks', 'thresholdRule_marks'],
      allocation: ['allocationPoints_marks'],
      reasons: ['reasonPauseBars_marks', 'reasonCountBars_marks'],
    };
    for (const [key, spec] of Object.entries(specs)) {
      const warnings: unknown[] = [];
      const logger = { level: () => logger, warn: (...message: unknown[]) => (warnings.push(message), logger), info: () => logger, debug: () => logger, error: (...message: unknown[]) => (warnings.push(message), logger) };
      const vega = JSON.stringify(compile(spec, { logger: logger as never }).spec);
      expect(warnings, key).toEqual([]);
      for (const mark of expectedMarks[key]!) expect(vega, `${key} draws ${mark}`).toContain(`"name":"${mark}"`);
    }
  });

  it('over the GC number: no per-second chart, no trend, nothing read from a time, each compiles without a warning', () => {
    const charts = reportCharts({ gcTypes: ['Scavenge', 'Mark-Compact'], spaceKeys: ['new', 'old'], windowThresholdMs: 100, axis: 'gcNumber' });
    expect(Object.keys(charts).sort()).toEqual(['heap', 'histogram', 'pauses', 'pausesLog', 'reasons', 'spaces']);
    for (const [key, spec] of Object.entries(charts)) {
      const warnings: unknown[] = [];
      const logger = { level: () => logger, warn: (...message: unknown[]) => (warnings.push(message), logger), info: () => logger, debug: () => logger, error: (...message: unknown[]) => (warnings.push(message), logger) };
      const vega = JSON.stringify(compile(spec, { logger: logger as never }).spec);
      expect(warnings, key).toEqual([]);
      for (const word of ['timeMs', 'timeS', 'floorTrend', 'floor trend', '(s)']) expect(vega, `${key}: ${word}`).not.toContain(word);
    }
    expect(JSON.stringify(charts.heap)).toContain('"title":"GC number (in the order recorded; the profiler gives no time)"');
  });

  it('the log-scale pause chart uses a log y scale, the default one a linear scale', () => {
    const specs = chartSpecs({ gcTypes: ['Scavenge'], spaceKeys: [], windowThresholdMs: 100 });
    const yScale = (key: 'pauses' | 'pausesLog') => (compile(specs[key]).spec.scales ?? []).find((scale) => scale.name.endsWith('_y'))!.type;
    expect(yScale('pausesLog')).toBe('log');
    expect(yScale('pauses')).toBe('linear');
  });

  it('embeds one row per GC drawn, with its log line, and a histogram that counts every GC', () => {
    const display = buildReportDisplay(leak);
    const isolate = display.isolates[0]!;
    const lines = traceLines(sampleText('node22-leak'));
    expect(isolate.datasets.events.rows).toHaveLength(lines.length);
    const lineField = isolate.datasets.events.fields.indexOf('line');
    expect(isolate.datasets.events.rows.map((row) => row[lineField])).toEqual(lines.map((line) => line.line));
    const countField = isolate.datasets.histogram.fields.indexOf('count');
    expect(isolate.datasets.histogram.rows.reduce((sum, row) => sum + (row[countField] as number), 0)).toBe(lines.length);
    expect(display.gcTypes).toEqual(['Scavenge', 'Mark-Compact']);
    expect(display.spaceKeys).toEqual([]);
  });

  it('draws the floor trend with the slope the leak verdict used', () => {
    const trend = buildReportDisplay(leak).isolates[0]!.datasets.trend.rows as number[][];
    expect(trend).toHaveLength(2);
    const slopeMbPerMinute = ((trend[1]![1]! - trend[0]![1]!) / (trend[1]![0]! - trend[0]![0]!)) * 60_000;
    expect(slopeMbPerMinute).toBeCloseTo(leak.isolates[0]!.floors.total!.slopeMbPerMinute, 1);
    // The line spans the Mark-Compacts after the warm-up: it ends at the last floor.
    expect(trend[1]![0]).toBe(leak.isolates[0]!.series.floors.at(-1)!.timeMs);
  });

  it('tells the new-space story with the numbers of the log', () => {
    const lines = traceLines(sampleText('node22-leak'));
    const scavenges = lines.filter((line) => line.collector === 'Scavenge').length;
    const markCompacts = lines.filter((line) => line.collector === 'Mark-Compact').length;
    const story = buildStory(leak.isolates[0]!);
    const text = story.map((part) => [part.title, ...part.paragraphs, ...part.steps].join('\n')).join('\n');
    expect(text).toContain(`Here: ${scavenges} Scavenges`);
    expect(text).toContain(`Here: ${markCompacts} Mark-Compacts`);
    expect(text).toContain('So memory leaks');
    expect(story.find((part) => part.key === 'next')!.steps[0]).toMatch(/heap snapshots/);
  });
});

describe('thinKeepingExtremes', () => {
  it('keeps at most the budget, in order, and never drops the maximum', () => {
    const points = Array.from({ length: 10_000 }, (_, index) => ({ index, value: index === 7_777 ? 1_000 : index % 10 }));
    const kept = thinKeepingExtremes(points, 500, [(point) => point.value]);
    expect(kept.length).toBeLessThanOrEqual(500);
    expect(kept.map((point) => point.index)).toEqual([...kept.map((point) => point.index)].sort((a, b) => a - b));
    expect(kept.some((point) => point.index === 7_777)).toBe(true);
  });
});

describe('renderHtmlReport', () => {
  it('allows exactly its own inline scripts by hash, and nothing that could reach the network', async () => {
    const html = renderHtmlReport(await sampleSummary('node22-steady'));
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!.replaceAll('&#39;', "'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("style-src 'unsafe-inline'");
    expect(policy).toContain('img-src data:');
    expect(policy).not.toMatch(/connect-src|unsafe-eval|https?:/);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
    // Vega, Vega-Lite, Vega's expression interpreter, the page's own.
    expect(scripts).toHaveLength(4);
    const hashes = scripts.map((script) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`);
    expect(/script-src ([^;]+)/.exec(policy)![1]!.split(' ')).toEqual(hashes);
    // The markup around the scripts (the vendor runtime itself mentions URLs it never fetches here).
    const markup = html.replace(/<script>[\s\S]*?<\/script>/g, '').replace(/<script type="application\/json" id="gclog-data">[\s\S]*?<\/script>/, '');
    expect(markup).not.toMatch(/<(link|img|iframe|object|embed)\b|\bsrc=|https?:/);
  });

  it('stays under 3 MB for a long log with many isolates and long, distinct reasons', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'gclog-html-'));
    const path = join(directory, 'huge.log');
    writeFileSync(path, hugeLogFromRealLines());
    const summary = await analyzeFiles([path]);
    expect(summary.isolates.length).toBeGreaterThan(MAX_ISOLATES_SHOWN);
    expect(summary.isolates[0]!.series.reduced).toBe(true);
    const html = renderHtmlReport(summary);
    expect(Buffer.byteLength(html)).toBeLessThan(MAX_REPORT_BYTES);
    const display = buildReportDisplay(summary);
    expect(display.isolates).toHaveLength(MAX_ISOLATES_SHOWN);
    expect(display.isolatesNotShown).toBe(summary.isolates.length - MAX_ISOLATES_SHOWN);
    const reasonField = display.isolates[0]!.datasets.events.fields.indexOf('reason');
    for (const row of display.isolates[0]!.datasets.events.rows) expect((row[reasonField] as string).length).toBeLessThanOrEqual(TOOLTIP_REASON_CHARS);
  }, 60_000);
});

/**
 * 30 isolates × 12 repeats of node22-steady's records (about 175,000 GCs, 80 MB): every copy
 * renamed to its own isolate, shifted in time, and its reason replaced by a long unique text.
 */
function hugeLogFromRealLines(): string {
  const records = sampleText('node22-steady').split('\n').filter((line) => /^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: /.test(line));
  const spanMs = Number(/(\d+) ms: /.exec(records.at(-1)!)![1]) + 100;
  const out: string[] = [];
  for (let repeat = 0; repeat < 12; repeat++) {
    for (let isolate = 0; isolate < 30; isolate++) {
      records.forEach((line, index) => {
        out.push(
          line
            .replace(/^\[(\d+):0x[0-9a-f]+\]/, `[$1:0x${(0x1000 + isolate).toString(16)}]`)
            .replace(/(\d+) ms: /, (_, ms: string) => `${Number(ms) + repeat * spanMs} ms: `)
            .replace(/allocation failure;/, `allocation failure ${'x'.repeat(400)} ${repeat}-${isolate}-${index};`),
        );
      });
    }
  }
  return `${out.join('\n')}\n`;
}

describe('gclog analyze --html', () => {
  it('writes the report atomically to --out and says where on stderr', () => {
    const directory = mkdtempSync(join(tmpdir(), 'gclog-cli-'));
    const out = join(directory, 'report.html');
    const result = runCli(['analyze', samplePath('node22-steady'), '--html', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`gclog: wrote ${out}\n`);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
  }, 60_000);

  it('names the file after the log, in the current directory, by default', () => {
    expect(defaultHtmlPath(['/var/log/app/gc.log'])).toBe('gc.gclog.html');
    expect(defaultHtmlPath(['run.log.gz', 'other.log'])).toBe('run.gclog.html');
    expect(defaultHtmlPath(['-'])).toBe('stdin.gclog.html');
    const directory = mkdtempSync(join(tmpdir(), 'gclog-cli-'));
    const result = runCli(['analyze', samplePath('node24-steady'), '--html'], { cwd: directory });
    expect(result.stderr).toBe('gclog: wrote node24-steady.gclog.html\n');
    expect(readFileSync(join(directory, 'node24-steady.gclog.html'), 'utf8').includes('data-verdict="none"')).toBe(true);
  }, 60_000);

  it('--open without a display prints the report URL instead', () => {
    const directory = mkdtempSync(join(tmpdir(), 'gclog-cli-'));
    const env = { ...process.env, NO_COLOR: '1' };
    delete env['DISPLAY'];
    delete env['WAYLAND_DISPLAY'];
    const result = runCli(['analyze', samplePath('node22-steady'), '--open', '--out', 'r.html'], { cwd: directory, env });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      `gclog: wrote r.html\ngclog: no browser started here; open file://${join(directory, 'r.html')}\n` +
        `  From another machine: copy it (scp this-host:${join(directory, 'r.html')} .) or serve its folder (python3 -m http.server 8000 --directory ${directory}) and open http://this-host:8000/r.html\n`,
    );
  }, 60_000);

  it('--open with a display but no browser: the launcher fails, and the URL is printed', () => {
    const directory = mkdtempSync(join(tmpdir(), 'gclog-cli-'));
    // A desktop-less X display whose configured browser is not installed: xdg-open finds nothing to run.
    const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: directory, DISPLAY: ':97', BROWSER: 'gclog-test-no-such-browser', NO_COLOR: '1' };
    const result = runCli(['analyze', samplePath('node22-steady'), '--open', '--out', 'r.html'], { cwd: directory, env });
    expect(result.status).toBe(0);
    expect(result.stderr.split('\n').slice(0, 2)).toEqual(['gclog: wrote r.html', `gclog: no browser started here; open file://${join(directory, 'r.html')}`]);
    expect(existsSync(join(directory, 'r.html'))).toBe(true);
  }, 60_000);

  it('refuses --html with --json or --csv', () => {
    expect(runCli(['analyze', samplePath('node22-steady'), '--html', '--json']).status).toBe(2);
    expect(runCli(['analyze', samplePath('node22-steady'), '--open', '--csv']).status).toBe(2);
  }, 60_000);
});

describe('openReport', () => {
  it('needs X11 or Wayland on Linux, and always has a desktop on macOS and Windows', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('darwin', {})).toBe(true);
    expect(hasDisplay('win32', {})).toBe(true);
  });

  it('opens the absolute path when it can, and reports failure instead of throwing', async () => {
    const opened: string[] = [];
    expect(await openReport('r.html', { platform: 'linux', env: { DISPLAY: ':0' }, opener: async (path) => opened.push(path) })).toBe(true);
    expect(opened).toEqual([join(process.cwd(), 'r.html')]);
    expect(await openReport('r.html', { platform: 'linux', env: {}, opener: async (path) => opened.push(path) })).toBe(false);
    expect(opened).toHaveLength(1);
    expect(await openReport('r.html', { platform: 'darwin', env: {}, opener: async () => Promise.reject(new Error('no xdg-open')) })).toBe(false);
  });
});

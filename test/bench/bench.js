// `npm run bench`: builds large real-shape logs (a `--trace-gc` and an NVP one) by replaying the GC
// records of real samples with shifted timestamps, then measures on each, in the same run: the split2
// baseline (cut into lines, count), `gclog analyze --json`, `gclog analyze --html`, and the HTML
// report in headless Chromium. Prints the figures and writes them to a JSON file.
//
//   node test/bench/bench.js [--size-mb 1024] [--out FILE] [--no-browser] [--keep] [--logs trace,nvp] [--repeat N]
//
// Plain ESM JavaScript on the built CLI (dist/, bin/gclog.js): no TypeScript loader needed.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildLog } from './build-log.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'gclog.js');
const BASELINE = join(ROOT, 'test', 'bench', 'split2-count.js');
const TIME = '/usr/bin/time';
const MB = 1024 * 1024;

/** The logs replayed: a plain `--trace-gc` one and an NVP one (long, key-heavy lines). */
const LOGS = [
  { id: 'trace', sample: 'samples/node22-steady.log' },
  { id: 'nvp', sample: 'samples/node22-steady.nvp.log' },
];

function parseArguments(argv) {
  const options = { sizeMb: 1024, out: join(tmpdir(), 'gclog-bench.json'), browser: true, keep: false, logs: LOGS.map((log) => log.id), repeat: 1 };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--size-mb') options.sizeMb = Number(argv[++index]);
    else if (argument === '--out') options.out = resolve(argv[++index]);
    else if (argument === '--no-browser') options.browser = false;
    else if (argument === '--keep') options.keep = true;
    else if (argument === '--logs') options.logs = argv[++index].split(',');
    else if (argument === '--repeat') options.repeat = Number(argv[++index]);
    else throw new Error(`bench: unknown argument ${argument} (known: --size-mb N, --out FILE, --no-browser, --keep, --logs trace,nvp, --repeat N)`);
  }
  if (!(options.sizeMb > 0)) throw new Error('bench: --size-mb takes a positive number');
  if (!Number.isInteger(options.repeat) || options.repeat < 1) throw new Error('bench: --repeat takes a whole number of at least 1');
  return options;
}

/** Runs `node args…` and measures wall time and peak RSS (from /usr/bin/time -v, else GCLOG_REPORT_RSS). */
function measure(args) {
  const useTime = existsSync(TIME);
  const command = useTime ? TIME : process.execPath;
  const commandArgs = useTime ? ['-v', process.execPath, ...args] : args;
  const started = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, {
    encoding: 'utf8',
    maxBuffer: 64 * MB,
    env: { ...process.env, NO_COLOR: '1', GCLOG_REPORT_RSS: useTime ? '' : '1', CI: '1' },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`bench: ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  const rssKb = useTime
    ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1])
    : Number(/gclog: maxRSS (\d+) KiB/.exec(result.stderr)?.[1] ?? /maxRSS (\d+)/.exec(result.stdout)?.[1]);
  return { seconds, maxRssMb: rssKb / 1024, stdout: result.stdout };
}

/** The baseline also reports its own RSS when /usr/bin/time is missing. */
function baselineArgs(path, extra = []) {
  return existsSync(TIME)
    ? [BASELINE, path, ...extra]
    : ['--import', `data:text/javascript,process.on('exit',()=>console.log('maxRSS '+process.resourceUsage().maxRSS))`, BASELINE, path, ...extra];
}

/** Loads of the report timed: one load on a shared 2-CPU machine varies by ±30%, the median of three far less. */
const BROWSER_LOADS = 3;

/**
 * Opens the report in headless Chromium and times navigation → every chart of the main thread
 * rendered, in a fresh browser context each time (nothing cached); returns the median and every load.
 */
async function timeInBrowser(htmlPath) {
  const { chromium } = await import('playwright-core');
  const sparticuz = (await import('@sparticuz/chromium')).default;
  // Built for serverless: --single-process makes closing a page kill the browser.
  const dropped = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);
  const args = sparticuz.args.filter((argument) => !dropped.has(argument));
  let browser;
  try {
    browser = await chromium.launch({ executablePath: await sparticuz.executablePath(), args, headless: true });
  } catch (error) {
    await new Promise((done) => setTimeout(done, 3000));
    browser = await chromium.launch({ executablePath: await sparticuz.executablePath(), args, headless: true }).catch(() => {
      if (existsSync('/usr/bin/chromium')) return chromium.launch({ executablePath: '/usr/bin/chromium', args, headless: true });
      throw error;
    });
  }
  try {
    const loads = [];
    let charts = 0;
    for (let load = 0; load < BROWSER_LOADS; load++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(error.message));
      const started = Date.now();
      await page.goto(pathToFileURL(htmlPath).href);
      await page.waitForFunction(() => window.gclogReport !== undefined, null, { timeout: 60_000 });
      await page.evaluate(() => window.gclogReport.select(0));
      loads.push(Date.now() - started);
      charts = await page.evaluate(() => Object.keys(window.gclogReport.views[0] ?? {}).length);
      await context.close();
      if (problems.length > 0) throw new Error(`bench: the report failed in the browser: ${problems.join('; ')}`);
    }
    const sorted = [...loads].sort((a, b) => a - b);
    return { ms: sorted[Math.floor(sorted.length / 2)], loads, charts };
  } finally {
    await browser.close();
  }
}

/** The faster of two measurements (the first may be null). */
function fastest(best, next) {
  return best === null || next.seconds < best.seconds ? next : best;
}

function round(value, decimals = 2) {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

async function benchLog(log, dir, options) {
  const path = join(dir, `${log.id}.log`);
  process.stderr.write(`bench: writing ${options.sizeMb} MB ${log.id} log (${log.sample} replayed) to ${path}\n`);
  const built = buildLog(log.sample, path, options.sizeMb);
  const sizeMb = built.bytes / MB;

  // On a shared machine one run can be 30% off: with --repeat N, each of these runs N times, interleaved, and the fastest counts.
  const jsonPath = join(dir, `${log.id}.summary.json`);
  let baseline = null;
  let readCharacters = null;
  let analyze = null;
  for (let run = 0; run < options.repeat; run++) {
    baseline = fastest(baseline, measure(baselineArgs(path)));
    readCharacters = fastest(readCharacters, measure(baselineArgs(path, ['--read-characters'])));
    analyze = fastest(analyze, measure([CLI, 'analyze', path, '--json', '--out', jsonPath]));
  }
  const baselineLines = Number(baseline.stdout.trim().split('\n')[0]);
  process.stderr.write(`bench: ${log.id} split2 baseline ${baseline.seconds.toFixed(2)} s; reading every character too ${readCharacters.seconds.toFixed(2)} s\n`);

  const summary = JSON.parse(readFileSync(jsonPath, 'utf8'));
  const events = summary.inputs.reduce((sum, input) => sum + input.gcEvents, 0);
  process.stderr.write(`bench: ${log.id} analyze --json ${analyze.seconds.toFixed(2)} s, ${events} events\n`);
  rmSync(jsonPath, { force: true });

  const htmlPath = join(dir, `${log.id}.gclog.html`);
  const html = measure([CLI, 'analyze', path, '--html', '--out', htmlPath]);
  const htmlBytes = statSync(htmlPath).size;
  process.stderr.write(`bench: ${log.id} analyze --html ${html.seconds.toFixed(2)} s, ${(htmlBytes / MB).toFixed(2)} MB\n`);

  const figures = {
    sample: log.sample,
    sizeMb: round(sizeMb),
    lines: built.lines,
    baselineLines,
    events,
    split2: { seconds: round(baseline.seconds, 3), mbPerSecond: round(sizeMb / baseline.seconds, 1), maxRssMb: round(baseline.maxRssMb, 1) },
    // The floor for a parser in JavaScript fed split2's lines: split2 plus one charCodeAt per character.
    split2ReadCharacters: { seconds: round(readCharacters.seconds, 3), ratioToSplit2: round(readCharacters.seconds / baseline.seconds, 3) },
    analyzeJson: { seconds: round(analyze.seconds, 3), mbPerSecond: round(sizeMb / analyze.seconds, 1), maxRssMb: round(analyze.maxRssMb, 1) },
    ratioToSplit2: round(analyze.seconds / baseline.seconds, 3),
    analyzeHtml: { seconds: round(html.seconds, 3), mbPerSecond: round(sizeMb / html.seconds, 1), maxRssMb: round(html.maxRssMb, 1), htmlMb: round(htmlBytes / MB, 3) },
  };
  if (options.browser) {
    const browser = await timeInBrowser(htmlPath);
    figures.browser = { chartsRenderedMs: browser.ms, loadsMs: browser.loads, charts: browser.charts };
    process.stderr.write(`bench: ${log.id} report interactive in ${browser.ms} ms, median of ${browser.loads.join(', ')} (${browser.charts} charts)\n`);
  }
  if (!options.keep) {
    rmSync(path, { force: true });
    rmSync(htmlPath, { force: true });
  }
  return figures;
}

function printTable(result) {
  const rows = [['log', 'size MB', 'events', 'split2 s', 'read chars', 'gclog s', 'MB/s', 'ratio', 'RSS MB', 'split2 RSS', 'html s', 'html RSS', 'HTML MB', 'browser ms']];
  for (const [id, figures] of Object.entries(result.logs)) {
    rows.push([
      id,
      figures.sizeMb.toFixed(0),
      String(figures.events),
      figures.split2.seconds.toFixed(2),
      `${figures.split2ReadCharacters.ratioToSplit2.toFixed(2)}×`,
      figures.analyzeJson.seconds.toFixed(2),
      figures.analyzeJson.mbPerSecond.toFixed(0),
      `${figures.ratioToSplit2.toFixed(2)}×`,
      figures.analyzeJson.maxRssMb.toFixed(0),
      figures.split2.maxRssMb.toFixed(0),
      figures.analyzeHtml.seconds.toFixed(2),
      figures.analyzeHtml.maxRssMb.toFixed(0),
      figures.analyzeHtml.htmlMb.toFixed(2),
      figures.browser === undefined ? '-' : String(figures.browser.chartsRenderedMs),
    ]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, column) => cell.padStart(widths[column])).join('  ')}\n`);
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'gclog-bench-'));
  const result = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: round(totalmem() / 1024 ** 3, 1),
      freeMemoryGb: round(freemem() / 1024 ** 3, 1),
      node: process.version,
    },
    sizeMbRequested: options.sizeMb,
    /** Runs of each timed command; the fastest is reported. */
    repeat: options.repeat,
    logs: {},
  };
  try {
    for (const log of LOGS) if (options.logs.includes(log.id)) result.logs[log.id] = await benchLog(log, dir, options);
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
  writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
  printTable(result);
  process.stdout.write(`figures written to ${options.out}\n`);
}

await main();

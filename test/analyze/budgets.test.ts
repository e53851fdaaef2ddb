// --fail-on: the grammar (each way it can be written wrong says how to write it right) and each
// budget just below and just above the figure of a real log.

import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import { BudgetSyntaxError, checkBudgets, parseBudgets } from '../../src/analyze/budgets.js';
import type { Summary } from '../../src/analyze/summary.js';
import { budgetLines } from '../../src/report/budgets.js';
import { samplePath } from '../support/samples.js';

const summaries = new Map<string, Promise<Summary>>();
function summaryOf(name: string): Promise<Summary> {
  if (!summaries.has(name)) summaries.set(name, analyzeFiles([samplePath(name)]));
  return summaries.get(name)!;
}

async function failed(name: string, list: string): Promise<boolean> {
  return checkBudgets(await summaryOf(name), parseBudgets(list))[0]!.failed;
}

describe('parseBudgets', () => {
  it('reads every kind, with units converted', () => {
    expect(parseBudgets('leak, suspected,OOM,p99>50ms,mark-compact.max>0.2s,worst-second>100ms,overhead>5%,floor>1.5GB,scavenge.p50>2ms')).toEqual([
      { kind: 'leak', text: 'leak' },
      { kind: 'suspected', text: 'suspected' },
      { kind: 'oom', text: 'oom' },
      { kind: 'pause', stat: 'p99', collector: null, limitMs: 50, text: 'p99>50ms' },
      { kind: 'pause', stat: 'max', collector: 'Mark-Compact', limitMs: 200, text: 'mark-compact.max>0.2s' },
      { kind: 'worst-second', limitMs: 100, text: 'worst-second>100ms' },
      { kind: 'overhead', limitPercent: 5, text: 'overhead>5%' },
      { kind: 'floor', limitMb: 1536, text: 'floor>1.5GB' },
      { kind: 'pause', stat: 'p50', collector: 'Scavenge', limitMs: 2, text: 'scavenge.p50>2ms' },
    ]);
  });

  it.each([
    ['', '--fail-on takes a list of budgets, e.g. --fail-on leak,oom,p99>50ms,mark-compact.max>200ms,overhead>5%,floor>512MB,worst-second>100ms'],
    ['leaks', '"leaks" is not a budget: use leak, suspected, oom or a limit such as p99>50ms'],
    ['p99<50ms', '"p99<50ms": budgets are upper limits written with >, e.g. p99>50ms'],
    ['p99>=50ms', '"p99>=50ms": budgets are upper limits written with >, e.g. p99>50ms'],
    ['p99>50', '"p99>50": say the unit of the time, ms or s (e.g. p99>50ms)'],
    ['minor.p99>5ms', '"minor.p99>5ms": unknown collector minor; use one of scavenge, minor-ms, minor-mc, mark-compact (e.g. mark-compact.p99>100ms)'],
    ['scavenge.overhead>5%', '"scavenge.overhead>5%": a collector goes only with p50, p95, p99 or max (e.g. scavenge.p99>10ms)'],
    ['overhead>5', '"overhead>5": overhead is a percentage of the time, e.g. overhead>5%'],
    ['floor>512', '"floor>512": the floor is a heap size in MB or GB, e.g. floor>512MB'],
    ['p90>5ms', '"p90>5ms": unknown measure p90; use p50, p95, p99, max, worst-second, overhead or floor'],
  ])('refuses %j with a message that says how to write it', (list, message) => {
    expect(() => parseBudgets(list)).toThrow(BudgetSyntaxError);
    expect(() => parseBudgets(list)).toThrow(message);
  });
});

describe('checkBudgets on real logs: a budget fails only above its limit', () => {
  // node22-leak.log: p99 101.76 ms, Mark-Compact max 125.94 ms, worst second 715.61 ms, highest floor 166.7 MB.
  it.each([
    ['p99>101.76ms', false],
    ['p99>101.75ms', true],
    ['mark-compact.max>125.94ms', false],
    ['mark-compact.max>125.93ms', true],
    ['worst-second>715.61ms', false],
    ['worst-second>715.6ms', true],
    ['floor>166.7MB', false],
    ['floor>166.6MB', true],
  ])('node22-leak.log %s → failed %s', async (list, expected) => {
    expect(await failed('node22-leak.log', list)).toBe(expected);
  });

  it('overhead: just below and just above the log’s own share of time in GC', async () => {
    const percent = (await summaryOf('node22-leak.log')).isolates[0]!.overhead.fraction * 100;
    expect(percent).toBeCloseTo(44.1878, 3);
    expect(await failed('node22-leak.log', `overhead>${percent}%`)).toBe(false);
    expect(await failed('node22-leak.log', `overhead>${percent - 0.001}%`)).toBe(true);
  });

  it('leak and suspected follow the verdict; a collector the log lacks is not measured, and does not fail', async () => {
    expect(await failed('node22-leak.log', 'leak')).toBe(true);
    expect(await failed('node22-leak.log', 'suspected')).toBe(true);
    expect(await failed('node22-steady.log', 'leak')).toBe(false);
    expect(await failed('node22-steady.log', 'suspected')).toBe(false);
    // One Mark-Compact from an OOM block: suspected, not leak.
    expect(await failed('node22-oom.plain.log', 'leak')).toBe(false);
    expect(await failed('node22-oom.plain.log', 'suspected')).toBe(true);
    const [minor] = checkBudgets(await summaryOf('node22-steady.log'), parseBudgets('minor-ms.p99>1ms'));
    expect(minor!.failed).toBe(false);
    expect(minor!.measurements[0]).toEqual({ isolate: 'main thread', value: null, failed: false, unmeasured: 'no Minor Mark-Sweep in the log' });
  });

  it('oom fails on a crash, and each failing isolate is named with its figure', async () => {
    expect(await failed('node22-oom.log', 'oom')).toBe(true);
    expect(await failed('node22-steady.log', 'oom')).toBe(false);
    const results = checkBudgets(await summaryOf('node18-workers.log'), parseBudgets('p99>60ms,leak'));
    expect(budgetLines(results)).toEqual([
      'budget FAILED: p99>60ms (p99 pause): worker 1 72.3 ms; worker 3 74.1 ms',
      'budget met: leak (leak verdict): main thread none; worker 1 insufficient-data; worker 2 insufficient-data; worker 3 insufficient-data',
    ]);
  });

  it('never judges a package manager’s own process (npm running the script): its GCs are the tool’s', async () => {
    const [result] = checkBudgets(await summaryOf('run/node22-npm-cluster.log'), parseBudgets('p99>1ms'));
    expect(result!.measurements.map((measurement) => measurement.isolate).sort()).toEqual([
      'node cluster-app.js 3 (pid 1605)',
      'node cluster-app.js 3 (pid 1605) worker 1',
      'node cluster-app.js 3 (pid 1606)',
      'node cluster-app.js 3 (pid 1606) worker 1',
    ]);
  });

  it('reads names in any case (P99>50MS as p99>50ms)', () => {
    expect(parseBudgets('P99>50MS,LEAK')).toEqual([
      { kind: 'pause', stat: 'p99', collector: null, limitMs: 50, text: 'p99>50MS' },
      { kind: 'leak', text: 'leak' },
    ]);
  });

  it('shows more decimals where rounding would hide that a figure is above its limit', async () => {
    // node22-steady.log: p99 46.11 ms, shown as 46.1 ms, which would not read as above 46.105.
    const hidden = checkBudgets(await summaryOf('node22-steady.log'), parseBudgets('p99>46.105ms'));
    expect(budgetLines(hidden)).toEqual(['budget FAILED: p99>46.105ms (p99 pause): main thread 46.110 ms']);
    const plain = checkBudgets(await summaryOf('node22-steady.log'), parseBudgets('p99>46ms'));
    expect(budgetLines(plain)).toEqual(['budget FAILED: p99>46ms (p99 pause): main thread 46.1 ms']);
    // Met, but node22-leak.log's p99 of 101.76 ms shown as 102 ms would read as above 101.8: more decimals too.
    const met = checkBudgets(await summaryOf('node22-leak.log'), parseBudgets('p99>101.8ms'));
    expect(budgetLines(met)).toEqual(['budget met: p99>101.8ms (p99 pause): main thread 101.76 ms']);
  });
});

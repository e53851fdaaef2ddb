// Several runs of an app appended to one file (restarts; in containers every run is pid 1): each run
// is analyzed on its own, so GC time is never more than the time. Real logs, concatenated or with
// their pids rewritten in code (deliberate damage: the way a container would have printed them).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFiles, MAX_RUNS_PER_INPUT } from '../../src/analyze/analyzer.js';
import { compareSummaries } from '../../src/compare/compare.js';
import { renderText } from '../../src/report/text.js';
import { readSample, samplePath } from '../support/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'gclog-runs-'));
function logFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const asPid1 = (text: string): string => text.replace(/\[\d+:0x/g, '[1:0x');
const prefixCounts = (text: string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(/^\[(\d+:0x[0-9a-f]+)\]\s+\d+ ms: /gm)) counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
  return counts;
};

describe('runs in one file', () => {
  it('a log repeated 150 times is 150 runs, each as the log alone (GC time never above 100%)', { timeout: 60_000 }, async () => {
    const once = await analyzeFiles([samplePath('node22-steady.log')]);
    const repeated = await analyzeFiles([logFile('repeated.log', readSample('node22-steady.log').repeat(150))]);
    expect(repeated.isolates).toHaveLength(150);
    const alone = once.isolates[0]!;
    repeated.isolates.forEach((isolate, index) => {
      expect(isolate.label).toBe(`main thread, run ${index + 1} of 150`);
      expect(isolate.run).toBe(index + 1);
      expect(isolate.counts).toEqual(alone.counts);
      expect(isolate.overhead.fraction).toBe(alone.overhead.fraction);
      expect(isolate.overhead.worstWindow).toEqual(alone.overhead.worstWindow);
    });
    expect(alone.overhead.fraction).toBeLessThan(1);
    for (const match of renderText(repeated, { color: false }).matchAll(/GC overhead (\d+(?:\.\d+)?)%/g)) expect(Number(match[1])).toBeLessThanOrEqual(100);
  });

  it('the same app started twice, appended to one file: two processes, or two runs of pid 1 in a container', async () => {
    const text = readSample('restarts/node22-steady-twice.log');
    const counts = [...prefixCounts(text)];
    expect(counts).toHaveLength(2);
    const [[first, firstCount], [second, secondCount]] = counts as [[string, number], [string, number]];
    const asRun = await analyzeFiles([samplePath('restarts/node22-steady-twice.log')]);
    // In the order the log shows them (the first run has one GC fewer: not by count).
    expect(firstCount).toBe(114);
    expect(secondCount).toBe(115);
    expect(asRun.isolates.map((isolate) => [isolate.label, isolate.counts.total])).toEqual([
      [`pid ${first.split(':')[0]} main thread`, firstCount],
      [`pid ${second.split(':')[0]} main thread`, secondCount],
    ]);
    const inContainer = await analyzeFiles([logFile('pid1.log', asPid1(text))]);
    expect(inContainer.isolates.map((isolate) => [isolate.label, isolate.isMain, isolate.run, isolate.counts.total])).toEqual([
      ['main thread, run 1 of 2', true, 1, firstCount],
      ['main thread, run 2 of 2', true, 2, secondCount],
    ]);
  });

  it('two runs with the same pid and isolate address: split where the clock goes back', async () => {
    const text = asPid1(readSample('node20-steady.log'));
    const summary = await analyzeFiles([logFile('same.log', text + text)]);
    const lines = text.split('\n').length - 1;
    expect(summary.isolates.map((isolate) => isolate.label)).toEqual(['main thread, run 1 of 2', 'main thread, run 2 of 2']);
    // The second run starts at the first GC record after the first copy's lines.
    const firstGcLine = text.split('\n').findIndex((line) => / ms: /.test(line)) + 1;
    expect(summary.isolates[1]!.series.events[0]!.line).toBe(lines + firstGcLine);
  });

  it('workers are not runs: their records interleave with the main thread', async () => {
    const summary = await analyzeFiles([samplePath('node22-workers.log')]);
    expect(summary.isolates.map((isolate) => [isolate.label, isolate.run])).toEqual([
      ['main thread', 1],
      ...summary.isolates.slice(1).map((isolate) => [isolate.label, 1]),
    ]);
    expect(summary.isolates.slice(1).map((isolate) => isolate.label).sort()).toEqual(['worker 1', 'worker 2', 'worker 3']);
  });

  it("each run's fatal out-of-memory line goes to that run", async () => {
    const text = asPid1(readSample('node22-oom.log'));
    const fatalLine = text.split('\n').findIndex((line) => line.includes('FATAL ERROR')) + 1;
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    const summary = await analyzeFiles([logFile('oom-twice.log', text + text)]);
    expect(summary.isolates.map((isolate) => isolate.outOfMemory?.line)).toEqual([fatalLine, lines + fatalLine]);
  });

  it('compare: the first run of a restarted log meets the other log\'s main thread; the others are left unpaired', async () => {
    const twice = await analyzeFiles([logFile('pid1-compare.log', asPid1(readSample('restarts/node22-steady-twice.log')))]);
    const once = await analyzeFiles([samplePath('node22-steady.log')]);
    const comparison = compareSummaries(twice, once);
    expect(comparison.pairs.map((pair) => [pair.before.label, pair.after.label])).toEqual([['main thread, run 1 of 2', 'main thread']]);
    expect(comparison.unpaired.before.map((ref) => ref.label)).toEqual(['main thread, run 2 of 2']);
  });

  it(`past ${MAX_RUNS_PER_INPUT} runs a file's clock steps back are counted, not split (memory stays bounded)`, { timeout: 120_000 }, async () => {
    const text = readSample('node20-steady.log');
    const copies = MAX_RUNS_PER_INPUT + 3;
    const summary = await analyzeFiles([logFile('many.log', text.repeat(copies))]);
    expect(summary.isolates).toHaveLength(MAX_RUNS_PER_INPUT + 1);
    expect(summary.inputs[0]!.runsNotSplit).toBe(copies - 1 - MAX_RUNS_PER_INPUT);
    expect(renderText(summary, { color: false })).toContain(`An isolate's clock went back 2 more times after ${MAX_RUNS_PER_INPUT} runs: not split`);
    const justBelow = await analyzeFiles([logFile('enough.log', text.repeat(MAX_RUNS_PER_INPUT + 1))]);
    expect(justBelow.isolates).toHaveLength(MAX_RUNS_PER_INPUT + 1);
    expect(justBelow.inputs[0]!.runsNotSplit).toBe(0);
  });
});

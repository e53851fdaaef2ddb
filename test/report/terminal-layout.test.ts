// The terminal report on an 80-column terminal: every line fits, prose wraps at word boundaries
// (every word of the unwrapped text is still there, in order), tables are not broken; the overview
// of a log with several isolates; the heap at a glance. Real samples.

import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import { selectIsolates } from '../../src/analyze/select-isolates.js';
import { compareSummaries } from '../../src/compare/compare.js';
import { renderComparisonText } from '../../src/compare/text.js';
import { renderText } from '../../src/report/text.js';
import { visibleLength, wrapLine } from '../../src/text-layout.js';
import { readSample, samplePath } from '../support/samples.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('wrapping at a width', () => {
  it('breaks at spaces only, keeps a word longer than the width whole, indents continuations', () => {
    expect(wrapLine('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapLine('aaa bbb ccc', 6)).toEqual(['aaa', 'bbb', 'ccc']);
    expect(wrapLine('  a /a/very/long/path/name b', 10)).toEqual(['  a', '  /a/very/long/path/name', '  b']);
    expect(wrapLine('warn  one two three', 10, '      ')).toEqual(['warn  one', '      two', '      three']);
  });

  it('colour codes take no room; "≥ 100 ms" stays together', () => {
    expect(visibleLength('\x1b[1mbold\x1b[22m')).toBe(4);
    expect(wrapLine('\x1b[1mabc\x1b[22m def', 7)).toEqual(['\x1b[1mabc\x1b[22m def']);
    expect(wrapLine('paused at ≥ 100 ms', 12)).toEqual(['paused at', '≥ 100 ms']);
  });
});

describe('analyze on an 80-column terminal', () => {
  for (const sample of ['node22-leak.log', 'node22-workers.log', 'node20-leak.verbose.log', 'node22-oom.log', 'node16-app-output.log']) {
    it(`${sample}: every line fits in 80 columns and no word is cut`, async () => {
      const summary = await analyzeFiles([samplePath(sample)]);
      const wide = renderText(summary, { color: false, detail: 'all' });
      const narrow = renderText(summary, { color: false, detail: 'all', width: 80 });
      for (const line of narrow.split('\n')) expect(visibleLength(line), line).toBeLessThanOrEqual(80);
      expect(words(narrow)).toEqual(words(wide));
      expect(wide.split('\n').some((line) => line.length > 80)).toBe(true);
    });
  }

  it('with colour, the same lines fit', async () => {
    const summary = await analyzeFiles([samplePath('node22-leak.log')]);
    for (const line of renderText(summary, { color: true, width: 80 }).split('\n')) expect(visibleLength(line), line).toBeLessThanOrEqual(80);
  });
});

describe('compare on an 80-column terminal', () => {
  it('the table fits 80 columns whatever the terminal; prose wraps to it', async () => {
    const before = await analyzeFiles([samplePath('compare/leak-before.log')]);
    const after = await analyzeFiles([samplePath('compare/leak-after.log')]);
    const comparison = compareSummaries(before, after);
    const wide = renderComparisonText(comparison, { color: false });
    const narrow = renderComparisonText(comparison, { color: false, width: 80 });
    for (const line of narrow.split('\n')) expect(visibleLength(line), line).toBeLessThanOrEqual(80);
    expect(words(narrow)).toEqual(words(wide));
    // The table rows are the same in both: they fit 80 columns already.
    const rows = (text: string) => text.split('\n').filter((line) => /^[✱ ] \S/.test(line));
    expect(rows(narrow)).toEqual(rows(wide));
    for (const row of rows(wide)) expect(visibleLength(row), row).toBeLessThanOrEqual(80);
  });

  it('per-space rows (long labels) wrap inside their column', async () => {
    const comparison = compareSummaries(await analyzeFiles([samplePath('node22-steady.verbose.log')]), await analyzeFiles([samplePath('node20-steady.verbose.log')]));
    const text = renderComparisonText(comparison, { color: false });
    const table = text.slice(text.indexOf('  metric'));
    for (const line of table.split('\n')) if (!line.startsWith('n/a:') && !line.startsWith('GC reasons') && !line.startsWith('†')) expect(visibleLength(line), line).toBeLessThanOrEqual(80);
  });
});

describe('several isolates: the overview first', () => {
  it('node22-workers.log: one line per isolate, then the main thread in detail', async () => {
    const summary = await analyzeFiles([samplePath('node22-workers.log')]);
    const text = renderText(summary, { color: false, detail: 'first' });
    const lines = text.split('\n');
    expect(lines[2]).toBe('4 isolates (GC % of the time each covered; peak heap used)');
    expect(lines[3]).toMatch(/^#\s+isolate\s+GCs\s+s\s+GC %\s+p99 ms\s+peak MB\s+leak$/);
    summary.isolates.forEach((isolate, index) => {
      expect(lines[4 + index]).toMatch(new RegExp(`^${index}\\s+${isolate.label}\\s+${isolate.counts.total}\\s+${(isolate.durationMs / 1000).toFixed(1)}\\s+${(isolate.overhead.fraction * 100).toFixed(1)}\\s+`));
    });
    expect(text.match(/^── /gm)).toHaveLength(1);
    expect(text).toContain(`── #0 main thread (pid ${summary.isolates[0]!.pid}, isolate ${summary.isolates[0]!.isolate}) ──`);
    expect(text).toContain('3 other isolates in the overview: add --isolate with its number (--isolate 1) for its details, or --isolate all for every one.');
    expect(lines.length).toBeLessThan(60);
    // Every isolate in detail on request.
    expect(renderText(summary, { color: false, detail: 'all' }).match(/^── /gm)).toHaveLength(4);
  });

  it('--isolate and --pid pick isolates by number, label, address, pid or all', async () => {
    const summary = await analyzeFiles([samplePath('node22-workers.log')]);
    const labels = (picks: string[], pids: number[] = []) => selectIsolates(summary, { isolates: picks, pids }).isolates.map((isolate) => isolate.label);
    const second = summary.isolates[1]!;
    expect(labels(['1'])).toEqual([second.label]);
    expect(labels(['#1'])).toEqual([second.label]);
    expect(labels(['0'])).toEqual([summary.isolates[0]!.label]);
    expect(labels([second.label])).toEqual([second.label]);
    expect(labels([second.isolate!])).toEqual([second.label]);
    expect(labels(['all'])).toHaveLength(4);
    expect(labels([], [summary.isolates[0]!.pid!])).toHaveLength(4);
    expect(() => labels(['4'])).toThrow(/^--isolate 4: no such isolate; the log has #0 main thread, #1 worker \d, #2 worker \d, #3 worker \d\. Pick one of those/);
    expect(() => labels([], [1])).toThrow(`--pid 1: no such process in the log; it has pid ${summary.isolates[0]!.pid}`);
  });
});

describe('the heap at a glance', () => {
  it('peak and last heap used and committed, from the log lines', async () => {
    const text = readSample('node22-steady.log');
    const records = [...text.matchAll(/ms: \S+ ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/g)].map((match) => match.slice(1).map(Number));
    const summary = await analyzeFiles([samplePath('node22-steady.log')]);
    const heap = summary.isolates[0]!.heap;
    expect(heap.peakUsedMb).toBe(Math.max(...records.flatMap(([before, , after]) => [before!, after!])));
    expect(heap.lastUsedMb).toBe(records.at(-1)![2]);
    expect(heap.peakCommittedMb).toBe(Math.max(...records.flatMap(([, before, , after]) => [before!, after!])));
    expect(heap.lastCommittedMb).toBe(records.at(-1)![3]);
    expect(renderText(summary, { color: false })).toContain(
      `Heap used: peak ${heap.peakUsedMb.toFixed(1)} MB, last ${heap.lastUsedMb.toFixed(1)} MB; committed: peak ${heap.peakCommittedMb!.toFixed(1)} MB, last ${heap.lastCommittedMb!.toFixed(1)} MB`,
    );
  });

  it('no committed figures where the log has none (NVP before V8 13.6)', async () => {
    const summary = await analyzeFiles([samplePath('node20-steady.nvp.log')]);
    expect(summary.isolates[0]!.heap.peakCommittedMb).toBeNull();
    expect(renderText(summary, { color: false })).toMatch(/^Heap used: peak [\d.]+ MB, last [\d.]+ MB$/m);
  });
});

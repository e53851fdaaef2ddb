// The GC overhead is a share of time: not given for a log that holds only an out-of-memory report's
// last GCs, nor for GCs over less than 1 s (MIN_OVERHEAD_SPAN_MS), in JSON, text and Markdown alike.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import { checkBudgets, parseBudgets } from '../../src/analyze/budgets.js';
import { MIN_OVERHEAD_SPAN_MS, overheadUnmeasured } from '../../src/analyze/overhead.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { readSample, samplePath } from '../support/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'gclog-overhead-'));
/** The first `lines` lines of a real log (deliberately cut, in code). */
async function prefixOf(name: string, lines: number) {
  const path = join(dir, `${lines}-${name.replace(/\//g, '_')}`);
  writeFileSync(path, readSample(name).split('\n').slice(0, lines).join('\n') + '\n');
  return (await analyzeFiles([path])).isolates[0]!;
}

describe('overheadUnmeasured', () => {
  const span = { lifetimeKnown: false, gcs: 3, oomReportGcs: 0 };
  it('measures from 1 s of GCs, not below', () => {
    expect(MIN_OVERHEAD_SPAN_MS).toBe(1000);
    expect(overheadUnmeasured({ ...span, spanMs: 1000 })).toBeNull();
    expect(overheadUnmeasured({ ...span, spanMs: 999.99 })).toBe('3 GCs over 999 ms: a share of time needs at least 1 s from the first GC to the last');
  });
  it('measures a process life gclog run saw, however short; never a log of no GC', () => {
    expect(overheadUnmeasured({ ...span, spanMs: 120, lifetimeKnown: true })).toBeNull();
    expect(overheadUnmeasured({ spanMs: 0, lifetimeKnown: false, gcs: 0, oomReportGcs: 0 })).toBe('no GC in the log');
  });
  it('never from the out-of-memory report alone, whatever its span', () => {
    expect(overheadUnmeasured({ ...span, spanMs: 5000, oomReportGcs: 3 })).toBe(
      "the log holds only the out-of-memory report's last 3 GCs (over 5.0 s), not the run: record with --trace-gc to measure it",
    );
    expect(overheadUnmeasured({ ...span, spanMs: 5000, oomReportGcs: 2 })).toBeNull();
  });
});

describe('GC overhead on real logs', () => {
  it('node22-steady.log cut after line 54 (GCs from 31.17 ms to 1023 ms: 991.83 ms) has none; after line 55 (to 1044 ms: 1012.83 ms) has one', async () => {
    // Line 1: "33 ms: Scavenge … 1.83 / 0.00 ms" starts at 31.17 ms; line 54 ends at 1023 ms, line 55 at 1044 ms.
    const below = await prefixOf('node22-steady.log', 54);
    expect(below.overhead.elapsedMs).toBe(991.83);
    expect(below.overhead.fraction).toBeNull();
    expect(below.overhead.unmeasured).toBe('54 GCs over 991 ms: a share of time needs at least 1 s from the first GC to the last');
    const above = await prefixOf('node22-steady.log', 55);
    expect(above.overhead.elapsedMs).toBe(1012.83);
    expect(above.overhead.unmeasured).toBeNull();
    expect(above.overhead.fraction).toBeCloseTo(above.overhead.gcTimeMs / 1012.83, 10);
  });

  it('an out-of-memory report alone (node22-oom.plain.log: one Mark-Compact of 44.90 ms) gives no overhead, in every output', async () => {
    const summary = await analyzeFiles([samplePath('node22-oom.plain.log')]);
    const isolate = summary.isolates[0]!;
    expect(isolate.oomReportEvents).toBe(1);
    expect(isolate.overhead).toMatchObject({ gcTimeMs: 44.9, elapsedMs: 44.9, fraction: null });
    const why = "the log holds only the out-of-memory report's last GC (over 44.9 ms), not the run: record with --trace-gc to measure it";
    expect(isolate.overhead.unmeasured).toBe(why);
    const text = renderText(summary, { color: false });
    expect(text).toContain(`0.0 s covered, 1 GC; GC overhead not measured: ${why}; worst second 44.9 ms of GC at 1 s`);
    expect(text).not.toMatch(/GC overhead \d|GC took/);
    expect(renderMarkdown(summary)).toContain('| 44.9 ms | not measured | 44.9 ms |');
    expect(checkBudgets(summary, parseBudgets('overhead>5%'))[0]).toMatchObject({ failed: false, measurements: [{ value: null, unmeasured: why }] });
  });

  it('the report of node12-oom.plain.log (2 Mark-Compacts, 4859.0 → 4986 ms) neither', async () => {
    const isolate = (await analyzeFiles([samplePath('node12-oom.plain.log')])).isolates[0]!;
    expect(isolate.overhead.fraction).toBeNull();
    expect(isolate.overhead.unmeasured).toBe("the log holds only the out-of-memory report's last 2 GCs (over 127 ms), not the run: record with --trace-gc to measure it");
  });

  it('the whole log of the same crash, with --trace-gc (node22-oom.log, 1.4 s), has its overhead', async () => {
    const isolate = (await analyzeFiles([samplePath('node22-oom.log')])).isolates[0]!;
    expect(isolate.overhead.unmeasured).toBeNull();
    expect(isolate.overhead.elapsedMs).toBe(1422.96);
    expect(isolate.overhead.fraction).toBeCloseTo(isolate.overhead.gcTimeMs / 1422.96, 10);
  });
});

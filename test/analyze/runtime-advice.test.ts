// Advice names the runtime the log came from: a Deno log (samples/formats/deno-oom.log, whose crash
// names the deno binary) gets `deno run --v8-flags=…` and `deno run --inspect`, never node's flags.

import { describe, expect, it } from 'vitest';
import { allocationProfileTools, heapSnapshotTools, largerNewSpace, nearHeapLimitTools, verboseTraceCommand, withV8Flags } from '../../src/analyze/advice.js';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import type { NodeMajorRange } from '../../src/analyze/summary.js';
import { parseLog } from '../../src/parse/log-parser.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { runCli } from '../cli/run-cli.js';
import { readSample, sampleLine, samplePath } from '../support/samples.js';

const DENO: NodeMajorRange = { min: null, max: null, runtime: 'deno' };

describe('telling a Deno log', () => {
  it('deno-oom.log: line 46, the C stack trace frame `…/deno(+0x28b0d2e) [0x55ada2353d2e]`, names the runtime', () => {
    expect(sampleLine('formats/deno-oom.log', 46)).toMatch(/\/deno\(\+0x28b0d2e\) \[0x55ada2353d2e\]$/);
    expect(parseLog(readSample('formats/deno-oom.log')).stats.deno).toEqual({ line: 46 });
  });

  it('nothing in deno-steady.log (no crash) nor in Node logs with a crash says Deno', () => {
    for (const name of ['formats/deno-steady.log', 'node22-oom.log', 'node26-oom.log', 'formats/node5-oom.log']) {
      expect(parseLog(readSample(name)).stats.deno, name).toBeUndefined();
    }
  });

  it('the frame must be a frame: the same text in a line of app output (damaged in code) does not count', () => {
    const frame = sampleLine('formats/deno-oom.log', 46);
    expect(parseLog(`copying ${frame.trim()}`).stats.deno).toBeUndefined();
    expect(parseLog(frame).stats.deno).toEqual({ line: 1 });
  });

  it('the analysis says Deno instead of a Node major', async () => {
    const summary = await analyzeFiles([samplePath('formats/deno-oom.log')]);
    expect(summary.inputs[0]!.era).toBe('V8 14+ (Deno: its crash names the deno binary, line 46)');
    expect(summary.isolates[0]!.nodeMajorRange).toEqual(DENO);
  });
});

describe('advice for a Deno log', () => {
  it('each tool as Deno runs it', () => {
    expect(withV8Flags(DENO, '--trace-gc', '--trace-gc-verbose')).toBe('deno run --v8-flags=--trace-gc,--trace-gc-verbose');
    expect(withV8Flags({ min: 22, max: null }, '--trace-gc', '--trace-gc-verbose')).toBe('node --trace-gc --trace-gc-verbose');
    expect(verboseTraceCommand(DENO)).toBe('deno run --v8-flags=--trace-gc,--trace-gc-verbose');
    expect(heapSnapshotTools(DENO)).toBe("DevTools' Memory tab, with deno run --inspect");
    expect(nearHeapLimitTools(DENO)).toBe("run with deno run --v8-flags=--heap-snapshot-on-oom to write heap snapshots at V8's last-resort GCs before the crash");
    expect(allocationProfileTools(DENO)).toBe("DevTools' allocation sampling (Memory tab, with deno run --inspect) shows where the allocation comes from");
    expect(largerNewSpace(DENO, 32, 64)).toBe('deno run --v8-flags=--max-semi-space-size=32 (MB; or 64)');
  });

  it('deno-oom.log: the out-of-memory finding, and no node, NODE_OPTIONS or Node-only flag in the terminal or Markdown text', async () => {
    const summary = await analyzeFiles([samplePath('formats/deno-oom.log')]);
    const isolate = summary.isolates[0]!;
    expect(isolate.findings.find((finding) => finding.id === 'out-of-memory')?.nextStep).toBe(
      "Find what the program keeps: run with deno run --v8-flags=--heap-snapshot-on-oom to write heap snapshots at V8's last-resort GCs before the crash. Open the snapshots in Chrome DevTools (Memory tab).",
    );
    const text = renderText(summary, { color: false });
    expect(text).toContain('By space: not in this log (run deno run --v8-flags=--trace-gc,--trace-gc-verbose for per-space figures).');
    expect(text).toContain('deno run --v8-flags=');
    // The Markdown summary holds the verdict, figures and statements, no commands: nothing of node either.
    for (const output of [text, renderMarkdown(summary)]) expect(output).not.toMatch(/\bnode\b|NODE_OPTIONS|--heapsnapshot|--heap-prof/i);
  });

  it('a Node log keeps node: node22-oom.log', async () => {
    const summary = await analyzeFiles([samplePath('node22-oom.log')]);
    expect(renderText(summary, { color: false })).toContain('run with node --heapsnapshot-near-heap-limit=2');
  });
});

describe('--runtime, for a Deno log that does not say so (deno-steady.log: no crash)', () => {
  it('without it the log reads as Node 25+, and the advice is node\'s; with it, Deno\'s, through the built CLI', () => {
    const plain = runCli(['analyze', samplePath('formats/deno-steady.log')]);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('V8 14+ (Node 25 or newer)');
    const deno = runCli(['analyze', samplePath('formats/deno-steady.log'), '--runtime', 'deno']);
    expect(deno.status).toBe(0);
    expect(deno.stdout).toContain('49 lines, 48 GC events, trace-gc, V8 14+ (Deno, as --runtime says)');
    expect(deno.stdout).toContain('By space: not in this log (run deno run --v8-flags=--trace-gc,--trace-gc-verbose for per-space figures).');
    // 19 Mark-Compacts pause 871.6 of the 1407.3 ms: 62%.
    expect(deno.stdout).toContain(
      "→ Mark-Compacts took 62% of the pause time: their cost grows with what the program keeps, so keep less in memory (bound caches, drop references early); a heap snapshot shows what is kept (DevTools' Memory tab, with deno run --inspect).",
    );
    expect(deno.stdout).not.toMatch(/\bnode\b|NODE_OPTIONS|--heapsnapshot|--heap-prof/i);
  }, 30_000);

  it('--runtime node overrides the crash: deno-oom.log then reads as Node 25+', async () => {
    const summary = await analyzeFiles([samplePath('formats/deno-oom.log')], { runtime: 'node' });
    expect(summary.inputs[0]!.era).toBe('V8 14+ (Node 25 or newer)');
    expect(summary.isolates[0]!.nodeMajorRange).toEqual({ min: 25, max: null });
  });
});

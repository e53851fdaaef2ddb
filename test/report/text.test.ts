// The terminal report: verdict first, aligned tables, colour only when asked for.

import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import { renderText } from '../../src/report/text.js';
import { samplePath } from '../support/samples.js';

describe('renderText', () => {
  it('puts the leak verdict right under the isolate heading, then the pause table', async () => {
    const summary = await analyzeFiles([samplePath('node22-leak.log')]);
    const lines = renderText(summary, { color: false }).split('\n');
    const heading = lines.findIndex((line) => line.startsWith('── main thread'));
    // From the 63 Mark-Compact lines: 48 end after the warm-up (5628.3 ms, a fifth of 31.66 → 28015 ms);
    // the median of their pairwise slopes is 311.84 MB/min (computed apart, in Python).
    expect(lines[heading + 1]).toBe(
      "Leak verdict: LEAK — the floor after Mark-Compact rose +311.8 MB/min (Theil–Sen, 48 points over 22.2 s: 49.6 MB → 167 MB, +125% of its 92.5 MB level, Kendall's tau 1.00)",
    );
    // node22-leak.log: 522 Scavenges and 63 Mark-Compacts (grep -c).
    const pauseHeader = lines.findIndex((line) => line.startsWith('type '));
    expect(lines[pauseHeader + 1]).toMatch(/^Scavenge\s+522\s/);
    expect(lines[pauseHeader + 2]).toMatch(/^Mark-Compact\s+63\s/);
    expect(lines[pauseHeader + 3]).toMatch(/^all\s+585\s/);
    // Right-aligned numeric columns: every row of the table is as wide as its header.
    const widths = lines.slice(pauseHeader, pauseHeader + 4).map((line) => line.length);
    expect(new Set(widths).size).toBe(1);
  });

  it('names the incremental marking steps beside a measured overhead, never after the reason there is none, never as 0 ms', async () => {
    // node22-steady.log: its 97 Mark-Compact lines print 137.6 ms of steps ("(+ N ms in M steps since start of marking").
    const steady = renderText(await analyzeFiles([samplePath('node22-steady.log')]), { color: false });
    expect(steady).toContain('GC overhead 35.7%, plus 138 ms of incremental marking steps between the pauses (0.7% of the time); worst second');
    // node22-oom.plain.log: one GC, from the out-of-memory report; its 0.3 ms of steps are not worth a figure.
    const oom = renderText(await analyzeFiles([samplePath('node22-oom.plain.log')]), { color: false });
    expect(oom).toContain('GC overhead not measured: the log holds only the out-of-memory report');
    expect(oom).not.toContain('incremental marking steps');
    // cache-warm-node24-60s-seed1: 29 ms of steps in 59.4 s is 0.05%: "under 0.1%", not "0.0%".
    const quiet = renderText(await analyzeFiles([samplePath('corpus/logs/cache-warm-node24-60s-seed1.log.gz')]), { color: false });
    expect(quiet).toContain('plus 29 ms of incremental marking steps between the pauses (under 0.1% of the time)');
  });

  it("states V8's mutator utilisation as V8 means it, and what \"allocation failure\" meant for each collector", async () => {
    // node20-oom.log: the last "average mu = 0.302"; of the distinct records, 93 Scavenges and 16 Mark-Compacts end in "allocation failure".
    const text = renderText(await analyzeFiles([samplePath('node20-oom.log')]), { color: false });
    expect(text).toContain("\nV8's mutator utilisation at the last Mark-Compact: 0.302 (V8 updates it only at Mark-Compacts: not the share of time without GC)\n");
    expect(text).toContain(
      '\n"allocation failure" started 93 young GCs, each when the new space was full, and 16 Mark-Compacts, each when an allocation could not be served and V8 chose a full GC (the old generation near its limit, or too little room in it to promote what a young GC would keep).\n',
    );
    expect(text).not.toContain('average mu');
  });

  it('uses ANSI colour only when asked for', async () => {
    const summary = await analyzeFiles([samplePath('node22-steady.log')]);
    expect(renderText(summary, { color: false })).not.toContain('\x1b[');
    expect(renderText(summary, { color: true })).toContain('\x1b[');
  });

  it('says plainly when a log has no per-space figures, and shows them when it has', async () => {
    const plain = renderText(await analyzeFiles([samplePath('node22-steady.log')]), { color: false });
    expect(plain).toContain('By space: not in this log (run node --trace-gc --trace-gc-verbose for per-space figures).');
    const verbose = renderText(await analyzeFiles([samplePath('node20-leak.verbose.log')]), { color: false });
    expect(verbose).toContain('By space after Mark-Compact (from --trace-gc-verbose):');
    expect(verbose).toMatch(/\nold\s+31\.2\s+31\.2\s+74\.5\s/);
  });
});

describe('rates in the terminal report', () => {
  it('put ~ only before an estimate, and no figure where the log has none', async () => {
    const exact = renderText(await analyzeFiles([samplePath('node22-steady.nvp.log')]), { color: false });
    expect(exact).toMatch(/^Allocation \d+\.\d MB\/s \(exact, from NVP\); promotion to old space \d+\.\d\d MB\/s \(exact, from NVP\)$/m);
    const none = renderText(await analyzeFiles([samplePath('node22-oom.plain.log')]), { color: false });
    expect(none).toContain('Allocation: not in this log; promotion to old space: not in this log');
    const estimated = renderText(await analyzeFiles([samplePath('node22-steady.log')]), { color: false });
    expect(estimated).toMatch(/^Allocation ~\d+\.\d MB\/s \(estimated from heap growth\); promotion to old space ~\d+\.\d\d MB\/s \(estimated from heap growth\)$/m);
  });
});

// The terminal report of a comparison: the verdict and its reasons first, the pairing, the rule, the table.

import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import type { Summary } from '../../src/analyze/summary.js';
import { compareSummaries } from '../../src/compare/compare.js';
import { formatPercent, formatSigned, formatValue } from '../../src/compare/format.js';
import { renderComparisonText } from '../../src/compare/text.js';

let base: Summary;

beforeAll(async () => {
  base = await analyzeFiles(['samples/node12-steady.log']);
}, 30_000);

describe('renderComparisonText', () => {
  it('leads with the verdict and the metrics that decided it', () => {
    const after = structuredClone(base);
    after.isolates[0]!.overhead.fraction = base.isolates[0]!.overhead.fraction * 2;
    // A rerun that really doubled its GC time has its interval doubled too.
    const interval = base.isolates[0]!.intervals.overheadPercent!;
    after.isolates[0]!.intervals.overheadPercent = { low: interval.low * 2, high: interval.high * 2 };
    // …with twice the GCs per minute: the GC's work changed, so the GC time counts (see work-change.ts).
    after.isolates[0]!.counts.total *= 2;
    const lines = renderComparisonText(compareSummaries(base, after), { color: false }).split('\n');
    const before = (base.isolates[0]!.overhead.fraction * 100).toFixed(1);
    const doubled = (base.isolates[0]!.overhead.fraction * 200).toFixed(1);
    expect(lines[0]).toBe(`Verdict: REGRESSED — GC overhead ${before}% → ${doubled}% (+100%)`);
    expect(lines[1]).toBe('before samples/node12-steady.log');
    expect(lines[2]).toBe('after  samples/node12-steady.log');
    expect(lines[3]).toMatch(/^Paired: #0 main thread \(pid \d+ 0x[0-9a-f]+\) ↔ #0 main thread \(pid \d+ 0x[0-9a-f]+\) \(paired by role\)$/);
    expect(lines[4]).toBe(
      'A metric changed only when after and before differ by ≥ 10% (of the smaller) and by at least 0.5 ms (pauses), 0.5 points (overhead), ' +
        '1 MB (floors), 1 MB/min (trends), 1/min (GC rates), 1 MB/s (rates), and, for GC overhead, p95 pause and the median floor, ' +
        "when the two sides' 90% intervals (how much each swings within its run, and across its runs when there are several) do not overlap; " +
        '✱ marks the metrics that decide the verdict.',
    );
    expect(lines.find((line) => line.startsWith('✱ GC overhead (%)'))).toMatch(new RegExp(`^✱ GC overhead \\(%\\)\\s+${before}\\s+${doubled}\\s+\\+${before}\\s+\\+100%\\s+worse$`));
    expect(lines).toContain('GC reasons: the same in both runs.');
    expect(lines.join('\n')).not.toContain('\x1b[');
  });

  it('says unchanged, and why, when nothing decisive moved', () => {
    const text = renderComparisonText(compareSummaries(base, base), { color: false });
    expect(text.split('\n')[0]).toBe('Verdict: UNCHANGED — no metric that decides the verdict moved beyond run-to-run noise');
  });

  it('colours only when asked', () => {
    expect(renderComparisonText(compareSummaries(base, base), { color: true })).toContain('\x1b[1mVerdict:\x1b[22m');
  });
});

describe('number formats', () => {
  it('prints units with fixed decimals, a real minus sign and no negative zero', () => {
    expect(formatValue(1.234, 'ms')).toBe('1.23');
    expect(formatValue(-0.001, 'MB/min')).toBe('0.00');
    expect(formatSigned(-7.86, 'MB/min')).toBe('−7.86');
    expect(formatSigned(0.4, 'count')).toBe('0');
    expect(formatPercent(-4.21, 1, 1)).toBe('−4.2%');
    expect(formatPercent(52.4, 1, 1)).toBe('+52%');
    expect(formatPercent(36100, 0.5, 181)).toBe('>+999%');
    expect(formatPercent(null, 0, 3)).toBe('new');
    expect(formatPercent(null, null, 3)).toBe('—');
  });
});

describe('review fixes: what the verdict line and the table leave unjudged', () => {
  it('names the states that changed without deciding, and says why a row reads n/a', async () => {
    const before = await analyzeFiles(['samples/corpus/logs/service-node26-90s-seed1-cache9000.log.gz']);
    const after = await analyzeFiles(['samples/corpus/logs/slow-leak-node26-90s-seed1-r3.log.gz']);
    const text = renderComparisonText(compareSummaries(before, after), { color: false });
    expect(text.split('\n')[0]).toBe(
      'Verdict: UNCHANGED — no metric that decides the verdict moved beyond run-to-run noise (shown, not deciding: Leak verdict insufficient-data → suspected)',
    );
    expect(text).toMatch(/^✱ Leak verdict\s+insufficient-data\s+suspected\s+changed$/m);
    // Each n/a row says why in its change column: the trend before came from fewer than 5 floors.
    expect(text).toMatch(/^✱ Floor trend \(MB\/min\)\s+—\s+5\.05\s+< 5 floors\s+—\s+n\/a$/m);
    expect(text).toContain('n/a: not judged; the change column says why: "only before" or "only after" (not in the other log), "too short"');
  });

  it('an overhead one log cannot give reads "not measured", not "only after" (node22-oom.plain.log: the out-of-memory report alone)', async () => {
    const before = await analyzeFiles(['samples/node22-oom.plain.log']);
    const after = await analyzeFiles(['samples/node22-oom.log']);
    const text = renderComparisonText(compareSummaries(before, after), { color: false });
    const percent = (after.isolates[0]!.overhead.fraction! * 100).toFixed(1);
    expect(text).toMatch(new RegExp(`^✱ GC overhead \\(%\\)\\s+—\\s+${percent.replace('.', '\\.')}\\s+not measured\\s+—\\s+n/a$`, 'm'));
    expect(text).toContain('"not measured" (a GC overhead the log cannot give: only an out-of-memory report\'s GCs, or GCs over under 1 s)');
  });
});

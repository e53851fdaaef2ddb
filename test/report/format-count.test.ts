// Counts grouped by thousands as en-US does, without loading ICU (start-up time); every figure of the
// text outputs grouped the same way.

import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import { formatCount, formatMb, formatMs, formatSlope, grouped } from '../../src/format.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { samplePath } from '../support/samples.js';

describe('formatSlope', () => {
  it('groups thousands (a Buffer leak rose +10,017.3 MB/min), signs only what rounds away from 0', () => {
    expect(formatSlope(10017.34)).toBe('+10,017.3 MB/min');
    expect(formatSlope(999.94)).toBe('+999.9 MB/min');
    expect(formatSlope(-999.96)).toBe('−1,000.0 MB/min');
    expect(formatSlope(-0.04)).toBe('0.0 MB/min');
  });
});

describe('formatCount', () => {
  it('groups whole numbers exactly as toLocaleString("en-US") does', () => {
    for (const count of [0, 7, 999, 1000, 1001, 12_345, 999_999, 1_000_000, -1, -1000, -1_234_567, Number.MAX_SAFE_INTEGER]) {
      expect(formatCount(count)).toBe(count.toLocaleString('en-US'));
    }
  });
  it('other numbers as toLocaleString', () => {
    expect(formatCount(1234.5)).toBe('1,234.5');
    expect(formatMb(12_345.4)).toBe('12,345 MB');
  });
});

describe('grouped: figures with decimals grouped as counts are', () => {
  it('groups the whole part from 1,000 on, just below and just above, signs and decimals kept', () => {
    expect(grouped(999.94, 1)).toBe('999.9');
    expect(grouped(999.96, 1)).toBe('1,000.0');
    expect(grouped(999, 0)).toBe('999');
    expect(grouped(1000, 0)).toBe('1,000');
    expect(grouped(6138.8, 1)).toBe('6,138.8');
    expect(grouped(1_234_567.891, 2)).toBe('1,234,567.89');
    expect(grouped(-1234.5, 1)).toBe('-1,234.5');
    expect(grouped(-0.04, 1)).toBe('0.0');
    expect(grouped(1e21, 0)).toBe('1e+21');
  });
  it('formatMs groups from 1,000 ms to the 10 s where it switches to seconds', () => {
    expect(formatMs(999.4)).toBe('999 ms');
    expect(formatMs(1000)).toBe('1,000 ms');
    expect(formatMs(9999.4)).toBe('9,999 ms');
    expect(formatMs(10_000)).toBe('10.0 s');
  });
});

describe('one grouping in the text of a real log (formats/node4-leak.log: 9,127 GCs)', () => {
  it('terminal and Markdown: counts, pause totals, per-minute rates all grouped', async () => {
    const summary = await analyzeFiles([samplePath('formats/node4-leak.log')]);
    const text = renderText(summary, { color: false });
    // grep -c '' → 9129 lines; 9112 Scavenge + 15 Mark-sweep records.
    expect(text).toContain('samples/formats/node4-leak.log  9,129 lines, 9,127 GC events, trace-gc');
    expect(text).toContain('15.1 s covered, 9,127 GCs;');
    expect(text).toMatch(/^Scavenge +9,112 +6,138\.8 /m);
    expect(text).toMatch(/^allocation failure +9,112 +6,138\.8$/m);
    expect(text).toContain('GC took 43.4% of the time in pauses (6,538 ms of 15.1 s).');
    expect(text).toContain('Scavenges take 94% of GC pause time (36,291 per minute, 0.67 ms each).');
    const markdown = renderMarkdown(summary);
    expect(markdown).toContain('| 9,127 |');
    expect(markdown).toContain('(6,538 ms of 15.1 s)');
    // No figure of four digits or more without its comma, in either (quoted log lines aside: none here).
    for (const output of [text, markdown]) expect(output.match(/(?<![\d.,])\d{4,}(?![\d,])/g)).toBeNull();
  });
});

// The NVP key=value reader (src/parse/nvp.ts), which recognises the keys it has seen in place,
// against the plain token-by-token reader it replaced (test/support/nvp-reference.ts): the same
// fields for every NVP line of every sample, read in order, and for damaged variants of real lines.

import { describe, expect, it } from 'vitest';
import { NvpPairsReader } from '../../src/parse/nvp.js';
import { parseNvpPairsReference } from '../support/nvp-reference.js';
import { allSamples, readSample } from '../support/samples.js';

/** The key=value text of each NVP line in a sample (what the parser hands the reader). */
function nvpTexts(name: string): string[] {
  return readSample(name)
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => / ms: pause=/.test(line))
    .map((line) => line.slice(line.indexOf('pause=')));
}

const nvpSamples = allSamples().filter((name) => nvpTexts(name).length > 0);

describe('NvpPairsReader reads what the reference reads', () => {
  it('has NVP samples from several V8 versions to compare on', () => {
    expect(nvpSamples.length).toBeGreaterThanOrEqual(10);
  });

  it.each(nvpSamples)('%s, line by line', (name) => {
    const reader = new NvpPairsReader();
    const texts = nvpTexts(name);
    for (const text of texts) expect(reader.read(text), text).toEqual(parseNvpPairsReference(text));
    // Read again: now every key is already known at its position.
    for (const text of texts) expect(reader.read(text), text).toEqual(parseNvpPairsReference(text));
  });

  it('on damaged variants of real lines, read after the real ones', () => {
    const texts = nvpTexts('node22-steady.nvp.log');
    const scavenge = texts.find((text) => text.includes(' gc=s '))!;
    const markCompact = texts.find((text) => text.includes(' gc=mc '))!;
    expect(scavenge).toContain('total_size_before=');
    expect(markCompact).toContain('total_size_before=');
    const pairs = scavenge.split(' ');
    const damage = (replace: (pair: string, index: number) => string) => pairs.map(replace).join(' ');
    const variants = [
      // A value glued to the next key (V8 13.2/13.6 printed some so).
      scavenge.replace(' mutator=', 'mutator='),
      scavenge.replace(' scavenge=', 'scavenge='),
      // Values Number() reads differently from a plain decimal, or not at all.
      damage((pair, index) => (index === 5 ? pair.replace(/=.*/, '=1e5') : pair)),
      damage((pair, index) => (index === 5 ? pair.replace(/=.*/, '=0x10') : pair)),
      damage((pair, index) => (index === 5 ? pair.replace(/=.*/, '=12.') : pair)),
      damage((pair, index) => (index === 5 ? pair.replace(/=.*/, '=.5') : pair)),
      damage((pair, index) => (index === 5 ? pair.replace(/=.*/, '=-3.25') : pair)),
      damage((pair, index) => (index === 5 ? pair.replace(/=.*/, '=nan') : pair)),
      damage((pair, index) => (index === 5 ? pair.replace(/=.*/, '=-inf') : pair)),
      damage((pair, index) => (index === 5 ? pair.replace(/=.*/, '=5%%') : pair)),
      damage((pair, index) => (index === 5 ? pair.replace(/=.*/, '=%') : pair)),
      damage((pair, index) => (index === 5 ? pair.replace(/=.*/, '=') : pair)),
      damage((pair, index) => (index === 5 ? pair.replace(/=.*/, '=1234567890123456789') : pair)),
      damage((pair, index) => (index === 5 ? pair.replace(/=.*/, '=0.12345678901234567') : pair)),
      damage((pair, index) => (index === 5 ? pair.replace(/=.*/, '=1e400') : pair)),
      damage((pair, index) => (index === 5 ? pair.replace(/=.*/, '=mc') : pair)),
      // Keys: a known one cut short or made longer, odd characters, none, a prototype key.
      damage((pair, index) => (index === 4 ? pair.replace(/^[^=]*/, (key) => key.slice(0, -1)) : pair)),
      damage((pair, index) => (index === 4 ? pair.replace(/^[^=]*/, (key) => `${key}x`) : pair)),
      damage((pair, index) => (index === 4 ? pair.replace(/^[^=]*/, (key) => key.toUpperCase()) : pair)),
      damage((pair, index) => (index === 4 ? pair.replace(/^[^=]*/, '9key') : pair)),
      damage((pair, index) => (index === 4 ? pair.replace(/^[^=]*/, '') : pair)),
      damage((pair, index) => (index === 4 ? pair.replace(/^[^=]*/, '__proto__') : pair)),
      damage((pair, index) => (index === 4 ? pair.replace('=', '') : pair)),
      damage((pair, index) => (index === 4 ? `${pair}=1` : pair)),
      // Spacing, order, cuts.
      scavenge.replaceAll(' ', '  '),
      `${scavenge} `,
      pairs.slice(0, 3).concat(pairs.slice(4)).join(' '),
      [pairs[0]!, pairs[2]!, pairs[1]!, ...pairs.slice(3)].join(' '),
      scavenge.slice(0, scavenge.length / 2),
      scavenge.replace(' gc=s ', ' '),
      scavenge.replace(' gc=s ', ' gc= '),
      markCompact,
      scavenge,
    ];
    const reader = new NvpPairsReader();
    for (const text of texts) expect(reader.read(text), text).toEqual(parseNvpPairsReference(text));
    // After the first line of each collector, every real line is recognised whole by its shape.
    const collectors = new Set(texts.map((text) => /(?:^| )gc=(\S*)/.exec(text)![1])).size;
    expect(reader.linesReadWhole).toBe(texts.length - collectors);
    for (const text of [...variants, ...variants]) expect(reader.read(text), text).toEqual(parseNvpPairsReference(text));
    // The variants really are different lines (the comparison above is not of one line many times).
    expect(new Set(variants).size).toBe(variants.length);
  });
});

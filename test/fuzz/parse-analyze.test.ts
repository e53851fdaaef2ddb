// Fuzzing the parser and the analyzer with damaged real logs: nothing throws, no number is NaN or
// infinite, and the summary stays consistent with the events. `npm test` replays a fixed seed;
// a long run: GCLOG_FUZZ_RUNS=100000 npx vitest run test/fuzz (GCLOG_FUZZ_SEED to replay one).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGcEvent } from '../../src/events.js';
import { parseLog } from '../../src/parse/log-parser.js';
import { NvpPairsReader } from '../../src/parse/nvp.js';
import { parseNvpPairsReference } from '../support/nvp-reference.js';
import { assertAllFinite, assertConsistentSummary } from './invariants.js';
import { applyMutations, mutationArbitrary } from './mutations.js';
import { analyzeText, loadSamples } from './samples.js';

const LONG_RUN = process.env['GCLOG_FUZZ_RUNS'] !== undefined;
const RUNS = LONG_RUN ? Number(process.env['GCLOG_FUZZ_RUNS']) : 2000;
const SEED = process.env['GCLOG_FUZZ_SEED'] !== undefined ? Number(process.env['GCLOG_FUZZ_SEED']) : LONG_RUN ? Date.now() % 2 ** 31 : 20240501;
/** Generous: the fixed-seed run takes a few seconds; a long run is given hours. */
const TIMEOUT_MS = LONG_RUN ? 24 * 3600 * 1000 : 60_000;

const samples = loadSamples();

/** Parses, analyzes, and checks everything that must hold whatever the input. */
function checkEverything(text: string, options: { heapLimitMb?: number } = {}): ReturnType<typeof analyzeText> {
  const analysis = analyzeText(text, options.heapLimitMb !== undefined ? { heapLimitMb: options.heapLimitMb } : {});
  assertAllFinite(analysis.events, '$events');
  assertAllFinite(analysis.stats, '$stats');
  assertAllFinite(analysis.summary, '$summary');
  assertConsistentSummary(analysis.events, analysis.summary);
  // The summary is what --json prints: it must serialise.
  JSON.parse(JSON.stringify(analysis.summary));
  return analysis;
}

describe('fuzz: damaged real samples', () => {
  it('has samples to fuzz', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  it.each(samples.map((sample) => [sample.name, sample] as const))('undamaged %s is consistent', (_name, sample) => {
    const { events } = checkEverything(sample.text);
    expect(events.filter(isGcEvent).length).toBeGreaterThan(0);
  });

  it(
    `never throws, stays finite and consistent (${RUNS} runs, seed ${SEED})`,
    () => {
      if (LONG_RUN) console.log(`gclog fuzz: ${RUNS} runs, seed ${SEED} (replay with GCLOG_FUZZ_SEED=${SEED})`);
      const input = fc.record({
        sample: fc.nat({ max: samples.length - 1 }),
        start: fc.nat({ max: 100_000 }),
        length: fc.integer({ min: 1, max: 160 }),
        mutations: fc.array(mutationArbitrary, { minLength: 1, maxLength: 8 }),
        heapLimitMb: fc.option(fc.constantFrom(1, 64, 4096, 1e9), { nil: undefined }),
      });
      fc.assert(
        fc.property(input, ({ sample, start, length, mutations, heapLimitMb }) => {
          const { lines } = samples[sample]!;
          const from = start % lines.length;
          const text = `${lines.slice(from, from + length).join('\n')}\n`;
          checkEverything(applyMutations(text, mutations), heapLimitMb !== undefined ? { heapLimitMb } : {});
        }),
        { seed: SEED, numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    `the fast paths read damaged text as the reference ways do (${RUNS} runs, seed ${SEED})`,
    () => {
      const nvpSamples = samples.filter((sample) => sample.lines.some((line) => line.includes(' ms: pause=')));
      const input = fc.record({
        sample: fc.nat({ max: samples.length - 1 }),
        start: fc.nat({ max: 100_000 }),
        length: fc.integer({ min: 1, max: 60 }),
        mutations: fc.array(mutationArbitrary, { minLength: 1, maxLength: 6 }),
      });
      fc.assert(
        fc.property(input, ({ sample, start, length, mutations }) => {
          const { lines, name } = samples[sample]!;
          const from = start % lines.length;
          const text = applyMutations(`${lines.slice(from, from + length).join('\n')}\n`, mutations);
          // The trace scanner (and reading a plain line as it came) against the regex grammar alone.
          const fast = parseLog(text, { fastPath: true });
          const general = parseLog(text, { fastPath: false });
          expect(JSON.stringify(fast.events) + JSON.stringify(fast.stats)).toBe(JSON.stringify(general.events) + JSON.stringify(general.stats));
          // The NVP reader, which has seen the sample's real lines (and their shapes), against the reference.
          if (!nvpSamples.some((nvp) => nvp.name === name)) return;
          const reader = new NvpPairsReader();
          for (const line of lines) if (line.includes(' ms: pause=')) reader.read(line.slice(line.indexOf('pause=')));
          for (const line of text.split('\n')) {
            const at = line.indexOf('pause=');
            if (at === -1) continue;
            const pairs = line.slice(at).replace(/\r$/, '');
            expect(reader.read(pairs), pairs).toEqual(parseNvpPairsReference(pairs));
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it('survives a record cut at every position, as the last line and in the middle of the log', () => {
    // One record of each kind the samples hold (trace, verbose, NVP pairs and JSON, out-of-memory block).
    const recordPatterns = [/ ms: Scavenge /, / ms: Mark-(?:sweep|Compact) /, /used: .* KB/, /pause=/, /GC: \{/, /Last few GCs/, /FATAL ERROR/];
    let cuts = 0;
    for (const pattern of recordPatterns) {
      // Two samples per kind, an old and a new Node: every cut of every sample would take minutes.
      const holding = samples.filter((sample) => sample.lines.some((line) => pattern.test(line)));
      const chosen = [...new Set([holding[0], holding[holding.length - 1]])];
      for (const sample of chosen) {
        if (sample === undefined) continue;
        const index = sample.lines.findIndex((line) => pattern.test(line));
        const before = sample.lines.slice(Math.max(0, index - 6), index);
        const after = sample.lines.slice(index + 1, index + 7);
        const record = sample.lines[index]!;
        for (let at = 0; at <= record.length; at++) {
          const cut = record.slice(0, at);
          checkEverything([...before, cut].join('\n'));
          checkEverything(`${[...before, cut, ...after].join('\n')}\n`);
          cuts += 2;
        }
      }
    }
    expect(cuts).toBeGreaterThan(0);
  }, 60_000);
});

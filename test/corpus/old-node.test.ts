// The leak verdict on real logs of old Node (samples/corpus/old-node: 0.10, 0.12, 4, 5), against their
// labels: what the old text logs can and cannot show, and that every "not enough data" says why.
// `npm run corpus` prints the matrix.

import { beforeAll, describe, expect, it } from 'vitest';
import { LEAK_MIN_SPAN_MS, LEAK_SHORT_SPAN_MIN_RELATIVE_GROWTH, NO_LEAK_FIRST_MINUTE_MAX_RISE } from '../../src/analyze/leak.js';
import { evaluateCorpus, formatMatrix, readManifest, type CorpusResult, type JudgedIsolate, type Manifest } from './corpus.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR } from './corpus.js';

const oldManifest = JSON.parse(readFileSync(join(CORPUS_DIR, 'old-node', 'manifest.json'), 'utf8')) as Manifest;
let old: CorpusResult;
let recent: CorpusResult;

beforeAll(async () => {
  [old, recent] = await Promise.all([evaluateCorpus(oldManifest), evaluateCorpus(readManifest())]);
  if (process.env['GCLOG_CORPUS_REPORT'] === '1') {
    console.log(['', 'Old Node (0.10-5):', formatMatrix(old), ...old.judged.map((entry) => `${entry.log.file} [${entry.log.label}] ${entry.isolate.leak.verdict}: ${entry.isolate.leak.reasons.join('; ')}`)].join('\n'));
  }
}, 300_000);

/** The floor's rise over the trend points, and over how long, where a trend was measured. */
function shortRise(entry: JudgedIsolate): number | null {
  const total = entry.isolate.floors.total;
  const relative = entry.isolate.leak.evidence.relativeGrowth;
  if (total === null || total.trendFromMs === null || total.trendToMs === null || relative === null || entry.isolate.leak.evidence.slopeMbPerMinute === null) return null;
  return total.trendToMs - total.trendFromMs < LEAK_MIN_SPAN_MS ? relative : null;
}

describe('leak verdicts on old Node', () => {
  it('has 32 logs, 8 per version, half of them leaking', () => {
    expect(oldManifest.logs).toHaveLength(32);
    expect(new Set(oldManifest.logs.map((log) => String(log.node)))).toEqual(new Set(['0.10', '0.12', '4', '5']));
    expect(oldManifest.logs.filter((log) => log.label === 'leak')).toHaveLength(16);
  });

  it('raises no false alarm, and says "not enough data" rather than "no leak" for 14 of the 16 leaks', () => {
    expect(old.matrix).toEqual({
      leak: { leak: 2, suspected: 0, none: 0, 'insufficient-data': 14 },
      none: { leak: 0, suspected: 0, none: 5, 'insufficient-data': 11 },
    });
  });

  it('says why for every leak it cannot call: too few Mark-Compacts in so many seconds, or a rise under a minute below +50%', () => {
    for (const entry of old.judged.filter((judged) => judged.log.label === 'leak' && judged.isolate.leak.verdict === 'insufficient-data')) {
      expect(entry.isolate.leak.reasons[0], entry.log.file).toMatch(
        /^only \d+ Mark-Compacts? (after the warm-up \(\d+ in \d+\.\d s\)|in \d+\.\d s)(, none after the warm-up|, \d+ after the warm-up)?(, while the heap left after GCs went from [\d.]+ MB to [\d.]+ MB)?: a trend needs 5|, within the run's first minute, where the trend of runs without a leak rose by up to \+58%/,
      );
    }
  });

  it('the leak.js run of 20 s on Node 0.10: 57 Mark-Compacts, +47% in 15.6 s, reads exactly why it is not called', () => {
    const entry = old.judged.find((judged) => judged.log.file === 'old-node/logs/leak-node0.10-20s.log.gz')!;
    expect(entry.isolate.leak.reasons[0]).toBe(
      "the trend of the floor after Mark-Compact rose 37.9 MB (+47% of its 80.4 MB level) over 15.6 s (57 Mark-Compacts, Kendall's tau 0.99), within the run's first minute, " +
        'where the trend of runs without a leak rose by up to +58% (caches and pools filling): so short a rise is called a leak only from +50% of trend, steady (Mann–Kendall z ≥ 2.33); record a few minutes to tell it from a leak',
    );
  });

  it('the fast leak on Node 5: 141 MB retained in 15 s with one Mark-Compact', () => {
    const entry = old.judged.find((judged) => judged.log.file === 'old-node/logs/fast-leak-node5-15s-seed1-r10.log.gz')!;
    expect(entry.isolate.leak.reasons[0]).toBe('only 1 Mark-Compact in 15.0 s, none after the warm-up, while the heap left after GCs went from 2.2 MB to 205 MB: a trend needs 5');
  });
});

describe('the first-minute bound, measured on both corpora', () => {
  const judged = (): JudgedIsolate[] => [...old.judged, ...recent.judged];

  it('runs without a leak rose at most +58% (the figure the sentence quotes) in under a minute: cache-warm on Node 26, above the +50% bound (its rise was not steady: z 2.20)', () => {
    const rises = judged().filter((entry) => entry.log.label === 'none').map((entry) => [entry.log.file, shortRise(entry)] as const).filter(([, rise]) => rise !== null);
    const highest = rises.reduce((best, rise) => (rise[1]! > best[1]! ? rise : best));
    expect(highest[0]).toBe('logs/cache-warm-node26-60s-seed1.log.gz');
    expect(highest[1]!.toFixed(2)).toBe(NO_LEAK_FIRST_MINUTE_MAX_RISE.toFixed(2));
    expect(highest[1]!).toBeGreaterThan(LEAK_SHORT_SPAN_MIN_RELATIVE_GROWTH);
  });

  it('leaks of old Node rose from +10% in under a minute: below what runs without a leak reach, so no lower bound would tell them apart', () => {
    const leaks = old.judged.filter((entry) => entry.log.label === 'leak' && entry.isolate.leak.verdict === 'insufficient-data').map(shortRise).filter((rise): rise is number => rise !== null);
    expect(leaks.map((rise) => rise.toFixed(2)).sort()).toEqual(['0.10', '0.12', '0.20', '0.34', '0.34', '0.47']);
    expect(Math.min(...leaks)).toBeLessThan(NO_LEAK_FIRST_MINUTE_MAX_RISE);
  });
});

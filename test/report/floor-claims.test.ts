// The floor and leak-verdict claims on real logs: each where it holds and where it does not. The
// numbers are those of the logs' Mark-Compact lines (node24-leak: the last, at 28.1 s, leaves 3.6 MB of
// the 499.4 MB before it: the collapse at exit).

import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import type { IsolateSummary } from '../../src/analyze/summary.js';
import { floorRangeSentence, floorTrendSentence, leakVerdictSentence } from '../../src/report/claims/floor.js';
import { samplePath } from '../support/samples.js';

async function mainThread(sample: string): Promise<IsolateSummary> {
  return (await analyzeFiles([samplePath(sample)])).isolates[0]!;
}

describe('floorRangeSentence', () => {
  it('says a collapse at exit as such, not as where the floor went (node24-leak)', async () => {
    const isolate = await mainThread('node24-leak.log');
    expect(floorRangeSentence(isolate, isolate.floors.total!)).toBe(
      'The floor went from 29.4 MB to 106 MB (highest 106 MB), then fell to 3.6 MB at 28.1 s: the app letting go of its memory at exit, left out of the trend.',
    );
  });

  it('gives first, last, lowest and highest where there is no collapse (node22-leak)', async () => {
    const isolate = await mainThread('node22-leak.log');
    expect(floorRangeSentence(isolate, isolate.floors.total!)).toBe('The floor went from 32.6 MB to 167 MB (lowest 32.6 MB, highest 167 MB).');
  });
});

describe('floorTrendSentence', () => {
  it('counts the Mark-Compacts the verdict used, the warm-up and the exit left out (node24-leak: 14 of 20)', async () => {
    const isolate = await mainThread('node24-leak.log');
    expect(floorTrendSentence(isolate)).toBe(
      "Leaving out the warm-up (the first 5.6 s) and the collapse at exit (28.1 s), the floor moved +203.6 MB/min over 14 Mark-Compacts of 20 (its median 71.3 MB); Kendall's tau 1.00 says how steadily (1: each floor above the one before; 0: no direction).",
    );
    expect(isolate.leak.evidence.points).toBe(14);
  });

  it('claims no slope from fewer than 5 floors (node22-oom.plain: one Mark-Compact)', async () => {
    const isolate = await mainThread('node22-oom.plain.log');
    expect(floorTrendSentence(isolate)).toBe('Leaving out the start (its first instants), 1 Mark-Compact of 1 remains: too few for a trend (5 are needed).');
  });
});

describe('leakVerdictSentence', () => {
  it('gives the deciding evidence, then what was seen without deciding (node22-leak)', async () => {
    const isolate = await mainThread('node22-leak.log');
    expect(leakVerdictSentence(isolate)).toBe(
      "So memory leaks: the floor after Mark-Compact rose +311.8 MB/min (Theil–Sen, 48 points over 22.2 s: 49.6 MB → 167 MB, +125% of its 92.5 MB level, Kendall's tau 1.00). " +
        "Also seen: memwatch's rule fired (the floor grew 47 times in a row, by ≥ 10%); shown as evidence, it does not decide alone.",
    );
  });

  it('says "not enough data", not "too few Mark-Compacts", when 8 Mark-Compacts were too short a span (corpus service-node14-30s-seed1)', async () => {
    const isolate = await mainThread('corpus/logs/service-node14-30s-seed1.log.gz');
    expect(isolate.leak.evidence.points).toBe(8);
    expect(leakVerdictSentence(isolate)).toMatch(/^Not enough data to judge a leak: the trend of the floor after Mark-Compact rose 1\.8 MB \(\+7% of its 26\.8 MB level\) over 17\.3 s \(8 Mark-Compacts, /);
  });

  it('says a falling floor fell by so much a minute, without a minus sign to undo the verb (node24-steady.nvp)', async () => {
    const isolate = await mainThread('node24-steady.nvp.log');
    expect(leakVerdictSentence(isolate)).toBe('So no leak: the floor after Mark-Compact fell 15.9 MB/min over 4.4 s (21 points, between 32.0 MB and 33.5 MB).');
  });

  it('says a flat floor is no leak, with the slowest leak its swing could hide (node26-steady)', async () => {
    const isolate = await mainThread('node26-steady.log');
    expect(leakVerdictSentence(isolate)).toBe(
      "So no leak: the floor after Mark-Compact stayed between 32.0 MB and 32.7 MB over 18.7 s (49 points, level 32.2 MB, no steady rise: Kendall's tau 0.05); a leak slower than about 2.2 MB/min would not stand out of this swing over this span.",
    );
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD_PERCENT, MINIMUM_ABSOLUTE_DIFFERENCE, isBeyondNoise, judge, judgeRank } from '../../src/compare/noise-rule.js';

const PAUSE_MINIMUM = MINIMUM_ABSOLUTE_DIFFERENCE.ms;

describe('noise rule', () => {
  it('uses 10% and 0.5 ms for pauses by default', () => {
    expect(DEFAULT_THRESHOLD_PERCENT).toBe(10);
    expect(PAUSE_MINIMUM).toBe(0.5);
  });

  it('treats pauses less than 0.5 ms apart as equal, however large the percentage', () => {
    expect(judge(1.3, 1.7, 'lower-is-better', PAUSE_MINIMUM, 10)).toBe('unchanged'); // +31%, 0.4 ms
    expect(judge(0.2, 0.6, 'lower-is-better', PAUSE_MINIMUM, 10)).toBe('unchanged'); // +200%, 0.4 ms
  });

  it('counts exactly the minimum as a change (1.8 − 1.3 is 0.5000000000000002 in floats)', () => {
    expect(judge(1.3, 1.8, 'lower-is-better', PAUSE_MINIMUM, 10)).toBe('regressed');
    expect(judge(1.8, 1.3, 'lower-is-better', PAUSE_MINIMUM, 10)).toBe('improved');
  });

  it('needs the relative threshold too: 9% is noise at 10%, a change at 5%', () => {
    expect(judge(20, 21.8, 'lower-is-better', PAUSE_MINIMUM, 10)).toBe('unchanged');
    expect(judge(20, 21.8, 'lower-is-better', PAUSE_MINIMUM, 5)).toBe('regressed');
    expect(judge(20, 22, 'lower-is-better', PAUSE_MINIMUM, 10)).toBe('regressed'); // exactly 10%
  });

  it('takes the threshold of the smaller value, so swapping the runs flips the judgement exactly', () => {
    // 46 → 51 is +10.9% of before; 51 → 46 is −9.8% of before but 10.9% of the smaller value.
    expect(judge(46, 51, 'lower-is-better', 0.5, 10)).toBe('regressed');
    expect(judge(51, 46, 'lower-is-better', 0.5, 10)).toBe('improved');
    expect(judge(100, 109, 'lower-is-better', 0.5, 10)).toBe('unchanged');
    expect(judge(109, 100, 'lower-is-better', 0.5, 10)).toBe('unchanged');
  });

  it('with a value of 0 on either side only the minimum applies', () => {
    expect(isBeyondNoise(0, 0.4, 0.5, 10)).toBe(false);
    expect(isBeyondNoise(0, 0.5, 0.5, 10)).toBe(true);
    expect(isBeyondNoise(0, 0, 0, 10)).toBe(false);
    expect(isBeyondNoise(0.6, 0, 0.5, 10)).toBe(true);
  });

  it('says `changed`, not better or worse, for neutral metrics', () => {
    expect(judge(100, 200, 'neutral', 1, 10)).toBe('changed');
    expect(judge(100, 101, 'neutral', 1, 10)).toBe('unchanged');
  });

  it('cannot judge a missing side', () => {
    expect(judge(null, 3, 'lower-is-better', 0.5, 10)).toBe('not-comparable');
    expect(judge(3, null, 'lower-is-better', 0.5, 10)).toBe('not-comparable');
  });

  it('ranks states: any step is a change', () => {
    expect(judgeRank(2, 0)).toBe('improved');
    expect(judgeRank(0, 1)).toBe('regressed');
    expect(judgeRank(1, 1)).toBe('unchanged');
    expect(judgeRank(null, 1)).toBe('not-comparable');
  });
});

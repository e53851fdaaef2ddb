// Counts grouped by thousands as en-US does, without loading ICU (start-up time).

import { describe, expect, it } from 'vitest';
import { formatCount, formatMb } from '../../src/format.js';

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

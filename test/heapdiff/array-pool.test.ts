// The pool that hands one snapshot's arrays to the next: same memory when it fits, always zeroed.

import { describe, expect, it } from 'vitest';
import { ArrayPool } from '../../src/heapdiff/array-pool.js';

describe('ArrayPool', () => {
  it('reuses the buffer of a role for a length that fits (1.25× the first), zeroed', () => {
    const pool = new ArrayPool();
    const first = pool.take('ids', Float64Array, 100);
    first.fill(7);
    const second = pool.take('ids', Float64Array, 125);
    expect(second.buffer).toBe(first.buffer);
    expect(second.length).toBe(125);
    expect(second.every((value) => value === 0)).toBe(true);
  });

  it('makes a new buffer past that room, and keeps roles apart', () => {
    const pool = new ArrayPool();
    const first = pool.take('ids', Uint32Array, 100);
    expect(pool.take('ids', Uint32Array, 126).buffer).not.toBe(first.buffer);
    expect(pool.take('names', Uint32Array, 10).buffer).not.toBe(first.buffer);
  });
});

// The fleet's progress line: what it says after each run (drawn only on a terminal; the CLI tests
// run in a pipe and check that stderr holds nothing else).

import { describe, expect, it } from 'vitest';
import { renderFleetProgress } from '../../src/cli/progress.js';

describe('renderFleetProgress', () => {
  it('counts the runs analysed of all', () => {
    expect(renderFleetProgress(12, 200)).toBe('gclog: fleet: 12 of 200 runs analysed');
    expect(renderFleetProgress(1, 1)).toBe('gclog: fleet: 1 of 1 run analysed');
  });
});

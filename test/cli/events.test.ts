// `gclog events <log> | wc -l` equals the number of GCs in the log, on the built CLI, for every
// sample; each line is one JSON object with the documented fields.

import { describe, expect, it } from 'vitest';
import { EXPECTED } from '../support/expected-counts.js';
import { allSamples, samplePath } from '../support/samples.js';
import { runCli } from './run-cli.js';

const DOCUMENTED_FIELDS = [
  'type',
  'generation',
  'v8Name',
  'pid',
  'isolate',
  'timeMs',
  'heapBeforeMb',
  'heapAfterMb',
  'committedBeforeMb',
  'committedAfterMb',
  'pauseMs',
  'reason',
  'line',
];

describe('gclog events', () => {
  it.each(allSamples())('%s: one line per GC', (sample) => {
    const result = runCli(['events', samplePath(sample)]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    const expected = Object.values(EXPECTED[sample]!.types).reduce((sum, count) => sum + count, 0);
    expect(lines).toHaveLength(expected);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    for (const field of DOCUMENTED_FIELDS) expect(first).toHaveProperty(field);
    expect(['young', 'old']).toContain(first['generation']);
  }, 30_000);

  it('--all adds the fatal out-of-memory event', () => {
    const result = runCli(['events', '--all', samplePath('node26-oom.log')]);
    const events = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string; location?: string });
    expect(events.filter((event) => event.type === 'OutOfMemory')).toEqual([expect.objectContaining({ location: 'Reached heap limit' })]);
  });
});

// analyze with heap snapshots: the leak finding (and the story's next step) names what grew in them
// and what holds it, instead of asking for snapshots; nothing else changes.

import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import type { Summary } from '../../src/analyze/summary.js';
import type { HeapDiff } from '../../src/heapdiff/diff.js';
import { heapdiffFiles } from '../../src/heapdiff/heapdiff.js';
import { leakStep } from '../../src/report/claims/next-steps.js';
import { linkHeapDiff } from '../../src/report/heapdiff/link.js';
import { snapshotLeakStep } from '../../src/report/heapdiff/words.js';
import { runCli } from '../cli/run-cli.js';
import { SNAPSHOTS } from './samples.js';

const GROWERS_STEP =
  'What grew at every step of the 3 heap snapshots given: ArrayBuffer +200 instances, +3.1 MB, held by Buffer chunk ← scope of flushChunk() ← Array shutdownHooks [] ← module scope of leaky-service.cjs; ' +
  'CacheEntry +2,000 instances, +515.8 KB, held by Object responseCache [key] ← module scope of leaky-service.cjs; ' +
  'Object +2,000 instances, +269.8 KB, held by RequestContext context .headers ← scope of onConfigChange() ← Array [] ← Object .change ← EventEmitter configBus ._events ← module scope of leaky-service.cjs. ' +
  `All of it: gclog heapdiff ${SNAPSHOTS.join(' ')}`;

describe('linkHeapDiff', () => {
  let summary: Summary;
  let diff: HeapDiff;
  beforeAll(async () => {
    [summary, diff] = await Promise.all([analyzeFiles(['samples/node22-leak.log']), heapdiffFiles(SNAPSHOTS)]);
  }, 60_000);

  it('replaces the leak finding’s "take two heap snapshots" with the top growers and their retainers', () => {
    const before = summary.isolates[0]!.findings.find((finding) => finding.id === 'leak')!;
    expect(before.nextStep).toMatch(/^Take two heap snapshots/);
    // The report's step is the finding's own, before and after linking.
    expect(leakStep(summary.isolates[0]!)).toBe(before.nextStep);
    const linked = linkHeapDiff(summary, diff);
    const after = linked.isolates[0]!.findings.find((finding) => finding.id === 'leak')!;
    expect(after.nextStep).toBe(GROWERS_STEP);
    expect(after.fromHeapSnapshots).toBe(true);
    expect(after.statement).toBe(before.statement);
    expect(leakStep(linked.isolates[0]!)).toBe(GROWERS_STEP);
    // Only that finding changes, and the summary given is left as it was.
    expect(linked.isolates[0]!.findings.filter((finding) => finding.id !== 'leak')).toEqual(summary.isolates[0]!.findings.filter((finding) => finding.id !== 'leak'));
    expect(summary.isolates[0]!.findings.find((finding) => finding.id === 'leak')!.nextStep).toMatch(/^Take two heap snapshots/);
  });

  it('says so when nothing grew in the snapshots', async () => {
    const same = await heapdiffFiles([SNAPSHOTS[0]!, SNAPSHOTS[0]!]);
    expect(snapshotLeakStep(same)).toBe('In the 2 heap snapshots given, no constructor grew by 16.0 KB or more: take them further apart, while the floor rises.');
  }, 60_000);
});

describe('gclog analyze --snapshots', () => {
  it('a folder of snapshots: the finding names the growers', () => {
    const result = runCli(['analyze', 'samples/node22-leak.log', '--snapshots', 'samples/heapsnapshots']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`→ ${GROWERS_STEP}\n`);
  }, 60_000);

  it('one snapshot is a usage error', () => {
    const result = runCli(['analyze', 'samples/node22-leak.log', '--snapshots', SNAPSHOTS[0]!]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`gclog: --snapshots needs two heap snapshots or more of the run, oldest first, or a folder holding them (found 1 in ${SNAPSHOTS[0]}). Run gclog analyze --help for usage.\n`);
  });
});

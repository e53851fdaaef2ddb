// Links heap snapshots to a GC summary: the leak finding of the isolate they were taken from names
// what grew and what holds it, instead of asking for snapshots.

import type { Summary } from '../../analyze/summary.js';
import type { HeapDiff } from '../../heapdiff/diff.js';
import { snapshotLeakStep } from './words.js';

/** A copy of `summary` whose isolate `isolateIndex` (the main thread by default) has its leak finding told by `diff`. */
export function linkHeapDiff(summary: Summary, diff: HeapDiff, isolateIndex = 0): Summary {
  return {
    ...summary,
    isolates: summary.isolates.map((isolate, index) =>
      index !== isolateIndex
        ? isolate
        : {
            ...isolate,
            findings: isolate.findings.map((finding) => (finding.id === 'leak' ? { ...finding, nextStep: snapshotLeakStep(diff), fromHeapSnapshots: true } : finding)),
          },
    ),
  };
}

// The heapdiff API: snapshot files in, what grew between them out, one snapshot's graph in memory at a time.

import { ArrayPool } from './array-pool.js';
import type { HeapGraph } from './snapshot.js';
import { classTotals, type SnapshotTotals } from './class-totals.js';
import { diffTotals, type HeapDiff, TOP_GROWERS_WITH_RETAINERS } from './diff.js';
import { type GraphWalk, walkGraph } from './graph-walk.js';
import { retainerPathOf } from './retainers.js';
import { readHeapSnapshot } from './snapshot-reader.js';

export interface HeapDiffOptions {
  /** Called as each file is read: its index, its bytes read so far and its size. */
  onProgress?: (fileIndex: number, bytesRead: number, totalBytes: number) => void;
}

/**
 * Diffs snapshots of one process, oldest first (two or more). The retainer paths of the top growers
 * are taken from the last snapshot, for the instances made since the first.
 */
export async function heapdiffFiles(paths: string[], options: HeapDiffOptions = {}): Promise<HeapDiff> {
  if (paths.length < 2) throw new RangeError('heapdiff needs two snapshots or more');
  const totals: SnapshotTotals[] = [];
  let last: { graph: HeapGraph; walk: GraphWalk } | null = null;
  let firstIds = new Float64Array(0);
  // Each snapshot's graph is done with before the next is read: its arrays are reused for the next.
  const arrays = new ArrayPool();
  for (const [index, path] of paths.entries()) {
    last = null; // let the previous graph go before reading the next
    const graph = await readHeapSnapshot(path, { arrays, onProgress: (bytesRead, totalBytes) => options.onProgress?.(index, bytesRead, totalBytes) });
    const walk = walkGraph(graph, arrays);
    totals.push(classTotals(path, graph, walk));
    // Node's own (embedder) nodes take their ids from addresses: only a lookup tells new from old.
    if (index === 0) firstIds = Float64Array.from(graph.nodeId).sort();
    if (index === paths.length - 1) last = { graph, walk };
  }
  const diff = diffTotals(totals);
  const isNew = (id: number) => !sortedHas(firstIds, id);
  const withRetainers = (diff.stepsJudged ? diff.growing : diff.changed.filter((entry) => entry.growing)).filter((entry) => !entry.internal).slice(0, TOP_GROWERS_WITH_RETAINERS);
  for (const entry of withRetainers) entry.retainer = retainerPathOf(last!.graph, last!.walk, entry.className, isNew);
  return diff;
}

/**
 * For `gclog run --find-leak`: the heapdiff of the snapshots the preload wrote, oldest first, or null
 * when fewer than two were written (nothing to compare).
 */
export async function heapdiffOfRun(snapshotPaths: string[], options: HeapDiffOptions = {}): Promise<HeapDiff | null> {
  if (snapshotPaths.length < 2) return null;
  return heapdiffFiles(snapshotPaths, options);
}

function sortedHas(sorted: Float64Array, value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = sorted[middle]!;
    if (found === value) return true;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

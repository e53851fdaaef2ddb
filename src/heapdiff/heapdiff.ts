// The heapdiff API: snapshot files in, what grew between them out, one snapshot's graph in memory at a time.

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
  for (const [index, path] of paths.entries()) {
    last = null; // let the previous graph go before reading the next
    const graph = await readHeapSnapshot(path, { onProgress: (bytesRead, totalBytes) => options.onProgress?.(index, bytesRead, totalBytes) });
    const walk = walkGraph(graph);
    totals.push(classTotals(path, graph, walk));
    if (index === paths.length - 1) last = { graph, walk };
  }
  const diff = diffTotals(totals);
  const firstMaxId = totals[0]!.maxNodeId;
  const withRetainers = (diff.stepsJudged ? diff.growing : diff.changed.filter((entry) => entry.growing)).filter((entry) => !entry.internal).slice(0, TOP_GROWERS_WITH_RETAINERS);
  for (const entry of withRetainers) entry.retainer = retainerPathOf(last!.graph, last!.walk, entry.className, firstMaxId);
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

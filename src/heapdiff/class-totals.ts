// One snapshot → instances and bytes per class (constructor), the part of a heapdiff kept per snapshot.

import type { GraphWalk } from './graph-walk.js';
import type { HeapGraph } from './snapshot.js';

export interface ClassTotal {
  /** Instances reachable from the roots. */
  count: number;
  /** Their own (shallow) bytes. */
  selfBytes: number;
  /** Their own bytes and those of the V8 parts they hold (elements, property stores, strings, contexts, Buffer memory). */
  bytes: number;
}

export interface SnapshotTotals {
  path: string;
  nodeCount: number;
  /** Bytes of every node reachable from the roots. */
  totalBytes: number;
  classes: Map<string, ClassTotal>;
}

export function classTotals(path: string, graph: HeapGraph, walk: GraphWalk): SnapshotTotals {
  const classes = new Map<string, ClassTotal>();
  const byIndex: ClassTotal[] = walk.classNames.map(() => ({ count: 0, selfBytes: 0, bytes: 0 }));
  let totalBytes = 0;
  for (let position = 0; position < walk.reachedCount; position++) {
    const node = walk.order[position]!;
    const total = byIndex[walk.classOf[node]!]!;
    const selfBytes = graph.nodeSelfSize[node]!;
    totalBytes += selfBytes;
    // A part owned by an object counts in its owner's bytes, not as an instance of its own.
    if (walk.owner[node] !== node) continue;
    total.count++;
    total.selfBytes += selfBytes;
    total.bytes += walk.ownedBytes[node]!;
  }
  walk.classNames.forEach((name, index) => {
    const total = byIndex[index]!;
    if (total.count > 0) classes.set(name, total);
  });
  return { path, nodeCount: graph.nodeCount, totalBytes, classes };
}

// Walks one heap graph from its root: the shortest retaining path of every node (breadth first, weak
// edges left out), and which object each of V8's internal parts belongs to.

import { type ArrayPool, FRESH } from './array-pool.js';
import { classNameOf, type HeapGraph, isProgramNode } from './snapshot.js';

/** The result of one breadth-first walk; nodes the walk never reached have parentEdge NONE. */
export interface GraphWalk {
  /** Nodes in the order reached: every node comes after the node that retains it. */
  order: Uint32Array;
  reachedCount: number;
  /** The edge through which each node was first reached, or NONE (the root, and nodes reached only through weak edges). */
  parentEdge: Uint32Array;
  parentNode: Uint32Array;
  /** Each node's class, as an index into classNames. */
  classOf: Uint32Array;
  classNames: string[];
  /** The nearest object or closure on each node's path (itself if it is one): what its bytes count towards. */
  owner: Uint32Array;
  /** Each node's own bytes plus those of the parts it owns (0 for parts). */
  ownedBytes: Float64Array;
  /** 1 for objects and closures the program made, 0 for V8's parts. */
  program: Uint8Array;
}

export const NONE = 0xffffffff;

/** GC roots that hold what the program refers to; the others are V8's own. */
const PROGRAM_ROOTS = ['(Stack roots)', '(Global handles)', '(Traced handles)'];

export function walkGraph(graph: HeapGraph, arrays: Pick<ArrayPool, 'take'> = FRESH): GraphWalk {
  const { nodeCount, firstEdge, edgeToNode, edgeType } = graph;
  const weak = graph.edgeTypes.indexOf('weak');
  const parentEdge = arrays.take('parentEdge', Uint32Array, nodeCount).fill(NONE);
  const parentNode = arrays.take('parentNode', Uint32Array, nodeCount).fill(NONE);
  const order = arrays.take('order', Uint32Array, nodeCount);
  const seen = arrays.take('seen', Uint8Array, nodeCount);
  // Of the GC roots, V8's own (strong roots, handles of the code running at that moment, caches) are
  // walked after the program's (its stack, global handles), so that paths name the program's variables.
  const programRoots = new Set(PROGRAM_ROOTS.map((name) => graph.strings.indexOf(name)).filter((index) => index !== -1));
  const gcRoots = graph.strings.indexOf('(GC roots)');
  const synthetic = graph.nodeTypes.indexOf('synthetic');
  const deferred: number[] = [];
  let head = 0;
  let tail = 0;
  if (nodeCount > 0) {
    order[tail++] = 0;
    seen[0] = 1;
  }
  while (head < tail || deferred.length > 0) {
    if (head === tail) {
      order[tail++] = deferred.shift()!;
      continue;
    }
    const node = order[head++]!;
    for (let edge = firstEdge[node]!, end = firstEdge[node + 1]!; edge < end; edge++) {
      if (edgeType[edge] === weak) continue;
      const target = edgeToNode[edge]!;
      if (seen[target]) continue;
      seen[target] = 1;
      parentEdge[target] = edge;
      parentNode[target] = node;
      const vmRoot = graph.nodeType[node] === synthetic && graph.nodeName[node] === gcRoots && graph.nodeType[target] === synthetic && !programRoots.has(graph.nodeName[target]!);
      if (vmRoot) deferred.push(target);
      else order[tail++] = target;
    }
  }

  const classIndex = new Map<string, number>();
  const classNames: string[] = [];
  const classOf = arrays.take('classOf', Uint32Array, nodeCount);
  const program = arrays.take('program', Uint8Array, nodeCount);
  for (let node = 0; node < nodeCount; node++) {
    const type = graph.nodeTypes[graph.nodeType[node]!]!;
    const nodeName = graph.strings[graph.nodeName[node]!];
    program[node] = isProgramNode(type, nodeName) ? 1 : 0;
    const name = classNameOf(type, nodeName);
    let index = classIndex.get(name);
    if (index === undefined) {
      index = classNames.length;
      classNames.push(name);
      classIndex.set(name, index);
    }
    classOf[node] = index;
  }

  const owner = arrays.take('owner', Uint32Array, nodeCount).fill(NONE);
  const ownedBytes = arrays.take('ownedBytes', Float64Array, nodeCount);
  for (let position = 0; position < tail; position++) {
    const node = order[position]!;
    const parent = parentNode[node]!;
    // V8's parts (strings, arrays, contexts, backing stores) belong to the nearest object that holds them.
    const nodeOwner = program[node] === 1 || parent === NONE || program[owner[parent]!] !== 1 ? node : owner[parent]!;
    owner[node] = nodeOwner;
    ownedBytes[nodeOwner]! += graph.nodeSelfSize[node]!;
  }
  return { order, reachedCount: tail, parentEdge, parentNode, classOf, classNames, owner, ownedBytes, program };
}

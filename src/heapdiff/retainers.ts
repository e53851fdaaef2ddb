// The path that holds a class's instances: for a class that grew, the shortest retaining path of its
// new instances, as the variable, property or closure scope a reader can find in the code.

import { type GraphWalk, NONE } from './graph-walk.js';
import type { HeapGraph } from './snapshot.js';

/** One holder on the way from the instance up to a root. */
export interface RetainerStep {
  kind: 'object' | 'scope' | 'root';
  /** `Map`, `onConfigChange()`, `module scope of server.js`, `scope of flushChunk()`, `(Stack roots)`. */
  label: string;
  /** The variable that holds it (context variables), when there is one. */
  variable?: string;
  /** How it holds the next step down: `.name` (property), `[]` (element). */
  via?: string;
}

export interface RetainerPath {
  /** From the holder nearest the instances up to a root or a module scope. */
  steps: RetainerStep[];
  /** `Map grantsByRequest ← module scope of server.js` */
  text: string;
  /** How many of the sampled instances this path holds, of how many sampled. */
  instances: number;
  sampled: number;
}

/** Instances looked at per class: enough for the commonest path to show, bounded for huge classes. */
const MAX_SAMPLED = 2000;
/** Steps shown; longer paths keep the nearest ones and the last (the root or scope). */
const MAX_STEPS = 8;

/**
 * The commonest retaining path of the instances of `className` that `isNew` (made since the first
 * snapshot: V8 keeps an object's id from one snapshot to the next); of its biggest instance when none
 * is new. Null when no instance is reachable.
 */
export function retainerPathOf(graph: HeapGraph, walk: GraphWalk, className: string, isNew: (id: number) => boolean): RetainerPath | null {
  const classIndex = walk.classNames.indexOf(className);
  if (classIndex === -1) return null;
  const pick = (newOnly: boolean): number[] => {
    const nodes: number[] = [];
    for (let position = walk.reachedCount - 1; position >= 0 && nodes.length < MAX_SAMPLED; position--) {
      const node = walk.order[position]!;
      if (walk.classOf[node] === classIndex && walk.owner[node] === node && (!newOnly || isNew(graph.nodeId[node]!))) nodes.push(node);
    }
    return nodes;
  };
  let nodes = pick(true);
  if (nodes.length === 0) nodes = pick(false);
  if (nodes.length === 0) return null;
  // A class that grew without more instances (one Map filling up) is held where its biggest instance is.
  if (nodes.length > 1 && !nodes.some((node) => isNew(graph.nodeId[node]!))) {
    nodes = [nodes.reduce((biggest, node) => (walk.ownedBytes[node]! > walk.ownedBytes[biggest]! ? node : biggest))];
  }
  // Instances held under their own key (`cache[url]`) share a path whatever the key.
  const tally = new Map<string, { steps: RetainerStep[]; count: number; firstVias: Set<string | undefined> }>();
  const scopes = new ScopeNames(graph, walk);
  for (const node of nodes) {
    const steps = stepsOf(graph, walk, node, scopes);
    const firstVia = steps[0]?.via;
    const keyed = firstVia !== undefined && firstVia.startsWith('.') ? [{ ...steps[0]!, via: '[key]' }, ...steps.slice(1)] : steps;
    const key = JSON.stringify(keyed);
    const entry = tally.get(key);
    if (entry) {
      entry.count++;
      entry.firstVias.add(firstVia);
    } else tally.set(key, { steps: keyed, count: 1, firstVias: new Set([firstVia]) });
  }
  for (const entry of tally.values()) if (entry.firstVias.size === 1 && entry.steps[0] !== undefined) entry.steps[0] = { ...entry.steps[0], via: [...entry.firstVias][0]! };
  let best: { steps: RetainerStep[]; count: number } | null = null;
  for (const entry of tally.values()) if (best === null || entry.count > best.count) best = entry;
  return { steps: best!.steps, text: pathText(best!.steps), instances: best!.count, sampled: nodes.length };
}

function pathText(steps: RetainerStep[]): string {
  return steps.map(stepText).join(' ← ');
}

function stepText(step: RetainerStep): string {
  if (step.kind === 'scope' && step.variable !== undefined) return `${step.variable} in ${step.label}`;
  return `${step.label}${step.variable !== undefined ? ` ${step.variable}` : ''}${step.via !== undefined ? ` ${step.via}` : ''}`;
}

function edgeName(graph: HeapGraph, edge: number): { type: string; name: string } {
  const type = graph.edgeTypes[graph.edgeType[edge]!]!;
  const value = graph.edgeNameOrIndex[edge]!;
  return { type, name: type === 'element' || type === 'hidden' ? String(value) : (graph.strings[value] ?? '') };
}

/** The holders of `node`, nearest first: V8's parts skipped, contexts named as scopes, up to a module scope or a root. */
function stepsOf(graph: HeapGraph, walk: GraphWalk, start: number, scopes: ScopeNames): RetainerStep[] {
  const steps: RetainerStep[] = [];
  let child = start;
  while (walk.parentEdge[child] !== NONE) {
    const edge = walk.parentEdge[child]!;
    const holder = walk.parentNode[child]!;
    const { type: edgeType, name } = edgeName(graph, edge);
    const holderType = graph.nodeTypes[graph.nodeType[holder]!]!;
    const holderName = graph.strings[graph.nodeName[holder]!];
    const via = edgeType === 'property' ? `.${name}` : edgeType === 'element' ? '[]' : undefined;
    if (holderType === 'synthetic') {
      steps.push({ kind: 'root', label: walk.classNames[walk.classOf[holder]!]! });
      break;
    }
    if (holderName === 'system / Context') {
      // A variable of a scope: it names the object below it. V8 names a closure's captured variables
      // by slot (a hidden edge); the scope's ScopeInfo lists their names in slot order.
      const last = steps[steps.length - 1];
      const scope = scopes.of(holder);
      const variable = edgeType === 'context' ? name : edgeType === 'hidden' ? capturedVariableName(graph, holder, Number(name)) : null;
      if (variable !== null && last !== undefined && last.kind === 'object' && last.variable === undefined && walk.program[child] === 1) {
        last.variable = variable;
        steps.push({ kind: 'scope', label: scope.label });
      } else if (variable !== null && steps.length === 0) {
        // The instance is the variable's value itself.
        steps.push({ kind: 'scope', label: scope.label, variable });
      } else steps.push({ kind: 'scope', label: scope.label });
      if (scope.isModule) break;
      // The closure that owns this scope is the next holder; it is named by the scope already.
      const up = walk.parentNode[holder]!;
      if (up !== NONE && graph.nodeTypes[graph.nodeType[up]!] === 'closure' && edgeName(graph, walk.parentEdge[holder]!).name === 'context') {
        child = up;
        continue;
      }
      child = holder;
      continue;
    }
    // V8's parts on the way (a Map's table, a property store) are left out: the object above them holds.
    if (walk.program[holder] === 1) steps.push({ kind: 'object', label: walk.classNames[walk.classOf[holder]!]!, ...(via !== undefined ? { via } : {}) });
    child = holder;
  }
  if (steps.length > MAX_STEPS) return [...steps.slice(0, MAX_STEPS - 1), steps[steps.length - 1]!];
  return steps;
}

/** The name of slot `slot` of a closure scope: the string its ScopeInfo holds at that hidden index, when the reader kept it. */
function capturedVariableName(graph: HeapGraph, context: number, slot: number): string | null {
  let scopeInfo = NONE;
  for (let edge = graph.firstEdge[context]!, end = graph.firstEdge[context + 1]!; edge < end; edge++) {
    if (graph.edgeTypes[graph.edgeType[edge]!] === 'internal' && edgeName(graph, edge).name === 'scope_info') scopeInfo = graph.edgeToNode[edge]!;
  }
  if (scopeInfo === NONE) return null;
  for (let edge = graph.firstEdge[scopeInfo]!, end = graph.firstEdge[scopeInfo + 1]!; edge < end; edge++) {
    const target = graph.edgeToNode[edge]!;
    if (graph.edgeTypes[graph.edgeType[edge]!] === 'hidden' && graph.edgeNameOrIndex[edge] === slot && graph.nodeTypes[graph.nodeType[target]!] === 'string') {
      const variable = graph.strings[graph.nodeName[target]!];
      return variable !== undefined && /^[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$\u200c\u200d]*$/u.test(variable) ? variable : null;
    }
  }
  return null;
}

/** Names closure scopes, once each; finds which closure holds a context with one pass over the graph, the first time it is needed. */
class ScopeNames {
  private readonly names = new Map<number, { label: string; isModule: boolean }>();
  private closureOfContext: Map<number, number> | null = null;

  constructor(
    private readonly graph: HeapGraph,
    private readonly walk: GraphWalk,
  ) {}

  of(context: number): { label: string; isModule: boolean } {
    let name = this.names.get(context);
    if (name === undefined) {
      name = scopeOf(this.graph, this.walk, context, () => this.closureOf(context));
      this.names.set(context, name);
    }
    return name;
  }

  private closureOf(context: number): number {
    if (this.closureOfContext === null) {
      const graph = this.graph;
      const closures = new Map<number, number>();
      const closureType = graph.nodeTypes.indexOf('closure');
      for (let node = 0; node < graph.nodeCount; node++) {
        if (graph.nodeType[node] !== closureType) continue;
        for (let edge = graph.firstEdge[node]!, end = graph.firstEdge[node + 1]!; edge < end; edge++) {
          const target = graph.edgeToNode[edge]!;
          if (!closures.has(target) && edgeName(graph, edge).name === 'context') closures.set(target, node);
        }
      }
      this.closureOfContext = closures;
    }
    return this.closureOfContext.get(context) ?? NONE;
  }
}

/** `module scope of server.js` for a module's top-level scope, else `scope of name()` of a function that closes over it. */
function scopeOf(graph: HeapGraph, walk: GraphWalk, context: number, findClosure: () => number): { label: string; isModule: boolean } {
  let closure = NONE;
  let previous = NONE;
  for (let edge = graph.firstEdge[context]!, end = graph.firstEdge[context + 1]!; edge < end; edge++) {
    if (edgeName(graph, edge).name === 'previous') previous = graph.edgeToNode[edge]!;
  }
  const isModule = previous !== NONE && graph.strings[graph.nodeName[previous]!] === 'system / NativeContext';
  // The closure that holds this context: the walk's parent when it is one, else any closure pointing to it.
  const parent = walk.parentNode[context]!;
  if (parent !== NONE && graph.nodeTypes[graph.nodeType[parent]!] === 'closure') closure = parent;
  else closure = findClosure();
  const functionName = closure !== NONE ? walk.classNames[walk.classOf[closure]!]! : null;
  if (isModule) {
    const script = closure !== NONE ? scriptNameOf(graph, closure) : null;
    return { label: script !== null ? `module scope of ${script}` : 'module scope', isModule: true };
  }
  return { label: functionName !== null ? `scope of ${functionName}` : 'a closure scope', isModule: false };
}

/** The file a function was defined in: closure → shared → script → its name, last path segment. */
function scriptNameOf(graph: HeapGraph, closure: number): string | null {
  const follow = (node: number, names: string[]): number => {
    for (let edge = graph.firstEdge[node]!, end = graph.firstEdge[node + 1]!; edge < end; edge++) {
      if (names.includes(edgeName(graph, edge).name)) return graph.edgeToNode[edge]!;
    }
    return NONE;
  };
  const shared = follow(closure, ['shared']);
  if (shared === NONE) return null;
  const script = follow(shared, ['script', 'script_or_debug_info']);
  if (script === NONE) return null;
  const name = graph.strings[graph.nodeName[script]!];
  if (!name) return null;
  return name.replace(/^file:\/\//, '').split(/[\\/]/).pop() || name;
}

// The heap graph of one V8 heap snapshot, held in typed arrays (the reader fills it, the analyses read it).

/** V8's node types, by the names in the snapshot's own meta (`node_types[0]`). */
export type NodeType =
  | 'hidden'
  | 'array'
  | 'string'
  | 'object'
  | 'code'
  | 'closure'
  | 'regexp'
  | 'number'
  | 'native'
  | 'synthetic'
  | 'concatenated string'
  | 'sliced string'
  | 'symbol'
  | 'bigint'
  | 'object shape';

/**
 * Nodes and edges column by column. A node is an ordinal 0…nodeCount-1; its edges are
 * firstEdge[node] … firstEdge[node + 1] - 1. Names are indices into `strings`, which holds only the
 * strings the analyses read (a string node's name is its whole text and is never kept).
 */
export interface HeapGraph {
  nodeTypes: string[];
  edgeTypes: string[];
  nodeCount: number;
  edgeCount: number;
  nodeType: Uint8Array;
  nodeName: Uint32Array;
  nodeId: Float64Array;
  nodeSelfSize: Float64Array;
  firstEdge: Uint32Array;
  edgeType: Uint8Array;
  /** A string index for named edges, the element or variable index for `element` and `hidden` edges. */
  edgeNameOrIndex: Uint32Array;
  edgeToNode: Uint32Array;
  strings: (string | undefined)[];
}

/** Node types whose name is a class or function name (the others are V8's own kinds, named in brackets). */
const NAMED_TYPES = new Set(['object', 'closure', 'regexp', 'native']);

/** Edge types whose second field is an index into the strings rather than a number. */
export const NAMED_EDGE_TYPES = new Set(['context', 'property', 'internal', 'shortcut', 'weak']);

/** Whether a node's name is worth keeping: every type but strings, whose name is their whole text. */
export function keepsName(type: string): boolean {
  return type !== 'string' && type !== 'concatenated string' && type !== 'sliced string';
}

/** Whether a node is an instance the program made (an object, a closure), as opposed to one of V8's parts of them (`system / Context` is an object to V8). */
export function isProgramNode(type: string, name: string | undefined): boolean {
  return NAMED_TYPES.has(type) && !(name !== undefined && name.startsWith('system / '));
}

/**
 * The class a node counts under, as in DevTools' Summary: the constructor for objects, `name()` for
 * closures, `(string)`, `(array)`, `(compiled code)`, `(system)`-like names for V8's own kinds.
 */
export function classNameOf(type: string, name: string | undefined): string {
  switch (type) {
    case 'object':
      return name !== undefined && name.startsWith('system / ') ? `(${name.slice('system / '.length)})` : name || '(anonymous object)';
    case 'native':
      return name !== undefined && name.startsWith('system / ') ? `(${name.slice('system / '.length)})` : name || '(native)';
    case 'closure':
      return `${name || '(anonymous)'}()`;
    case 'regexp':
      return 'RegExp';
    case 'string':
    case 'concatenated string':
    case 'sliced string':
      return '(string)';
    case 'number':
      return '(number)';
    case 'bigint':
      return '(bigint)';
    case 'symbol':
      return '(symbol)';
    case 'array':
      return '(array)';
    case 'code':
      return '(compiled code)';
    case 'object shape':
      return '(object shape)';
    case 'synthetic':
      return name || '(synthetic)';
    default:
      // hidden: `system / Context`, `system / Map` … grouped as DevTools does.
      return name !== undefined && name.startsWith('system / ') ? `(${name.slice('system / '.length)})` : '(system)';
  }
}

/** Whether a class is one of V8's own kinds (strings, arrays, code, hidden parts) rather than one the program defined. */
export function isInternalClass(className: string): boolean {
  return className.startsWith('(');
}

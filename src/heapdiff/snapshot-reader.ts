// Streams a V8 .heapsnapshot (or a gzip of one) into a HeapGraph in bounded memory: the numbers go
// straight into typed arrays as they are read, and of the strings only those that name classes,
// properties and variables are kept (string contents, most of a snapshot's text, are skipped).

import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { AppError, fromReadError } from '../errors.js';
import { inputFileSize } from '../io/file-size.js';
import { type ArrayPool, FRESH } from './array-pool.js';
import { type HeapGraph, keepsName, NAMED_EDGE_TYPES } from './snapshot.js';

export interface ReadSnapshotOptions {
  /** Called with the bytes read so far (compressed bytes for .gz) and the file's size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Where the graph's arrays come from: a pool reuses the previous snapshot's (which must then no longer be read). */
  arrays?: Pick<ArrayPool, 'take'>;
}

/** String marks: kept, or kept only when no longer than MAX_SHORT_STRING_BYTES (variable names, not literals). */
const WANTED = 1;
const WANTED_IF_SHORT = 2;
const MAX_SHORT_STRING_BYTES = 128;

/** The header (`{"snapshot":{"meta":…},`) is small; more than this before `"nodes"` is not a snapshot. */
const MAX_HEADER_BYTES = 1024 * 1024;

const enum State {
  Header,
  BetweenSections,
  Key,
  BeforeArray,
  Numbers,
  SkipArray,
  Strings,
  InString,
  Done,
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const ZERO = 0x30;
const NINE = 0x39;

interface Meta {
  node_fields: string[];
  node_types: [string[], ...unknown[]];
  edge_fields: string[];
  edge_types: [string[], ...unknown[]];
}

/** Thrown inside the parser; the caller names the file. */
class Malformed extends Error {}

/** The state machine, fed chunk by chunk. */
export class SnapshotParser {
  private state = State.Header;
  private header = '';
  private key = '';
  private depth = 0;
  private value = 0;
  private inNumber = false;
  private graph: HeapGraph | null = null;
  private nodeFieldCount = 0;
  private edgeFieldCount = 0;
  /** Field positions of the columns kept. */
  private nodeField = { type: 0, name: 1, id: 2, selfSize: 3, edgeCount: 4 };
  private edgeField = { type: 0, name: 1, toNode: 2 };
  private valueCount = 0;
  private stringIndex = 0;
  private wanted: Uint8Array = new Uint8Array(0);
  private stringParts: Buffer[] = [];
  private escaped = false;
  private keepString = false;
  private keepMark = 0;
  private keptBytes = 0;
  private sectionsSeen = new Set<string>();

  constructor(private readonly arrays: Pick<ArrayPool, 'take'> = FRESH) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      switch (this.state) {
        case State.Header:
          at = this.readHeader(chunk, at);
          break;
        case State.BetweenSections: {
          const byte = chunk[at]!;
          if (byte === QUOTE) {
            this.key = '';
            this.state = State.Key;
          } else if (byte === 0x7d) {
            this.state = State.Done;
          } else if (byte !== 0x2c && byte > 0x20) {
            throw new Malformed(`unexpected ${JSON.stringify(String.fromCharCode(byte))} between sections`);
          }
          at++;
          break;
        }
        case State.Key: {
          const end = chunk.indexOf(QUOTE, at);
          if (end === -1) {
            this.key += chunk.toString('latin1', at);
            at = chunk.length;
          } else {
            this.key += chunk.toString('latin1', at, end);
            if (this.key.length > 100) throw new Malformed('a section name is too long');
            at = end + 1;
            this.state = State.BeforeArray;
          }
          break;
        }
        case State.BeforeArray: {
          const byte = chunk[at++]!;
          if (byte === OPEN) this.startSection();
          else if (byte !== 0x3a && byte > 0x20) throw new Malformed(`section "${this.key}" is not an array`);
          break;
        }
        case State.Numbers:
          at = this.key === 'nodes' ? this.readNodes(chunk, at) : this.readEdges(chunk, at);
          break;
        case State.SkipArray:
          at = this.skipArray(chunk, at);
          break;
        case State.Strings:
        case State.InString:
          at = this.readStrings(chunk, at);
          break;
        case State.Done:
          if (chunk[at]! > 0x20) throw new Malformed('text after the end of the snapshot');
          at++;
          break;
      }
    }
  }

  /** The graph, once the whole file has been pushed. */
  finish(): HeapGraph {
    const graph = this.graph;
    if (graph === null) throw new Malformed('no snapshot header');
    for (const section of ['nodes', 'edges', 'strings']) {
      if (!this.sectionsSeen.has(section) || (section === this.key && this.state !== State.BetweenSections && this.state !== State.Done)) {
        throw new Malformed(`the "${section}" section is missing or cut short`);
      }
    }
    return graph;
  }

  private readHeader(chunk: Buffer, at: number): number {
    this.header += chunk.toString('latin1', at);
    const nodesAt = this.header.indexOf('"nodes"');
    if (nodesAt === -1) {
      if (this.header.length > MAX_HEADER_BYTES || (this.header.length > 20 && !this.header.trimStart().startsWith('{"snapshot"'))) {
        throw new Malformed('it does not start with a snapshot header');
      }
      return chunk.length;
    }
    const headerText = this.header.slice(0, nodesAt).trim();
    if (!/^\{\s*"snapshot"/.test(headerText)) throw new Malformed('it does not start with a snapshot header');
    const match = /^\{\s*"snapshot"\s*:\s*([\s\S]*?),?$/.exec(headerText);
    let snapshot: { meta?: Meta; node_count?: number; edge_count?: number };
    try {
      snapshot = JSON.parse(match?.[1] ?? '') as typeof snapshot;
    } catch {
      throw new Malformed('its header is not valid JSON');
    }
    this.setUp(snapshot);
    // Go on right after `"nodes"`: the rest of this chunk is the array's start.
    const consumed = Buffer.byteLength(this.header.slice(0, nodesAt + '"nodes"'.length), 'latin1');
    const alreadyHad = this.header.length - (chunk.length - at);
    this.header = '';
    this.key = 'nodes';
    this.state = State.BeforeArray;
    return at + (consumed - alreadyHad);
  }

  private setUp(snapshot: { meta?: Meta; node_count?: number; edge_count?: number }): void {
    const meta = snapshot.meta;
    const nodeCount = snapshot.node_count;
    const edgeCount = snapshot.edge_count;
    if (!meta || !Array.isArray(meta.node_fields) || !Array.isArray(meta.edge_fields) || !Number.isSafeInteger(nodeCount) || !Number.isSafeInteger(edgeCount)) {
      throw new Malformed('its header lacks the meta, node_count or edge_count');
    }
    const position = (fields: string[], name: string) => {
      const index = fields.indexOf(name);
      if (index === -1) throw new Malformed(`its header has no "${name}" field`);
      return index;
    };
    this.nodeFieldCount = meta.node_fields.length;
    this.edgeFieldCount = meta.edge_fields.length;
    this.nodeField = {
      type: position(meta.node_fields, 'type'),
      name: position(meta.node_fields, 'name'),
      id: position(meta.node_fields, 'id'),
      selfSize: position(meta.node_fields, 'self_size'),
      edgeCount: position(meta.node_fields, 'edge_count'),
    };
    this.edgeField = {
      type: position(meta.edge_fields, 'type'),
      name: position(meta.edge_fields, 'name_or_index'),
      toNode: position(meta.edge_fields, 'to_node'),
    };
    const nodes = nodeCount!;
    const edges = edgeCount!;
    this.graph = {
      nodeTypes: meta.node_types[0],
      edgeTypes: meta.edge_types[0],
      nodeCount: nodes,
      edgeCount: edges,
      nodeType: this.arrays.take('nodeType', Uint8Array, nodes),
      nodeName: this.arrays.take('nodeName', Uint32Array, nodes),
      nodeId: this.arrays.take('nodeId', Float64Array, nodes),
      nodeSelfSize: this.arrays.take('nodeSelfSize', Float64Array, nodes),
      firstEdge: this.arrays.take('firstEdge', Uint32Array, nodes + 1),
      edgeType: this.arrays.take('edgeType', Uint8Array, edges),
      edgeNameOrIndex: this.arrays.take('edgeNameOrIndex', Uint32Array, edges),
      edgeToNode: this.arrays.take('edgeToNode', Uint32Array, edges),
      strings: [],
    };
  }

  private startSection(): void {
    this.sectionsSeen.add(this.key);
    this.valueCount = 0;
    this.value = 0;
    this.inNumber = false;
    if (this.key === 'nodes' || this.key === 'edges') this.state = State.Numbers;
    else if (this.key === 'strings') {
      this.markWantedStrings();
      this.stringIndex = 0;
      this.state = State.Strings;
    } else {
      this.depth = 1;
      this.state = State.SkipArray;
    }
  }

  private endNumbers(expected: number): void {
    if (this.valueCount !== expected) throw new Malformed(`"${this.key}" holds ${this.valueCount} numbers where the header announces ${expected}`);
    if (this.key === 'nodes') {
      const firstEdge = this.graph!.firstEdge;
      // The counts were stored one place on; a running sum turns them into first-edge positions.
      for (let node = 1; node < firstEdge.length; node++) firstEdge[node]! += firstEdge[node - 1]!;
      if (firstEdge[firstEdge.length - 1] !== this.graph!.edgeCount) throw new Malformed('the nodes\' edge counts do not add up to edge_count');
    }
    this.state = State.BetweenSections;
  }

  private readNodes(chunk: Buffer, start: number): number {
    const graph = this.graph!;
    const fields = this.nodeFieldCount;
    const { type, name, id, selfSize, edgeCount } = this.nodeField;
    const expected = graph.nodeCount * fields;
    let value = this.value;
    let inNumber = this.inNumber;
    let count = this.valueCount;
    // The node and the field the next number belongs to, kept as counters (no division per number).
    let node = (count / fields) | 0;
    let field = count - node * fields;
    for (let at = start; at < chunk.length; at++) {
      const byte = chunk[at]!;
      if (byte >= ZERO && byte <= NINE) {
        value = value * 10 + (byte - ZERO);
        inNumber = true;
        continue;
      }
      if (inNumber) {
        if (count >= expected) throw new Malformed('"nodes" holds more numbers than the header announces');
        if (field === type) graph.nodeType[node] = value;
        else if (field === name) graph.nodeName[node] = value;
        else if (field === id) graph.nodeId[node] = value;
        else if (field === selfSize) graph.nodeSelfSize[node] = value;
        else if (field === edgeCount) graph.firstEdge[node + 1] = value;
        count++;
        if (++field === fields) {
          field = 0;
          node++;
        }
        value = 0;
        inNumber = false;
      }
      if (byte === CLOSE) {
        this.valueCount = count;
        this.endNumbers(expected);
        return at + 1;
      }
      if (byte !== 0x2c && byte > 0x20) throw new Malformed(`"nodes" holds ${JSON.stringify(String.fromCharCode(byte))}`);
    }
    this.value = value;
    this.inNumber = inNumber;
    this.valueCount = count;
    return chunk.length;
  }

  private readEdges(chunk: Buffer, start: number): number {
    const graph = this.graph!;
    const fields = this.edgeFieldCount;
    const nodeFields = this.nodeFieldCount;
    const { type, name, toNode } = this.edgeField;
    const expected = graph.edgeCount * fields;
    let value = this.value;
    let inNumber = this.inNumber;
    let count = this.valueCount;
    let edge = (count / fields) | 0;
    let field = count - edge * fields;
    for (let at = start; at < chunk.length; at++) {
      const byte = chunk[at]!;
      if (byte >= ZERO && byte <= NINE) {
        value = value * 10 + (byte - ZERO);
        inNumber = true;
        continue;
      }
      if (inNumber) {
        if (count >= expected) throw new Malformed('"edges" holds more numbers than the header announces');
        if (field === type) graph.edgeType[edge] = value;
        else if (field === name) graph.edgeNameOrIndex[edge] = value;
        else if (field === toNode) {
          const target = value / nodeFields;
          if (target !== Math.floor(target) || target >= graph.nodeCount) throw new Malformed(`an edge points to ${value}, not a node`);
          graph.edgeToNode[edge] = target;
        }
        count++;
        if (++field === fields) {
          field = 0;
          edge++;
        }
        value = 0;
        inNumber = false;
      }
      if (byte === CLOSE) {
        this.valueCount = count;
        this.endNumbers(expected);
        return at + 1;
      }
      if (byte !== 0x2c && byte > 0x20) throw new Malformed(`"edges" holds ${JSON.stringify(String.fromCharCode(byte))}`);
    }
    this.value = value;
    this.inNumber = inNumber;
    this.valueCount = count;
    return chunk.length;
  }

  /** Sections the analyses do not read (allocation traces, samples, locations): only their brackets are followed. */
  private skipArray(chunk: Buffer, start: number): number {
    let depth = this.depth;
    for (let at = start; at < chunk.length; at++) {
      const byte = chunk[at]!;
      if (byte === OPEN) depth++;
      else if (byte === CLOSE && --depth === 0) {
        this.state = State.BetweenSections;
        return at + 1;
      } else if (byte === QUOTE) throw new Malformed(`section "${this.key}" holds text where numbers were expected`);
    }
    this.depth = depth;
    return chunk.length;
  }

  /**
   * Marks the strings that name something other than a string's own text: node names, property and
   * variable names (WANTED), and the names of closure variables, which V8 lists as strings held by a
   * scope's ScopeInfo (WANTED_IF_SHORT: a code object's strings may also be long literals).
   */
  private markWantedStrings(): void {
    const graph = this.graph!;
    if (!this.sectionsSeen.has('nodes') || !this.sectionsSeen.has('edges')) throw new Malformed('"strings" comes before "nodes" or "edges"');
    const namedEdgeType = graph.edgeTypes.map((edgeType) => NAMED_EDGE_TYPES.has(edgeType));
    const keepNodeType = graph.nodeTypes.map(keepsName);
    const code = graph.nodeTypes.indexOf('code');
    const stringType = graph.nodeTypes.indexOf('string');
    const hidden = graph.edgeTypes.indexOf('hidden');
    let highest = 0;
    for (let node = 0; node < graph.nodeCount; node++) if (graph.nodeName[node]! > highest) highest = graph.nodeName[node]!;
    for (let edge = 0; edge < graph.edgeCount; edge++) if (namedEdgeType[graph.edgeType[edge]!] && graph.edgeNameOrIndex[edge]! > highest) highest = graph.edgeNameOrIndex[edge]!;
    const wanted = new Uint8Array(highest + 1);
    for (let node = 0; node < graph.nodeCount; node++) {
      if (keepNodeType[graph.nodeType[node]!]) wanted[graph.nodeName[node]!] = WANTED;
      if (graph.nodeType[node] !== code) continue;
      for (let edge = graph.firstEdge[node]!, end = graph.firstEdge[node + 1]!; edge < end; edge++) {
        const target = graph.edgeToNode[edge]!;
        if (graph.edgeType[edge] === hidden && graph.nodeType[target] === stringType && wanted[graph.nodeName[target]!] === 0) wanted[graph.nodeName[target]!] = WANTED_IF_SHORT;
      }
    }
    for (let edge = 0; edge < graph.edgeCount; edge++) if (namedEdgeType[graph.edgeType[edge]!]) wanted[graph.edgeNameOrIndex[edge]!] = WANTED;
    this.wanted = wanted;
  }

  private keepPart(part: Buffer): void {
    this.keptBytes += part.length;
    if (this.keepMark === WANTED_IF_SHORT && this.keptBytes > MAX_SHORT_STRING_BYTES) {
      this.keepString = false;
      this.stringParts = [];
      return;
    }
    this.stringParts.push(Buffer.from(part));
  }

  private readStrings(chunk: Buffer, start: number): number {
    let at = start;
    while (at < chunk.length) {
      if (this.state === State.Strings) {
        const byte = chunk[at++]!;
        if (byte === QUOTE) {
          this.state = State.InString;
          this.keepMark = this.wanted[this.stringIndex] ?? 0;
          this.keepString = this.keepMark !== 0;
          this.keptBytes = 0;
          this.stringParts = [];
          this.escaped = false;
        } else if (byte === CLOSE) {
          this.state = State.BetweenSections;
          return at;
        } else if (byte !== 0x2c && byte > 0x20) throw new Malformed('"strings" holds something other than strings');
        continue;
      }
      // Inside a string: find the closing quote, minding escapes (which may straddle chunks).
      let end = -1;
      let escaped = this.escaped;
      for (let scan = at; scan < chunk.length; scan++) {
        const byte = chunk[scan]!;
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) {
          end = scan;
          break;
        }
      }
      this.escaped = escaped;
      if (end === -1) {
        if (this.keepString) this.keepPart(chunk.subarray(at));
        return chunk.length;
      }
      if (this.keepString) this.keepPart(chunk.subarray(at, end));
      if (this.keepString) {
        const raw = Buffer.concat(this.stringParts).toString('utf8');
        this.graph!.strings[this.stringIndex] = JSON.parse(`"${raw}"`) as string;
      }
      this.stringParts = [];
      this.stringIndex++;
      this.state = State.Strings;
      at = end + 1;
    }
    return at;
  }
}

/** Reads a .heapsnapshot or .heapsnapshot.gz (recognised by its magic bytes) into a HeapGraph. */
export async function readHeapSnapshot(path: string, options: ReadSnapshotOptions = {}): Promise<HeapGraph> {
  const size = await inputFileSize(path);
  if (size === 0) throw new AppError({ code: 'EmptyInput', path });
  const parser = new SnapshotParser(options.arrays);
  const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
  let bytesRead = 0;
  let gzip: boolean | null = null;
  let gunzip: ReturnType<typeof createGunzip> | null = null;
  try {
    const source = (async function* () {
      for await (const chunk of file as AsyncIterable<Buffer>) {
        bytesRead += chunk.length;
        options.onProgress?.(bytesRead, size);
        yield chunk;
      }
    })();
    const first = await source.next();
    if (first.done) throw new AppError({ code: 'EmptyInput', path });
    gzip = first.value[0] === 0x1f && first.value[1] === 0x8b;
    const all = (async function* () {
      yield first.value;
      yield* source;
    })();
    if (gzip) {
      gunzip = createGunzip({ chunkSize: 1024 * 1024 });
      const unzipped = gunzip;
      const feeding = (async () => {
        for await (const chunk of all) if (!unzipped.write(chunk)) await new Promise((resolve) => unzipped.once('drain', resolve));
        unzipped.end();
      })();
      feeding.catch((error: unknown) => unzipped.destroy(error as Error));
      for await (const chunk of unzipped as AsyncIterable<Buffer>) parser.push(chunk);
      await feeding;
    } else {
      for await (const chunk of all) parser.push(chunk);
    }
    return parser.finish();
  } catch (error) {
    file.destroy();
    gunzip?.destroy();
    if (error instanceof Malformed) throw new AppError({ code: 'NotHeapSnapshot', path, detail: error.message });
    if (gzip && (error as NodeJS.ErrnoException)?.code?.startsWith('Z_')) throw new AppError({ code: 'CorruptGzip', path, detail: (error as Error).message });
    throw fromReadError(error, path);
  }
}

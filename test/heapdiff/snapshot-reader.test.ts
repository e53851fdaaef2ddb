// The streaming reader against JSON.parse of the same real snapshot (Node 22, samples/heapsnapshots):
// every node, edge and kept string equal, whatever the chunk size; damaged files refused in one line.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import type { HeapGraph } from '../../src/heapdiff/snapshot.js';
import { readHeapSnapshot, SnapshotParser } from '../../src/heapdiff/snapshot-reader.js';

import { SNAPSHOTS } from './samples.js';

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; edge_fields: string[]; node_types: [string[]]; edge_types: [string[]] }; node_count: number; edge_count: number };
  nodes: number[];
  edges: number[];
  strings: string[];
}

const text = gunzipSync(readFileSync(SNAPSHOTS[0]!)).toString('utf8');
const raw = JSON.parse(text) as RawSnapshot;

function parseInChunks(bytes: Buffer, size: number): HeapGraph {
  const parser = new SnapshotParser();
  for (let at = 0; at < bytes.length; at += size) parser.push(bytes.subarray(at, at + size));
  return parser.finish();
}

function expectSameAsJsonParse(graph: HeapGraph): void {
  const meta = raw.snapshot.meta;
  const nodeFields = meta.node_fields.length;
  const edgeFields = meta.edge_fields.length;
  expect(graph.nodeCount).toBe(raw.nodes.length / nodeFields);
  expect(graph.edgeCount).toBe(raw.edges.length / edgeFields);
  expect(graph.nodeTypes).toEqual(meta.node_types[0]);
  const at = (name: string) => meta.node_fields.indexOf(name);
  let edge = 0;
  for (let node = 0; node < graph.nodeCount; node++) {
    const base = node * nodeFields;
    if (graph.nodeType[node] !== raw.nodes[base + at('type')]) throw new Error(`type of node ${node}`);
    if (graph.nodeName[node] !== raw.nodes[base + at('name')]) throw new Error(`name of node ${node}`);
    if (graph.nodeId[node] !== raw.nodes[base + at('id')]) throw new Error(`id of node ${node}`);
    if (graph.nodeSelfSize[node] !== raw.nodes[base + at('self_size')]) throw new Error(`self_size of node ${node}`);
    if (graph.firstEdge[node] !== edge) throw new Error(`first edge of node ${node}`);
    edge += raw.nodes[base + at('edge_count')]!;
  }
  for (let index = 0; index < graph.edgeCount; index++) {
    const base = index * edgeFields;
    if (graph.edgeType[index] !== raw.edges[base]) throw new Error(`type of edge ${index}`);
    if (graph.edgeNameOrIndex[index] !== raw.edges[base + 1]) throw new Error(`name of edge ${index}`);
    if (graph.edgeToNode[index] !== raw.edges[base + 2]! / nodeFields) throw new Error(`target of edge ${index}`);
  }
  let kept = 0;
  graph.strings.forEach((value, index) => {
    if (value === undefined) return;
    kept++;
    if (value !== raw.strings[index]) throw new Error(`string ${index}`);
  });
  // Names of classes, properties and variables are kept; string contents are not.
  expect(kept).toBeGreaterThan(1000);
  expect(kept).toBeLessThan(raw.strings.length);
}

describe('readHeapSnapshot on a real Node 22 snapshot', () => {
  let graph: HeapGraph;
  beforeAll(async () => {
    graph = await readHeapSnapshot(SNAPSHOTS[0]!);
  });

  it('reads the counts announced in the header ("node_count":71451,"edge_count":292094)', () => {
    expect(text).toContain('"node_count":71451,"edge_count":292094');
    expect(graph.nodeCount).toBe(71451);
    expect(graph.edgeCount).toBe(292094);
  });

  it('holds every node and edge exactly as JSON.parse reads them, and the names it keeps', () => {
    expectSameAsJsonParse(graph);
    expect(graph.strings).toContain('grantsByRequest');
    expect(graph.strings).toContain('Grant');
  });

  it.each([1, 7, 4093, 65536])('gives the same graph fed in chunks of %i bytes', (size) => {
    // One byte at a time splits every number, key and escape between chunks.
    expectSameAsJsonParse(parseInChunks(Buffer.from(text), size));
  }, 120_000);
});

describe('damaged snapshots', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gclog-heapdiff-'));
  const write = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const refused = async (path: string) => {
    const error = await readHeapSnapshot(path).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  };

  it('cut anywhere: not a whole heap snapshot, exit code 14', async () => {
    for (const fraction of [0.001, 0.3, 0.9, 0.9999]) {
      const error = await refused(write(`cut-${fraction}.heapsnapshot`, text.slice(0, Math.floor(text.length * fraction))));
      expect(error.context.code).toBe('NotHeapSnapshot');
      expect(error.exitCode).toBe(14);
    }
  });

  it('another JSON file, or a GC log', async () => {
    expect((await refused(write('package.json', '{"name":"x","version":"1.0.0","nodes":[1,2]}'))).message).toMatch(/not a whole V8 heap snapshot \(it does not start with a snapshot header\)/);
    expect((await refused(write('gc.log', readFileSync('samples/node22-leak.log')))).context.code).toBe('NotHeapSnapshot');
  });

  it('a node count that does not match the header', async () => {
    const error = await refused(write('count.heapsnapshot', text.replace('"node_count":71451', '"node_count":71450')));
    expect(error.message).toContain('"nodes" holds more numbers than the header announces');
  });

  it('empty, missing, corrupt gzip', async () => {
    expect((await refused(write('empty.heapsnapshot', ''))).context.code).toBe('EmptyInput');
    expect((await refused(join(dir, 'missing.heapsnapshot'))).context.code).toBe('FileNotFound');
    const gzip = gzipSync(Buffer.from(text));
    expect((await refused(write('cut.heapsnapshot.gz', gzip.subarray(0, gzip.length >> 1)))).context.code).toMatch(/CorruptGzip|NotHeapSnapshot/);
  });
});

// Memory does not grow with the log: the same real-shape log (a sample's GC records replayed with
// shifted timestamps) streamed at 10 MB and at 200 MB through split2, the parser and the analyzer
// leaves about the same heap behind after a forced GC (each size in its own `node --expose-gc`).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { samplePath } from '../support/samples.js';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Streams `sizeMb` of replayed records into the analyzer; prints the heap retained (bytes) with the analyzer alive. */
const MEASURE = `
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import split2 from 'split2';
const dist = process.env.GCLOG_DIST;
const { GcLogParser } = await import(dist + 'parse/log-parser.js');
const { Analyzer } = await import(dist + 'analyze/analyzer.js');
const [sample, sizeMb] = [process.env.GCLOG_SAMPLE, Number(process.env.GCLOG_SIZE_MB)];
const records = readFileSync(sample, 'utf8').split('\\n').map((line) => /^(\\[[^\\]]*\\]\\s*?)( *)(\\d+)( ms: .*)$/.exec(line)).filter(Boolean);
const spanMs = Number(records.at(-1)[3]) + 1;
function* chunks() {
  let written = 0;
  for (let replay = 0; written < sizeMb * 1024 * 1024; replay++) {
    const text = records.map((m) => m[1] + String(Number(m[3]) + replay * spanMs).padStart(m[2].length + m[3].length) + m[4] + '\\n').join('');
    written += text.length;
    yield Buffer.from(text);
  }
}
const analyzer = new Analyzer();
const onEvent = analyzer.beginInput('generated');
const parser = new GcLogParser(onEvent);
await pipeline(Readable.from(chunks()), split2('\\n', (line) => { parser.push(line); }));
const stats = parser.end();
global.gc(); global.gc();
const heapUsed = process.memoryUsage().heapUsed;
analyzer.endInput({ name: 'generated', stats, bytesRead: 0 });
const summary = analyzer.summary();
process.stdout.write(JSON.stringify({ heapUsed, events: stats.gcEvents, counted: summary.isolates[0].counts.total }));
`;

function retainedHeap(sizeMb: number): { heapUsed: number; events: number; counted: number } {
  const result = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', MEASURE], {
    encoding: 'utf8',
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    env: { ...process.env, GCLOG_DIST: DIST, GCLOG_SAMPLE: samplePath('node22-steady.log'), GCLOG_SIZE_MB: String(sizeMb) },
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`measuring ${sizeMb} MB failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { heapUsed: number; events: number; counted: number };
}

describe('memory stays flat as the log grows', () => {
  it('retains about the same heap after 200 MB as after 10 MB', () => {
    if (!existsSync(`${DIST}analyze/analyzer.js`)) throw new Error('dist/ is missing: run npm run build (npm test does it first)');
    const small = retainedHeap(10);
    const large = retainedHeap(200);
    expect(large.events).toBeGreaterThan(small.events * 15);
    expect(large.counted).toBe(large.events);
    expect(large.heapUsed).toBeLessThanOrEqual(small.heapUsed * 1.3 + 5 * 1024 * 1024);
  }, 90_000);
});

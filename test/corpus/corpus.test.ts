// The verdicts on the labelled corpus of real logs (samples/corpus): the bounds the README promises.
// `npm run corpus` prints the tables (confusion matrix, every miss, pairs, same-code spread).

import { beforeAll, describe, expect, it } from 'vitest';
import { median, quantile } from '../../src/analyze/robust.js';
import { evaluateCorpus, formatMatrix, readManifest, sameCodeSpread, type CorpusResult } from './corpus.js';

let result: CorpusResult;
const manifest = readManifest();

beforeAll(async () => {
  result = await evaluateCorpus(manifest);
  if (process.env['GCLOG_CORPUS_REPORT'] === '1') printReport(result);
}, 300_000);

function printReport(corpus: CorpusResult): void {
  const out: string[] = ['', formatMatrix(corpus), ''];
  for (const entry of corpus.judged.filter((judged) => !judged.right)) {
    out.push(`MISS ${entry.log.file} [${entry.isolate.label}] label ${entry.log.label}: ${entry.isolate.leak.verdict} — ${entry.isolate.leak.reasons.join('; ')}`);
  }
  out.push('');
  for (const pair of corpus.pairs) {
    out.push(`${pair.ok ? 'ok  ' : 'MISS'} ${pair.pair.kind}: ${pair.pair.before} → ${pair.pair.after}: ${pair.verdict}${pair.deciders.length > 0 ? ` (${pair.deciders.join('; ')})` : ''}`);
  }
  out.push('', '| metric | same-code pairs | median spread | 95th percentile | max |', '|---|---|---|---|---|');
  for (const [id, spreads] of sameCodeSpread(corpus, manifest)) {
    const finite = spreads.filter(Number.isFinite);
    out.push(`| ${id} | ${spreads.length} | ${median(finite).toFixed(1)}% | ${quantile(finite, 0.95).toFixed(1)}% | ${Math.max(...finite).toFixed(1)}% |`);
  }
  console.log(out.join('\n'));
}

describe('leak verdicts on the labelled corpus', () => {
  it('has logs of every workload, Node 12 to 26', () => {
    const workloads = new Set(manifest.logs.map((log) => log.workload));
    for (const workload of ['service', 'cache-warm', 'batch', 'slow-leak', 'fast-leak', 'buffer-leak', 'oom', 'idle', 'workers']) {
      expect(workloads.has(workload), workload).toBe(true);
    }
    expect(new Set(manifest.logs.map((log) => log.node))).toEqual(new Set([12, 14, 16, 18, 20, 22, 24, 26]));
  });

  it('is right on at least 95% of the labelled isolates, and on 90% of the leaks', () => {
    const right = result.judged.filter((entry) => entry.right).length;
    expect(right / result.judged.length).toBeGreaterThanOrEqual(0.95);
    const leaks = result.judged.filter((entry) => entry.log.label === 'leak');
    expect(leaks.filter((entry) => entry.right).length / leaks.length).toBeGreaterThanOrEqual(0.9);
  });

  it('raises no false alarm: no leak and no suspected leak where there is none', () => {
    expect(result.matrix.none.suspected).toBe(0);
  });

  it('never calls leak where there is none', () => {
    const falseLeaks = result.judged.filter((entry) => entry.log.label === 'none' && entry.isolate.leak.verdict === 'leak');
    expect(falseLeaks.map((entry) => `${entry.log.file} [${entry.isolate.label}]`)).toEqual([]);
  });

  it('names a Buffer leak as external memory, not as a rise of the JS floor', () => {
    const bufferLeaks = result.judged.filter((entry) => entry.log.leakKind === 'external');
    expect(bufferLeaks.length).toBeGreaterThan(0);
    for (const entry of bufferLeaks) {
      expect(entry.isolate.leak.evidence.external?.leaking, entry.log.file).toBe(true);
      expect(entry.isolate.leak.reasons.join(' '), entry.log.file).toMatch(/^(external memory|ArrayBuffer backing stores)/);
    }
  });
});

describe('comparisons on the corpus', () => {
  it('reads at least 95% of same-code pairs as unchanged', () => {
    const sameCode = result.pairs.filter((pair) => pair.pair.kind === 'same-code');
    expect(sameCode.length).toBeGreaterThanOrEqual(20);
    const unchanged = sameCode.filter((pair) => pair.verdict === 'unchanged').length;
    expect(unchanged / sameCode.length).toBeGreaterThanOrEqual(0.95);
  });

  it('detects the real changes: every leak fixed and smaller semi-space, and 4 of 5 leaks added', () => {
    const changes = result.pairs.filter((pair) => pair.pair.kind !== 'same-code');
    expect(new Set(changes.map((pair) => pair.pair.kind))).toEqual(new Set(['leak-fixed', 'leak-added', 'semi-space-shrunk']));
    const missed = (kind: string) => changes.filter((pair) => pair.pair.kind === kind && !pair.ok).length;
    expect(missed('leak-fixed')).toBe(0);
    expect(missed('semi-space-shrunk')).toBe(0);
    // The one left: 3 MB/min added to a 90-s Node 26 run of 8 Mark-Compacts reads `suspected` after an
    // `insufficient-data` before; shown as changed, not decisive.
    expect(missed('leak-added')).toBeLessThanOrEqual(1);
  });
});

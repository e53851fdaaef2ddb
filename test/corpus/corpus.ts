// The labelled corpus (samples/corpus): every real log analysed, its leak verdict set against its
// label (a confusion matrix), every pair compared against what it should read, and the spread of
// each judged metric between two runs of the same code. Shared by corpus.test.ts (the bounds) and
// `npm run corpus` (the tables quoted in the README).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import type { IsolateSummary, LeakVerdict, Summary } from '../../src/analyze/summary.js';
import { compareSummaries } from '../../src/compare/compare.js';
import type { Verdict } from '../../src/compare/comparison.js';
import { SAMPLES_DIR } from '../support/samples.js';

export const CORPUS_DIR = join(SAMPLES_DIR, 'corpus');

export interface CorpusLog {
  file: string;
  workload: string;
  node: number;
  seconds: number;
  seed: number;
  flags: string[];
  command: string;
  label: 'leak' | 'none';
  leakKind: 'heap' | 'external' | null;
  leakRateMbPerMin: number | null;
}

export interface CorpusPair {
  before: string;
  after: string;
  kind: 'same-code' | 'leak-fixed' | 'leak-added' | 'semi-space-shrunk' | string;
  expect: string;
}

export interface Manifest {
  logs: CorpusLog[];
  pairs: CorpusPair[];
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'manifest.json'), 'utf8')) as Manifest;
}

export const VERDICTS: LeakVerdict[] = ['leak', 'suspected', 'none', 'insufficient-data'];

export interface JudgedIsolate {
  log: CorpusLog;
  isolate: IsolateSummary;
  /**
   * The verdict matches the label: `leak` for a leak (`suspected` is a miss); for no leak, no leak
   * claimed: `none`, or `insufficient-data` where the log says it is too short to tell (too few
   * Mark-Compacts, or a small rise in the first minute). `suspected` is a false alarm.
   */
  right: boolean;
}

/** The isolates a log's label speaks for: the main thread; every isolate of a workers log. */
function labelledIsolates(log: CorpusLog, summary: Summary): IsolateSummary[] {
  return log.workload === 'workers' ? summary.isolates : summary.isolates.filter((isolate) => isolate.isMain).slice(0, 1);
}

export function isRight(label: CorpusLog['label'], isolate: IsolateSummary): boolean {
  const verdict = isolate.leak.verdict;
  if (label === 'leak') return verdict === 'leak';
  return verdict === 'none' || verdict === 'insufficient-data';
}

export interface CorpusResult {
  summaries: Map<string, Summary>;
  judged: JudgedIsolate[];
  /** matrix[label][verdict] = isolates. */
  matrix: Record<CorpusLog['label'], Record<LeakVerdict, number>>;
  pairs: Array<{ pair: CorpusPair; verdict: Verdict; deciders: string[]; ok: boolean }>;
}

export function pairOk(pair: CorpusPair, verdict: Verdict): boolean {
  switch (pair.kind) {
    case 'same-code':
      return verdict === 'unchanged';
    // A leak fixed or added shows in the verdict, possibly beside a trade-off elsewhere (mixed).
    case 'leak-fixed':
      return verdict === 'improved' || verdict === 'mixed';
    case 'leak-added':
      return verdict === 'regressed' || verdict === 'mixed';
    default:
      // A real change of configuration (a smaller semi-space): detected, whichever way it went.
      return verdict !== 'unchanged';
  }
}

export async function evaluateCorpus(manifest: Manifest = readManifest()): Promise<CorpusResult> {
  const summaries = new Map<string, Summary>();
  for (const log of manifest.logs) summaries.set(log.file, await analyzeFiles([join(CORPUS_DIR, log.file)]));
  const judged: JudgedIsolate[] = [];
  const matrix = {
    leak: Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])),
    none: Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])),
  } as CorpusResult['matrix'];
  for (const log of manifest.logs) {
    for (const isolate of labelledIsolates(log, summaries.get(log.file)!)) {
      judged.push({ log, isolate, right: isRight(log.label, isolate) });
      matrix[log.label][isolate.leak.verdict]++;
    }
  }
  const pairs = manifest.pairs.map((pair) => {
    const comparison = compareSummaries(summaries.get(pair.before)!, summaries.get(pair.after)!);
    const verdict = comparison.verdict.verdict;
    const deciders = [...comparison.verdict.improved, ...comparison.verdict.regressed].map((decider) => `${decider.change}: ${decider.text}`);
    return { pair, verdict, deciders, ok: pairOk(pair, verdict) };
  });
  return { summaries, judged, matrix, pairs };
}

/** For same-code pairs, how far apart each decisive metric landed: |after − before| as % of the smaller. */
export function sameCodeSpread(result: CorpusResult, manifest: Manifest = readManifest()): Map<string, number[]> {
  const spread = new Map<string, number[]>();
  for (const pair of manifest.pairs.filter((candidate) => candidate.kind === 'same-code')) {
    const comparison = compareSummaries(result.summaries.get(pair.before)!, result.summaries.get(pair.after)!);
    for (const row of comparison.pairs[0]?.metrics ?? []) {
      if (!row.decisive || row.before === null || row.after === null) continue;
      const smaller = Math.min(Math.abs(row.before), Math.abs(row.after));
      const percent = smaller === 0 ? (row.before === row.after ? 0 : Infinity) : (Math.abs(row.after - row.before) / smaller) * 100;
      if (!spread.has(row.id)) spread.set(row.id, []);
      spread.get(row.id)!.push(percent);
    }
  }
  return spread;
}

export function formatMatrix(result: CorpusResult): string {
  const lines = [`| label \\ verdict | ${VERDICTS.join(' | ')} | right |`, `|---|${VERDICTS.map(() => '---').join('|')}|---|`];
  for (const label of ['leak', 'none'] as const) {
    const judged = result.judged.filter((entry) => entry.log.label === label);
    const right = judged.filter((entry) => entry.right).length;
    lines.push(`| ${label} (${judged.length}) | ${VERDICTS.map((verdict) => result.matrix[label][verdict]).join(' | ')} | ${right}/${judged.length} |`);
  }
  return lines.join('\n');
}

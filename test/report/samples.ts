// Real sample logs for the report tests: their summaries, their raw GC lines, and where reports go.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyzeFiles } from '../../src/analyze/analyzer.js';
import type { Summary } from '../../src/analyze/summary.js';

export const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

export function samplePath(name: string): string {
  return `${SAMPLES}${name}.log`;
}

export async function sampleSummary(name: string): Promise<Summary> {
  return analyzeFiles([samplePath(name)]);
}

/** Writes a report under test-artifacts/ (gitignored) and returns its file:// URL. */
export function writeArtifact(fileName: string, content: string): { path: string; url: string } {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = `${ARTIFACTS}${fileName}`;
  writeFileSync(path, content);
  return { path, url: pathToFileURL(path).href };
}

export interface TraceLine {
  /** 1-based line number in the log. */
  line: number;
  isolate: string;
  collector: string;
  pauseMs: number;
}

/**
 * The `--trace-gc` records of a log, read with a plain regular expression independent of gclog's
 * parser, so that the tests compare the report with the log itself:
 * `[4162:0x3c75a000]  33 ms: Scavenge 4.5 (6.1) -> 4.2 (6.1) MB, pooled: 0 MB, 1.30 / 0.00 ms …`
 */
export function traceLines(text: string): TraceLine[] {
  const record = /^\[\d+:(0x[0-9a-f]+)\]\s+[\d.]+ ms: (Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Sweep|Minor Mark-Compact)\b.*?MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \/ [\d.]+ ms/;
  const lines: TraceLine[] = [];
  text.split('\n').forEach((content, index) => {
    const match = record.exec(content);
    if (match !== null) lines.push({ line: index + 1, isolate: match[1]!, collector: match[2]!, pauseMs: Number(match[3]) });
  });
  return lines;
}

export function sampleText(name: string): string {
  return readFileSync(samplePath(name), 'utf8');
}

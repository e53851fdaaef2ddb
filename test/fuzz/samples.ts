// The real logs in samples/ (every Node version and flag the project ships), read once for the
// fuzz and damage tests, and the analysis of a text through the library API (no files, no CLI).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Analyzer } from '../../src/analyze/analyzer.js';
import type { Summary } from '../../src/analyze/summary.js';
import type { TraceEvent } from '../../src/events.js';
import { parseLog, type ParseStats } from '../../src/parse/log-parser.js';

export const SAMPLES_DIR = fileURLToPath(new URL('../../samples/', import.meta.url));

export interface Sample {
  name: string;
  text: string;
  lines: string[];
}

let cache: Sample[] | null = null;

/** Every `samples/*.log` (the top folder only), sorted by name so that a seed replays the same run. */
export function loadSamples(): Sample[] {
  cache ??= readdirSync(SAMPLES_DIR)
    .filter((name) => name.endsWith('.log'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(SAMPLES_DIR, name), 'utf8');
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      return { name, text, lines };
    });
  return cache;
}

export interface Analysis {
  events: TraceEvent[];
  stats: ParseStats;
  summary: Summary;
}

/** Parses and analyzes a whole log held in memory, as `gclog analyze` does with a file. */
export function analyzeText(text: string, options: { heapLimitMb?: number } = {}): Analysis {
  const { events, stats } = parseLog(text);
  const analyzer = new Analyzer(options);
  const onEvent = analyzer.beginInput('fuzz.log');
  for (const event of events) onEvent(event);
  analyzer.endInput({ name: 'fuzz.log', stats, bytesRead: Buffer.byteLength(text) });
  return { events, stats, summary: analyzer.summary() };
}

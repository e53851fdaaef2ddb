// Access to the real sample logs in samples/ for tests.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');

export function samplePath(name: string): string {
  return join(SAMPLES_DIR, name);
}

export function readSample(name: string): string {
  return readFileSync(samplePath(name), 'utf8');
}

/** The text of one line (1-based), as V8 printed it. */
export function sampleLine(name: string, lineNumber: number): string {
  return readSample(name).split('\n')[lineNumber - 1]!;
}

/** Every sample log, relative to samples/ (compare pairs included). */
export function allSamples(): string[] {
  const top = readdirSync(SAMPLES_DIR).filter((name) => name.endsWith('.log'));
  const pairs = readdirSync(join(SAMPLES_DIR, 'compare'))
    .filter((name) => name.endsWith('.log'))
    .map((name) => `compare/${name}`);
  return [...top, ...pairs].sort();
}

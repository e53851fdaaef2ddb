// `npm run bench` in a small size: every figure is produced (a finite number > 0), not judged for speed.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BENCH = fileURLToPath(new URL('./bench.js', import.meta.url));

function numbersIn(value: unknown, path: string, into: Array<[string, unknown]>): void {
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) numbersIn(inner, `${path}.${key}`, into);
  } else into.push([path, value]);
}

describe('npm run bench, small size', () => {
  it('writes every figure for the trace and NVP logs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gclog-bench-smoke-'));
    try {
      const out = join(dir, 'figures.json');
      const result = spawnSync(process.execPath, [BENCH, '--size-mb', '5', '--repeat', '2', '--startup-runs', '2', '--out', out], { encoding: 'utf8', timeout: 120_000 });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('ratio');
      const figures = JSON.parse(readFileSync(out, 'utf8')) as { repeat: number; logs: Record<string, Record<string, unknown>>; startup: Record<string, Record<string, number>> };
      expect(figures.repeat).toBe(2);
      expect(result.stdout).toContain('start-up, 2 runs each, interleaved:');
      for (const name of ['nodeBaseline', 'version', 'help', 'analyzeSmall']) {
        expect(figures.startup[name]!.medianMs, name).toBeGreaterThan(0);
        expect(figures.startup[name]!.fastestMs, name).toBeGreaterThan(0);
      }
      for (const name of ['version', 'help', 'analyzeSmall']) expect(Number.isFinite(figures.startup[name]!.medianAboveNodeMs), name).toBe(true);
      expect(Object.keys(figures.logs).sort()).toEqual(['nvp', 'trace']);
      for (const [id, log] of Object.entries(figures.logs)) {
        for (const key of ['split2', 'split2ReadCharacters', 'analyzeJson', 'ratioToSplit2', 'analyzeHtml', 'browser', 'events', 'sizeMb']) expect(log, `${id}.${key}`).toHaveProperty(key);
        const values: Array<[string, unknown]> = [];
        numbersIn(log, id, values);
        for (const [path, value] of values) {
          if (path.endsWith('.sample')) continue;
          expect(typeof value, path).toBe('number');
          expect(Number.isFinite(value) && (value as number) > 0, `${path} = ${String(value)}`).toBe(true);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

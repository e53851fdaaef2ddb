// The `gclog run` overhead bench in a small size: both sides run and every figure is produced
// (a count > 0, a finite ratio), not judged for speed.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BENCH = fileURLToPath(new URL('./run-overhead.js', import.meta.url));

describe('npm run bench: gclog run overhead, small size', () => {
  it('measures the app under gclog run and under node --trace-gc > file, and their ratio', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gclog-run-bench-smoke-'));
    try {
      const out = join(dir, 'figures.json');
      const result = spawnSync(process.execPath, [BENCH, '--rounds', '2', '--seconds', '0.3', '--out', out], { encoding: 'utf8', timeout: 60_000 });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^gclog run overhead \(service, a line every 2000 operations\): the app did \d+ operations under gclog run vs \d+ under node --trace-gc > file \(medians of 2\), ratio \d+\.\d{3}/m);
      expect(result.stdout).toMatch(/^gclog run overhead \(chatty, a line every 20 operations\): /m);
      const figures = JSON.parse(readFileSync(out, 'utf8')) as { rounds: number; workloads: Record<string, Record<string, unknown>> };
      expect(figures.rounds).toBe(2);
      expect(Object.keys(figures.workloads)).toEqual(['service', 'chatty']);
      for (const workload of Object.values(figures.workloads)) {
        for (const key of ['baselineOperations', 'gclogRunOperations'] as const) {
          const counts = workload[key] as number[];
          expect(counts).toHaveLength(2);
          for (const count of counts) expect(count).toBeGreaterThan(0);
        }
        expect(Number.isFinite(workload['throughputRatio']) && (workload['throughputRatio'] as number) > 0).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

// The fleet scaling bench in a small size: it runs, writes every figure, and finds the rows of
// --jobs 1 and --jobs 2 identical. Speed is not judged here (see the README's figures).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BENCH = fileURLToPath(new URL('./fleet-bench.js', import.meta.url));

describe('fleet scaling bench, small size', () => {
  it('measures both sides and finds identical rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gclog-fleet-bench-smoke-'));
    try {
      const out = join(dir, 'figures.json');
      const result = spawnSync(process.execPath, [BENCH, '--files', '3', '--size-mb', '1', '--repeat', '1', '--out', out], { encoding: 'utf8', timeout: 240_000 });
      expect(result.status, result.stderr).toBe(0);
      const figures = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
      expect(figures['identicalRows']).toBe(true);
      expect(figures['files']).toBe(3);
      expect(figures['rows']).toBe(3);
      for (const key of ['jobs1Seconds', 'jobs2Seconds'] as const) expect((figures[key] as number[]).every((seconds) => seconds > 0)).toBe(true);
      expect(figures['speedup']).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

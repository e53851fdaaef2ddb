// `gclog run --find-leak`: the GC trace and the heap snapshots in one run of a real leaking service
// (samples/heapsnapshots/leaky-service.cjs), then what grew between the snapshots beside the verdict.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN } from '../cli/run-cli.js';

const SERVICE = fileURLToPath(new URL('../../samples/heapsnapshots/leaky-service.cjs', import.meta.url));

describe('gclog run --find-leak', () => {
  it('takes snapshots as the floor grows and prints what grew between them, with what holds it', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gclog-run-find-leak-'));
    const result = spawnSync(
      process.execPath,
      [BIN, 'run', '--find-leak', '--log', 'leaky.log', '--max-old-space-size', '40', '--', process.execPath, SERVICE, '-', '1000', '25', '1', 'grants,listeners,cache,lru,batch,inflight'],
      {
        cwd,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, NO_COLOR: '1', CI: '', GCLOG_FIND_LEAK_WARMUP_MS: '300', GCLOG_FIND_LEAK_MAX_SNAPSHOTS: '3', PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}` },
      },
    );
    expect(result.status, result.stderr).toBe(0);
    const snapshots = readdirSync(join(cwd, 'leaky.snapshots')).sort();
    expect(snapshots).toHaveLength(3);
    for (const name of snapshots) expect(name).toMatch(/^gclog-\d+-0-[123]\.heapsnapshot$/);
    const pid = /^gclog-(\d+)-/.exec(snapshots[0]!)![1];
    expect(result.stderr).toContain(`What grew in pid ${pid}'s main thread, over 3 heap snapshots (${join(cwd, 'leaky.snapshots')}):`);
    // The Map never trimmed: its Grants grew at every step, held by the module's variable.
    const grant = result.stderr.split('\n').findIndex((line) => /^ {2}Grant\s/.test(line));
    expect(grant).toBeGreaterThan(-1);
    expect(result.stderr.split('\n')[grant + 1]).toMatch(/held by Map grantsByRequest ← module scope of leaky-service\.cjs/);
    // The bounded LRU is never listed as growing.
    expect(result.stderr).not.toMatch(/^ {2}LruEntry\s/m);
  }, 150_000);

  it('says so when no snapshot was taken (a run too short to grow)', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gclog-run-find-leak-'));
    const result = spawnSync(process.execPath, [BIN, 'run', '--find-leak', '--log', 'short.log', '--', process.execPath, '-e', 'const a = []; for (let i = 0; i < 300000; i++) a.push({ i });'], {
      cwd,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '1', CI: '' },
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`gclog: --find-leak: no heap snapshot was taken (the floor never grew clearly after the warm-up, the run was short, or Node is older than 18); ${join(cwd, 'short.snapshots')} is empty`);
  }, 60_000);
});

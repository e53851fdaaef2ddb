// The progress line: its text as a pure function of bytes, time and size; when it may appear at all;
// and that a pipe (not a terminal) never gets one, even for a large input.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LARGE_INPUT_BYTES, ProgressLine, progressAllowed, renderProgress } from '../../src/cli/progress.js';
import { readSample } from '../support/samples.js';
import { runCli } from './run-cli.js';

const MB = 1024 * 1024;

describe('renderProgress', () => {
  it('gives bar, percentage, size, speed and ETA when the size is known', () => {
    expect(renderProgress('gc.log', 256 * MB, 2000, 1024 * MB)).toBe('gclog: gc.log: [#####...............] 25% of 1024.0 MB, 128 MB/s, ETA 0:06');
  });

  it('gives only bytes and speed when the size is unknown (stdin)', () => {
    expect(renderProgress('stdin', 30 * MB, 4000, null)).toBe('gclog: stdin: 30.0 MB read, 7.5 MB/s');
  });

  it('writes hours in a long ETA and never goes past 100%', () => {
    expect(renderProgress('big.log', 1 * MB, 1000, 4000 * MB)).toContain('ETA 1:06:39');
    expect(renderProgress('big.log', 30 * MB, 1000, 20 * MB)).toContain('[####################] 100%');
  });

  it('has no speed and no ETA before any time has passed', () => {
    expect(renderProgress('gc.log', 0, 0, 100 * MB)).toBe('gclog: gc.log: [....................] 0% of 100.0 MB, 0.0 MB/s');
  });
});

describe('when the progress line is shown', () => {
  it('only on a terminal, outside CI, without --quiet', () => {
    expect(progressAllowed({ isTty: true, env: {}, quiet: false })).toBe(true);
    expect(progressAllowed({ isTty: false, env: {}, quiet: false })).toBe(false);
    expect(progressAllowed({ isTty: true, env: { CI: 'true' }, quiet: false })).toBe(false);
    expect(progressAllowed({ isTty: true, env: { CI: '1' }, quiet: false })).toBe(false);
    expect(progressAllowed({ isTty: true, env: {}, quiet: true })).toBe(false);
  });

  it('only for a large input, throttled, and erased at the end', () => {
    const written: string[] = [];
    let now = 0;
    const line = new ProgressLine('gc.log', { write: (text: string) => written.push(text) }, () => now);
    now = 1000;
    line.update(MB, 10 * MB);
    expect(written).toEqual([]); // a small file: nothing
    line.update(LARGE_INPUT_BYTES + 1, null);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\r.*20\.0 MB read.*\x1b\[K$/);
    now += 50;
    line.update(LARGE_INPUT_BYTES + 2, null);
    expect(written).toHaveLength(1); // throttled
    line.finish();
    expect(written[1]).toBe('\r\x1b[K');
  });

  it('never in a pipe: a large log analyzed with stderr piped prints no progress', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gclog-progress-'));
    try {
      const lines = readSample('node22-steady.log').split('\n').filter((line) => line.includes(' ms: '));
      const block = `${lines.join('\n')}\n`;
      const path = join(dir, 'large.log');
      writeFileSync(path, block.repeat(Math.ceil((LARGE_INPUT_BYTES + MB) / block.length)));
      const env = { ...process.env, NO_COLOR: '1' };
      delete env['CI'];
      const result = runCli(['analyze', path, '--json'], { env });
      expect(result.status).toBe(0);
      expect(result.stderr).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

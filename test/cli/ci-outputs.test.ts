// For CI, through the built CLI: `analyze --fail-on` (exit 13, every budget said), `--markdown`,
// and `$GITHUB_STEP_SUMMARY` filled by analyze and compare.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplePath } from '../support/samples.js';
import { runCli } from './run-cli.js';

describe('analyze --fail-on', () => {
  it('exits 13 and names each failed budget with its figure; the summary is still printed', () => {
    const result = runCli(['analyze', samplePath('node22-leak.log'), '--fail-on', 'leak,p99>200ms'], { env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '' } });
    expect(result.status).toBe(13);
    expect(result.stderr).toContain('gclog: budget FAILED: leak (leak verdict): main thread leak\n');
    expect(result.stderr).toContain('gclog: budget met: p99>200ms (p99 pause): main thread 102 ms\n');
    expect(result.stdout).toContain('Leak verdict: LEAK');
  });

  it('exits 0 when every budget is met', () => {
    const result = runCli(['analyze', samplePath('node22-steady.log'), '--fail-on', 'leak,oom', '--json'], { env: { ...process.env, GITHUB_STEP_SUMMARY: '' } });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).isolates[0].leak.verdict).toBe('none');
  });

  it('refuses a budget that does not read, as a usage error with what to write', () => {
    const result = runCli(['analyze', samplePath('node22-steady.log'), '--fail-on', 'p99>50']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('gclog: --fail-on: "p99>50": say the unit of the time, ms or s (e.g. p99>50ms). Run gclog --help for usage.\n');
  });
});

describe('Markdown for CI', () => {
  it('analyze --markdown writes the file, and appends the same to $GITHUB_STEP_SUMMARY', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gclog-ci-'));
    const stepSummary = join(dir, 'step-summary.md');
    writeFileSync(stepSummary, '# earlier step\n');
    const result = runCli(['analyze', samplePath('node22-leak.log'), '--markdown', join(dir, 'gc.md'), '--fail-on', 'leak'], {
      env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: stepSummary },
    });
    expect(result.status).toBe(13);
    const markdown = readFileSync(join(dir, 'gc.md'), 'utf8');
    expect(markdown.startsWith('## gclog: GC summary\n')).toBe(true);
    expect(markdown).toContain('| ❌ failed | `leak` | leak verdict | main thread | leak |');
    expect(readFileSync(stepSummary, 'utf8')).toBe(`# earlier step\n${markdown}\n`);
  });

  it('compare fills $GITHUB_STEP_SUMMARY with its verdict even without --markdown', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gclog-ci-'));
    const stepSummary = join(dir, 'step-summary.md');
    const result = runCli(['compare', samplePath('compare/leak-before.log'), samplePath('compare/leak-after.log')], {
      env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: stepSummary },
    });
    expect(result.status).toBe(0);
    expect(readFileSync(stepSummary, 'utf8')).toMatch(/^## gclog compare: IMPROVED\n/);
  });
});

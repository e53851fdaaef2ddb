// gclog on a real terminal (a pseudo-terminal from util-linux `script`, sized with stty): text is
// wrapped at the terminal's width at word boundaries, coloured; in a pipe the same words, unwrapped.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { visibleLength } from '../../src/text-layout.js';
import { samplePath } from '../support/samples.js';
import { BIN, ROOT, runCli } from './run-cli.js';

const SCRIPT = '/usr/bin/script';
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Runs the CLI on a terminal `columns` wide; returns its lines (colour kept, carriage returns dropped). */
function onTerminal(columns: number, args: string[]): string[] {
  const command = `stty cols ${columns} rows 50; ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}`;
  const env = { ...process.env };
  delete env['NO_COLOR'];
  delete env['FORCE_COLOR'];
  const result = spawnSync(SCRIPT, ['-qec', command, '/dev/null'], { encoding: 'utf8', cwd: ROOT, env: { ...env, TERM: 'xterm' } });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.replace(/\r/g, '').replace(/\n$/, '').split('\n');
}

// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');
const words = (lines: string[]) => plain(lines.join(' ')).split(/\s+/).filter(Boolean);

describe.runIf(existsSync(SCRIPT))('on a terminal', () => {
  for (const columns of [80, 60]) {
    it(`analyze on ${columns} columns: every line fits, coloured, the same words as in a pipe`, () => {
      const args = ['analyze', samplePath('node22-workers.log')];
      const lines = onTerminal(columns, args);
      for (const line of lines) expect(visibleLength(line), plain(line)).toBeLessThanOrEqual(columns);
      expect(lines.join('\n')).toContain('\x1b[1m');
      const piped = runCli(args).stdout.trimEnd().split('\n');
      expect(piped.some((line) => line.length > columns)).toBe(true);
      expect(words(lines)).toEqual(words(piped));
    }, 60_000);
  }

  it('compare on 80 columns: every line fits', () => {
    const lines = onTerminal(80, ['compare', samplePath('compare/leak-before.log'), samplePath('compare/leak-after.log')]);
    for (const line of lines) expect(visibleLength(line), plain(line)).toBeLessThanOrEqual(80);
    expect(plain(lines[0]!)).toMatch(/^Verdict: IMPROVED — Leak verdict leak → none;/);
  }, 60_000);

  it('compare --help on 80 columns: examples whole, every line fits', () => {
    const lines = onTerminal(80, ['compare', '--help']);
    for (const line of lines) expect(visibleLength(line), line).toBeLessThanOrEqual(80);
    expect(lines).toContain('  gclog compare before.log after.log --fail-on-regression');
  }, 60_000);

  it('TERM=dumb: no colour on a terminal', () => {
    const command = `stty cols 80; TERM=dumb ${quote(process.execPath)} ${quote(BIN)} analyze ${quote(samplePath('node20-steady.log'))}`;
    const env = { ...process.env };
    delete env['NO_COLOR'];
    delete env['FORCE_COLOR'];
    const result = spawnSync(SCRIPT, ['-qec', command, '/dev/null'], { encoding: 'utf8', env });
    expect(result.stdout).toContain('Leak verdict:');
    expect(result.stdout).not.toContain('\x1b[');
  }, 60_000);
});

// `analyze --csv`: the documented columns in order, per-space and mu columns read from the real log.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../src/report/csv.js';
import { runCli } from '../cli/run-cli.js';
import { samplePath, sampleLine } from '../support/samples.js';

describe('CSV', () => {
  it('the header is the README table of columns, in order', () => {
    const header = runCli(['analyze', samplePath('node20-steady.log'), '--csv']).stdout.split('\n')[0]!;
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### CSV columns'));
    const documented = [...section.slice(0, section.indexOf('\n\n', section.indexOf('|'))).matchAll(/^\| `([^`]+)`/gm)].map((match) => match[1]!);
    const expanded = documented.flatMap((name) => (name.includes('<space>') ? CSV_COLUMNS.map((column) => column.name).filter((column) => new RegExp(`^${name.replace('<space>', '[a-zA-Z]+')}$`).test(column)) : [name]));
    expect(header.split(',')).toEqual(expanded);
    expect(header.split(',')).toEqual(['input', ...CSV_COLUMNS.map((column) => column.name)]);
  });

  it('node20-leak.verbose.log line 3: mu and the spaces of the block after it', () => {
    expect(sampleLine('node20-leak.verbose.log', 3)).toContain('(average mu = 1.000, current mu = 1.000)');
    expect(sampleLine('node20-leak.verbose.log', 8)).toMatch(/Old space, +used: +2476 KB, available: +7 KB, committed: +2528 KB/);
    expect(sampleLine('node20-leak.verbose.log', 6)).toMatch(/New space, +used: +690 KB/);
    expect(sampleLine('node20-leak.verbose.log', 15)).toMatch(/Backing store memory: +1097 KB/);
    const [header, first] = runCli(['analyze', samplePath('node20-leak.verbose.log'), '--csv']).stdout.split('\n');
    const row = Object.fromEntries(header!.split(',').map((name, index) => [name, first!.split(',')[index]]));
    expect(row).toMatchObject({ line: '3', averageMu: '1', currentMu: '1', oldUsedKb: '2476', oldCommittedKb: '2528', newUsedKb: '690', allUsedKb: '3711', externalKb: '10', backingStoreKb: '1097', mapUsedKb: '' });
  });
});

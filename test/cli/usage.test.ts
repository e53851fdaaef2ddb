// What a new user types, and what gclog answers: messages that say what to do, suggestions for a
// mistyped option, colour as other CLIs decide it, the form of --out read from its extension.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colorWanted } from '../../src/cli/color.js';
import { examplesText } from '../../src/cli/main.js';
import { FormatError, resolveFormat } from '../../src/cli/output-format.js';
import { closestName, editDistance } from '../../src/cli/suggest.js';
import { EXIT_CODES } from '../../src/errors.js';
import { samplePath } from '../support/samples.js';
import { expectOneLineError, runCli } from './run-cli.js';

const STEADY = samplePath('node20-steady.log');
const TIMEOUT_MS = 60_000;

describe('usage messages', () => {
  it('a command without its file says what to give it', () => {
    expect(runCli(['analyze']).stderr).toBe('gclog: analyze needs a GC log file (or - for stdin), e.g. gclog analyze gc.log. Run gclog analyze --help for usage.\n');
    expect(runCli(['events']).stderr).toBe('gclog: events needs a GC log file (or - for stdin), e.g. gclog events gc.log. Run gclog events --help for usage.\n');
  }, TIMEOUT_MS);

  it('a mistyped option gets a suggestion, without its camelCase twin', () => {
    expect(runCli(['analyze', STEADY, '--jsn']).stderr).toBe('gclog: Unknown option --jsn (did you mean --json?). Run gclog analyze --help for usage.\n');
    const typo = runCli(['compare', STEADY, STEADY, '--fail-on-regresion']);
    expect(typo.stderr).toBe('gclog: Unknown option --fail-on-regresion (did you mean --fail-on-regression?). Run gclog compare --help for usage.\n');
    expect(typo.status).toBe(EXIT_CODES.Usage);
    // Nothing close: no suggestion.
    expect(runCli(['analyze', STEADY, '--frobnicate']).stderr).toBe('gclog: Unknown option --frobnicate. Run gclog analyze --help for usage.\n');
  }, TIMEOUT_MS);

  it('-v and --version print the version; no command names the commands', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(runCli(['-v'])).toMatchObject({ status: 0, stdout: `${pkg.version}\n` });
    expect(runCli(['--version'])).toMatchObject({ status: 0, stdout: `${pkg.version}\n` });
    expectOneLineError(runCli([]), EXIT_CODES.Usage, ['Name a command: analyze, run, events, compare, fleet or heapdiff.']);
  }, TIMEOUT_MS);

  it('help: positionals without "[default: []]", examples whole on their line, the capture with 2>&1', () => {
    const top = runCli(['--help']).stdout;
    expect(top).toContain('Examples:\n  node --trace-gc app.js > gc.log 2>&1\n      capture a log: stdout and stderr together');
    expect(top).toContain('\n  node --trace-gc app.js 2>&1 | gclog analyze -\n');
    const analyze = runCli(['analyze', '--help']).stdout;
    expect(analyze).not.toContain('[default: []]');
    expect(analyze).toMatch(/files +GC log files, \.gz, or - for stdin +\[array\] \[required\]/);
    const compare = runCli(['compare', '--help']).stdout;
    expect(compare).toContain('\n  gclog compare before.log after.log --fail-on-regression\n      exit code 1 when the change made GC worse (CI)\n');
    // Not a terminal: laid out for 80 columns.
    for (const text of [top, analyze, compare]) for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  }, TIMEOUT_MS);

  it('examples are never cut mid-command; their meaning wraps at words', () => {
    expect(examplesText([['gclog compare before.log after.log --fail-on-regression', 'exit code 1 when the change made GC worse (for CI pipelines that gate merges)']], 40)).toBe(
      'Examples:\n  gclog compare before.log after.log --fail-on-regression\n      exit code 1 when the change made\n      GC worse (for CI pipelines that\n      gate merges)',
    );
  });
});

describe('suggestions', () => {
  it('edit distance counts a swap as one edit', () => {
    expect(editDistance('json', 'json')).toBe(0);
    expect(editDistance('jsno', 'json')).toBe(1);
    expect(editDistance('jsn', 'json')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests within a third of the letters (at least one), not beyond', () => {
    expect(closestName('jsn', ['json', 'csv'])).toBe('json');
    // 'htm' → 'html' is one edit of three letters: at the bound.
    expect(closestName('htm', ['html'])).toBe('html');
    // 'xyz' → 'csv' is two edits of three letters: beyond it.
    expect(closestName('xyz', ['csv'])).toBeNull();
    // 18 letters allow 6 edits: 'fail-on-regression' from 'fail-on-regresion' is one.
    expect(closestName('fail-on-regresion', ['fail-on-regression', 'threshold'])).toBe('fail-on-regression');
  });
});

describe('colour', () => {
  const decide = (flag: boolean | undefined, env: NodeJS.ProcessEnv, isTty: boolean) => colorWanted({ flag, env, isTty });
  it('on a terminal by default, never in a pipe', () => {
    expect(decide(undefined, {}, true)).toBe(true);
    expect(decide(undefined, {}, false)).toBe(false);
  });
  it('--color and --no-color win over everything', () => {
    expect(decide(true, { NO_COLOR: '1' }, false)).toBe(true);
    expect(decide(false, { FORCE_COLOR: '1' }, true)).toBe(false);
  });
  it('NO_COLOR (non-empty) turns it off; an empty NO_COLOR does not', () => {
    expect(decide(undefined, { NO_COLOR: '1' }, true)).toBe(false);
    expect(decide(undefined, { NO_COLOR: '' }, true)).toBe(true);
  });
  it('FORCE_COLOR turns it on in a pipe, FORCE_COLOR=0 or false off on a terminal', () => {
    expect(decide(undefined, { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(decide(undefined, { FORCE_COLOR: '' }, false)).toBe(true);
    expect(decide(undefined, { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(decide(undefined, { FORCE_COLOR: 'false' }, true)).toBe(false);
  });
  it('TERM=dumb turns it off on a terminal, unless forced', () => {
    expect(decide(undefined, { TERM: 'dumb' }, true)).toBe(false);
    expect(decide(undefined, { TERM: 'dumb', FORCE_COLOR: '1' }, true)).toBe(true);
  });
  it('the CLI: --color in a pipe colours, --no-color is accepted, FORCE_COLOR colours', () => {
    const env = { ...process.env };
    delete env['NO_COLOR'];
    delete env['FORCE_COLOR'];
    expect(runCli(['analyze', STEADY, '--color'], { env }).stdout).toContain('\x1b[1m');
    const plain = runCli(['analyze', STEADY, '--no-color'], { env });
    expect(plain.status).toBe(0);
    expect(plain.stdout).not.toContain('\x1b[');
    expect(runCli(['analyze', STEADY], { env: { ...env, FORCE_COLOR: '1' } }).stdout).toContain('\x1b[1m');
    expect(runCli(['analyze', STEADY], { env: { ...env, FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain('\x1b[');
  }, TIMEOUT_MS);
});

describe('the form of --out', () => {
  it('follows the extension when no flag names one', () => {
    expect(resolveFormat('analyze', null, 'report.html', ['text', 'json', 'csv', 'html'], 'text')).toBe('html');
    expect(resolveFormat('analyze', null, 'r.JSON', ['text', 'json', 'csv', 'html'], 'text')).toBe('json');
    expect(resolveFormat('analyze', null, 'rows.csv', ['text', 'json', 'csv', 'html'], 'text')).toBe('csv');
    expect(resolveFormat('analyze', null, 'summary.out', ['text', 'json', 'csv', 'html'], 'text')).toBe('text');
    expect(resolveFormat('events', null, 'all.json', ['ndjson'], 'ndjson')).toBe('ndjson');
  });

  it('refuses a flag and an extension that disagree, and a form the command has not', () => {
    expect(() => resolveFormat('analyze', 'json', 'report.html', ['text', 'json', 'csv', 'html'], 'text')).toThrow(
      new FormatError('--out report.html names a .html file but --json was asked for: write --out report.json, or drop --json to write HTML'),
    );
    expect(() => resolveFormat('compare', null, 'cmp.csv', ['text', 'json', 'html'], 'text')).toThrow(
      new FormatError('compare cannot write CSV (--out cmp.csv); it writes TEXT, JSON, HTML: name the file cmp.txt'),
    );
  });

  it('the CLI: --out report.html writes the HTML report; a second write says it replaced the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gclog-out-'));
    const out = join(dir, 'report.html');
    const first = runCli(['analyze', STEADY, '--out', out]);
    expect(first.stderr).toBe(`gclog: wrote ${out}\n`);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/i);
    const second = runCli(['analyze', STEADY, '--out', out]);
    expect(second.stderr).toBe(`gclog: wrote ${out} (replacing the file that was there)\n`);
    const json = join(dir, 'summary.json');
    runCli(['analyze', STEADY, '--out', json]);
    expect((JSON.parse(readFileSync(json, 'utf8')) as { generator: string }).generator).toMatch(/^gclog \d+\.\d+\.\d+$/);
    expectOneLineError(runCli(['analyze', STEADY, '--csv', '--out', join(dir, 'rows.json')]), EXIT_CODES.Usage, ['names a .json file but --csv was asked for']);
  }, TIMEOUT_MS);
});

describe('events of several logs', () => {
  it('in argument order, each event naming its log, to one file with --out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gclog-events-'));
    const out = join(dir, 'all.ndjson');
    const first = samplePath('node22-steady.log');
    const second = samplePath('node20-steady.log');
    const result = runCli(['events', second, first, '--out', out]);
    expect(result.stderr).toBe(`gclog: wrote ${out}\n`);
    const events = readFileSync(out, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { input: string; line: number });
    const count = (path: string) => readFileSync(path, 'utf8').split('\n').filter((line) => / ms: (Scavenge|Mark-Compact)/.test(line)).length;
    expect(events.filter((event) => event.input === second)).toHaveLength(count(second));
    expect(events.filter((event) => event.input === first)).toHaveLength(count(first));
    // The second log's events all come after the first's.
    expect(events.findIndex((event) => event.input === first)).toBe(count(second));
    // One log: no input field (unchanged output).
    expect(JSON.parse(runCli(['events', first]).stdout.split('\n')[0]!)).not.toHaveProperty('input');
  }, TIMEOUT_MS);
});

describe('analyze --isolate and --pid', () => {
  it('one isolate of a workers log: its details alone; a number past the last: exit 15 with the list', () => {
    const workers = samplePath('node22-workers.log');
    const one = runCli(['analyze', workers, '--isolate', '0']);
    expect(one.status).toBe(0);
    expect(one.stdout.match(/^── /gm)).toEqual(['── ']);
    expect(one.stdout).toContain('── main thread ──');
    expect(one.stdout).not.toContain('isolates (GC % of the time each covered');
    expectOneLineError(runCli(['analyze', workers, '--isolate', '9']), EXIT_CODES.NoSuchIsolate, ['--isolate 9: no such isolate; the log has #0 main thread, #1 worker']);
    expectOneLineError(runCli(['analyze', workers, '--csv', '--pid', '1']), EXIT_CODES.Usage, ['mutually exclusive']);
  }, TIMEOUT_MS);
});

describe('warnings agree with their count', () => {
  it('one record cut mid-way (deliberate damage): "1 line … looks like a GC record"; two: "2 lines … look like"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gclog-warn-'));
    const lines = readFileSync(STEADY, 'utf8').split('\n');
    const cut = (line: string) => line.slice(0, line.indexOf(' -> ') + 3);
    const one = join(dir, 'one.log');
    writeFileSync(one, [...lines.slice(0, 5), cut(lines[5]!), ...lines.slice(6)].join('\n'));
    expect(runCli(['analyze', one, '--json']).stderr).toBe('');
    expect(runCli(['events', one]).stderr.split('\n')[0]).toBe(`gclog: warning: 1 line of ${one} looks like a GC record but did not parse:`);
    const two = join(dir, 'two.log');
    writeFileSync(two, [...lines.slice(0, 5), cut(lines[5]!), cut(lines[6]!), ...lines.slice(7)].join('\n'));
    expect(runCli(['events', two]).stderr.split('\n')[0]).toBe(`gclog: warning: 2 lines of ${two} look like GC records but did not parse:`);
  }, TIMEOUT_MS);
});

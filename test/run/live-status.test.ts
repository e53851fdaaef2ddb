// The live status line of `gclog run`: its text from real GC lines, and where it is drawn (a real
// terminal from script(1)) and where it never is (a pipe, CI, --quiet).

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/events.js';
import { GcLogParser } from '../../src/parse/log-parser.js';
import { LiveGcTally, statusText } from '../../src/run/live-status.js';
import { readSample } from '../support/samples.js';
import { BIN } from '../cli/run-cli.js';

const TICKS = fileURLToPath(new URL('./apps/ticks.cjs', import.meta.url));
const COLOURS = fileURLToPath(new URL('./apps/colours.cjs', import.meta.url));
const SERVER = fileURLToPath(new URL('./apps/server.cjs', import.meta.url));

/**
 * The command line script(1) hands to $SHELL -c. `exec` leaves no shell between the terminal and
 * gclog: dash (Debian's /bin/sh, script's shell where SHELL is unset, as in CI) stays as the parent
 * otherwise, and a Ctrl-C kills it, so script reports 130 whatever gclog did.
 */
function shellCommand(words: string[]): string {
  return `exec ${words.map((word) => `'${word}'`).join(' ')}`;
}

/** A tally of the first `records` events of a sample, as the live parser reads them. */
function tallyOf(sample: string, records: number): LiveGcTally {
  const events: TraceEvent[] = [];
  const parser = new GcLogParser((event) => events.push(event));
  for (const line of readSample(sample).split('\n')) parser.push(line);
  parser.end();
  const tally = new LiveGcTally();
  for (const event of events.slice(0, records)) tally.add(event);
  return tally;
}

describe('statusText', () => {
  it('says the GCs so far, the heap after the last, its pause and the time, from real lines', () => {
    // node22-steady.log, the 5th record: `48 ms: Scavenge 6.8 (9.6) -> 6.5 (14.9) MB, pooled: 0 MB, 2.64 / 0.00 ms`.
    const tally = tallyOf('node22-steady.log', 5);
    expect(tally.gcs).toBe(5);
    expect(statusText(tally, 3_400, 120)).toBe('gclog: 5 GCs · heap 6.5 MB · last pause 2.64 ms · 3 s');
  });

  it('adds the p99 from the 100th GC on, not before', () => {
    expect(statusText(tallyOf('node22-steady.log', 99), 0, 200)).not.toContain('p99');
    const hundred = tallyOf('node22-steady.log', 100);
    expect(hundred.gcs).toBe(100);
    expect(statusText(hundred, 0, 200)).toMatch(/ · p99 \d+(?:\.\d+)? ms · 0 s$/);
  });

  it('is cut to the terminal’s width, with an ellipsis', () => {
    const tally = tallyOf('node22-steady.log', 5);
    const full = statusText(tally, 0, 200);
    expect(statusText(tally, 0, full.length + 1)).toBe(full);
    const cut = statusText(tally, 0, full.length);
    expect(cut).toHaveLength(full.length - 1);
    expect(cut.endsWith('…')).toBe(true);
  });
});

describe('where the status line is drawn', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'gclog-status-'));
  /** gclog run under a real terminal (script(1) gives it a pty), everything the terminal received. */
  function onTerminal(flags: string[], env: Record<string, string | undefined> = {}, app: string[] = [TICKS, '2.5']): string {
    const command = shellCommand([process.execPath, BIN, 'run', ...flags, '--log', 'ticks.log', '--', process.execPath, ...app]);
    const result = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd,
      encoding: 'utf8',
      // An undefined value takes the variable out of the environment.
      env: Object.fromEntries(
        Object.entries({ ...process.env, CI: '', SHELL: '/bin/sh', ...env, PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}` }).filter(([, value]) => value !== undefined),
      ),
      timeout: 60_000,
    });
    if (result.error) throw result.error;
    return result.stdout;
  }

  it('on a terminal: about once a second, wiped before the app’s next line', () => {
    const screen = onTerminal([]);
    const drawn = screen.match(/\rgclog: \d+ GCs · [^\x1b]*\x1b\[K/g) ?? [];
    expect(drawn.length).toBeGreaterThanOrEqual(1);
    // Each drawing is followed by its wiping before the app writes on.
    expect(screen).toMatch(/\rgclog: \d+ GCs · [^\x1b]*\x1b\[K\r\x1b\[Ktick \d+/);
    // And every tick of the app is there, in order.
    const ticks = [...screen.matchAll(/tick (\d+)/g)].map((match) => Number(match[1]));
    expect(ticks).toEqual(Array.from({ length: 25 }, (_, index) => index));
  }, 60_000);

  it('keeps the app’s colours on a terminal: its stdout is a pipe to gclog, but FORCE_COLOR says the terminal’s depth', () => {
    // The depth comes from TERM, as Node's tty.getColorDepth() reads it: 256 colours → FORCE_COLOR=2.
    const screen = onTerminal(['--quiet'], { NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color' }, [COLOURS]);
    expect(screen).toMatch(/^isTTY false FORCE_COLOR 2\r?$/m);
    expect(screen).not.toContain('Warning');
    // A terminal without colours (TERM=dumb, or no TERM at all) → FORCE_COLOR=0.
    for (const term of ['dumb', undefined]) {
      expect(onTerminal(['--quiet'], { NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: term }, [COLOURS])).toMatch(/^isTTY false FORCE_COLOR 0\r?$/m);
    }
  }, 60_000);

  it('never in CI or with --quiet', () => {
    expect(onTerminal([], { CI: 'true' })).not.toMatch(/\rgclog: \d+ GCs/);
    expect(onTerminal(['--quiet'])).not.toMatch(/\rgclog: \d+ GCs/);
  }, 60_000);
});

describe('Ctrl-C at a terminal', () => {
  it('reaches the app once (the terminal signals the whole group; gclog does not signal it again), and gclog reports', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gclog-ctrl-c-'));
    const command = shellCommand([process.execPath, BIN, 'run', '--quiet', '--log', 'server.log', '--', process.execPath, SERVER]);
    const { screen, code } = await new Promise<{ screen: string; code: number | null }>((resolve, reject) => {
      const terminal = spawn('script', ['-qec', command, '/dev/null'], { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, SHELL: '/bin/sh' } });
      let screen = '';
      let pressed = false;
      terminal.stdout.setEncoding('utf8').on('data', (text: string) => {
        screen += text;
        if (!pressed && /listening \d+/.test(screen)) {
          pressed = true;
          // Ctrl-C typed at the terminal: its line discipline sends SIGINT to the foreground group.
          setTimeout(() => terminal.stdin.write('\x03'), 200);
        }
      });
      terminal.on('error', reject);
      terminal.on('close', (code) => resolve({ screen, code }));
    });
    expect(code).toBe(0);
    expect(screen.match(/bye after SIGINT/g)).toEqual(['bye after SIGINT']);
    expect(screen).toMatch(/server\.cjs exited with code 0; GC log: server\.log/);
  }, 60_000);
});

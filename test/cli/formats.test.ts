// The command line on the other input formats: a GCProfiler result says what it cannot know (no
// time per GC), draws its report by GC number and declines compare; a trace-event file reads like a log. Real samples only.

import { linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSample } from '../support/samples.js';
import { expectOneLineError, runCli } from './run-cli.js';

const PROFILE = 'samples/formats/node22-leak.gcprofiler.json';

describe('a v8.GCProfiler result', () => {
  const raw = JSON.parse(readSample('formats/node22-leak.gcprofiler.json')) as { startTime: number; endTime: number; statistics: Array<{ gcType: string; cost: number }> };
  const gcs = raw.statistics.filter((entry) => entry.gcType === 'Scavenge' || entry.gcType === 'MarkSweepCompact');
  const pauseMs = gcs.reduce((sum, entry) => sum + entry.cost, 0) / 1000;
  const spanMs = raw.endTime - raw.startTime;

  it('analyze: the span, the GC share of it, the steps, and no time-based figure', () => {
    const { status, stdout } = runCli(['analyze', PROFILE], { cwd: process.cwd() });
    expect(status).toBe(0);
    expect(stdout).toContain(
      `${gcs.length} GCs in a profile of ${(spanMs / 1000).toFixed(1)} s; GC pauses ${pauseMs.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ms, ${((pauseMs / spanMs) * 100).toFixed(1)}% of it. ` +
        'The time of each GC is not recorded (v8.GCProfiler): no timeline, no worst second, no rate per second or minute.',
    );
    expect(stdout).toContain('Between GCs, not counted as GCs: IncrementalMarking 22× (161.4 ms).');
    expect(stdout).toContain('Leak verdict: SUSPECTED LEAK — the floor after Mark-Compact rose steadily over 18 Mark-Compacts in order, from 37.5 to 59.0 MB');
    expect(stdout).toContain("Allocation and promotion rates: unknown without the GCs' times");
    expect(stdout).not.toMatch(/MB\/min|per minute|MB\/s|worst second \d/);
  });

  it('analyze --json: timeKnown false, no series, the profile span', () => {
    const { status, stdout } = runCli(['analyze', PROFILE, '--json']);
    expect(status).toBe(0);
    const summary = JSON.parse(stdout) as { inputs: Array<{ formats: string[] }>; isolates: Array<Record<string, unknown> & { series: Record<string, unknown[]>; profile: { spanMs: number } }> };
    expect(summary.inputs[0]!.formats).toEqual(['gc-profiler']);
    const isolate = summary.isolates[0]!;
    expect(isolate['timeKnown']).toBe(false);
    expect(isolate.profile.spanMs).toBe(spanMs);
    expect(isolate.series['events']).toEqual([]);
  });

  it('events: the same schema, timeMs null', () => {
    const { status, stdout } = runCli(['events', PROFILE]);
    expect(status).toBe(0);
    const events = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events).toHaveLength(gcs.length);
    expect(events.every((event) => event['timeMs'] === null && event['source'] === 'gc-profiler')).toBe(true);
  });

  it('--html draws it by GC number: exit 0, the file written whole and atomically (renamed into place)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gclog-profiler-html-'));
    try {
      const out = join(dir, 'profile.html');
      // A second name for the old file: an atomic write renames a new file over `out`, leaving this one as it was.
      writeFileSync(out, 'the report before\n');
      linkSync(out, join(dir, 'before.html'));
      const { status, stderr } = runCli(['analyze', PROFILE, '--html', '--out', out]);
      expect(status).toBe(0);
      expect(stderr).toBe(`gclog: wrote ${out} (replacing the file that was there)\n`);
      expect(readFileSync(join(dir, 'before.html'), 'utf8')).toBe('the report before\n');
      expect(readdirSync(dir).sort()).toEqual(['before.html', 'profile.html']);
      const html = readFileSync(out, 'utf8');
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html.endsWith('</html>\n')).toBe(true);
      expect(html).toContain(`${gcs.length} GCs, their times not recorded`);
      expect(html).toContain('GC number (in the order recorded; the profiler gives no time)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compare declines it: exit 17, one line saying why', () => {
    const compare = runCli(['compare', PROFILE, 'samples/node22-steady.log']);
    expectOneLineError(compare, 17, ['records no time for each GC, and compare needs one']);
  });
});

describe('budgets on a GCProfiler result', () => {
  it('worst-second cannot be measured without times, and says why; overhead is against the profile span', () => {
    const { status, stderr } = runCli(['analyze', PROFILE, '--fail-on', 'worst-second>100ms,overhead>5%']);
    expect(status).toBe(13);
    expect(stderr).toContain('budget met: worst-second>100ms (GC pause time in the worst second): main thread n/a (no time per GC (a v8.GCProfiler result))');
    expect(stderr).toContain('budget FAILED: overhead>5% (share of the time in GC pauses): main thread 59.8%');
  });
});

describe('a trace-event file', () => {
  it('analyze names the versions the file holds and reads its GCs like a log', () => {
    const { status, stdout } = runCli(['analyze', 'samples/formats/node22-steady.trace-events.json']);
    expect(status).toBe(0);
    expect(stdout).toContain('151 GC events, trace-events, V8 12.4.254.21-node.57 (Node 22.23.5, named in the trace file)');
    expect(stdout).toContain('finalize incremental marking via stack guard     13');
  });
});

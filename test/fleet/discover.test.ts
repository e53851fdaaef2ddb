// Which files make a run: rotations of one log grouped oldest first, folders read recursively.

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverRuns, groupRotations, rotationOf } from '../../src/fleet/discover.js';

const folder = mkdtempSync(join(tmpdir(), 'gclog-discover-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('rotationOf', () => {
  it('reads the generation of logrotate and log4j-style names, gzip or not', () => {
    expect(rotationOf('/v/gc.log')).toEqual({ base: '/v/gc.log', generation: 0 });
    expect(rotationOf('/v/gc.log.1')).toEqual({ base: '/v/gc.log', generation: 1 });
    expect(rotationOf('/v/gc.log.12.gz')).toEqual({ base: '/v/gc.log', generation: 12 });
    expect(rotationOf('/v/gc.log.gz')).toEqual({ base: '/v/gc.log', generation: 0 });
  });

  it('does not take a number that is the whole extension for a rotation', () => {
    // `app.2026` has no dot before the number's: it is a file named so, not app rotated 2026 times.
    expect(rotationOf('/v/app.2026')).toEqual({ base: '/v/app.2026', generation: 0 });
  });
});

describe('groupRotations', () => {
  it('reads a rotated set oldest first, as one run named after the live file', () => {
    expect(groupRotations(['l/gc.log', 'l/gc.log.1', 'l/gc.log.2.gz', 'l/other.log'])).toEqual([
      { name: 'l/gc.log', files: ['l/gc.log.2.gz', 'l/gc.log.1', 'l/gc.log'] },
      { name: 'l/other.log', files: ['l/other.log'] },
    ]);
  });

  it('keeps logs of the same name in different folders apart', () => {
    expect(groupRotations(['a/gc.log', 'b/gc.log.1'])).toEqual([
      { name: 'a/gc.log', files: ['a/gc.log'] },
      { name: 'b/gc.log.1', files: ['b/gc.log.1'] },
    ]);
  });
});

describe('discoverRuns', () => {
  it('walks folders in name order, skips hidden entries, and groups rotations across the listing', async () => {
    mkdirSync(join(folder, 'pods', 'b'), { recursive: true });
    mkdirSync(join(folder, 'pods', '.cache'), { recursive: true });
    for (const name of ['pods/b/gc.log', 'pods/b/gc.log.1', 'pods/a.log', 'pods/.hidden.log', 'pods/.cache/x.log']) writeFileSync(join(folder, name), 'x');
    const runs = await discoverRuns([join(folder, 'pods')]);
    expect(runs.map((run) => ({ name: run.name.slice(folder.length + 1), files: run.files.map((file) => file.slice(folder.length + 1)) }))).toEqual([
      { name: 'pods/a.log', files: ['pods/a.log'] },
      { name: 'pods/b/gc.log', files: ['pods/b/gc.log.1', 'pods/b/gc.log'] },
    ]);
  });

  it('reads links to files (as in /var/log/containers), and follows no link to a folder', async () => {
    const pods = join(folder, 'var-log-pods', 'web-1');
    const containers = join(folder, 'containers');
    mkdirSync(pods, { recursive: true });
    mkdirSync(containers);
    writeFileSync(join(pods, '0.log'), 'x');
    symlinkSync(join(pods, '0.log'), join(containers, 'web-1.log'));
    symlinkSync(folder, join(containers, 'loop'));
    symlinkSync(join(folder, 'gone.log'), join(containers, 'dangling.log'));
    const runs = await discoverRuns([containers]);
    expect(runs).toEqual([{ name: join(containers, 'web-1.log'), files: [join(containers, 'web-1.log')] }]);
  });

  it('says which path does not exist', async () => {
    await expect(discoverRuns([join(folder, 'missing')])).rejects.toMatchObject({ context: { code: 'FileNotFound' } });
  });
});

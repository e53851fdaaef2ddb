// The snapshots src/run/preload/find-leak.cjs wrote, found by name (gclog-<pid>-<thread>-<n>.heapsnapshot),
// one series per process and thread, oldest first: what `gclog run --find-leak` diffs at exit.

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface SnapshotSeries {
  pid: number;
  /** 0 for the main thread, the worker's threadId otherwise. */
  threadId: number;
  /** Oldest first. */
  paths: string[];
}

const NAME = /^gclog-(\d+)-(\d+)-(\d+)\.heapsnapshot$/;

export async function findLeakSnapshots(dir: string): Promise<SnapshotSeries[]> {
  const series = new Map<string, { pid: number; threadId: number; numbered: { number: number; path: string }[] }>();
  for (const name of await readdir(dir)) {
    const match = NAME.exec(name);
    if (match === null) continue;
    const key = `${match[1]}-${match[2]}`;
    let entry = series.get(key);
    if (entry === undefined) {
      entry = { pid: Number(match[1]), threadId: Number(match[2]), numbered: [] };
      series.set(key, entry);
    }
    entry.numbered.push({ number: Number(match[3]), path: join(dir, name) });
  }
  return [...series.values()]
    .sort((a, b) => a.pid - b.pid || a.threadId - b.threadId)
    .map(({ pid, threadId, numbered }) => ({ pid, threadId, paths: numbered.sort((a, b) => a.number - b.number).map((entry) => entry.path) }));
}

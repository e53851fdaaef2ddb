// `--snapshots` of analyze: heap snapshot files, or a folder of them (what `run --find-leak` wrote, or
// any *.heapsnapshot[.gz]), resolved to one series oldest first, or the words of a usage error.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FIND_LEAK_NAME = /^gclog-(\d+)-(\d+)-(\d+)\.heapsnapshot$/;
const SNAPSHOT_NAME = /\.heapsnapshot(\.gz)?$/i;

export function resolveSnapshotInputs(paths: string[]): { paths: string[] } | { error: string } {
  const resolved: string[] = [];
  for (const path of paths) {
    let isFolder = false;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      // A missing file is reported by the reader, with its own exit code.
    }
    if (isFolder) resolved.push(...snapshotsInFolder(path));
    else resolved.push(path);
  }
  if (resolved.length < 2) {
    return { error: `--snapshots needs two heap snapshots or more of the run, oldest first, or a folder holding them (found ${resolved.length} in ${paths.join(' ')})` };
  }
  return { paths: resolved };
}

/** find-leak's files of the main thread (gclog-<pid>-0-<n>), else every *.heapsnapshot[.gz], in the order of the numbers in their names. */
function snapshotsInFolder(folder: string): string[] {
  const names = readdirSync(folder);
  const mainThread = names
    .map((name) => ({ name, match: FIND_LEAK_NAME.exec(name) }))
    .filter((entry) => entry.match !== null && entry.match[2] === '0')
    .sort((a, b) => Number(a.match![1]) - Number(b.match![1]) || Number(a.match![3]) - Number(b.match![3]));
  if (mainThread.length > 0) return mainThread.map((entry) => join(folder, entry.name));
  return names
    .filter((name) => SNAPSHOT_NAME.test(name))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => join(folder, name));
}

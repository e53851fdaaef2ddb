// Which runs a fleet is made of: paths and folders (recursive) expanded to files, and the rotated
// files of one log (`gc.log.2.gz`, `gc.log.1`, `gc.log`) grouped into one run, oldest first.

import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fromReadError } from '../errors.js';

export interface FleetRun {
  /** The run's name: its newest file (`gc.log`), or the newest rotation when the live file is absent. */
  name: string;
  /** The files to read in order, oldest first (`gc.log.2.gz`, `gc.log.1`, `gc.log`). */
  files: string[];
}

/** `gc.log.2.gz` → base `gc.log`, generation 2; `gc.log` → generation 0. */
export function rotationOf(path: string): { base: string; generation: number } {
  const name = basename(path).replace(/\.gz$/i, '');
  const match = /^(.+)\.(\d{1,4})$/.exec(name);
  // `app.2026` is not a rotation of `app` unless the base still looks like a file name with a dot.
  if (match !== null && match[1]!.includes('.')) return { base: join(dirname(path), match[1]!), generation: Number(match[2]) };
  return { base: join(dirname(path), name), generation: 0 };
}

/**
 * Expands paths into runs: a file is one run (with its rotations found beside it in the same
 * call), a folder is read recursively (hidden files and folders skipped, links to files read,
 * links to folders not followed). Runs come in the order
 * the paths were given, folders' files sorted by name, so the same call always gives the same runs.
 */
export async function discoverRuns(paths: string[]): Promise<FleetRun[]> {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (error) {
      throw fromReadError(error, path);
    }
    for (const file of isDirectory ? await listFiles(path) : [path]) {
      if (!seen.has(file)) {
        seen.add(file);
        files.push(file);
      }
    }
  }
  return groupRotations(files);
}

/** Groups rotated files of one base; a run sits where its first file was listed. */
export function groupRotations(files: string[]): FleetRun[] {
  const groups = new Map<string, Array<{ path: string; generation: number; gzip: boolean }>>();
  for (const path of files) {
    const { base, generation } = rotationOf(path);
    let group = groups.get(base);
    if (group === undefined) groups.set(base, (group = []));
    group.push({ path, generation, gzip: /\.gz$/i.test(path) });
  }
  return [...groups.values()].map((group) => {
    // Oldest first: the highest generation; a plain file before its .gz twin (it cannot be both).
    const ordered = group.sort((a, b) => b.generation - a.generation || Number(a.gzip) - Number(b.gzip));
    return { name: ordered.at(-1)!.path, files: ordered.map((file) => file.path) };
  });
}

async function listFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw fromReadError(error, folder);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(path)));
    else if (entry.isFile()) found.push(path);
    // Kubernetes' /var/log/containers/*.log are links to the pods' files: a link to a file is
    // read; a link to a folder is not followed (it could lead back up the tree).
    else if (entry.isSymbolicLink() && (await stat(path).catch(() => null))?.isFile() === true) found.push(path);
  }
  return found;
}

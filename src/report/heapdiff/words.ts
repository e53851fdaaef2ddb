// The sentences of a heapdiff, written once for the terminal, the HTML page and `run --find-leak`.

import { formatCount, plural } from '../../format.js';
import type { ClassDiff, HeapDiff } from '../../heapdiff/diff.js';
import { MIN_GROWTH_BYTES } from '../../heapdiff/diff.js';

/** `512 B`, `16.0 KB`, `4.7 MB`, `1.20 GB` (binary units, as V8 and DevTools count). */
export function formatBytes(bytes: number): string {
  const size = Math.abs(bytes);
  const sign = bytes < 0 ? '-' : '';
  if (size < 1024) return `${sign}${size} B`;
  if (size < 1024 * 1024) return `${sign}${(size / 1024).toFixed(1)} KB`;
  if (size < 1024 ** 3) return `${sign}${(size / 1024 ** 2).toFixed(1)} MB`;
  return `${sign}${(size / 1024 ** 3).toFixed(2)} GB`;
}

export function signedBytes(bytes: number): string {
  return bytes > 0 ? `+${formatBytes(bytes)}` : bytes === 0 ? '0 B' : formatBytes(bytes);
}

export function signedCount(count: number): string {
  return count > 0 ? `+${formatCount(count)}` : formatCount(count);
}

/** The headline: how many classes grew, and how far the claim goes with this many snapshots. */
export function growthHeadline(diff: HeapDiff): string {
  const steps = diff.snapshots.length - 1;
  if (diff.growing.length === 0) {
    return diff.stepsJudged
      ? `No class grew at every one of the ${steps} steps by ${formatBytes(MIN_GROWTH_BYTES)} or more: no leak shows in these snapshots.`
      : `No class grew by ${formatBytes(MIN_GROWTH_BYTES)} or more between the two snapshots.`;
  }
  const top = diff.growing[0]!;
  return diff.stepsJudged
    ? `${plural(diff.growing.length, 'class', 'classes')} grew at every one of the ${steps} steps, the mark of a leak; most: ${top.className}, ${signedBytes(top.bytesAdded)} (${signedCount(top.countAdded)} instances).`
    : `${plural(diff.growing.length, 'class', 'classes')} grew between the two snapshots; most: ${top.className}, ${signedBytes(top.bytesAdded)} (${signedCount(top.countAdded)} instances). Two snapshots cannot tell a leak from a one-off allocation: take a third later and pass all three.`;
}

/** `held by Map grantsByRequest ← module scope of server.js (2,000 of 2,000 new instances)` */
export function retainerSentence(entry: ClassDiff): string | null {
  const retainer = entry.retainer;
  if (retainer === null) return null;
  const share = retainer.instances === retainer.sampled ? `all ${formatCount(retainer.sampled)}` : `${formatCount(retainer.instances)} of ${formatCount(retainer.sampled)}`;
  const which = retainer.sampled === 1 && entry.countAdded <= 0 ? 'the largest instance' : `${share} sampled instance${retainer.sampled === 1 ? '' : 's'}`;
  return `held by ${retainer.text} (${which})`;
}

export const BYTES_NOTE = 'Bytes are each instance’s own and those of the V8 parts it holds (elements, property stores, strings, closure scopes, Buffer memory), each part counted once, in the nearest object on its shortest path from the roots.';

/** Classes that changed without growing, largest swing first: a batch that came and went (0 → 3,000 → 0) before a class that crept. */
export function byLargestSwing(entries: ClassDiff[]): ClassDiff[] {
  const swing = (entry: ClassDiff) => Math.max(...entry.bytes) - Math.min(...entry.bytes);
  return [...entries].sort((a, b) => swing(b) - swing(a) || a.className.localeCompare(b.className));
}

/**
 * The classes that changed without growing, in two groups with headings true of each: those whose
 * bytes rose at every step but by less than MIN_GROWTH_BYTES in all, and the rest.
 */
export function changedWithoutGrowing(diff: HeapDiff, limit: number): { id: 'rose-little' | 'changed'; heading: string; entries: ClassDiff[] }[] {
  const steps = diff.snapshots.length - 1;
  const notGrowing = diff.changed.filter((entry) => !entry.growing);
  const roseAtEveryStep = notGrowing.filter((entry) => entry.stepsGrown === steps);
  const rest = notGrowing.filter((entry) => entry.stepsGrown !== steps);
  const small = formatBytes(MIN_GROWTH_BYTES);
  const sections = [
    { id: 'rose-little' as const, heading: diff.stepsJudged ? `Rose at every step, but by less than ${small} in all (too little to call growth)` : `Rose by less than ${small} (too little to call growth)`, entries: roseAtEveryStep },
    { id: 'changed' as const, heading: diff.stepsJudged ? 'Changed, but not at every step (not a leak by this rule)' : 'Shrank, or kept their bytes', entries: rest },
  ];
  return sections.map(({ id, heading, entries }) => ({ id, heading, entries: byLargestSwing(entries).slice(0, limit) })).filter((section) => section.entries.length > 0);
}

/** Growers named in the leak finding. */
export const GROWERS_IN_FINDING = 3;

/**
 * The leak finding's next step when heap snapshots of the run were given: what grew in them and what
 * holds it, instead of "take two heap snapshots".
 */
export function snapshotLeakStep(diff: HeapDiff): string {
  const count = diff.snapshots.length;
  const program = diff.growing.filter((entry) => !entry.internal);
  if (program.length === 0) {
    return diff.stepsJudged
      ? `In the ${count} heap snapshots given, no constructor grew at every step: take them further apart, while the floor rises.`
      : `In the 2 heap snapshots given, no constructor grew by ${formatBytes(MIN_GROWTH_BYTES)} or more: take them further apart, while the floor rises.`;
  }
  const growers = program.slice(0, GROWERS_IN_FINDING).map((entry) => {
    const held = entry.retainer !== null ? `, held by ${entry.retainer.text}` : '';
    return `${entry.className} ${signedCount(entry.countAdded)} instances, ${signedBytes(entry.bytesAdded)}${held}`;
  });
  const how = diff.stepsJudged ? `grew at every step of the ${count} heap snapshots given` : 'grew between the 2 heap snapshots given (a third would tell a leak from a one-off)';
  return `What ${how}: ${growers.join('; ')}. All of it: gclog heapdiff ${diff.snapshots.map((snapshot) => snapshot.path).join(' ')}`;
}

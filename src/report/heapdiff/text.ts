// A heapdiff as a terminal table: the classes that grew at every step first, with what holds them.

import { oneLine } from '../../errors.js';
import { formatCount } from '../../format.js';
import type { ClassDiff, HeapDiff } from '../../heapdiff/diff.js';
import { TOP_CLASSES } from '../../heapdiff/diff.js';
import { BYTES_NOTE, changedWithoutGrowing, formatBytes, growthHeadline, retainerSentence, signedBytes, signedCount } from './words.js';

export function renderHeapDiffText(diff: HeapDiff, options: { color: boolean }): string {
  const bold = (text: string) => (options.color ? `\x1b[1m${text}\x1b[22m` : text);
  const lines: string[] = [];
  const first = diff.snapshots[0]!;
  const last = diff.snapshots[diff.snapshots.length - 1]!;
  lines.push(bold(`gclog heapdiff: ${diff.snapshots.length} snapshots, ${formatBytes(first.totalBytes)} → ${formatBytes(last.totalBytes)} reachable (${signedBytes(diff.totalBytesAdded)})`));
  diff.snapshots.forEach((snapshot, index) => lines.push(`  ${index + 1}. ${oneLine(snapshot.path)}: ${formatCount(snapshot.nodeCount)} nodes, ${formatBytes(snapshot.totalBytes)}`));
  lines.push('', bold(oneLine(growthHeadline(diff))));
  if (diff.growing.length > 0) {
    lines.push('', bold(diff.stepsJudged ? 'Grew at every step' : 'Grew'), ...table(diff.growing.slice(0, TOP_CLASSES), true));
  }
  for (const { heading, entries } of changedWithoutGrowing(diff, 10)) lines.push('', bold(heading), ...table(entries, false));
  lines.push('', BYTES_NOTE, '');
  return lines.join('\n');
}

function table(entries: ClassDiff[], withRetainers: boolean): string[] {
  const rows = entries.map((entry) => [oneLine(entry.className), entry.counts.map(formatCount).join(' → '), signedCount(entry.countAdded), entry.bytes.map(formatBytes).join(' → '), signedBytes(entry.bytesAdded)]);
  const header = ['class', 'instances', 'change', 'bytes', 'added'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `  ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')}`.trimEnd();
  const out = [line(header)];
  entries.forEach((entry, index) => {
    out.push(line(rows[index]!));
    const held = withRetainers ? retainerSentence(entry) : null;
    if (held !== null) out.push(`      ${oneLine(held)}`);
  });
  return out;
}

// `gclog heapdiff BEFORE AFTER [MORE…]`: what grew between heap snapshots, as a table, JSON or HTML.

import { heapdiffFiles } from '../heapdiff/heapdiff.js';
import { renderHeapDiffText } from '../report/heapdiff/text.js';
import { emitText, logStem, openHtml, writeOutput } from './output.js';
import { type ProgressLine, progressFor } from './progress.js';

export interface HeapDiffCommandOptions {
  /** Snapshots of one process, oldest first. */
  snapshots: string[];
  format: 'text' | 'json' | 'html';
  out?: string;
  open?: boolean;
  color: boolean;
  quiet?: boolean;
}

/** `a.heapsnapshot`, `b.heapsnapshot` → `a-to-b.heapdiff.html` in the current directory. */
export function defaultHeapDiffHtmlPath(snapshots: string[]): string {
  const stem = (path: string) => logStem(path.replace(/\.gz$/i, ''));
  return `${stem(snapshots[0]!)}-to-${stem(snapshots[snapshots.length - 1]!)}.heapdiff.html`;
}

export async function runHeapDiff(options: HeapDiffCommandOptions): Promise<number> {
  let progress: ProgressLine | null = null;
  let progressIndex = -1;
  const diff = await heapdiffFiles(options.snapshots, {
    onProgress: (index, bytesRead, totalBytes) => {
      if (index !== progressIndex) {
        progress?.finish();
        progressIndex = index;
        progress = progressFor(options.snapshots[index]!, options.quiet === true);
      }
      progress?.update(bytesRead, totalBytes);
    },
  }).finally(() => (progress as ProgressLine | null)?.finish());
  if (options.format === 'html') {
    const { renderHeapDiffHtml } = await import('../report/heapdiff/html.js');
    const path = options.out ?? defaultHeapDiffHtmlPath(options.snapshots);
    await writeOutput(path, renderHeapDiffHtml(diff, 'gclog'));
    if (options.open === true) await openHtml(path);
    return 0;
  }
  const text = options.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : renderHeapDiffText(diff, { color: options.color && options.out === undefined });
  await emitText(text, options.out);
  return 0;
}

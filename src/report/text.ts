// Summary → the terminal report: the verdict first, then aligned tables with units.

import type { Finding, IsolateSummary, LeakVerdict, PauseStats, Summary } from '../analyze/summary.js';
import { GC_TYPES } from '../events.js';
import { allocationFailureMeaning } from './claims/reasons.js';
import { mutatorUtilisationShort } from './claims/generations.js';
import { fixed as fixedText, plural as pluralText } from '../format.js';
import { floorTrendSentence } from './claims/floor.js';
import { processTimeline, processTimelineLines } from './processes.js';

export interface TextOptions {
  color: boolean;
}

type Paint = (text: string) => string;
interface Palette {
  bold: Paint;
  dim: Paint;
  red: Paint;
  yellow: Paint;
  green: Paint;
  cyan: Paint;
}

function palette(color: boolean): Palette {
  const code = (open: number, close: number): Paint => (color ? (text) => `\x1b[${open}m${text}\x1b[${close}m` : (text) => text);
  return { bold: code(1, 22), dim: code(2, 22), red: code(31, 39), yellow: code(33, 39), green: code(32, 39), cyan: code(36, 39) };
}

const VERDICT_WORDS: Record<LeakVerdict, string> = {
  leak: 'LEAK',
  suspected: 'SUSPECTED LEAK',
  none: 'no leak',
  'insufficient-data': 'not enough data to judge a leak',
};

export function renderText(summary: Summary, options: TextOptions): string {
  const paint = palette(options.color);
  const out: string[] = [];
  for (const input of summary.inputs) {
    out.push(
      paint.bold(`${input.name}`) +
        paint.dim(`  ${inputUnits(input)}, ${input.gcEvents} GC events, ${input.formats.join(' + ') || 'no GC records'}, ${input.era}`),
    );
  }
  const processes = processTimelineLines(processTimeline(summary));
  if (processes.length > 0) out.push('', ...processes);
  for (const isolate of summary.isolates) out.push('', ...renderIsolate(isolate, summary.isolates.length > 1, paint));
  if (summary.unparsed.count > 0) {
    out.push('', paint.yellow(`${pluralText(summary.unparsed.count, 'line')} ${summary.unparsed.count === 1 ? 'looks' : 'look'} like GC records but did not parse:`));
    for (const line of summary.unparsed.lines.slice(0, 5)) out.push(`  ${line.input}:${line.line}: ${line.text.slice(0, 160)}`);
  }
  if (summary.cut.count > 0) {
    out.push('', paint.dim(`${pluralText(summary.cut.count, 'GC record')} ${summary.cut.count === 1 ? 'was' : 'were'} cut before the pause (out-of-memory ring buffer) and not counted.`));
  }
  return `${out.join('\n')}\n`;
}

/** What the input is made of: lines of text, or the entries of a JSON document. */
function inputUnits(input: Summary['inputs'][number]): string {
  if (input.content === 'trace-events') return `${input.lines} trace events`;
  if (input.content === 'gc-profiler') return `${input.lines} GCProfiler entries`;
  return `${input.lines} lines`;
}

function renderIsolate(isolate: IsolateSummary, several: boolean, paint: Palette): string[] {
  const out: string[] = [];
  const where = [isolate.input, isolate.pid !== null ? `pid ${isolate.pid}` : null, isolate.isolate].filter(Boolean).join(' ');
  out.push(paint.bold(several ? `── ${isolate.label} (${where}) ──` : `── ${isolate.label} ──`));
  const verdictColor = { leak: paint.red, suspected: paint.yellow, none: paint.green, 'insufficient-data': paint.dim }[isolate.leak.verdict];
  out.push(`${paint.bold('Leak verdict:')} ${verdictColor(VERDICT_WORDS[isolate.leak.verdict])} ${paint.dim(`(${isolate.leak.verdict})`)} — ${isolate.leak.reasons.join('; ')}`);
  if (isolate.leak.notes.length > 0) out.push(paint.dim(`Also seen (not deciding): ${isolate.leak.notes.join('; ')}`));
  const overhead = isolate.overhead;
  const timed = isolate.timeKnown !== false;
  if (!timed) out.push(...untimedLines(isolate));
  else out.push(
    `${fixedText(isolate.durationMs / 1000, 1)} s covered, ${pluralText(isolate.counts.total, 'GC')}; GC overhead ${fixedText(overhead.fraction * 100, 1)}%` +
      (overhead.worstWindow !== null ? `; worst second ${fixedText(overhead.worstWindow.gcMs, 1)} ms of GC at ${fixedText(overhead.worstWindow.startMs / 1000, 0)} s` : ''),
  );
  const mu = mutatorUtilisationShort(isolate);
  if (mu !== null) out.push(mu);
  if (isolate.outOfMemory !== null) {
    out.push(paint.red(`Out of memory: ${isolate.outOfMemory.location} ${isolate.outOfMemory.message} (line ${isolate.outOfMemory.line})`));
  }

  out.push('', paint.bold('Pauses'));
  const rows: string[][] = [['type', 'count', 'total ms', 'mean', 'p50', 'p95', 'p99', 'max']];
  const row = (name: string, stats: PauseStats): string[] => [
    name,
    String(stats.count),
    stats.totalMs.toFixed(1),
    stats.meanMs.toFixed(2),
    stats.p50Ms.toFixed(2),
    stats.p95Ms.toFixed(2),
    stats.p99Ms.toFixed(2),
    stats.maxMs.toFixed(2),
  ];
  for (const type of GC_TYPES) {
    const stats = isolate.pauses.byType[type];
    if (stats !== undefined) rows.push(row(type, stats));
  }
  rows.push(row('all', isolate.pauses.all));
  out.push(...table(rows));

  out.push('', paint.bold('Heap'));
  const floors = isolate.floors;
  if (floors.total !== null) {
    const total = floors.total;
    out.push(
      `Floor after Mark-Compact (live set): first ${total.firstMb.toFixed(1)} MB, min ${total.minMb.toFixed(1)}, last ${total.lastMb.toFixed(1)}, max ${total.maxMb.toFixed(1)}; ` +
        (timed
          ? `median after the warm-up ${total.levelMb.toFixed(1)} MB`
          : `median after the first fifth of the Mark-Compacts ${fixedText(isolate.leak.evidence.levelMb ?? total.levelMb, 1)} MB (in order: the GCs' times are not recorded)`),
    );
    if (timed) out.push(floorTrendSentence(isolate) ?? '');
  } else {
    out.push('No Mark-Compact in this log: no floor (live set) to show.');
  }
  // Spaces that stay empty (new large object, code large object …) would only add rows of zeros.
  const spaces = Object.entries(floors.bySpace).filter(([space, trend]) => space !== 'all' && trend.maxMb > 0.05);
  if (spaces.length > 0) {
    const spaceRows = [['space', 'first MB', 'min', 'last', ...(timed ? ['trend MB/min'] : [])]];
    for (const [space, trend] of spaces) {
      const slope = trend.slopeMbPerMinute === null ? '—' : fixedText(trend.slopeMbPerMinute, 2);
      spaceRows.push([space, trend.firstMb.toFixed(1), trend.minMb.toFixed(1), trend.lastMb.toFixed(1), ...(timed ? [slope] : [])]);
    }
    const from = isolate.profile !== undefined ? "the GCProfiler's heapSpaceStatistics" : '--trace-gc-verbose';
    out.push(paint.dim(`By space after Mark-Compact (from ${from}):`), ...table(spaceRows));
  } else {
    out.push(paint.dim('By space: not in this log (run node with --trace-gc-verbose for per-space figures).'));
  }
  if (!timed) {
    out.push(`Allocation and promotion rates: unknown without the GCs' times (the heap grew ${fixedText(isolate.allocation.totalMb, 1)} MB between GCs in all).`);
  } else out.push(
    `Allocation ${isolate.allocation.mbPerSecond.toFixed(1)} MB/s (${sourceWords(isolate.allocation.source)}); ` +
      `promotion to old space ~${isolate.promotion.mbPerSecond.toFixed(2)} MB/s (${sourceWords(isolate.promotion.source)})`,
  );

  if (isolate.reasons.length > 0) {
    out.push('', paint.bold('Reasons'));
    const reasonRows = [['reason', 'count', 'pause ms', '']];
    for (const reason of isolate.reasons) reasonRows.push([reason.reason, String(reason.count), reason.pauseMs.toFixed(1), reason.forced ? 'forced' : '']);
    out.push(...table(reasonRows));
    const allocationFailure = allocationFailureMeaning(isolate);
    if (allocationFailure !== null) out.push(paint.dim(allocationFailure));
  }
  if (isolate.findings.length > 0) {
    out.push('', paint.bold('Findings'));
    for (const finding of isolate.findings) out.push(...renderFinding(finding, paint));
  }
  return out;
}

/** What a log without the GCs' times (a v8.GCProfiler result) can say about time: its span, the GC share of it, the steps between GCs. */
export function untimedLines(isolate: IsolateSummary): string[] {
  const span = isolate.profile?.spanMs ?? null;
  const gcs = pluralText(isolate.counts.total, 'GC');
  const lines = [
    span === null
      ? `${gcs}; the time of each GC is not recorded (v8.GCProfiler), nor the profile's span: no GC share of time, no rate per second or minute.`
      : `${gcs} in a profile of ${fixedText(span / 1000, 1)} s; GC pauses ${fixedText(isolate.overhead.gcTimeMs, 1)} ms, ${fixedText(isolate.overhead.fraction * 100, 1)}% of it. ` +
        'The time of each GC is not recorded (v8.GCProfiler): no timeline, no worst second, no rate per second or minute.',
  ];
  const steps = Object.entries(isolate.profile?.steps ?? {});
  if (steps.length > 0) {
    lines.push(`Between GCs, not counted as GCs: ${steps.map(([name, step]) => `${name} ${step.count}× (${fixedText(step.totalMs, 1)} ms)`).join(', ')}.`);
  }
  return lines;
}

function renderFinding(finding: Finding, paint: Palette): string[] {
  const tag = { error: paint.red('error'), warn: paint.yellow('warn '), info: paint.cyan('info ') }[finding.severity];
  return [`${tag} ${finding.statement}`, `      ${paint.dim('→')} ${finding.nextStep}`];
}

function sourceWords(source: string): string {
  return { nvp: 'exact, from NVP', spaces: 'from per-space figures', 'heap-growth': 'estimated from heap growth', none: 'no data' }[source] ?? source;
}

/** Left-aligns the first column, right-aligns the others. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
}

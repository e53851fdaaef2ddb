// Summary → the terminal report: the verdict first, then aligned tables with units.

import { MAX_RUNS_PER_INPUT } from '../analyze/analyzer.js';
import type { Finding, IsolateSummary, LeakVerdict, PauseStats, Summary } from '../analyze/summary.js';
import { labelNamesPid } from '../analyze/processes.js';
import { GC_TYPES } from '../events.js';
import { verboseTraceCommand } from '../analyze/advice.js';
import { allocationFailureMeaning, runtimePerformGcMeaning } from './claims/reasons.js';
import { mutatorUtilisationShort } from './claims/generations.js';
import { fixed as fixedText, formatCount, grouped, plural as pluralText } from '../format.js';
import { floorTrendSentence } from './claims/floor.js';
import { processTimeline, processTimelineLines } from './processes.js';
import { wrapLine, wrapText } from '../text-layout.js';

export interface TextOptions {
  color: boolean;
  /** Wrap prose at this many columns (a terminal's width); undefined leaves lines whole (pipes, files). */
  width?: number;
  /**
   * Of several isolates, `first` shows the overview and the first isolate of each input in detail
   * (the others are one --isolate away); `all` shows each in detail. One isolate is always shown.
   */
  detail?: 'all' | 'first';
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

/** The leak verdict in the overview's narrow column. */
const VERDICT_SHORT: Record<LeakVerdict, string> = {
  leak: 'LEAK',
  suspected: 'suspected',
  none: 'no leak',
  'insufficient-data': 'too little data',
};

export function renderText(summary: Summary, options: TextOptions): string {
  const paint = palette(options.color);
  const out: string[] = [];
  for (const input of summary.inputs) {
    out.push(
      paint.bold(`${input.name}`) +
        paint.dim(`  ${inputUnits(input)}, ${formatCount(input.gcEvents)} GC events, ${input.formats.join(' + ') || 'no GC records'}, ${input.era}`) +
        (input.interrupted ? paint.yellow('  (interrupted: only the part read before Ctrl-C)') : ''),
    );
    if (input.runsNotSplit > 0) {
      out.push(paint.yellow(`An isolate's clock went back ${pluralText(input.runsNotSplit, 'more time')} after ${MAX_RUNS_PER_INPUT} runs: not split (a log of that many restarts is more likely shuffled or damaged), so the last run's figures mix them.`));
    }
  }
  const several = summary.isolates.length > 1;
  // `first`: the first isolate of each input (its main thread, first run) in detail.
  const shown = several && options.detail === 'first' ? summary.isolates.filter((isolate, index) => index === 0 || summary.isolates[index - 1]!.input !== isolate.input) : summary.isolates;
  const processes = processTimelineLines(processTimeline(summary));
  if (processes.length > 0) out.push('', ...processes);
  if (several) out.push('', ...renderOverview(summary, paint));
  for (const isolate of shown) out.push('', ...renderIsolate(isolate, several ? summary.isolates.indexOf(isolate) : null, summary.inputs.length > 1, paint, options.width));
  if (shown.length < summary.isolates.length) {
    const rest = summary.isolates.length - shown.length;
    out.push('', paint.dim(`${pluralText(rest, 'other isolate')} in the overview: add --isolate with its number (--isolate 1) for its details, or --isolate all for every one.`));
  }
  if (summary.unparsed.count > 0) {
    out.push('', paint.yellow(`${pluralText(summary.unparsed.count, 'line')} ${summary.unparsed.count === 1 ? 'looks' : 'look'} like GC records but did not parse:`));
    for (const line of summary.unparsed.lines.slice(0, 5)) out.push(`  ${line.input}:${line.line}: ${line.text.slice(0, 160)}`);
  }
  if (summary.cut.count > 0) {
    out.push('', paint.dim(`${pluralText(summary.cut.count, 'GC record')} ${summary.cut.count === 1 ? 'was' : 'were'} cut before the pause (out-of-memory ring buffer) and not counted.`));
  }
  return wrapText(`${out.join('\n')}\n`, options.width);
}

/** One line per isolate, before any detail: a log of many workers or runs read at a glance. */
function renderOverview(summary: Summary, paint: Palette): string[] {
  const pids = new Set(summary.isolates.map((isolate) => isolate.pid));
  const withPid = pids.size > 1;
  const header = ['#', ...(withPid ? ['pid'] : []), 'isolate', 'GCs', 's', 'GC %', 'p99 ms', 'peak MB', 'leak'];
  // Numbered from 0, as compare's --isolate counts (#0 is the main thread).
  const rows = summary.isolates.map((isolate, index) => [
    String(index),
    ...(withPid ? [isolate.pid === null ? '—' : String(isolate.pid)] : []),
    shortLabel(isolate.label),
    formatCount(isolate.counts.total),
    // The time GC % is a share of: the GCs' span, or the process's life when gclog run saw it exit.
    fixedText(isolate.overhead.elapsedMs / 1000, 1),
    isolate.overhead.fraction === null ? '—' : fixedText(isolate.overhead.fraction * 100, 1),
    fixedText(isolate.pauses.all.p99Ms, 1),
    fixedText(isolate.heap.peakUsedMb, 1),
    VERDICT_SHORT[isolate.leak.verdict],
  ]);
  const lines = table([header, ...rows], withPid ? 'lllrrrrrl' : 'llrrrrrl');
  return [paint.bold(`${pluralText(summary.isolates.length, 'isolate')}`) + paint.dim(' (GC % of the time each covered; peak heap used)'), paint.bold(lines[0]!), ...lines.slice(1)];
}

/** `pid 12 main thread, run 2 of 3` → `main thread, run 2/3`: the pid has its own column. */
function shortLabel(label: string): string {
  return label.replace(/^pid \S+ /, '').replace(/, run (\d+) of (\d+)$/, ', run $1/$2');
}

/** Heap used and committed, peak and last: the first numbers people look for. */
export function heapGlanceSentence(isolate: IsolateSummary): string {
  const { heap } = isolate;
  const committed = heap.peakCommittedMb !== null && heap.lastCommittedMb !== null ? `; committed: peak ${grouped(heap.peakCommittedMb, 1)} MB, last ${grouped(heap.lastCommittedMb, 1)} MB` : '';
  return `Heap used: peak ${grouped(heap.peakUsedMb, 1)} MB, last ${grouped(heap.lastUsedMb, 1)} MB${committed}`;
}

/** `number` is the isolate's place in the overview (null when it is the only one). */
function renderIsolate(isolate: IsolateSummary, number: number | null, severalInputs: boolean, paint: Palette, width: number | undefined): string[] {
  const out: string[] = [];
  // The label names the pid already when the log has several processes.
  const where = [severalInputs ? isolate.input : null, isolate.pid !== null && !labelNamesPid(isolate.label, isolate.pid) ? `pid ${isolate.pid}` : null, isolate.isolate !== null ? `isolate ${isolate.isolate}` : null]
    .filter(Boolean)
    .join(', ');
  out.push(paint.bold(number !== null ? `── #${number} ${isolate.label}${where ? ` (${where})` : ''} ──` : `── ${isolate.label} ──`));
  const verdictColor = { leak: paint.red, suspected: paint.yellow, none: paint.green, 'insufficient-data': paint.dim }[isolate.leak.verdict];
  out.push(`${paint.bold('Leak verdict:')} ${verdictColor(VERDICT_WORDS[isolate.leak.verdict])} — ${isolate.leak.reasons.join('; ')}`);
  if (isolate.leak.notes.length > 0) out.push(paint.dim(`Also seen (not deciding): ${isolate.leak.notes.join('; ')}`));
  const overhead = isolate.overhead;
  const timed = isolate.timeKnown !== false;
  if (!timed) out.push(...untimedLines(isolate));
  else out.push(
    `${coveredWords(isolate)}, ${pluralText(isolate.counts.total, 'GC')}; ` +
      (overhead.fraction === null ? `GC overhead not measured: ${overhead.unmeasured ?? ''}` : `GC overhead ${fixedText(overhead.fraction * 100, 1)}%`) +
      // Beside a measured share only (not after the reason it has none), and not as "0 ms".
      (overhead.fraction !== null && overhead.incrementalMarkingMs !== null && overhead.incrementalMarkingMs >= 0.5 ? `, plus ${incrementalMarkingWords(overhead)}` : '') +
      (overhead.worstWindow !== null ? `; worst second ${grouped(overhead.worstWindow.gcMs, 1)} ms of GC at ${fixedText(overhead.worstWindow.startMs / 1000, 0)} s` : ''),
  );
  const mu = mutatorUtilisationShort(isolate);
  if (mu !== null) out.push(mu);
  if (isolate.outOfMemory !== null) {
    out.push(paint.red(`Out of memory: ${isolate.outOfMemory.location} ${isolate.outOfMemory.message} (line ${formatCount(isolate.outOfMemory.line)})`));
  }

  out.push('', paint.bold('Pauses'));
  const rows: string[][] = [['type', 'count', 'total ms', 'mean', 'p50', 'p95', 'p99', 'max']];
  const row = (name: string, stats: PauseStats): string[] => [
    name,
    formatCount(stats.count),
    grouped(stats.totalMs, 1),
    grouped(stats.meanMs, 2),
    grouped(stats.p50Ms, 2),
    grouped(stats.p95Ms, 2),
    grouped(stats.p99Ms, 2),
    grouped(stats.maxMs, 2),
  ];
  for (const type of GC_TYPES) {
    const stats = isolate.pauses.byType[type];
    if (stats !== undefined) rows.push(row(type, stats));
  }
  rows.push(row('all', isolate.pauses.all));
  out.push(...table(rows));

  out.push('', paint.bold('Heap'), heapGlanceSentence(isolate));
  const floors = isolate.floors;
  if (floors.total !== null) {
    const total = floors.total;
    out.push(
      `Floor after Mark-Compact (live set): first ${grouped(total.firstMb, 1)} MB, min ${grouped(total.minMb, 1)}, last ${grouped(total.lastMb, 1)}, max ${grouped(total.maxMb, 1)}; ` +
        (timed
          ? `median after the warm-up ${grouped(total.levelMb, 1)} MB`
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
      spaceRows.push([space, grouped(trend.firstMb, 1), grouped(trend.minMb, 1), grouped(trend.lastMb, 1), ...(timed ? [slope] : [])]);
    }
    const from = isolate.profile !== undefined ? "the GCProfiler's heapSpaceStatistics" : '--trace-gc-verbose';
    out.push(paint.dim(`By space after Mark-Compact (from ${from}):`), ...table(spaceRows));
  } else {
    out.push(paint.dim(`By space: not in this log (run ${verboseTraceCommand(isolate.nodeMajorRange)} for per-space figures).`));
  }
  if (!timed) {
    out.push(`Allocation and promotion rates: unknown without the GCs' times (the heap grew ${grouped(isolate.allocation.totalMb, 1)} MB between GCs in all).`);
  } else out.push(
    `${rateWords('Allocation', isolate.allocation, 1)}; ${rateWords('promotion to old space', isolate.promotion, 2)}`,
  );

  if (isolate.reasons.length > 0) {
    out.push('', paint.bold('Reasons'));
    const reasonRows = [['reason', 'count', 'pause ms', '']];
    for (const reason of isolate.reasons) reasonRows.push([reason.reason, formatCount(reason.count), grouped(reason.pauseMs, 1), reason.forced ? 'forced' : '']);
    out.push(...table(reasonRows));
    const allocationFailure = allocationFailureMeaning(isolate);
    if (allocationFailure !== null) out.push(paint.dim(allocationFailure));
    const runtimePerformGc = runtimePerformGcMeaning(isolate);
    if (runtimePerformGc !== null) out.push(paint.dim(runtimePerformGc));
  }
  if (isolate.findings.length > 0) {
    out.push('', paint.bold('Findings'));
    for (const finding of isolate.findings) out.push(...renderFinding(finding, paint, width));
  }
  return out;
}

/** `3.4 s covered`; for a process gclog run saw exit, its whole life, which its GC share is of. */
function coveredWords(isolate: IsolateSummary): string {
  const life = isolate.lifetimeMs;
  if (life !== undefined && life > isolate.durationMs) return `${fixedText(life / 1000, 1)} s of the process's life (its GCs within ${fixedText(isolate.durationMs / 1000, 1)} s)`;
  return `${fixedText(isolate.durationMs / 1000, 1)} s covered`;
}

/** `Allocation 12.3 MB/s (exact, from NVP)`, `~` only before an estimate, and no figure at all without data. */
function rateWords(name: string, rate: IsolateSummary['allocation'], decimals: number): string {
  if (rate.source === 'none') return `${name}: not in this log`;
  const approximate = rate.source === 'heap-growth' ? '~' : '';
  return `${name} ${approximate}${grouped(rate.mbPerSecond, decimals)} MB/s (${sourceWords(rate.source)})`;
}

/** What the input is made of: lines of text, or the entries of a JSON document. */
function inputUnits(input: Summary['inputs'][number]): string {
  if (input.content === 'trace-events') return `${formatCount(input.lines)} trace events`;
  if (input.content === 'gc-profiler') return `${formatCount(input.lines)} GCProfiler entries`;
  return `${formatCount(input.lines)} lines`;
}

/** What a log without the GCs' times (a v8.GCProfiler result) can say about time: its span, the GC share of it, the steps between GCs. */
export function untimedLines(isolate: IsolateSummary): string[] {
  const span = isolate.profile?.spanMs ?? null;
  const gcs = pluralText(isolate.counts.total, 'GC');
  const lines = [
    span === null || isolate.overhead.fraction === null
      ? `${gcs}; the time of each GC is not recorded (v8.GCProfiler), nor the profile's span: no GC share of time, no rate per second or minute.`
      : `${gcs} in a profile of ${fixedText(span / 1000, 1)} s; GC pauses ${grouped(isolate.overhead.gcTimeMs, 1)} ms, ${fixedText(isolate.overhead.fraction * 100, 1)}% of it. ` +
        'The time of each GC is not recorded (v8.GCProfiler): no timeline, no worst second, no rate per second or minute.',
  ];
  const steps = Object.entries(isolate.profile?.steps ?? {});
  if (steps.length > 0) {
    lines.push(`Between GCs, not counted as GCs: ${steps.map(([name, step]) => `${name} ${formatCount(step.count)}× (${grouped(step.totalMs, 1)} ms)`).join(', ')}.`);
  }
  return lines;
}

/** The statement after its tag, the next step below it; wrapped lines hang under their text. */
function renderFinding(finding: Finding, paint: Palette, width: number | undefined): string[] {
  const tag = { error: paint.red('error'), warn: paint.yellow('warn '), info: paint.cyan('info ') }[finding.severity];
  const lines = [`${tag} ${finding.statement}`, `      ${paint.dim('→')} ${finding.nextStep}`];
  if (width === undefined) return lines;
  return [...wrapLine(lines[0]!, width, ' '.repeat(6)), ...wrapLine(lines[1]!, width, ' '.repeat(8))];
}

function sourceWords(source: string): string {
  return { nvp: 'exact, from NVP', spaces: 'from per-space figures', 'heap-growth': 'estimated from heap growth', none: 'no data' }[source] ?? source;
}

/** Aligns each column as `align` says (`l` left, `r` right; by default the first left, the others right). */
function table(rows: string[][], align = 'l'): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, column) => ((align[column] ?? 'r') === 'l' ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** `2,781 ms of incremental marking steps between the pauses (13.9% of the time)`. */
function incrementalMarkingWords(overhead: IsolateSummary['overhead']): string {
  const percent = (overhead.incrementalMarkingMs! / overhead.elapsedMs) * 100;
  const share = overhead.elapsedMs > 0 ? ` (${percent < 0.05 ? 'under 0.1' : fixedText(percent, 1)}% of the time)` : '';
  return `${grouped(overhead.incrementalMarkingMs!, 0)} ms of incremental marking steps between the pauses${share}`;
}

// One run of a fleet: its files (rotations, oldest first) read in order as one log by the library's
// Analyzer, so an isolate that goes on from `gc.log.1` into `gc.log` is one isolate.

import { Analyzer } from '../analyze/analyzer.js';
import type { AnalyzeOptions } from '../analyze/isolate-analyzer.js';
import type { Summary } from '../analyze/summary.js';
import { AppError } from '../errors.js';
import { emptyParseStats, type ParseStats } from '../parse/log-parser.js';
import { readLog, type ParsedInput } from '../parse/reader.js';
import type { FleetRun } from './discover.js';

export interface RunAnalysis {
  summary: Summary;
  /** Files of the run that held nothing to read (an empty live file just after rotation), with why. */
  skipped: Array<{ file: string; message: string }>;
}

/**
 * Reads every file of the run into one input of one Analyzer. A file of a rotated run that is empty
 * or holds no GC record is skipped and said; the run fails only when none of its files could be read.
 */
export async function analyzeRun(run: FleetRun, options: AnalyzeOptions = {}): Promise<RunAnalysis> {
  const analyzer = new Analyzer(options);
  const onEvent = analyzer.beginInput(run.name);
  const parsed: ParsedInput[] = [];
  const skipped: RunAnalysis['skipped'] = [];
  let firstFailure: AppError | null = null;
  for (const file of run.files) {
    try {
      parsed.push(await readLog(file, onEvent));
    } catch (error) {
      const tolerable = error instanceof AppError && (error.context.code === 'EmptyInput' || error.context.code === 'NoGcRecords');
      if (!tolerable || run.files.length === 1) throw error;
      firstFailure ??= error;
      skipped.push({ file, message: error.message });
    }
  }
  if (parsed.length === 0) throw firstFailure!;
  analyzer.endInput(mergeParsed(run.name, parsed));
  return { summary: analyzer.summary(), skipped };
}

/** The stats of several files read as one input: counts add up, reported lines keep their file's numbers. */
function mergeParsed(name: string, inputs: ParsedInput[]): ParsedInput {
  if (inputs.length === 1) return { ...inputs[0]!, name };
  const stats: ParseStats = emptyParseStats();
  let bytesRead = 0;
  for (const input of inputs) {
    bytesRead += input.bytesRead;
    stats.lines += input.stats.lines;
    stats.gcEvents += input.stats.gcEvents;
    stats.outOfMemoryEvents += input.stats.outOfMemoryEvents;
    stats.verboseLines += input.stats.verboseLines;
    stats.processLines += input.stats.processLines;
    stats.duplicateOomRecords += input.stats.duplicateOomRecords;
    stats.skippedLines += input.stats.skippedLines;
    for (const key of ['unparsed', 'cut'] as const) {
      stats[key].count += input.stats[key].count;
      stats[key].lines.push(...input.stats[key].lines.map((line) => ({ ...line, text: `${input.name}: ${line.text}` })));
    }
  }
  // One content kind when every file has it; a trace file's versions or a GCProfiler span from the first that has one.
  const format = inputs.every((input) => input.format === inputs[0]!.format) ? inputs[0]!.format : 'text';
  const merged: ParsedInput = { name, stats, bytesRead, format, interrupted: false };
  const profile = inputs.find((input) => input.profile !== undefined)?.profile;
  const runtime = inputs.find((input) => input.runtime !== undefined)?.runtime;
  if (profile !== undefined) merged.profile = profile;
  if (runtime !== undefined) merged.runtime = runtime;
  return merged;
}

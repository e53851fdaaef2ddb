// Findings: what a reader should notice in one isolate's summary, each with its numbers and the
// next step. One function a finding, each named for what it flags and returning null when the log
// does not show it; the words are here and nowhere else.

import { allocationProfileTools, bufferAdvice, heapSnapshotTools, largerNewSpace, nearHeapLimitTools, newSpaceFlagName, withV8Flags } from './advice.js';
import { DOMINANT_PAUSE_SHARE, externalPressureYoungGcs, forcedGcs, hiddenYoungGcs, markCompactPauseShare, youngPauseShare } from './log-shape.js';
import { MIN_TREND_POINTS } from './growth.js';
import { LEAK_SHORT_SPAN_MIN_RELATIVE_GROWTH } from './leak.js';
import type { Finding, IsolateSummary } from './summary.js';
import { GC_TYPES, type GcType } from '../events.js';
import { fixed, formatCount, formatDuration, formatMb, formatPercent, grouped, plural } from '../format.js';

type Analyzed = Omit<IsolateSummary, 'findings'>;
type FindingRule = (summary: Analyzed) => Finding | null;

const SEVERITY_ORDER = { error: 0, warn: 1, info: 2 } as const;

/** GC share of the time from which GC is worth a look, and from which it is a warning. */
export const GC_OVERHEAD_INFO = 0.05;
export const GC_OVERHEAD_WARN = 0.1;
/** Incremental marking steps (share of the time) from which the overhead finding counts and names them. */
export const INCREMENTAL_MARKING_SHARE = 0.01;
/** Scavenges per minute from which their number matters. */
export const SCAVENGES_PER_MINUTE = 60;
/** A pause at least this long is felt. */
export const LONG_PAUSE_MS = 100;
/** A young GC freeing less than this (MB) on average points at a small new space. */
export const SMALL_YOUNG_FREED_MB = 2;
/** A semi-space the log shows at this size or more (Node ≤ 18's default, 16 MB) is not the small new space behind little freed per young GC. */
export const SMALL_SEMI_SPACE_MB = 16;
/** A floor rising this fast (MB/min) shows its growth in snapshots seconds apart. */
export const FAST_LEAK_MB_PER_MINUTE = 60;

const ms = (value: number): string => `${grouped(value, value < 10 ? 2 : 0)} ms`;

export const FINDING_RULES: FindingRule[] = [
  outOfMemoryFinding,
  futileMarkCompactsFinding,
  leakFinding,
  blockedSecondFinding,
  gcOverheadFinding,
  scavengesDominateFinding,
  longPauseFinding,
  forcedGcFinding,
  youngGcsHiddenFinding,
  insufficientDataFinding,
];

export function findingsFor(summary: Analyzed): Finding[] {
  const findings = FINDING_RULES.map((rule) => rule(summary)).filter((finding): finding is Finding => finding !== null);
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/**
 * Mark-Compacts in a row, not forced, that each freed under 5% of the heap, from which V8 is said to
 * collect again and again for nothing (in a process that did not crash: a crash has its own finding).
 * The data: a growing service's warm-up reaches 6–12 in a row (heapsnapshots/find-leak-*.log); a batch
 * job under a 128 MB old-space cap 252 (corpus batch-node24-45s-seed1-old128); Node 0.10 under a
 * 32 MB cap 2,172 (formats/node0.10-oom.log).
 */
export const FUTILE_MARK_COMPACT_STREAK = 50;

export function futileMarkCompactsFinding({ leak, outOfMemory, nodeMajorRange }: Analyzed): Finding | null {
  const streak = leak.evidence.ineffectiveMarkCompacts;
  if (outOfMemory !== null || streak < FUTILE_MARK_COMPACT_STREAK) return null;
  return {
    id: 'futile-mark-compacts',
    severity: 'warn',
    statement: `${formatCount(streak)} Mark-Compacts in a row each freed under 5% of the heap: V8 collected again and again, and the program kept nearly everything each time.`,
    nextStep:
      `V8 collects this often when the heap is near its limit (--max-old-space-size, or V8's default): if the program needs that much, raise it (${withV8Flags(nodeMajorRange, '--max-old-space-size=<MB>')}); ` +
      `if not, find what it keeps: a heap snapshot shows it (${heapSnapshotTools(nodeMajorRange)}).`,
  };
}

export function outOfMemoryFinding({ outOfMemory, nodeMajorRange }: Analyzed): Finding | null {
  if (outOfMemory === null) return null;
  return {
    id: 'out-of-memory',
    severity: 'error',
    statement: `The process crashed out of memory (${outOfMemory.location || 'heap limit'}, line ${formatCount(outOfMemory.line)}).`,
    nextStep: `Find what the program keeps: ${nearHeapLimitTools(nodeMajorRange)}. Open the snapshots in Chrome DevTools (Memory tab).`,
  };
}

/**
 * A leak or a suspected one, with the evidence that decided it. The next step fits what leaks (the
 * JS heap or memory outside it) and the tools of the log's Node version; an out-of-memory crash
 * has its own finding and step.
 */
export function leakFinding({ leak, nodeMajorRange, outOfMemory }: Analyzed): Finding | null {
  if (leak.verdict !== 'leak' && leak.verdict !== 'suspected') return null;
  const snapshots = heapSnapshotTools(nodeMajorRange);
  const external = leak.evidence.external?.leaking === true;
  let nextStep: string;
  if (external) {
    nextStep =
      `The memory is outside the JS heap: find what keeps the Buffers or ArrayBuffers. Take two heap snapshots a while apart (${snapshots}) ` +
      'and compare them in DevTools (Comparison view): look for ArrayBuffer and Buffer (Uint8Array) objects that grow, and what retains them.';
  } else if (outOfMemory !== null) {
    nextStep = 'See the out-of-memory finding: snapshots taken as the heap nears its limit show what fills it.';
  } else {
    // At tens of MB a minute, minutes apart is a process far bigger or dead: seconds suffice.
    const fast = leak.evidence.shortLog || (leak.evidence.slopeMbPerMinute ?? 0) >= FAST_LEAK_MB_PER_MINUTE;
    nextStep = `Take two heap snapshots ${fast ? 'a few seconds' : 'a few minutes'} apart (${snapshots}) and compare them in DevTools (Comparison view, sort by # Delta).`;
  }
  return {
    id: 'leak',
    severity: leak.verdict === 'leak' ? 'error' : 'warn',
    statement: `${leak.verdict === 'leak' ? 'Memory leak' : 'Possible memory leak'}: ${leak.reasons.join('; ')}.`,
    nextStep,
  };
}

export function blockedSecondFinding(summary: Analyzed): Finding | null {
  const { overhead } = summary;
  if (overhead.worstWindow === null || overhead.worstWindow.gcMs < overhead.windowThresholdMs) return null;
  // The analyzer keeps the worst window's pause time by collector.
  const byCollector = overhead.worstWindow.byCollector!;
  const youngWhy =
    externalPressureYoungGcs(summary) !== null
      ? 'here most young GCs were started by external memory (Buffers, ArrayBuffers) growing, and each pauses for what survives it'
      : 'how often young GCs run follows the allocation rate, and each one pauses for what survives it';
  const top = byCollector[0]!.type === 'Mark-Compact' ? 'Mark-Compacts' : 'young GCs';
  const forced = forcedGcs(summary);
  const markCompacts = summary.counts['Mark-Compact'] ?? 0;
  const oldWhy =
    markCompacts > 0 && forced.old * 2 >= markCompacts
      ? `${formatCount(forced.old)} of the log's ${formatCount(markCompacts)} Mark-Compacts were forced (global.gc() is "testing"), not started for room`
      : 'a Mark-Compact pauses for what the program keeps';
  const why = byCollector[0]!.type === 'Mark-Compact' ? oldWhy : youngWhy;
  const parts = byCollector.map(({ type, gcMs }) => `${type}s ${ms(gcMs)}`).join(', ');
  const share = byCollector[0]!.gcMs / overhead.worstWindow.gcMs;
  const howMuch = byCollector.length === 1 ? 'All of it was' : share > 0.5 ? 'Most of it was' : 'The largest part was';
  const nextStep = `In that second: ${parts}. ${howMuch} ${top}: ${why}.`;
  return {
    id: 'blocked-second',
    severity: 'warn',
    statement: `GC paused the thread ${ms(overhead.worstWindow.gcMs)} in the second starting at ${fixed(overhead.worstWindow.startMs / 1000, 0)} s (${plural(overhead.windowsOverThreshold, 'second')} at ≥ ${overhead.windowThresholdMs} ms).`,
    nextStep,
  };
}

/** GC overhead, with the lever this log points at: what is kept (OOM, Mark-Compacts) or allocation (young GCs). */
export function gcOverheadFinding(summary: Analyzed): Finding | null {
  const { overhead, outOfMemory, nodeMajorRange } = summary;
  const fraction = overhead.fraction;
  // Marking steps run on the program's thread between the pauses (in V8 3.x, all of the marking).
  const steps = fraction !== null && overhead.incrementalMarkingMs !== null && overhead.elapsedMs > 0 ? overhead.incrementalMarkingMs / overhead.elapsedMs : 0;
  const counted = steps >= INCREMENTAL_MARKING_SHARE ? steps : 0;
  if (fraction === null || fraction + counted < GC_OVERHEAD_INFO) return null;
  const hidden = hiddenYoungGcs(summary) !== null ? ' That is the Mark-Compacts alone: the young GCs are not in this log.' : '';
  const young = youngPauseShare(summary);
  const old = markCompactPauseShare(summary);
  const external = externalPressureYoungGcs(summary);
  const semiSpaceMb = summary.young.semiSpaceMb;
  const forced = forcedGcs(summary);
  const forcedShare = summary.pauses.all.totalMs > 0 ? forced.reasons.reduce((sum, row) => sum + row.pauseMs, 0) / summary.pauses.all.totalMs : 0;
  let nextStep: string;
  if (outOfMemory !== null) {
    nextStep = `The process ran out of memory: GC ran so much because the heap was full of what the program keeps, so allocating less would not help. Find what is kept: ${nearHeapLimitTools(nodeMajorRange)}.`;
  } else if (forcedShare >= DOMINANT_PAUSE_SHARE) {
    const reasons = forced.reasons.map((row) => `"${row.reason}"`).join(', ');
    nextStep =
      `Forced GCs (${reasons}) took ${formatPercent(forcedShare)} of the pause time: they run when the program or a tool asks, not when the heap needs it, ` +
      `so fewer of them, not less memory, is what lowers this. Remove them first (global.gc() is "testing"); the GCs left are V8's own, and can be judged then.`;
  } else if (young >= DOMINANT_PAUSE_SHARE && external !== null) {
    nextStep =
      `Young GCs took ${formatPercent(young)} of the pause time, and V8 started ${formatCount(external.count)} of the ${formatCount(external.young)} for external memory pressure: memory outside the JS heap (Buffers, ArrayBuffers) grew, ` +
      `not the new space's filling, so a larger new space would leave them as many. ${bufferAdvice(nodeMajorRange)}`;
  } else if (young >= DOMINANT_PAUSE_SHARE && summary.young.meanFreedMb < SMALL_YOUNG_FREED_MB && summary.timeKnown !== false && (semiSpaceMb === null || semiSpaceMb < SMALL_SEMI_SPACE_MB)) {
    // Each young GC frees what the new space held: a small one means many young GCs for the same allocation.
    const size = semiSpaceMb === null ? '' : `its semi-spaces reached only ${formatMb(semiSpaceMb)}; `;
    nextStep =
      `Young GCs took ${formatPercent(young)} of the pause time, ${grouped(summary.young.perMinute, 0)} per minute, each freeing only ${formatMb(summary.young.meanFreedMb)}: ` +
      `the new space is small (${size}is ${newSpaceFlagName(nodeMajorRange)} set low?). A larger one means fewer young GCs: try ${largerNewSpace(nodeMajorRange, 32, 64, semiSpaceMb)}; allocating less helps too.`;
  } else if (young >= DOMINANT_PAUSE_SHARE) {
    nextStep = `Young GCs took ${formatPercent(young)} of the pause time: allocate less on hot paths; ${allocationProfileTools(nodeMajorRange)}.`;
  } else if (old >= DOMINANT_PAUSE_SHARE && external !== null) {
    nextStep =
      `Mark-Compacts took ${formatPercent(old)} of the pause time, and V8 started ${formatCount(external.count)} of the ${formatCount(external.young)} young GCs for external memory pressure: ` +
      `memory outside the JS heap (Buffers, ArrayBuffers) grew, and V8 starts marking the old space for that too. ${bufferAdvice(nodeMajorRange)}`;
  } else if (old >= DOMINANT_PAUSE_SHARE) {
    nextStep = `Mark-Compacts took ${formatPercent(old)} of the pause time: their cost grows with what the program keeps, so keep less in memory (bound caches, drop references early); a heap snapshot shows what is kept (${heapSnapshotTools(nodeMajorRange)}).`;
  } else {
    nextStep = `Young GCs took ${formatPercent(young)} of the pause time and Mark-Compacts ${formatPercent(old)}: the pause chart of the HTML report (gclog analyze --html) shows which to work on first.`;
  }
  return {
    id: 'gc-overhead',
    severity: fraction + counted >= GC_OVERHEAD_WARN ? 'warn' : 'info',
    statement:
      (summary.timeKnown === false
        ? `GC paused for ${fixed(fraction * 100, 1)}% of the profile's span (${ms(overhead.gcTimeMs)} of ${fixed(overhead.elapsedMs / 1000, 1)} s; the time of each GC is not recorded).${hidden}`
        : `GC took ${fixed(fraction * 100, 1)}% of the time in pauses (${ms(overhead.gcTimeMs)} of ${fixed(overhead.elapsedMs / 1000, 1)} s).${hidden}`) +
      (counted > 0 ? ` Incremental marking took ${fixed(counted * 100, 1)}% more (${ms(overhead.incrementalMarkingMs!)} in steps between the pauses, on the program's thread).` : ''),
    nextStep,
  };
}

export function scavengesDominateFinding(summary: Analyzed): Finding | null {
  const { pauses, young, overhead, nodeMajorRange } = summary;
  const scavenges = pauses.byType['Scavenge'];
  // Scavenges started by external memory: a larger new space changes nothing (the overhead finding says what does).
  if (scavenges === undefined || pauses.all.totalMs <= 0 || externalPressureYoungGcs(summary) !== null) return null;
  // Where memory is kept (a leak, a crash), the scavenges copy that memory: a larger new space would not let it die young.
  if (summary.leak.verdict === 'leak' || summary.leak.verdict === 'suspected' || summary.outOfMemory !== null) return null;
  const share = scavenges.totalMs / pauses.all.totalMs;
  // Below 5% of the time in GC, a bigger new space is not worth its memory, however the pauses split.
  if (share < DOMINANT_PAUSE_SHARE || young.perMinute < SCAVENGES_PER_MINUTE || overhead.fraction === null || overhead.fraction < GC_OVERHEAD_INFO) return null;
  return {
    id: 'scavenges-dominate',
    severity: 'info',
    statement: `Scavenges take ${fixed(share * 100, 0)}% of GC pause time (${grouped(young.perMinute, 0)} per minute, ${ms(scavenges.meanMs)} each).`,
    nextStep: `A larger new space means fewer scavenges: try ${largerNewSpace(nodeMajorRange, 32, 64, young.semiSpaceMb)} and compare the two logs with gclog compare.`,
  };
}

export function longPauseFinding({ pauses, series }: Analyzed): Finding | null {
  if (pauses.all.maxMs < LONG_PAUSE_MS) return null;
  // The drawn series keeps every peak, so the longest pause is in it.
  const longestEvent = series.events.find((event) => event.pauseMs === pauses.all.maxMs);
  const longest = GC_TYPES.filter((type) => pauses.byType[type] !== undefined).sort((a, b) => pauses.byType[b]!.maxMs - pauses.byType[a]!.maxMs)[0];
  const why =
    longest === 'Mark-Compact'
      ? 'it was a Mark-Compact, whose pause shrinks with a smaller live set'
      : `it was a ${longest}, whose pause grows with how much survives it`;
  return {
    id: 'long-pause',
    severity: 'warn',
    statement: `The longest pause was ${ms(pauses.all.maxMs)} (p99 ${ms(pauses.all.p99Ms)}).`,
    nextStep: longestEvent !== undefined ? `That GC is line ${formatCount(longestEvent.line)} of the log: ${why}.` : `${why[0]!.toUpperCase()}${why.slice(1)}.`,
  };
}

/** Forced GCs, counted per generation: global.gc() is a Mark-Compact, gc({type: 'minor'}) a young GC. */
export function forcedGcFinding(summary: Analyzed): Finding | null {
  const forced = forcedGcs(summary);
  if (forced.count === 0) return null;
  const generations = (young: number, old: number): string =>
    [young > 0 ? plural(young, 'young GC') : null, old > 0 ? plural(old, 'Mark-Compact') : null].filter(Boolean).join(' and ');
  const rows = forced.reasons.map((row) => `${row.reason}: ${generations(row.byGeneration.young, row.byGeneration.old)}`);
  const testing = forced.reasons.find((row) => row.reason === 'testing');
  const steps: string[] = [];
  if (testing !== undefined) {
    const what = [
      testing.byGeneration.old > 0 ? `each global.gc() runs a full Mark-Compact (${formatCount(testing.byGeneration.old)} here)` : null,
      testing.byGeneration.young > 0
        ? `the ${plural(testing.byGeneration.young, 'young GC')} came from gc({type: 'minor'}) (or gc(true) on older Node), shorter but blocking too`
        : null,
    ].filter(Boolean);
    steps.push(`Remove global.gc() calls (reason "testing") from production code: ${what.join('; ')}.`);
  }
  const others = forced.reasons.filter((row) => row.reason !== 'testing');
  if (others.length > 0) {
    steps.push(`${others.map((row) => `"${row.reason}"`).join(', ')}: asked for by tooling or the embedder (heap snapshots, memory-pressure calls); keep them out of busy moments.`);
  }
  return {
    id: 'forced-gc',
    severity: 'info',
    statement: `${plural(forced.count, 'GC')} ${forced.count === 1 ? 'was' : 'were'} forced (${rows.join('; ')}), not started by V8's heuristics.`,
    nextStep: steps.join(' '),
  };
}

/** A --trace-gc-ignore-scavenger log (or an excerpt): Mark-Compacts only, though the heap grew between them. */
export function youngGcsHiddenFinding(summary: Analyzed): Finding | null {
  const hidden = hiddenYoungGcs(summary);
  if (hidden === null) return null;
  return {
    id: 'young-gcs-hidden',
    severity: 'info',
    statement: `Young GCs are not in this log: it has ${plural(hidden.markCompacts, 'Mark-Compact')} and no young GC, yet the heap grew by ${formatMb(hidden.grewMb)} between them, which takes allocation and so young GCs.`,
    nextStep:
      'V8 ran them, but --trace-gc-ignore-scavenger hides them (or the log is an excerpt): pause totals, GC overhead and allocation here leave them out. Record without that flag to see them.',
  };
}

export function insufficientDataFinding({ leak, durationMs }: Analyzed): Finding | null {
  if (leak.verdict !== 'insufficient-data') return null;
  // Enough floors for a trend, but a rise within the first minute: too short, not too few.
  const tooShort = leak.evidence.points >= MIN_TREND_POINTS;
  const rise = `+${((leak.evidence.relativeGrowth ?? 0) * 100).toFixed(0)}%`;
  return {
    id: 'insufficient-data',
    severity: 'info',
    statement: tooShort
      ? `The log is too short to judge a leak: the floor's trend rose ${rise} within the run's first minute, under the +${(LEAK_SHORT_SPAN_MIN_RELATIVE_GROWTH * 100).toFixed(0)}% a rise that short needs (${plural(leak.evidence.points, 'Mark-Compact')} after the warm-up).`
      : `Too few Mark-Compacts to judge a leak: ${formatCount(leak.evidence.markCompacts)} in ${formatDuration(durationMs)}${leak.evidence.points === leak.evidence.markCompacts ? '' : `, ${formatCount(leak.evidence.points)} after the warm-up`} (a trend needs ${MIN_TREND_POINTS} after the warm-up).`,
    nextStep: tooShort
      ? 'Record a few minutes of the app under real load: a leak keeps rising, a settling app levels off.'
      : 'Record a longer run, under real load, so that the heap goes through several full GCs.',
  };
}

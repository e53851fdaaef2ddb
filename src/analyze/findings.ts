// Findings: what a reader should notice in one isolate's summary, each with its numbers and the
// next step. One rule a block; the words are here and nowhere else.

import type { Finding, IsolateSummary } from './summary.js';

type Analyzed = Omit<IsolateSummary, 'findings'>;

const SEVERITY_ORDER = { error: 0, warn: 1, info: 2 } as const;

export function findingsFor(summary: Analyzed): Finding[] {
  const findings: Finding[] = [];
  const { leak, overhead, pauses, young, outOfMemory } = summary;
  const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

  if (outOfMemory !== null) {
    findings.push({
      id: 'out-of-memory',
      severity: 'error',
      statement: `The process crashed out of memory (${outOfMemory.location || 'heap limit'}, line ${outOfMemory.line}).`,
      nextStep: 'Run with --heapsnapshot-near-heap-limit=2 to capture heap snapshots before the crash, then open them in Chrome DevTools (Memory tab).',
    });
  }
  if (leak.verdict === 'leak' || leak.verdict === 'suspected') {
    findings.push({
      id: 'leak',
      severity: leak.verdict === 'leak' ? 'error' : 'warn',
      statement: `${leak.verdict === 'leak' ? 'Memory leak' : 'Possible memory leak'}: ${leak.reasons.join('; ')}.`,
      nextStep:
        'Take two heap snapshots a few minutes apart (node --inspect, or --heapsnapshot-signal=SIGUSR2) and compare them in DevTools (Comparison view, sort by # Delta).',
    });
  }
  if (overhead.worstWindow !== null && overhead.worstWindow.gcMs >= overhead.windowThresholdMs) {
    findings.push({
      id: 'blocked-second',
      severity: 'warn',
      statement: `GC paused the thread ${ms(overhead.worstWindow.gcMs)} in the second starting at ${(overhead.worstWindow.startMs / 1000).toFixed(0)} s (${overhead.windowsOverThreshold} second(s) at ≥ ${overhead.windowThresholdMs} ms).`,
      nextStep: 'Reduce allocation in that phase, or spread the work; the pause chart shows which collector caused it.',
    });
  }
  if (overhead.fraction >= 0.05) {
    findings.push({
      id: 'gc-overhead',
      severity: overhead.fraction >= 0.1 ? 'warn' : 'info',
      statement: `GC took ${(overhead.fraction * 100).toFixed(1)}% of the time (${ms(overhead.gcTimeMs)} of ${(overhead.elapsedMs / 1000).toFixed(1)} s).`,
      nextStep: 'Find what allocates most with a sampling heap profile (node --heap-prof) and allocate less on hot paths.',
    });
  }
  const scavenges = pauses.byType['Scavenge'];
  if (scavenges !== undefined && pauses.all.totalMs > 0 && scavenges.totalMs / pauses.all.totalMs >= 0.5 && young.perMinute >= 60) {
    findings.push({
      id: 'scavenges-dominate',
      severity: 'info',
      statement: `Scavenges take ${((scavenges.totalMs / pauses.all.totalMs) * 100).toFixed(0)}% of GC pause time (${young.perMinute.toFixed(0)} per minute, ${ms(scavenges.meanMs)} each).`,
      nextStep: 'A larger new space means fewer scavenges: try --max-semi-space-size=32 (or 64) and compare the two logs with gclog compare.',
    });
  }
  if (pauses.all.maxMs >= 100) {
    findings.push({
      id: 'long-pause',
      severity: 'warn',
      statement: `The longest pause was ${ms(pauses.all.maxMs)} (p99 ${ms(pauses.all.p99Ms)}).`,
      nextStep: 'Look up that GC in the pause chart (its line number is in the tooltip); long Mark-Compact pauses shrink with a smaller live set.',
    });
  }
  const forced = summary.reasons.filter((row) => row.forced);
  if (forced.length > 0) {
    const count = forced.reduce((sum, row) => sum + row.count, 0);
    findings.push({
      id: 'forced-gc',
      severity: 'info',
      statement: `${count} GC(s) were forced (${forced.map((row) => `${row.reason}: ${row.count}`).join(', ')}), not started by V8's heuristics.`,
      nextStep: 'Remove global.gc() calls (reason "testing") from production code; they block the thread for a full GC.',
    });
  }
  if (leak.verdict === 'insufficient-data') {
    findings.push({
      id: 'insufficient-data',
      severity: 'info',
      statement: `Too few Mark-Compacts to judge a leak (${leak.evidence.points}).`,
      nextStep: 'Record a longer run, under real load, so that the heap goes through several full GCs.',
    });
  }
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

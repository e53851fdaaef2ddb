// Claims comparing the two generations in this log: which GC was shorter, which more frequent, who
// took the pause time, and V8's mutator utilisation.

import { externalPressureYoungGcs, markCompactPauseShare, youngPauses, youngPauseShare } from '../../analyze/log-shape.js';
import type { IsolateSummary } from '../../analyze/summary.js';
import { fixed, formatCount, formatMb, formatMs, formatPercent, plural } from '../../format.js';
import { INEFFECTIVE_STREAK } from '../../analyze/leak.js';

function oldReasonCount(isolate: IsolateSummary, test: (reason: string) => boolean): number {
  return isolate.reasons.filter((row) => test(row.reason)).reduce((sum, row) => sum + row.byGeneration.old, 0);
}

/** The first Node major whose V8 (6.4+) marks the old space concurrently, on helper threads. */
export const CONCURRENT_MARKING_SINCE = 10;

/** Which GC paused for less on average, with the reason that holds in this log. */
export function youngVersusOldPause(isolate: IsolateSummary): string | null {
  const young = youngPauses(isolate);
  const old = isolate.pauses.byType['Mark-Compact'];
  if (young === null || old === undefined) return null;
  if (young.meanMs < old.meanMs) {
    return (
      `Here the young GCs were the shorter: ${formatMs(young.meanMs)} on average against ${formatMs(old.meanMs)} for a Mark-Compact. ` +
      'A young GC works on a small space and only on what survives; a Mark-Compact walks everything the program keeps.'
    );
  }
  const incremental = oldReasonCount(isolate, (reason) => reason.startsWith('finalize incremental marking'));
  // Concurrent marking on helper threads came with V8 6.4 (Node 10); before, every step ran on the program's thread.
  const { min, max } = isolate.nodeMajorRange;
  const where =
    (max ?? CONCURRENT_MARKING_SINCE) < CONCURRENT_MARKING_SINCE
      ? "between the program's work, on its thread"
      : (min ?? CONCURRENT_MARKING_SINCE) >= CONCURRENT_MARKING_SINCE
        ? "between the program's work and on helper threads"
        : `between the program's work (and on helper threads from Node ${CONCURRENT_MARKING_SINCE})`;
  const how =
    incremental > 0
      ? `${incremental === old.count ? (old.count === 1 ? 'The Mark-Compact' : 'Every Mark-Compact') : `${formatCount(incremental)} of the ${formatCount(old.count)} Mark-Compacts`} here finalised incremental marking: V8 had marked the old space in steps ${where}, so the pause shown is only the finalisation.`
      : `V8 can mark the old space in steps ${where} (incremental marking), and then the pause shown is only the finalisation.`;
  return (
    `Here the Mark-Compacts were the shorter: ${formatMs(old.meanMs)} on average against ${formatMs(young.meanMs)} for a young GC, although a Mark-Compact walks everything the program keeps. ` +
    `${how} The marking steps are in the incremental part of each Mark-Compact's line (gclog events: incremental).`
  );
}

/** Which GC ran more often, with the reason that holds in this log. */
export function youngVersusOldFrequency(isolate: IsolateSummary): string | null {
  const young = youngPauses(isolate);
  const old = isolate.pauses.byType['Mark-Compact'];
  if (young === null || old === undefined) return null;
  if (young.count > old.count) {
    const forced = isolate.reasons.filter((row) => row.forced).reduce((sum, row) => sum + row.byGeneration.young, 0);
    const external = externalPressureYoungGcs(isolate);
    // Not "the new space is small": how large it is, most logs do not show (the semi-space can be 1 or 64 MB).
    const why =
      forced * 2 >= young.count
        ? `${forced} of them forced by the program (see the findings)`
        : external !== null
          ? `${formatCount(external.count)} of them started by external memory pressure (Buffers, ArrayBuffers growing), not by the new space filling`
          : 'as the new space fills again and again with new objects';
    return `Young GCs were the more frequent: ${plural(young.count, 'young GC')} against ${plural(old.count, 'Mark-Compact')}, ${why}.`;
  }
  const external = oldReasonCount(isolate, (reason) => reason === 'external memory pressure');
  const externalPart = external > 0 ? ` ${plural(external, 'Mark-Compact')} here ${external === 1 ? 'was' : 'were'} started by external memory pressure (Buffers, ArrayBuffers), which no young GC relieves.` : '';
  const counts =
    young.count === old.count
      ? `Here young GCs and Mark-Compacts were as frequent: ${formatCount(old.count)} of each.`
      : `Here the Mark-Compacts were the more frequent: ${plural(old.count, 'Mark-Compact')} against ${plural(young.count, 'young GC')}.`;
  return `${counts}${oldFrequencyCause(isolate)}${externalPart}`;
}

/** Share of the allocation that went straight to the old generation above which that is the cause named. */
export const DIRECT_OLD_SHARE = 0.25;

/** Why Mark-Compacts came as often as they did, from this log: the heap limit, or direct old-generation allocation. */
function oldFrequencyCause(isolate: IsolateSummary): string {
  const ineffective = isolate.leak.evidence.ineffectiveMarkCompacts;
  if (isolate.outOfMemory !== null || ineffective >= INEFFECTIVE_STREAK) {
    return (
      ` Near the heap limit V8 runs Mark-Compacts back to back, each freeing little` +
      (ineffective >= INEFFECTIVE_STREAK ? ` (here ${formatCount(ineffective)} in a row freed under 5% of the heap)` : '') +
      (isolate.outOfMemory !== null ? ', until it gave up.' : '.')
    );
  }
  const allocated = isolate.allocation.totalMb;
  if (allocated > 0 && isolate.directOldGrowthMb / allocated >= DIRECT_OLD_SHARE) {
    return (
      ` Between Mark-Compacts with no young GC in between, the heap grew by ${formatMb(isolate.directOldGrowthMb)} (${formatPercent(isolate.directOldGrowthMb / allocated)} of what was allocated): ` +
      'V8 allocated straight into the old generation (large objects, or allocation sites whose objects mostly survive), which only a Mark-Compact frees.'
    );
  }
  return '';
}

export function pauseShares(isolate: IsolateSummary): string | null {
  if (youngPauses(isolate) === null || isolate.pauses.all.totalMs <= 0) return null;
  return (
    `In this run young GCs took ${formatPercent(youngPauseShare(isolate))} of the pause time and Mark-Compacts ` +
    `${formatPercent(markCompactPauseShare(isolate))}${gcShareWords(isolate)}.`
  );
}

/**
 * "; all GC pauses together took 4.2% of the time", or, without the GCs' times, of the profile's own span
 * (v8.GCProfiler's endTime − startTime), or nothing when that is not known either.
 */
function gcShareWords(isolate: IsolateSummary): string {
  const fraction = isolate.overhead.fraction;
  if (fraction === null) return '';
  if (isolate.timeKnown !== false) return `; all GC pauses together took ${formatPercent(fraction)} of the time`;
  const spanMs = isolate.profile?.spanMs ?? null;
  return spanMs === null || spanMs <= 0 ? '' : `; all GC together paused for ${formatPercent(fraction)} of the profile's span`;
}

export function readTheFloor(isolate: IsolateSummary): string | null {
  if ((isolate.counts['Mark-Compact'] ?? 0) === 0) return null;
  return (
    'The jagged heap line (the "sawtooth") rises with allocation and drops at each GC. ' +
    'Only the floor after each Mark-Compact tells whether memory is being kept, which is why the leak verdict reads the floor and not the peaks.'
  );
}

/** V8's `average mu` as V8 means it: updated at Mark-Compacts only. */
export function mutatorUtilisation(isolate: IsolateSummary): string | null {
  const mu = isolate.overhead.lastAverageMu;
  if (mu === null) return null;
  if ((isolate.counts['Mark-Compact'] ?? 0) === 0) {
    return `V8's mutator utilisation reads ${fixed(mu, 3)}, the value it starts with: V8 updates it only at Mark-Compacts, and this log has none.`;
  }
  return (
    `V8's mutator utilisation at the last Mark-Compact was ${fixed(mu, 3)}. ` +
    'V8 updates this average only at Mark-Compacts, so it leaves out the young GCs since then and is not the share of time without GC.'
  );
}

/** The same for the terminal, in one line. */
export function mutatorUtilisationShort(isolate: IsolateSummary): string | null {
  const mu = isolate.overhead.lastAverageMu;
  if (mu === null) return null;
  if ((isolate.counts['Mark-Compact'] ?? 0) === 0) return `V8's mutator utilisation: ${fixed(mu, 3)}, its starting value (V8 updates it only at Mark-Compacts; none in this log)`;
  return `V8's mutator utilisation at the last Mark-Compact: ${fixed(mu, 3)} (V8 updates it only at Mark-Compacts: not the share of time without GC)`;
}

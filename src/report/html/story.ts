// The "new space vs old space" lesson, told with one isolate's own numbers (plain text, escaped later).

import type { IsolateSummary } from '../../analyze/summary.js';
import type { GcType } from '../../events.js';
import { formatCount, formatInterval, formatMb, formatMs, formatPercent, formatSlope } from './format.js';

export interface StoryPart {
  /** Anchor suffix; the page id is `story-<key>-<isolate index>` so charts can link to it. */
  key: 'young' | 'old' | 'why' | 'next';
  title: string;
  paragraphs: string[];
  /** Shown as a list after the paragraphs. */
  steps: string[];
}

const YOUNG_TYPES: GcType[] = ['Scavenge', 'Minor Mark-Compact', 'Minor Mark-Sweep'];

export const STORY_INTRO =
  'V8 splits the heap in two. New objects are born in the new space (the "young generation"): a few megabytes, cleaned often. ' +
  'Objects that stay in use there long enough are moved ("promoted") to the old space, which holds everything long-lived. ' +
  'Each space has its own kind of garbage collection (GC), and they answer different questions.';

export function storyAnchor(key: StoryPart['key'], isolateIndex: number): string {
  return `story-${key}-${isolateIndex}`;
}

export function buildStory(isolate: IsolateSummary): StoryPart[] {
  return [youngPart(isolate), oldPart(isolate), whyPart(isolate), nextPart(isolate)];
}

/** The young collector this log used most (Scavenge unless V8 ran its minor mark-sweep). */
function youngName(isolate: IsolateSummary): string {
  let best: GcType = 'Scavenge';
  for (const type of YOUNG_TYPES) if ((isolate.counts[type] ?? 0) > (isolate.counts[best] ?? 0)) best = type;
  return best;
}

function youngPart(isolate: IsolateSummary): StoryPart {
  const young = isolate.young;
  const name = youngName(isolate);
  const paragraphs = [
    `A ${name} cleans only the new space. It copies the objects still in use and drops the rest at once, so its cost depends on how much survives, not on how much garbage there was.`,
  ];
  if (young.count === 0) {
    paragraphs.push('This log has no young-generation GC, so there is nothing to say about the new space here.');
  } else {
    paragraphs.push(
      `Here: ${formatCount(young.count)} ${name}s, ${Math.round(young.perMinute)} per minute (one every ${formatInterval(young.perMinute)}). ` +
        `Each paused the program ${formatMs(young.meanPauseMs)} on average and freed ${formatMb(young.meanFreedMb)}.`,
      `After a ${name}, ${formatPercent(young.meanSurvivalRatio)} of the heap was still in use. Most of that is the old space, which a ${name} does not touch; ` +
        `the new space itself is emptied each time.`,
      promotionSentence(isolate),
    );
  }
  return { key: 'young', title: `What a ${name} did here`, paragraphs, steps: [] };
}

function promotionSentence(isolate: IsolateSummary): string {
  const { promotion, allocation } = isolate;
  if (promotion.source === 'none') return 'The log does not show how much was promoted to the old space.';
  const share = allocation.totalMb > 0 ? ` That is ${formatPercent(promotion.totalMb / allocation.totalMb)} of the ${formatMb(allocation.totalMb)} allocated.` : '';
  const estimate = promotion.source === 'heap-growth' ? ' (estimated from how the heap grew between GCs)' : '';
  return `${formatMb(promotion.totalMb)} survived long enough to be promoted to the old space, ${formatMb(promotion.mbPerSecond)} per second${estimate}.${share}`;
}

function oldPart(isolate: IsolateSummary): StoryPart {
  const paragraphs = [
    'A Mark-Compact cleans the whole heap. It marks every object the program can still reach, frees the rest and packs the survivors together. ' +
      'What is left right after it is the floor: memory the program really holds on to.',
  ];
  const stats = isolate.pauses.byType['Mark-Compact'];
  const floor = isolate.floors.total;
  if (stats === undefined || floor === null) {
    paragraphs.push('This log has no Mark-Compact, so the floor is unknown. Record for longer, or until the heap grows, to see one.');
    return { key: 'old', title: 'What the Mark-Compacts did here', paragraphs, steps: [] };
  }
  paragraphs.push(
    `Here: ${formatCount(stats.count)} Mark-Compact${stats.count === 1 ? '' : 's'}, ${formatMs(stats.meanMs)} each on average (the longest ${formatMs(stats.maxMs)}). ` +
      `The floor went from ${formatMb(floor.firstMb)} to ${formatMb(floor.lastMb)} (lowest ${formatMb(floor.minMb)}, highest ${formatMb(floor.maxMb)}).`,
  );
  if (floor.trendPoints >= 2) {
    paragraphs.push(
      `Leaving out the warm-up, the floor moved ${formatSlope(floor.slopeMbPerMinute)} over ${floor.trendPoints} Mark-Compacts. ` +
        `R² = ${floor.r2.toFixed(2)} says how well a straight line fits those points (1 = exactly, 0 = not at all).`,
    );
  }
  paragraphs.push(verdictSentence(isolate));
  return { key: 'old', title: 'What the Mark-Compacts did here', paragraphs, steps: [] };
}

function verdictSentence(isolate: IsolateSummary): string {
  const because = isolate.leak.reasons.length > 0 ? `: ${isolate.leak.reasons.join('; ')}` : '';
  switch (isolate.leak.verdict) {
    case 'leak':
      return `So memory leaks${because}.`;
    case 'suspected':
      return `So a leak is suspected${because}.`;
    case 'none':
      return `So the floor is steady: no leak${because}.`;
    case 'insufficient-data':
      return `Too few Mark-Compacts to judge a leak${because}.`;
  }
}

function whyPart(isolate: IsolateSummary): StoryPart {
  const youngStats = isolate.pauses.byType[youngName(isolate) as GcType];
  const oldStats = isolate.pauses.byType['Mark-Compact'];
  const paragraphs = [
    'A young GC works on a small space and only on what survives; a Mark-Compact walks everything the program keeps. ' +
      'That is why young GCs are short and frequent and Mark-Compacts long and rare' +
      (youngStats !== undefined && oldStats !== undefined
        ? ` (here ${formatMs(youngStats.meanMs)} against ${formatMs(oldStats.meanMs)} on average).`
        : '.'),
    'The jagged heap line (the "sawtooth") mostly shows short-lived garbage coming and going. ' +
      'Only the floor after each Mark-Compact tells whether memory is being kept, which is why the leak verdict reads the floor and not the peaks.',
  ];
  if (youngStats !== undefined && isolate.pauses.all.totalMs > 0) {
    paragraphs.push(
      `In this run young GCs took ${formatPercent(youngStats.totalMs / isolate.pauses.all.totalMs)} of the pause time and Mark-Compacts ` +
        `${formatPercent((oldStats?.totalMs ?? 0) / isolate.pauses.all.totalMs)}; all GC together took ${formatPercent(isolate.overhead.fraction)} of the time.`,
    );
  }
  return { key: 'why', title: 'Why the two differ', paragraphs, steps: [] };
}

/** Promoted share of allocation above which objects are likely dying just after promotion. */
const HIGH_PROMOTION_SHARE = 0.2;
/** Young GC share of pause time above which the new space is the place to act. */
const YOUNG_DOMINATES_SHARE = 0.5;
/** GC share of the time below which GC is not worth working on. */
const LOW_OVERHEAD_FRACTION = 0.05;

function nextPart(isolate: IsolateSummary): StoryPart {
  const steps: string[] = [];
  const verdict = isolate.leak.verdict;
  if (verdict === 'leak' || verdict === 'suspected') {
    steps.push(
      'Find what is kept: take two heap snapshots a few minutes apart (node --heapsnapshot-signal=SIGUSR2, or DevTools with node --inspect) and compare them (Comparison view, sorted by # Delta).',
    );
  }
  if (verdict === 'insufficient-data') {
    steps.push('Record for longer, so that several Mark-Compacts happen after the warm-up; then the floor can be judged.');
  }
  const { promotion, allocation } = isolate;
  if (isolate.young.count > 0 && allocation.totalMb > 0 && promotion.totalMb / allocation.totalMb >= HIGH_PROMOTION_SHARE && verdict !== 'leak') {
    steps.push(
      `${formatPercent(promotion.totalMb / allocation.totalMb)} of what was allocated got promoted: objects live just long enough to reach the old space. ` +
        'A larger new space gives them time to die young: try node --max-semi-space-size=32 (MB; or 64), then compare the two logs with gclog compare.',
    );
  }
  const youngStats = isolate.pauses.byType[youngName(isolate) as GcType];
  if (youngStats !== undefined && isolate.pauses.all.totalMs > 0 && youngStats.totalMs / isolate.pauses.all.totalMs >= YOUNG_DOMINATES_SHARE && isolate.overhead.fraction >= LOW_OVERHEAD_FRACTION) {
    steps.push('Young GCs cost most of the pause time: allocate less on hot paths. A sampling heap profile (node --heap-prof) shows where the allocation comes from.');
  }
  const oldStats = isolate.pauses.byType['Mark-Compact'];
  if (oldStats !== undefined && oldStats.p99Ms >= 100) {
    steps.push(`Mark-Compacts reach ${formatMs(oldStats.p99Ms)} (p99): their length grows with the live heap, so keep less in memory (bound caches, drop references early).`);
  }
  if (steps.length === 0) {
    steps.push(`Nothing here needs action: GC took ${formatPercent(isolate.overhead.fraction)} of the time and the longest pause was ${formatMs(isolate.pauses.all.maxMs)}.`);
  }
  return { key: 'next', title: 'What to do next', paragraphs: [], steps };
}

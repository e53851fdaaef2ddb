// The "new space vs old space" lesson, told with one isolate's own numbers (plain text, escaped later).

import type { IsolateSummary } from '../../analyze/summary.js';
import { sentences } from '../claims/claim.js';
import { mutatorUtilisation, pauseShares, readTheFloor, youngVersusOldFrequency, youngVersusOldPause } from '../claims/generations.js';
import { nextSteps } from '../claims/next-steps.js';
import {
  heapAfterYoungGcs,
  newSpaceEmptied,
  noYoungGcs,
  promotionMeasured,
  youngCollectorWork,
  youngGcsCounted,
  youngGcsHidden,
  youngName,
} from '../claims/young-generation.js';
import { formatCount, formatMb, formatMs } from './format.js';
import { floorRangeSentence, floorTrendSentence, leakVerdictSentence } from '../claims/floor.js';

export interface StoryPart {
  /** Anchor suffix; the page id is `story-<key>-<isolate index>` so charts can link to it. */
  key: 'young' | 'old' | 'why' | 'next';
  title: string;
  paragraphs: string[];
  /** Shown as a list after the paragraphs. */
  steps: string[];
}

export const STORY_INTRO =
  'V8 splits the heap in two. New objects are born in the new space (the "young generation"), which is cleaned often. ' +
  'Objects that stay in use there long enough are moved ("promoted") to the old space, which holds everything long-lived. ' +
  'Each space has its own kind of garbage collection (GC), and they answer different questions.';

export function storyAnchor(key: StoryPart['key'], isolateIndex: number): string {
  return `story-${key}-${isolateIndex}`;
}

export function buildStory(isolate: IsolateSummary): StoryPart[] {
  return [youngPart(isolate), oldPart(isolate), whyPart(isolate), nextPart(isolate)];
}

function youngPart(isolate: IsolateSummary): StoryPart {
  const paragraphs = sentences(isolate, [
    youngCollectorWork,
    youngGcsHidden,
    noYoungGcs,
    youngGcsCounted,
    heapAfterYoungGcs,
    newSpaceEmptied,
    promotionMeasured,
  ]);
  const title = isolate.young.count > 0 ? `What a ${youngName(isolate)} did here` : 'The new space in this log';
  return { key: 'young', title, paragraphs, steps: [] };
}

function oldPart(isolate: IsolateSummary): StoryPart {
  const paragraphs = [
    'A Mark-Compact cleans the whole heap. It marks every object the program can still reach, frees the rest and packs the survivors together. ' +
      'What is left right after it is the floor: memory the program really holds on to.',
    ...floorParagraphs(isolate),
  ];
  return { key: 'old', title: 'What the Mark-Compacts did here', paragraphs, steps: [] };
}

/** The floor, its trend and the leak verdict (moved here unchanged from oldPart). */
export function floorParagraphs(isolate: IsolateSummary): string[] {
  const paragraphs: string[] = [];
  const stats = isolate.pauses.byType['Mark-Compact'];
  const floor = isolate.floors.total;
  if (stats === undefined || floor === null) {
    paragraphs.push('This log has no Mark-Compact, so the floor is unknown. Record for longer, or until the heap grows, to see one.');
    return paragraphs;
  }
  paragraphs.push(
    `Here: ${formatCount(stats.count)} Mark-Compact${stats.count === 1 ? '' : 's'}, ${formatMs(stats.meanMs)} each on average (the longest ${formatMs(stats.maxMs)}). ` +
      floorRangeSentence(isolate, floor),
  );
  const trend = floorTrendSentence(isolate);
  if (trend !== null) paragraphs.push(trend);
  paragraphs.push(leakVerdictSentence(isolate));
  return paragraphs;
}

function whyPart(isolate: IsolateSummary): StoryPart {
  const paragraphs = sentences(isolate, [youngVersusOldPause, youngVersusOldFrequency, readTheFloor, pauseShares, mutatorUtilisation]);
  return { key: 'why', title: 'Why the two differ', paragraphs, steps: [] };
}

function nextPart(isolate: IsolateSummary): StoryPart {
  return { key: 'next', title: 'What to do next', paragraphs: [], steps: nextSteps(isolate) };
}

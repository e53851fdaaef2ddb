// `--isolate` and `--pid`: the isolates of a summary a reader asked for, by number in the overview
// (#0 is the first listed, as compare's --isolate counts), label (`worker 1`, `main thread, run 2 of 3`), address (0x…) or pid;
// `all` keeps every isolate (and asks the terminal report to show each in detail).

import { AppError } from '../errors.js';
import type { IsolateSummary, Summary } from './summary.js';

export interface IsolateSelection {
  /** `1`, `#1`, `worker 1`, `0x5a8c3e0`: numbers count from 0, as in the overview. */
  isolates: string[];
  pids: number[];
}

/** The summary with only the isolates asked for (all when nothing was asked); each pick must match one. */
export function selectIsolates(summary: Summary, selection: IsolateSelection): Summary {
  if (selection.isolates.length === 0 && selection.pids.length === 0) return summary;
  const byPid = selection.pids.length === 0 ? summary.isolates : summary.isolates.filter((isolate) => isolate.pid !== null && selection.pids.includes(isolate.pid));
  if (byPid.length === 0) {
    const pids = [...new Set(summary.isolates.map((isolate) => isolate.pid).filter((pid) => pid !== null))];
    throw new AppError({ code: 'NoSuchIsolate', detail: `--pid ${selection.pids.join(', ')}: no such process in the log; it has ${pids.length > 0 ? `pid ${pids.join(', ')}` : 'no pid (its lines have no [pid:isolate] prefix)'}` });
  }
  if (selection.isolates.length === 0 || selection.isolates.includes('all')) return { ...summary, isolates: byPid };
  const chosen = new Set<IsolateSummary>();
  for (const pick of selection.isolates) {
    const matches = matching(summary.isolates, pick).filter((isolate) => byPid.includes(isolate));
    if (matches.length === 0) {
      throw new AppError({ code: 'NoSuchIsolate', detail: `--isolate ${pick}: no such isolate${selection.pids.length > 0 ? ` in pid ${selection.pids.join(', ')}` : ''}; the log has ${isolateList(summary.isolates)}` });
    }
    for (const isolate of matches) chosen.add(isolate);
  }
  return { ...summary, isolates: summary.isolates.filter((isolate) => chosen.has(isolate)) };
}

function matching(isolates: IsolateSummary[], pick: string): IsolateSummary[] {
  const trimmed = pick.trim();
  const number = /^#?(\d+)$/.exec(trimmed);
  if (number !== null) {
    const isolate = isolates[Number(number[1])];
    return isolate !== undefined ? [isolate] : [];
  }
  if (/^0x[0-9a-f]+$/i.test(trimmed)) return isolates.filter((isolate) => isolate.isolate?.toLowerCase() === trimmed.toLowerCase());
  return isolates.filter((isolate) => isolate.label === trimmed);
}

/** `#1 main thread, #2 worker 1 …`: what --isolate can name. */
export function isolateList(isolates: IsolateSummary[]): string {
  return isolates.map((isolate, index) => `#${index} ${isolate.label}`).join(', ');
}

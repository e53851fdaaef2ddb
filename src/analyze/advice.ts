// Tools to suggest, as the Node version of the log has them: a flag named only where it exists,
// else what works there, else the flag with the version it needs.

import type { NodeMajorRange } from './summary.js';

/** First Node majors with each tool (--heapsnapshot-near-heap-limit came in 14.18 and 15.1: 16 is safe). */
export const HEAP_PROF_SINCE = 12;
export const HEAPSNAPSHOT_SIGNAL_SINCE = 12;
export const NEAR_HEAP_LIMIT_SINCE = 16;
/** `--inspect` came in Node 6.3: logs that may be from Node 6 name it. */
export const INSPECT_SINCE = 7;

type Availability = 'yes' | 'no' | 'unknown';

/** Whether every Node the log may come from has a tool that came in major `since`. */
export function availableIn(range: NodeMajorRange, since: number): Availability {
  if (range.min !== null && range.min >= since) return 'yes';
  if (range.max !== null && range.max < since) return 'no';
  return 'unknown';
}

function inspect(range: NodeMajorRange): string {
  return availableIn(range, INSPECT_SINCE) === 'yes' ? 'node --inspect' : 'node --inspect on Node 6.3+';
}

/** How to take two heap snapshots to compare. */
export function heapSnapshotTools(range: NodeMajorRange): string {
  switch (availableIn(range, HEAPSNAPSHOT_SIGNAL_SINCE)) {
    case 'yes':
      return `node --heapsnapshot-signal=SIGUSR2, then kill -USR2 <pid>; or DevTools with ${inspect(range)}`;
    case 'no':
      return `DevTools with ${inspect(range)}, or the heapdump npm module; --heapsnapshot-signal needs Node 12+`;
    case 'unknown':
      return `DevTools with ${inspect(range)}, or node --heapsnapshot-signal=SIGUSR2 on Node 12+`;
  }
}

/** How to see what fills the heap before an out-of-memory crash. */
export function nearHeapLimitTools(range: NodeMajorRange): string {
  switch (availableIn(range, NEAR_HEAP_LIMIT_SINCE)) {
    case 'yes':
      return 'run with node --heapsnapshot-near-heap-limit=2 to write heap snapshots as the heap nears its limit';
    case 'no':
      return `take heap snapshots while the heap grows, before the crash (${heapSnapshotTools(range)}); --heapsnapshot-near-heap-limit needs Node 16+`;
    case 'unknown':
      return `run with node --heapsnapshot-near-heap-limit=2 (Node 16+) to write heap snapshots as the heap nears its limit, or take them while it grows (${heapSnapshotTools(range)})`;
  }
}

/** How to find where allocation comes from. */
export function allocationProfileTools(range: NodeMajorRange): string {
  switch (availableIn(range, HEAP_PROF_SINCE)) {
    case 'yes':
      return 'a sampling heap profile (node --heap-prof) shows where the allocation comes from';
    case 'no':
      return `DevTools' allocation sampling (Memory tab, with ${inspect(range)}) shows where the allocation comes from; --heap-prof needs Node 12+`;
    case 'unknown':
      return `a sampling heap profile (node --heap-prof on Node 12+, or DevTools' allocation sampling with ${inspect(range)}) shows where the allocation comes from`;
  }
}

/**
 * How to make the new space larger: `--max-semi-space-size` (MB) exists from Node 0.12 (V8 3.28);
 * Node 0.10 (V8 3.14) has `--max_new_space_size` instead, in KB and for both semi-spaces.
 */
export function semiSpaceFlag(range: NodeMajorRange, megabytes: number): string {
  const flag = `--max-semi-space-size=${megabytes}`;
  return range.max !== null && range.max < 1 ? `${flag} (Node 0.10: --max_new_space_size=${megabytes * 2 * 1024}, in KB)` : flag;
}

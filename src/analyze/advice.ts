// Tools to suggest, as the runtime and Node version of the log have them: a flag named only where it
// exists, else what works there, else the flag with the version it needs. A Deno log gets Deno's
// commands: V8 flags through `deno run --v8-flags=…`, the inspector through `deno run --inspect`.

import type { NodeMajorRange } from './summary.js';
import { formatMb } from '../format.js';

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

const isDeno = (range: NodeMajorRange): boolean => range.runtime === 'deno';

/** The command that runs the app with these V8 flags: `node --a --b`, or `deno run --v8-flags=--a,--b` for a Deno log. */
export function withV8Flags(range: NodeMajorRange, ...flags: string[]): string {
  return isDeno(range) ? `deno run --v8-flags=${flags.join(',')}` : `node ${flags.join(' ')}`;
}

function inspect(range: NodeMajorRange): string {
  if (isDeno(range)) return 'deno run --inspect';
  return availableIn(range, INSPECT_SINCE) === 'yes' ? 'node --inspect' : 'node --inspect on Node 6.3+';
}

/** How to take two heap snapshots to compare. */
export function heapSnapshotTools(range: NodeMajorRange): string {
  // Deno has no --heapsnapshot-signal (deno 2.9.6: not in deno run --help).
  if (isDeno(range)) return `DevTools' Memory tab, with ${inspect(range)}`;
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
  // V8's own flag ("Write a heap snapshot to disk on last-resort GCs"), tried on deno 2.9.6 with oom.js: a v8-heap-….heapsnapshot in the current folder before the crash.
  if (isDeno(range)) return `run with ${withV8Flags(range, '--heap-snapshot-on-oom')} to write heap snapshots at V8's last-resort GCs before the crash`;
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
  if (isDeno(range)) return `DevTools' allocation sampling (Memory tab, with ${inspect(range)}) shows where the allocation comes from`;
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
 * The flag that sizes the new space: `--max-semi-space-size` (MB, each of the two semi-spaces) from
 * Node 0.12 (V8 3.28); Node 0.10 (V8 3.14) has `--max_new_space_size` instead, in KB for both
 * semi-spaces (`node --v8-options` of v0.10.48; heap.cc halves it into the semi-space size).
 */
export function newSpaceFlagName(range: NodeMajorRange): string {
  return range.node010 === true ? '--max_new_space_size' : '--max-semi-space-size';
}

/** From this Node major the default semi-space follows the heap limit (gc-facts: nodejs/node#55487). */
export const SEMI_SPACE_FROM_HEAP_LIMIT_SINCE = 20;

/**
 * The command that makes the new space larger, with its unit: semi-spaces of `megabytes` MB, or
 * `orMegabytes` as the next try. A log that may be Node 0.10 or 0.12 (V8 3.x) gets both flags.
 * Where the log shows the semi-space already reached that size (`semiSpaceMb`), the advice starts
 * above it (the next power of two): the same size would change nothing, and a smaller one shrink it.
 */
export function largerNewSpace(range: NodeMajorRange, wantedMb: number, orWantedMb?: number, semiSpaceMb: number | null = null): string {
  const above = semiSpaceMb !== null && wantedMb <= semiSpaceMb ? 2 ** (Math.floor(Math.log2(semiSpaceMb)) + 1) : null;
  const megabytes = above ?? wantedMb;
  const orMegabytes = orWantedMb === undefined ? undefined : above !== null ? above * 2 : orWantedMb;
  const shown =
    semiSpaceMb !== null
      ? `; it reached ${formatMb(semiSpaceMb)} in this log`
      : // The log may come from Node 20 or later (a range reaching it, as "Node 19 – 21" does).
        (range.max ?? range.min ?? -1) >= SEMI_SPACE_FROM_HEAP_LIMIT_SINCE
        ? `; Node ${SEMI_SPACE_FROM_HEAP_LIMIT_SINCE} and later size it from the heap limit, so it may be as large already: --trace-gc-verbose shows it, as half the new space's committed size`
        : '';
  const alternative = orMegabytes === undefined ? '' : `; or ${orMegabytes}`;
  const kb = (mb: number) => mb * 2 * 1024;
  if (range.node010 === true) {
    const alternativeKb = orMegabytes === undefined ? '' : `; or ${kb(orMegabytes)}`;
    return `${withV8Flags(range, `--max_new_space_size=${kb(megabytes)}`)} (KB, for both semi-spaces: ${megabytes} MB each${alternativeKb}${shown})`;
  }
  const node010 = !isDeno(range) && range.max !== null && range.max < 1 ? `; Node 0.10 has --max_new_space_size=${kb(megabytes)} instead, in KB for both semi-spaces` : '';
  return `${withV8Flags(range, `--max-semi-space-size=${megabytes}`)} (MB${alternative}${node010}${shown})`;
}

/** How to record the per-space figures: `--trace-gc-verbose`, with `--trace-gc`. */
export function verboseTraceCommand(range: NodeMajorRange): string {
  return withV8Flags(range, '--trace-gc', '--trace-gc-verbose');
}

/** What lowers GCs that external memory (Buffers, ArrayBuffers) starts, and how to see what holds it. */
export function bufferAdvice(range: NodeMajorRange): string {
  return `Allocate fewer or smaller Buffers, reuse them, or let go of them sooner; a heap snapshot shows which ArrayBuffers stay alive and what holds them (${heapSnapshotTools(range)}).`;
}

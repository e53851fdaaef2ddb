// The leak verdict of a log whose GCs have no time (a v8.GCProfiler result): only the order of the
// floors after Mark-Compact is known, so a steady rise can be seen but not how fast it goes. A rise
// is therefore at most `suspected`, and every sentence says that the time is unknown.

import { fixed, grouped } from '../format.js';
import { mannKendallZ } from './growth.js';
import { longestGrowthStreak, SHUTDOWN_DROP, LEAK_MIN_GROWTH_MB, LEAK_MIN_RELATIVE_GROWTH, LEAK_MIN_Z, MIN_TREND_POINTS, WARM_UP_FRACTION } from './leak.js';
import { round } from './pause-stats.js';
import { kendallTau, median, theilSen } from './robust.js';
import type { Leak } from './summary.js';

export interface OrderedFloors {
  /** Heap used after each Mark-Compact, in the order they ran (MB). */
  floors: number[];
  /** Longest run of Mark-Compacts in a row that freed under 5%. */
  ineffectiveMarkCompacts: number;
  /** The heap limit, when known (--heap-limit, or the profile's heapSizeLimit). */
  heapLimitMb: number | null;
}

const UNKNOWN_TIME = 'the GCProfiler records no time for each GC, so how fast the floor changes is unknown';
const UNKNOWN_RATE = 'the GCProfiler records no time for each GC, so its rate is unknown';

export function judgeLeakByOrder(input: OrderedFloors): Leak {
  const all = input.floors;
  // The warm-up is the first fifth of the Mark-Compacts here: their times are not known. A last
  // floor under half the one before is the collapse at exit (Node 24+), left out as in judgeLeak.
  const cut = Math.floor(all.length * WARM_UP_FRACTION);
  const collapsed = all.length >= 2 && all.at(-1)! < all.at(-2)! * SHUTDOWN_DROP;
  const floors = all.slice(cut, collapsed ? -1 : undefined);
  const points = floors.map((valueMb, index) => ({ x: index, y: valueMb }));
  const enough = floors.length >= MIN_TREND_POINTS;
  const z = enough ? mannKendallZ(floors) : null;
  const slope = enough ? theilSen(points)?.slope ?? null : null;
  const growthMb = slope === null ? null : slope * (floors.length - 1);
  const levelMb = floors.length > 0 ? median(floors) : null;
  const relativeGrowth = growthMb !== null && levelMb !== null && levelMb > 0 ? growthMb / levelMb : null;
  // The last floor of the running app: before a collapse at exit.
  const last = (collapsed ? all.at(-2) : all.at(-1)) ?? null;
  const heapLimitFraction = input.heapLimitMb !== null && last !== null ? last / input.heapLimitMb : null;

  let verdict: Leak['verdict'];
  const reasons: string[] = [];
  const range = floors.length > 0 ? `from ${fixed(floors[0]!, 1)} to ${fixed(floors.at(-1)!, 1)} MB` : '';
  if (!enough) {
    verdict = 'insufficient-data';
    reasons.push(
      `${floors.length} Mark-Compact${floors.length === 1 ? '' : 's'} after the first fifth (${all.length} in all): a trend needs ${MIN_TREND_POINTS}` +
        (floors.length >= 2 ? `; over them the floor went ${range}` : '') +
        `; ${UNKNOWN_TIME}`,
    );
  } else if (z! >= LEAK_MIN_Z && relativeGrowth! >= LEAK_MIN_RELATIVE_GROWTH && growthMb! >= LEAK_MIN_GROWTH_MB) {
    verdict = 'suspected';
    reasons.push(
      `the floor after Mark-Compact rose steadily over ${floors.length} Mark-Compacts in order, ${range} ` +
        `(+${fixed(growthMb!, 1)} MB, Mann–Kendall z = ${fixed(z!, 2)}); ${UNKNOWN_RATE}: called suspected, not a leak (capture --trace-gc to time it)`,
    );
  } else {
    verdict = 'none';
    reasons.push(`no steady rise of the floor after Mark-Compact over ${floors.length} Mark-Compacts in order (${range}, median ${fixed(levelMb!, 1)} MB); ${UNKNOWN_TIME}`);
  }
  const notes: string[] = [];
  if (collapsed) notes.push(`the last Mark-Compact let go of the heap (${fixed(all.at(-2)!, 1)} → ${fixed(all.at(-1)!, 1)} MB, the process ending): left out`);
  if (heapLimitFraction !== null) notes.push(`the last floor is ${fixed(heapLimitFraction * 100, 1)}% of the heap limit (${grouped(input.heapLimitMb!, 0)} MB)`);
  return {
    verdict,
    evidence: {
      slopeMbPerMinute: null,
      r2: null,
      // Set by the analyzer, which left them out of `floors`.
      forcedRepeats: 0,
      points: floors.length,
      relativeGrowth: relativeGrowth === null ? null : round(relativeGrowth, 4),
      longestGrowthStreak: longestGrowthStreak(floors.map((heapAfterMb) => ({ heapAfterMb }))),
      ineffectiveMarkCompacts: input.ineffectiveMarkCompacts,
      outOfMemory: false,
      heapLimitMb: input.heapLimitMb,
      heapLimitFraction: heapLimitFraction === null ? null : round(heapLimitFraction, 4),
      markCompacts: all.length,
      warmUpEndMs: 0,
      shutdownMs: null,
      tau: enough ? round(kendallTau(points), 4) : null,
      mannKendallZ: z === null ? null : round(z, 3),
      growthMb: growthMb === null ? null : round(growthMb, 3),
      levelMb: levelMb === null ? null : round(levelMb, 3),
      plateau: null,
      givenBack: null,
      shortLog: false,
      external: null,
      minutesToLimit: null,
    },
    reasons,
    notes,
  };
}

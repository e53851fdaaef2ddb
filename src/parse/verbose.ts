// The `--trace-gc-verbose` block (Heap::PrintShortHeapStatistics) printed after each GC record:
//   `New space,              used:    529 KB, available:    477 KB, committed:   2048 KB`

import { isPlausibleNumber } from './trace-record.js';

/** One line of the block, already stripped of its `[pid:isolate] ` header. */
export type VerboseLine =
  | { kind: 'space'; space: string; usedKb: number; availableKb: number; committedKb: number }
  | { kind: 'allocator'; usedKb: number }
  | { kind: 'external'; kb: number }
  | { kind: 'external-global'; kb: number }
  | { kind: 'backing-store'; kb: number }
  | { kind: 'pool'; kb: number }
  /** `Total time spent in GC  : 5.1 ms`: the block's last line before V8 11.5. */
  | { kind: 'total-gc-time'; ms: number }
  /** `(*) Sweeping is still in progress …` (11.5+): the block's last line while sweeping. */
  | { kind: 'sweeping-note' };

const SPACE_KEYS: Record<string, string> = {
  'New space': 'new',
  'Old space': 'old',
  // V8 3.x – 4.x split the old generation (Node 0.10 – 0.12, io.js 1 – 2) and had cell spaces.
  'Old pointers': 'old_pointer',
  'Old data space': 'old_data',
  'Cell space': 'cell',
  'PropertyCell space': 'property_cell',
  'Code space': 'code',
  'Map space': 'map',
  'Large object space': 'lo',
  'New large object space': 'new_lo',
  'Code large object space': 'code_lo',
  'Read-only space': 'read_only',
  'Trusted space': 'trusted',
  'Trusted large object space': 'trusted_lo',
  'Shared space': 'shared',
  'Shared large object space': 'shared_lo',
  'All spaces': 'all',
};

/** A stable key for a space label; labels V8 adds later get a derived key rather than being dropped. */
export function spaceKey(label: string): string {
  return SPACE_KEYS[label] ?? label.toLowerCase().replace(/ space$/, '').replace(/[^a-z0-9]+/g, '_');
}

// `available:` carries a `*` while sweeping runs (V8 11.5+), after the number or, in some versions, before it.
const SPACE_LINE = /^([A-Z][A-Za-z -]*?),\s+used:\s*(\d+) KB, available:\*?\s*(\d+) KB\*?(?:, committed:\s*(\d+) ?KB)?\s*$/;
const OTHER_LINES: Array<[RegExp, (value: number) => VerboseLine]> = [
  [/^External memory reported:\s*(-?\d+) KB\s*$/, (kb) => ({ kind: 'external', kb })],
  [/^External memory global:?\s+(-?\d+) KB\s*$/, (kb) => ({ kind: 'external-global', kb })],
  [/^Backing store memory:\s*(\d+) KB\s*$/, (kb) => ({ kind: 'backing-store', kb })],
  [/^(?:Unmapper|Pool) buffering\s+\d+ chunk(?:s|\(s\)) of committed:\s*(\d+) KB\s*$/, (kb) => ({ kind: 'pool', kb })],
  [/^Total time spent in GC\s*:\s*(\d+(?:\.\d+)?) ms\s*$/, (ms) => ({ kind: 'total-gc-time', ms })],
];

export function parseVerboseLine(body: string): VerboseLine | null {
  const space = SPACE_LINE.exec(body);
  // A number no heap can have is damage: the line is then not a statistic.
  if (space !== null && ![2, 3, 4].every((group) => space[group] === undefined || isPlausibleNumber(Number(space[group])))) return null;
  if (space !== null) {
    const label = space[1]!;
    if (label === 'Memory allocator') return { kind: 'allocator', usedKb: Number(space[2]) };
    if (space[4] === undefined) return null;
    return {
      kind: 'space',
      space: spaceKey(label),
      usedKb: Number(space[2]),
      availableKb: Number(space[3]),
      committedKb: Number(space[4]),
    };
  }
  for (const [pattern, make] of OTHER_LINES) {
    const match = pattern.exec(body);
    if (match !== null) return isPlausibleNumber(Number(match[1])) ? make(Number(match[1])) : null;
  }
  if (body.startsWith('(*) Sweeping is still in progress')) return { kind: 'sweeping-note' };
  return null;
}

// Damage done to real logs: what copying, logging pipelines, crashes and hostile hands do to text.
// Each mutation is plain data (fast-check can shrink and print it) applied by `applyMutations`.

import fc from 'fast-check';

export type Mutation =
  /** One byte of the UTF-8 text replaced (may break a multi-byte character). */
  | { kind: 'flip'; at: number; byte: number }
  /** A line cut at a position; what follows the cut on that line is lost. */
  | { kind: 'truncate-line'; line: number; at: number }
  /** The log ends at this fraction of its length (a crash, a full disk). */
  | { kind: 'cut-end'; fraction: number }
  | { kind: 'duplicate'; line: number }
  /** A line and the next one glued together (a lost newline, interleaved writers). */
  | { kind: 'glue'; line: number }
  /** Lines out of order (two writers, a clock going back). */
  | { kind: 'swap'; line: number }
  /** The n-th number of the text replaced by an extreme or non-numeric one. */
  | { kind: 'number'; occurrence: number; value: string }
  | { kind: 'prefix-all'; prefix: string }
  | { kind: 'prefix'; line: number; prefix: string }
  | { kind: 'crlf' }
  | { kind: 'ansi'; line: number; at: number; code: string }
  | { kind: 'insert'; line: number; at: number; text: string };

export const EXTREME_NUMBERS = [
  '1e400',
  '99999999999999999999',
  `1${'0'.repeat(400)}`,
  // Just under Number.MAX_VALUE: finite alone, Infinity when two are added.
  `17976931348623157${'0'.repeat(292)}`,
  '1e308',
  // Below the smallest double (0), and a subnormal one (a ratio with it overflows).
  `0.${'0'.repeat(330)}5`,
  `0.${'0'.repeat(315)}5`,
  '4.9e-324',
  'NaN',
  'nan',
  'inf',
  '-inf',
  'Infinity',
  '-1',
  '-0',
  '0',
  '0.0',
  '-99999999999999999999',
  '1.7976931348623157e308',
  '0x1F',
  '١٢٣',
] as const;

export const LINE_PREFIXES = [
  '2024-05-01T10:00:00.123Z ',
  '[1] ',
  'app[web.1]: ',
  '    ',
  '\t',
  '> ',
  '[12345] ',
  'web.1  | ',
  '<14>May  1 10:00:00 host node[123]: ',
] as const;

export const ANSI_CODES = ['\x1b[31m', '\x1b[0m', '\x1b[1;33m', '\x1b[2K', '\x1b[?25l', '\x1b['] as const;

const position = fc.nat({ max: 100_000 });

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate-line' as const), line: position, at: fc.nat({ max: 400 }) }),
  fc.record({ kind: fc.constant('cut-end' as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('duplicate' as const), line: position }),
  fc.record({ kind: fc.constant('glue' as const), line: position }),
  fc.record({ kind: fc.constant('swap' as const), line: position }),
  fc.record({ kind: fc.constant('number' as const), occurrence: position, value: fc.constantFrom(...EXTREME_NUMBERS) }),
  fc.record({ kind: fc.constant('prefix-all' as const), prefix: fc.oneof(fc.constantFrom(...LINE_PREFIXES), fc.string({ maxLength: 12 })) }),
  fc.record({ kind: fc.constant('prefix' as const), line: position, prefix: fc.oneof(fc.constantFrom(...LINE_PREFIXES), fc.string({ maxLength: 12 })) }),
  fc.record({ kind: fc.constant('crlf' as const) }),
  fc.record({ kind: fc.constant('ansi' as const), line: position, at: fc.nat({ max: 400 }), code: fc.constantFrom(...ANSI_CODES) }),
  fc.record({
    kind: fc.constant('insert' as const),
    line: position,
    at: fc.nat({ max: 400 }),
    text: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('[', '(', ' ms: ', ' -> ', ' MB, ', 'pause=', 'GC: {', '<--- Last few GCs --->', 'FATAL ERROR: ', '\u2028', '\0')),
  }),
);

function splitLines(text: string): string[] {
  return text.split('\n');
}

function onLine(text: string, line: number, change: (lines: string[], index: number) => void): string {
  const lines = splitLines(text);
  if (lines.length === 0) return text;
  change(lines, line % lines.length);
  return lines.join('\n');
}

export function applyMutation(text: string, mutation: Mutation): string {
  switch (mutation.kind) {
    case 'flip': {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length === 0) return text;
      bytes[mutation.at % bytes.length] = mutation.byte;
      return bytes.toString('utf8');
    }
    case 'truncate-line':
      return onLine(text, mutation.line, (lines, index) => {
        lines[index] = lines[index]!.slice(0, mutation.at % (lines[index]!.length + 1));
      });
    case 'cut-end':
      return text.slice(0, Math.floor(text.length * mutation.fraction));
    case 'duplicate':
      return onLine(text, mutation.line, (lines, index) => lines.splice(index, 0, lines[index]!));
    case 'glue':
      return onLine(text, mutation.line, (lines, index) => {
        if (index + 1 < lines.length) lines.splice(index, 2, lines[index]! + lines[index + 1]!);
      });
    case 'swap':
      return onLine(text, mutation.line, (lines, index) => {
        if (index + 1 < lines.length) [lines[index], lines[index + 1]] = [lines[index + 1]!, lines[index]!];
      });
    case 'number': {
      const numbers = [...text.matchAll(/\d+(?:\.\d+)?/g)];
      if (numbers.length === 0) return text;
      const match = numbers[mutation.occurrence % numbers.length]!;
      return text.slice(0, match.index) + mutation.value + text.slice(match.index + match[0].length);
    }
    case 'prefix-all':
      return splitLines(text)
        .map((line) => mutation.prefix + line)
        .join('\n');
    case 'prefix':
      return onLine(text, mutation.line, (lines, index) => {
        lines[index] = mutation.prefix + lines[index]!;
      });
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'ansi':
      return onLine(text, mutation.line, (lines, index) => {
        const line = lines[index]!;
        const at = mutation.at % (line.length + 1);
        lines[index] = line.slice(0, at) + mutation.code + line.slice(at);
      });
    case 'insert':
      return onLine(text, mutation.line, (lines, index) => {
        const line = lines[index]!;
        const at = mutation.at % (line.length + 1);
        lines[index] = line.slice(0, at) + mutation.text + line.slice(at);
      });
  }
}

export function applyMutations(text: string, mutations: readonly Mutation[]): string {
  return mutations.reduce(applyMutation, text);
}

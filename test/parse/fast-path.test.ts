// The hand-written scanner for common `--trace-gc` lines (trace-fast.ts) against the regex grammar,
// the reference: every sample, and damaged variants of its lines, give identical events both ways.

import { describe, expect, it } from 'vitest';
import { parseLog } from '../../src/parse/log-parser.js';
import { FastTraceScanner } from '../../src/parse/trace-fast.js';
import { parseTraceRecord } from '../../src/parse/trace-record.js';
import { allSamples, readSample, sampleLine } from '../support/samples.js';

function bothWays(text: string): { fast: string; general: string } {
  const fast = parseLog(text, { fastPath: true });
  const general = parseLog(text, { fastPath: false });
  return {
    fast: fast.events.map((event) => JSON.stringify(event)).join('\n') + JSON.stringify(fast.stats),
    general: general.events.map((event) => JSON.stringify(event)).join('\n') + JSON.stringify(general.stats),
  };
}

describe('the fast path takes the common records itself', () => {
  it('every record of every sample alone on a line with its header, whatever the V8 version', () => {
    // A header, a time, a collector and its first number: a record (not `Scavenge stack scanning:`).
    const record = /^\[\d+:(?:0x)?[0-9a-fA-F]+\] +\d+(?:\.\d+)? ms: (?:Scavenge|Minor Mark-Compact|Minor Mark-Sweep|Incremental [A-Za-z-]+(?: [A-Za-z-]+)*|Mark-sweep|Mark-Compact)(?: \([a-z ]+\))* \d/;
    let records = 0;
    const refused: string[] = [];
    for (const name of allSamples()) {
      const scanner = new FastTraceScanner();
      readSample(name)
        .split('\n')
        .forEach((line, index) => {
          // Records glued together or cut short (the out-of-memory block's ring buffer) are the general path's.
          if (!record.test(line) || line.indexOf(' ms: ') !== line.lastIndexOf(' ms: ')) return;
          if (parseTraceRecord(line.slice(line.indexOf(']') + 1))?.truncated === true) return;
          records++;
          if (scanner.scan(line.replace(/\r$/, ''), 0, index + 1) === null) refused.push(`${name}:${index + 1}`);
        });
    }
    expect(refused).toEqual([]);
    expect(records).toBeGreaterThan(10_000);
  });
});

describe('the fast path gives the events of the general grammar', () => {
  it.each(allSamples())('%s', (name) => {
    const { fast, general } = bothWays(readSample(name));
    expect(fast).toBe(general);
  });

  it('on lines the fast path must hand over (damage, odd numbers, odd headers)', () => {
    // A real record (node22-steady.log line 14), then damaged in code.
    const base = sampleLine('node22-steady.log', 14);
    expect(base).toContain('239 ms: Mark-Compact 47.0 (73.4) -> 32.5 (75.6) MB, pooled: 0 MB, 32.75 / 0.00 ms');
    const variants = [
      base,
      base.replace('239 ms', '-12.5 ms'),
      base.replace('239 ms', '1e3 ms'),
      base.replace('47.0', '47.'),
      base.replace('47.0', '0.1234567890123456789'),
      base.replace('47.0', '12345678901234567890'),
      base.replace('47.0', '1e400'),
      base.replace('47.0', '99999999999999999999'),
      base.replace('32.75', '0.0000000001'),
      base.replace('Mark-Compact', 'Shared Mark-Compact (reduce) (interleaved)'),
      base.replace('Mark-Compact', 'Mark-Compact (bogus)'),
      // Every collector name (the fast path tells them apart by a letter or two).
      base.replace('Mark-Compact', 'Incremental Mark-Compact'),
      base.replace('Mark-Compact', 'Incremental Minor Mark-Sweep'),
      base.replace('Mark-Compact', 'Minor Mark-Compact'),
      base.replace('Mark-Compact', 'Minor Mark-Sweep'),
      base.replace('Mark-Compact', 'Mark-sweep'),
      base.replace('Mark-Compact', 'Scavenge'),
      base.replace('Mark-Compact', 'Shared Scavenge'),
      base.replace('Mark-Compact', 'Mark-Compactor'),
      base.replace('[20101:0x2c8de000]', '[20101:0x]'),
      base.replace('[20101:0x2c8de000]', '[20101:000001E565C2F6F0]'),
      base.replace('[20101:0x2c8de000]', '[20101:0x12345678901234567]'),
      base.replace('[20101:0x2c8de000]', '[20101:0x2c8de000:3]'),
      base.replace('[20101:0x2c8de000]', '[20101]'),
      base.replace('[20101:0x2c8de000]', '[12345678901]'),
      base.replace('[20101:0x2c8de000]', '[1] [20101:0x2c8de000]'),
      base.replace('[20101:0x2c8de000]', '2024-01-01T00:00:00Z [20101:0x2c8de000]'),
      base.replace(', walltime since start of marking 41 ms', ''),
      base.replace(', biggest step 0.0 ms', ''),
      base.replace('since start of marking, biggest', 'since last GC, biggest'),
      base.replace('0 steps', '1.5 steps'),
      base.replace('(average mu = 0.848, current mu = 0.848) ', ''),
      base.replace(' (+ 4.4 ms in 0 steps since start of marking, biggest step 0.0 ms, walltime since start of marking 41 ms)', ''),
      base.slice(0, base.indexOf('current mu')),
      base.slice(0, base.indexOf(' (+ 4.4') + 5),
      base.replace('finalize incremental marking via stack guard; GC in old space requested', '[allocation failure] [scavenge might not succeed].'),
      base.replace('finalize incremental marking via stack guard; GC in old space requested', 'allocation failure scavenge might not succeed'),
      base.replace('finalize incremental marking via stack guard; GC in old space requested', ''),
      base.replace('; GC in old space requested', ';\t'),
      base.replace('pooled: 0 MB, ', ''),
      base.replace('pooled: 0 MB, ', 'pooled: 1e999 MB, '),
      `${base}\r`,
      `\x1b[32m${base}\x1b[0m`,
      base.replace('  (+', ' \t(+'),
      // Lines read as they came (log-parser.ts readPlainRecord) only when cleaning or splitting would change nothing.
      `${base} \x1b[0m`,
      `${base}\r\r`,
      `12 ms: app ${base}`,
      `${base} ${base}`,
      `${base}${base.replace('239 ms', '241 ms')}`,
      base.replace('32.75 / 0.00 ms', '32.75 / 0.00 ms: 7 ms: x'),
      base.replace('(average mu = 0.848, current mu = 0.848)', '').replace('32.75 / 0.00 ms', `32.75 / 0.00 ms${base.slice(base.indexOf(': '))}`),
      JSON.stringify({ log: `${base}\n`, stream: 'stderr', time: '2024-05-01T10:00:00.000000000Z' }),
    ];
    for (const variant of variants) {
      const { fast, general } = bothWays(`${variant}\n${variant.replace('239 ms', '240 ms')}\n`);
      expect(fast, variant).toBe(general);
    }
  });
});

// The one status line `gclog run` keeps at the bottom of a terminal while the app runs: GCs so far,
// the heap after the last one, the last pause and the p99 of the pauses. It is drawn only between
// lines of the app's output, and wiped before any of the app's bytes are written.

import { isGcEvent, type TraceEvent } from '../events.js';
import { formatMb, formatMs } from '../format.js';

/** Pauses kept for the p99; beyond this, a uniform sample of them (reservoir). */
const PAUSES_KEPT = 100_000;

export class LiveGcTally {
  gcs = 0;
  lastPauseMs: number | null = null;
  lastHeapAfterMb: number | null = null;
  processes = new Set<number>();
  private readonly pauses: number[] = [];
  private seen = 0;
  /** A fixed seed: the line shows the same figures for the same output. */
  private random = 0x2545f491;

  add(event: TraceEvent): void {
    if (event.type === 'ProcessStart') {
      this.processes.add(event.pid);
      return;
    }
    if (!isGcEvent(event)) return;
    this.gcs++;
    this.lastPauseMs = event.pauseMs;
    this.lastHeapAfterMb = event.heapAfterMb;
    this.seen++;
    if (this.pauses.length < PAUSES_KEPT) this.pauses.push(event.pauseMs);
    else {
      const slot = this.nextRandom() % this.seen;
      if (slot < PAUSES_KEPT) this.pauses[slot] = event.pauseMs;
    }
  }

  /** The 99th percentile of the pauses so far (nearest rank), or null before the first GC. */
  p99Ms(): number | null {
    if (this.pauses.length === 0) return null;
    const sorted = Float64Array.from(this.pauses).sort();
    return sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)]!;
  }

  private nextRandom(): number {
    // xorshift32: enough to pick which pause a new one replaces.
    let x = this.random;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.random = x >>> 0;
    return this.random;
  }
}

/** The status line's text, cut to `width` columns. */
export function statusText(tally: LiveGcTally, elapsedMs: number, width: number): string {
  const parts = [`gclog: ${tally.gcs.toLocaleString('en-US')} GC${tally.gcs === 1 ? '' : 's'}`];
  if (tally.lastHeapAfterMb !== null) parts.push(`heap ${formatMb(tally.lastHeapAfterMb)}`);
  if (tally.lastPauseMs !== null) parts.push(`last pause ${formatMs(tally.lastPauseMs)}`);
  const p99 = tally.p99Ms();
  if (p99 !== null && tally.gcs >= 100) parts.push(`p99 ${formatMs(p99)}`);
  if (tally.processes.size > 1) parts.push(`${tally.processes.size} processes`);
  parts.push(`${Math.floor(elapsedMs / 1000)} s`);
  const text = parts.join(' · ');
  return text.length <= width - 1 ? text : `${text.slice(0, Math.max(0, width - 2))}…`;
}

export class StatusLine {
  private drawn = false;
  private readonly started = Date.now();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly tally: LiveGcTally,
    /** True when the app's output is between lines on every stream (a status line would split a line). */
    private readonly appAtLineStart: () => boolean,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.draw(), 1000);
    this.timer.unref();
  }

  /** Wipes the line before the app's bytes are written. */
  clear(): void {
    if (!this.drawn) return;
    this.stream.write('\r\x1b[K');
    this.drawn = false;
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.clear();
  }

  private draw(): void {
    if (!this.appAtLineStart()) return;
    // A terminal that reports no size (0 columns) gets the usual 80.
    const width = this.stream.columns || 80;
    this.stream.write(`\r${statusText(this.tally, Date.now() - this.started, width)}\x1b[K`);
    this.drawn = true;
  }
}

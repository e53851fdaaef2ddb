// The progress line on stderr while a large log is read: bytes read, MB/s, and the time left when
// the size is known. Only on a terminal: never in a pipe, in CI (env CI) or with --quiet.

const MB = 1024 * 1024;
/** Smaller inputs are read before a progress line would be worth looking at. */
export const LARGE_INPUT_BYTES = 20 * MB;
/** Redraws at most this often. */
const REDRAW_MS = 200;
const BAR_WIDTH = 20;

export interface ProgressSettings {
  isTty: boolean;
  env: NodeJS.ProcessEnv;
  quiet: boolean;
}

/** Whether a progress line may be drawn at all (it still waits until the input proves large). */
export function progressAllowed(settings: ProgressSettings): boolean {
  const ci = settings.env['CI'];
  return settings.isTty && !settings.quiet && (ci === undefined || ci === '' || ci === 'false' || ci === '0');
}

/** `h:mm:ss` or `m:ss`. */
function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/**
 * The progress line for `name`, given the bytes read, the time since reading started and the
 * total size (null when unknown, as for stdin: then no bar, no percentage and no ETA).
 */
export function renderProgress(name: string, bytesRead: number, elapsedMs: number, totalBytes: number | null): string {
  const seconds = elapsedMs / 1000;
  const mbPerSecond = seconds > 0 ? bytesRead / MB / seconds : 0;
  const speed = `${mbPerSecond.toFixed(mbPerSecond < 10 ? 1 : 0)} MB/s`;
  if (totalBytes === null || totalBytes <= 0) return `gclog: ${name}: ${(bytesRead / MB).toFixed(1)} MB read, ${speed}`;
  const fraction = Math.min(1, bytesRead / totalBytes);
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  const eta = mbPerSecond > 0 ? `, ETA ${formatDuration((totalBytes - bytesRead) / MB / mbPerSecond)}` : '';
  return `gclog: ${name}: ${bar} ${Math.floor(fraction * 100)}% of ${(totalBytes / MB).toFixed(1)} MB, ${speed}${eta}`;
}

/** Draws the line for one input, throttled; `finish` erases it. */
export class ProgressLine {
  private readonly startedMs: number;
  private lastDrawMs = 0;
  private drawn = false;

  constructor(
    private readonly name: string,
    private readonly stream: { write(text: string): unknown },
    private readonly now: () => number = Date.now,
  ) {
    this.startedMs = now();
  }

  /** The reader's onProgress. */
  readonly update = (bytesRead: number, totalBytes: number | null): void => {
    if ((totalBytes ?? bytesRead) <= LARGE_INPUT_BYTES) return;
    const now = this.now();
    if (now - this.lastDrawMs < REDRAW_MS) return;
    this.lastDrawMs = now;
    this.drawn = true;
    this.stream.write(`\r${renderProgress(this.name, bytesRead, now - this.startedMs, totalBytes)}\x1b[K`);
  };

  finish(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}

/** A progress line on stderr for this input, or null when none may be shown. */
export function progressFor(name: string, quiet: boolean): ProgressLine | null {
  if (!progressAllowed({ isTty: process.stderr.isTTY === true, env: process.env, quiet })) return null;
  return new ProgressLine(name, process.stderr);
}

/** `gclog: fleet: 12 of 200 runs analysed`: the fleet's progress, one run at a time. */
export function renderFleetProgress(done: number, total: number): string {
  return `gclog: fleet: ${done} of ${total} run${total === 1 ? '' : 's'} analysed`;
}

/** The fleet's progress line on stderr (on a terminal, not in CI, not with --quiet), or null. */
export function fleetProgress(quiet: boolean): { update: (done: number, total: number) => void; finish: () => void } | null {
  if (!progressAllowed({ isTty: process.stderr.isTTY === true, env: process.env, quiet })) return null;
  let drawn = false;
  return {
    update: (done, total) => {
      drawn = true;
      process.stderr.write(`\r${renderFleetProgress(done, total)}\x1b[K`);
    },
    finish: () => {
      if (drawn) process.stderr.write('\r\x1b[K');
    },
  };
}

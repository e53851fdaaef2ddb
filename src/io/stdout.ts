// Writing to stdout with backpressure, a quiet exit when the reader goes away (`gclog events | head`),
// and one clear error when stdout cannot be written (`> /dev/full`, a full disk).

import { once } from 'node:events';
import { fromWriteError, type AppError } from '../errors.js';

const STDOUT_NAME = 'standard output';

/** Set when stdout's reader has closed (EPIPE): there is no one left to write for. */
let closed = false;
/** Any other write error: reported once, by the next `drain()` or `end()`. */
let failure: AppError | null = null;

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  closed = true;
  if (error.code !== 'EPIPE') failure ??= fromWriteError(error, STDOUT_NAME);
});

export function stdoutClosed(): boolean {
  return closed && failure === null;
}

/** Buffers text and writes it in large pieces; `drain()` waits when the pipe is full. */
export class StdoutWriter {
  private buffer: string[] = [];
  private bufferedLength = 0;

  write(text: string): void {
    if (closed) return;
    this.buffer.push(text);
    this.bufferedLength += text.length;
    if (this.bufferedLength >= 64 * 1024) this.flush();
  }

  async drain(): Promise<void> {
    this.flush();
    if (!closed && process.stdout.writableNeedDrain) {
      // `once` rejects on 'error'; the listener above has recorded it.
      await Promise.race([once(process.stdout, 'drain'), once(process.stdout, 'error')]).catch(() => undefined);
    }
    if (failure !== null) throw failure;
  }

  flush(): void {
    if (this.buffer.length === 0 || closed) return;
    process.stdout.write(this.buffer.join(''));
    this.buffer = [];
    this.bufferedLength = 0;
  }

  /** Writes what is left and waits until it has been handed to the system, so a late error is not lost. */
  async end(): Promise<void> {
    await this.drain();
    if (!closed) {
      await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
      // The error event of a failed write comes after its callback.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (failure !== null) throw failure;
  }
}

// Writing to stdout with backpressure, and a quiet exit when the reader goes away (`gclog events | head`).

import { once } from 'node:events';

/** Set when stdout's reader has closed (EPIPE): there is no one left to write for. */
let closed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') {
    closed = true;
    return;
  }
  throw error;
});

export function stdoutClosed(): boolean {
  return closed;
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
      // `once` rejects on 'error'; EPIPE is recorded by the listener above and ends output quietly.
      await Promise.race([once(process.stdout, 'drain'), once(process.stdout, 'error')]).catch(() => undefined);
    }
  }

  flush(): void {
    if (this.buffer.length === 0 || closed) return;
    process.stdout.write(this.buffer.join(''));
    this.buffer = [];
    this.bufferedLength = 0;
  }

  async end(): Promise<void> {
    await this.drain();
  }
}

// Files the tool writes appear whole or not at all: written beside the target, then renamed.

import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fromWriteError } from '../errors.js';

export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = temporaryPath(path);
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw fromWriteError(error, path);
  }
}

/** A file written piece by piece that appears under its name only when `commit()` succeeds. */
export class AtomicFileWriter {
  private readonly temporary: string;
  private readonly stream: WriteStream;
  private failure: Error | null = null;

  constructor(readonly path: string) {
    this.temporary = temporaryPath(path);
    this.stream = createWriteStream(this.temporary);
    this.stream.on('error', (error) => {
      this.failure ??= error;
    });
  }

  write(text: string | Uint8Array): void {
    if (this.failure === null) this.stream.write(text);
  }

  /**
   * Waits while the disk is behind, so that memory stays bounded. Throws as soon as the file
   * cannot be written (no such folder, disk full), rather than after the whole input is read.
   */
  async drain(): Promise<void> {
    if (this.failure === null && this.stream.writableNeedDrain) {
      // The listener of the event that did not come is removed: a long write drains many times.
      const settled = new AbortController();
      await Promise.race([once(this.stream, 'drain', { signal: settled.signal }), once(this.stream, 'error', { signal: settled.signal })]).catch(() => undefined);
      settled.abort();
    }
    if (this.failure !== null) {
      await this.abort();
      throw fromWriteError(this.failure, this.path);
    }
  }

  async commit(): Promise<void> {
    try {
      if (this.failure === null) {
        await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
      }
      // The first error says why (ENOENT, ENOSPC); a later one is only "the stream was destroyed".
      if (this.failure !== null) throw this.failure;
      await rename(this.temporary, this.path);
    } catch (error) {
      await rm(this.temporary, { force: true });
      throw fromWriteError(this.failure ?? error, this.path);
    }
  }

  async abort(): Promise<void> {
    // Wait for the file to be opened and closed: removing it before would race with its creation.
    const closed = this.stream.closed ? Promise.resolve() : once(this.stream, 'close').catch(() => undefined);
    this.stream.destroy();
    await closed;
    await rm(this.temporary, { force: true });
  }
}

function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

// Files the tool writes appear whole or not at all: written beside the target, then renamed.

import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../errors.js';

export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = temporaryPath(path);
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw notWritable(path, error);
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

  write(text: string): void {
    if (this.failure === null) this.stream.write(text);
  }

  /** Waits while the disk is behind, so that memory stays bounded. */
  async drain(): Promise<void> {
    if (this.failure === null && this.stream.writableNeedDrain) await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error')]).catch(() => undefined);
  }

  async commit(): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
      if (this.failure !== null) throw this.failure;
      await rename(this.temporary, this.path);
    } catch (error) {
      await rm(this.temporary, { force: true });
      throw notWritable(this.path, error);
    }
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.temporary, { force: true });
  }
}

function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

function notWritable(path: string, error: unknown): AppError {
  const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new AppError({ code: 'OutputNotWritable', path, detail });
}

// Files the tool writes appear whole or not at all: written beside the target, then renamed.

import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../errors.js';

export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AppError({ code: 'OutputNotWritable', path, detail });
  }
}

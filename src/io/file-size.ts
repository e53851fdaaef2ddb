// The size of an input file, once it is known to be a file we can read: a directory or a missing
// file is said in the user's words (AppError), whatever reads it next (a GC log, a heap snapshot).

import { stat } from 'node:fs/promises';
import { AppError, fromReadError } from '../errors.js';

export async function inputFileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new AppError({ code: 'IsDirectory', path });
    return info.size;
  } catch (error) {
    throw fromReadError(error, path);
  }
}

// Reading a whole file for a format reader: a missing file is a NOT_FOUND StrnnError naming it (and
// what it was needed for), not a Node stack trace.
import { readFileSync } from 'node:fs';
import { StrnnError } from '../util/errors.js';

/** The file's bytes; `neededFor` is added to the message of a missing file ('DataFile of rec.vhdr'). */
export function readFileBytes(path: string, neededFor?: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') throw new StrnnError('NOT_FOUND', `${path}: no such file${neededFor ? ` (${neededFor})` : ''}`);
    throw e;
  }
}

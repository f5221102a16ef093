// Open a MAT-file by path: read the 128-byte header, then hand the file to the level-5 reader
// (whole file in memory, variables inflated on demand) or to the v7.3 (HDF5) reader.

import { open, readFile } from 'node:fs/promises';
import { StrnnError } from '../../util/errors.js';
import { HEADER_BYTES, VERSION_73 } from './tags.js';
import { Mat5File, parseMatHeader } from './reader.js';
import { openMat73 } from './v73.js';
import type { MatFile } from './types.js';

function ioError(path: string, e: unknown): StrnnError {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return new StrnnError('NOT_FOUND', `${path}: file not found`);
  if (code === 'EISDIR') return new StrnnError('INPUT', `${path}: is a folder, expected a MAT-file`);
  return new StrnnError('INPUT', `${path}: cannot read (${e instanceof Error ? e.message : String(e)})`);
}

/** Open a level-5 (v6/v7) or v7.3 MAT-file. Call `close()` when done (it matters for v7.3). */
export async function openMat(path: string): Promise<MatFile> {
  const head = new Uint8Array(HEADER_BYTES);
  let got: number;
  try {
    const fh = await open(path, 'r');
    try {
      got = (await fh.read(head, 0, HEADER_BYTES, 0)).bytesRead;
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw ioError(path, e);
  }
  const header = parseMatHeader(head.subarray(0, got), path);
  if (header.version === VERSION_73) return openMat73(path);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw ioError(path, e);
  }
  return Mat5File.fromBytes(bytes, path);
}

// Atomic file and directory writes: write next to the target under a temporary name, flush, then
// rename over it, so a crash or Ctrl-C never leaves a half-written model, report or feature file.
// File-system failures (disk full, read-only, a file where a folder should be) become IO errors
// naming the target, and the temporary file or folder is removed.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync, existsSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { StrnnError } from './errors.js';

function tempName(target: string): string {
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

const FS_REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder',
};

/** A file-system error as an IO StrnnError naming `path`; anything else is returned unchanged. */
export function describeWriteError(e: unknown, path: string): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === undefined || e instanceof StrnnError) return e;
  const reason = FS_REASONS[code] ?? (e as Error).message;
  return new StrnnError('IO', `cannot write ${path}: ${reason} (${code})`, code === 'ENOSPC' || code === 'EDQUOT' ? 'free some space or write elsewhere' : undefined);
}

function makeParent(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    throw describeWriteError(e, path);
  }
}

/** An open temporary file that becomes `path` on commit(); abort() removes it. */
export interface AtomicWriter {
  write(data: string | Uint8Array): void;
  commit(): void;
  abort(): void;
}

/** Starts an atomic write of `path` that is filled piece by piece (for output too large to hold). */
export function openAtomicWriter(path: string): AtomicWriter {
  makeParent(path);
  const tmp = tempName(path);
  let fd: number;
  try {
    fd = openSync(tmp, 'w');
  } catch (e) {
    throw describeWriteError(e, path);
  }
  let open = true;
  const abort = () => {
    if (open) closeSync(fd);
    open = false;
    rmSync(tmp, { force: true });
  };
  return {
    write(data) {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      try {
        let written = 0;
        while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      } catch (e) {
        abort();
        throw describeWriteError(e, path);
      }
    },
    commit() {
      try {
        fsyncSync(fd);
        closeSync(fd);
        open = false;
        renameSync(tmp, path);
      } catch (e) {
        abort();
        throw describeWriteError(e, path);
      }
    },
    abort,
  };
}

/** Write `data` to `path` atomically (temp file in the same folder + fsync + rename). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const w = openAtomicWriter(path);
  w.write(data);
  w.commit();
}

/**
 * Build a directory atomically: `fill` writes into a fresh temporary directory, which then replaces
 * `path` (an existing directory is moved aside first and removed only after the swap). Whether
 * `path` may be replaced at all is the caller's decision (src/util/output-dir.ts).
 */
export function writeDirAtomic(path: string, fill: (tmpDir: string) => void): void {
  makeParent(path);
  const tmp = tempName(path);
  try {
    mkdirSync(tmp);
  } catch (e) {
    throw describeWriteError(e, path);
  }
  try {
    fill(tmp);
    if (existsSync(path)) {
      const old = tempName(path);
      renameSync(path, old);
      try {
        renameSync(tmp, path);
      } catch (e) {
        renameSync(old, path);
        throw e;
      }
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(tmp, path);
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    // A write inside the folder failed: name the folder the user asked for, not the temporary one.
    if (e instanceof StrnnError && e.code === 'IO') throw new StrnnError('IO', e.message.replace(tmp, path), e.hint);
    throw describeWriteError(e, path);
  }
}

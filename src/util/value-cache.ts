// On-disk cache of computed float32 values (preprocessed face sequences, recording features) under a
// key that hashes everything they were computed from: the config, and the sources by name, size and
// modification time (faces: decoding and warping nine 640x490 PNGs costs far more than reading 147 KB
// of floats) or by content (recordings, whose samples are in memory anyway). Editing a source or the
// config changes the key; a folder that merely exists never counts as a hit. Files are written
// atomically (temp + rename).
//
// File layout: 8-byte magic "STRNNFC1", uint32 LE value count, then that many float32 LE values.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../util/atomic-write.js';

const MAGIC = 'STRNNFC1';

export interface CacheStats {
  hits: number;
  misses: number;
}

/** Name, size and mtime of each file, in the given order (the identity of a sequence's sources). */
export function fileFingerprints(paths: readonly string[]): [string, number, number][] {
  return paths.map((p) => {
    const st = statSync(p);
    return [p, st.size, st.mtimeMs];
  });
}

/** Hex SHA-256 of the JSON of `parts` (config objects, fingerprints, format version). */
export function cacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

const codeFingerprints = new Map<string, string>();

/**
 * Hex SHA-256 of strnn's own compiled code in the given folders of dist/src (names and contents of
 * every .js file, in sorted order), computed once per process: a cache key that includes it misses
 * as soon as the code that computed the values changes, version bump or not (a development build,
 * or a test fixture's cache left from an earlier build). `src`: the code's root (default dist/src).
 */
export function codeFingerprint(folders: readonly string[], src = fileURLToPath(new URL('..', import.meta.url))): string {
  const id = `${src}:${folders.join(',')}`;
  let known = codeFingerprints.get(id);
  if (known === undefined) {
    const hash = createHash('sha256');
    const files = folders.flatMap((f) => listJs(join(src, f))).sort();
    for (const file of files) hash.update(relative(src, file)).update('\0').update(readFileSync(file)).update('\0');
    known = hash.digest('hex');
    codeFingerprints.set(id, known);
  }
  return known;
}

function listJs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? listJs(path) : e.name.endsWith('.js') ? [path] : [];
  });
}

/** Hex SHA-256 of a typed array's bytes (a content fingerprint for cacheKey). */
export function contentDigest(values: Float64Array | Float32Array): string {
  return createHash('sha256').update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)).digest('hex');
}

export function cachePath(dir: string, key: string): string {
  return join(dir, `${key}.f32`);
}

/** The cached values under `key`, or undefined when absent or not of the expected length. */
export function readCache(dir: string, key: string, expectedLength: number): Float32Array | undefined {
  const path = cachePath(dir, key);
  if (!existsSync(path)) return undefined;
  const bytes = readFileSync(path);
  if (bytes.length !== 12 + 4 * expectedLength || bytes.toString('latin1', 0, 8) !== MAGIC || bytes.readUInt32LE(8) !== expectedLength) {
    return undefined;
  }
  const out = new Float32Array(expectedLength);
  for (let i = 0; i < expectedLength; i++) out[i] = bytes.readFloatLE(12 + 4 * i);
  return out;
}

export function writeCache(dir: string, key: string, values: Float32Array): void {
  const bytes = Buffer.alloc(12 + 4 * values.length);
  bytes.write(MAGIC, 0, 'latin1');
  bytes.writeUInt32LE(values.length, 8);
  for (let i = 0; i < values.length; i++) bytes.writeFloatLE(values[i]!, 12 + 4 * i);
  writeFileAtomic(cachePath(dir, key), bytes);
}

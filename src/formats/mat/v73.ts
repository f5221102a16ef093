// MAT-file v7.3 (MATLAB's -v7.3): a 512-byte user block holding the usual MAT header, then HDF5.
// Each variable is a root dataset with a string attribute MATLAB_class; the HDF5 shape is MATLAB's
// dims reversed, so HDF5's C-order data already is MATLAB's column-major order. Empty arrays are
// stored as a uint64 dataset holding the dims, with attribute MATLAB_empty = 1. HDF5 itself comes from
// h5wasm (the HDF5 C library in WebAssembly; its node build reads the real file system).
//
// Read: real numeric classes, logical, char (uint16 code units), empty arrays. Refused with
// UNSUPPORTED: complex (compound datasets), struct (groups), cell (object references), sparse.

import fs from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import h5wasm from 'h5wasm/node';
import { StrnnError } from '../../util/errors.js';
import { NUMERIC_CLASSES, V73_USERBLOCK_BYTES, isNumericClass } from './tags.js';
import { charRows } from './decode.js';
import { notFound } from './reader.js';
import type { MatClass, MatFile, MatNumericArray, MatValue, MatVarInfo } from './types.js';

type H5File = InstanceType<typeof h5wasm.File>;

let quietDepth = 0;
let diagnostics = '';

/**
 * Runs h5wasm calls with HDF5's diagnostics captured: on a damaged file the C library prints 20-40
 * lines of HDF5-DIAG straight to file descriptor 2 (through fs.writeSync, so they cannot be caught
 * as an error). They are kept instead, and a failure becomes one FORMAT error naming the file, what
 * was being read and HDF5's last reason ("File has been truncated").
 */
function quietly<T>(path: string, what: string, fn: () => T): T {
  const original = fs.writeSync;
  if (quietDepth++ === 0) {
    diagnostics = '';
    fs.writeSync = ((fd: number, buffer: unknown, ...rest: unknown[]) => {
      if (fd !== 2 || !ArrayBuffer.isView(buffer)) return (original as (...a: unknown[]) => number)(fd, buffer, ...rest);
      const offset = typeof rest[0] === 'number' ? rest[0] : 0;
      const length = typeof rest[1] === 'number' ? rest[1] : buffer.byteLength - offset;
      diagnostics += Buffer.from(buffer.buffer, buffer.byteOffset + offset, length).toString('utf8');
      return length;
    }) as typeof fs.writeSync;
  }
  try {
    return fn();
  } catch (e) {
    if (e instanceof StrnnError) throw e;
    const reasons = [...diagnostics.matchAll(/minor: (.+)/g)].map((m) => m[1]!.trim());
    const reason = reasons.at(-1) ?? (e as Error).message;
    throw new StrnnError('FORMAT', `${path}: damaged MAT-file v7.3: ${what} failed (HDF5: ${reason})`);
  } finally {
    if (--quietDepth === 0) fs.writeSync = original;
  }
}
type H5Dataset = InstanceType<typeof h5wasm.Dataset>;

const KNOWN_CLASSES: readonly MatClass[] = [
  'double', 'single', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64',
  'logical', 'char', 'struct', 'cell', 'function_handle',
];

interface V73Info extends MatVarInfo {
  readonly empty: boolean;
}

class Mat73File implements MatFile {
  readonly version = 7.3;

  constructor(readonly path: string, private readonly h5: H5File) {}

  names(): string[] {
    // '#refs#' and '#subsystem#' hold cell contents and object data, not variables.
    return quietly(this.path, 'listing the variables', () => this.h5.keys().filter((k) => !k.startsWith('#')));
  }

  has(name: string): boolean {
    return this.names().includes(name);
  }

  info(name: string): MatVarInfo {
    const { class: cls, dims, complex } = this.describe(name);
    return { class: cls, dims, complex };
  }

  read(name: string): MatValue {
    const info = this.describe(name);
    const at = `${this.path}: variable "${name}"`;
    if (info.complex) throw new StrnnError('UNSUPPORTED', `${at}: complex arrays in v7.3 files are not supported`, 'save with -v7');
    const numel = info.dims.reduce((a, b) => a * b, 1);
    if (info.class === 'char') {
      const units = info.empty ? new Uint16Array(0) : (this.values(name, 'uint16', numel) as Uint16Array);
      return { kind: 'char', dims: info.dims, rows: charRows(units, info.dims) };
    }
    if (info.class === 'logical') {
      const data = info.empty ? new Uint8Array(0) : (this.values(name, 'uint8', numel) as Uint8Array);
      return { kind: 'logical', dims: info.dims, data: data.map((v) => (v !== 0 ? 1 : 0)) };
    }
    if (isNumericClass(info.class)) {
      const real = info.empty ? new NUMERIC_CLASSES[info.class].array(0) : this.values(name, info.class, numel);
      return { kind: 'numeric', class: info.class, dims: info.dims, real };
    }
    throw new StrnnError('UNSUPPORTED', `${at}: class ${info.class} in v7.3 files is not supported`, 'save with -v7');
  }

  close(): void {
    this.h5.close();
  }

  private dataset(name: string): H5Dataset {
    const entity = this.names().includes(name) ? quietly(this.path, `opening variable "${name}"`, () => this.h5.get(name)) : null;
    if (entity instanceof h5wasm.Dataset) return entity;
    if (entity instanceof h5wasm.Group) {
      throw new StrnnError('UNSUPPORTED', `${this.path}: variable "${name}": structs in v7.3 files are not supported`, 'save with -v7');
    }
    throw notFound(this.path, name, this.names());
  }

  private describe(name: string): V73Info {
    return quietly(this.path, `reading the header of variable "${name}"`, () => this.describeLoudly(name));
  }

  private describeLoudly(name: string): V73Info {
    const ds = this.dataset(name);
    const attrs = ds.attrs;
    const clsAttr = attrs['MATLAB_class']?.value;
    const at = `${this.path}: variable "${name}"`;
    if (typeof clsAttr !== 'string') throw new StrnnError('FORMAT', `${at}: dataset has no MATLAB_class attribute`);
    const cls = KNOWN_CLASSES.find((c) => c === clsAttr) ?? (clsAttr === 'sparse' ? 'sparse' : 'object');
    const dtype = ds.dtype;
    const complex = typeof dtype === 'object' && 'compound_type' in dtype;
    const empty = Number(attrs['MATLAB_empty']?.value ?? 0) === 1;
    let dims: number[];
    if (empty) {
      const stored = ds.value;
      dims = stored instanceof BigUint64Array || stored instanceof Float64Array || stored instanceof Uint32Array
        ? Array.from(stored, Number) : [0, 0];
    } else {
      dims = [...(ds.shape ?? [])].reverse();
    }
    while (dims.length < 2) dims.push(1);
    return { class: cls, dims, complex, empty };
  }

  /** Dataset values converted to a numeric class, with the count checked against the dims. */
  private values(name: string, cls: keyof typeof NUMERIC_CLASSES, numel: number): MatNumericArray {
    const raw = quietly(this.path, `reading variable "${name}"`, () => this.dataset(name).value);
    const list = ArrayBuffer.isView(raw) ? (raw as unknown as ArrayLike<number | bigint>)
      : typeof raw === 'number' || typeof raw === 'bigint' ? [raw] : undefined;
    if (list === undefined || list.length !== numel) {
      throw new StrnnError('FORMAT', `${this.path}: variable "${name}": expected ${numel} numeric values, found ${list === undefined ? typeof raw : list.length}`);
    }
    const Ctor = NUMERIC_CLASSES[cls].array;
    if (raw instanceof Ctor) return raw as MatNumericArray;
    const out = new Ctor(numel);
    const bigint = out instanceof BigInt64Array || out instanceof BigUint64Array;
    const dst = out as unknown as { [i: number]: number | bigint };
    for (let i = 0; i < numel; i++) dst[i] = bigint ? BigInt(list[i]!) : Number(list[i]!);
    return out;
  }
}

/** HDF5 format signature; MATLAB puts the superblock right after its 512-byte user block. */
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Open a v7.3 MAT-file by path. */
export async function openMat73(path: string): Promise<MatFile> {
  const found = new Uint8Array(8);
  const fh = await open(path, 'r');
  try {
    await fh.read(found, 0, 8, V73_USERBLOCK_BYTES);
  } finally {
    await fh.close();
  }
  if (HDF5_SIGNATURE.some((b, i) => found[i] !== b)) {
    // Checked here so that h5wasm is never handed a non-HDF5 file (it would print diagnostics).
    throw new StrnnError('FORMAT', `${path}: MAT-file v7.3 header but no HDF5 signature at byte ${V73_USERBLOCK_BYTES}`);
  }
  await h5wasm.ready;
  let h5: H5File | undefined;
  let reason = '';
  try {
    h5 = quietly(path, 'opening', () => new h5wasm.File(resolve(path), 'r'));
  } catch (e) {
    reason = / \(HDF5: (.*)\)$/.exec((e as Error).message)?.[1] ?? '';
  }
  if (h5 === undefined || h5.file_id < 0n) {
    const why = reason || [...diagnostics.matchAll(/minor: (.+)/g)].map((m) => m[1]!.trim()).at(-1);
    throw new StrnnError('FORMAT', `${path}: MAT-file v7.3 header but the HDF5 part does not open${why ? ` (HDF5: ${why})` : ''}`);
  }
  return new Mat73File(path, h5);
}

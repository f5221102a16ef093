// NumPy .npy reader and writer (format versions 1.0-3.0, little- or big-endian, C order).
// Written here because the npm parsers read only and assume a browser fetch; the format is a short
// header plus raw values, and we need exact errors naming the file and the expected shape. Besides
// whole-file reads, openNpy reads ranges of values straight from the file, so a samples file much
// larger than memory can be predicted chunk by chunk.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic-write.js';
import { StrnnError } from '../util/errors.js';

export type NpyArray =
  | { dtype: 'float32'; shape: number[]; data: Float32Array }
  | { dtype: 'float64'; shape: number[]; data: Float64Array }
  | { dtype: 'int32'; shape: number[]; data: Int32Array }
  | { dtype: 'int64'; shape: number[]; data: Float64Array } // int64 values, exact up to 2^53
  | { dtype: 'int8' | 'uint8' | 'int16'; shape: number[]; data: Int32Array };

/** What the header says: element type, shape and where the values start. */
export interface NpyHeader {
  dtype: NpyArray['dtype'];
  shape: number[];
  /** Bytes per value. */
  itemBytes: number;
  bigEndian: boolean;
  /** Byte offset of the first value in the file. */
  dataStart: number;
  /** Number of values (product of the shape). */
  count: number;
}

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY

const DESCR: Record<string, { dtype: NpyArray['dtype']; bytes: number }> = {
  f4: { dtype: 'float32', bytes: 4 }, f8: { dtype: 'float64', bytes: 8 }, i4: { dtype: 'int32', bytes: 4 },
  i8: { dtype: 'int64', bytes: 8 }, i1: { dtype: 'int8', bytes: 1 }, u1: { dtype: 'uint8', bytes: 1 }, i2: { dtype: 'int16', bytes: 2 },
};

/** Throws NOT_FOUND for a missing path and INPUT for a folder, naming it. */
export function checkReadableFile(path: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new StrnnError('NOT_FOUND', `${path}: file not found`);
  }
  if (isDir) throw new StrnnError('INPUT', `${path}: is a folder, expected a file`, 'pass the file inside it');
}

export function readNpy(path: string): NpyArray {
  checkReadableFile(path);
  return parseNpy(readFileSync(path), path);
}

/**
 * Parses the header at the start of `bytes` (the whole file, or at least its header); `fileBytes`
 * is the file's size, to check that the shape's values are all there.
 */
export function parseNpyHeader(bytes: Buffer, name: string, fileBytes = bytes.length): NpyHeader {
  if (bytes.length < 10 || !bytes.subarray(0, 6).equals(MAGIC)) {
    throw new StrnnError('FORMAT', `${name}: not a NumPy .npy file (missing the \\x93NUMPY magic)`, 'save arrays with numpy.save');
  }
  const major = bytes[6]!;
  if (major < 1 || major > 3) throw new StrnnError('FORMAT', `${name}: damaged .npy header (unknown version ${major})`);
  const headerLenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + headerLenBytes) {
    throw new StrnnError('FORMAT', `${name}: damaged .npy file (${fileBytes} bytes end inside the version ${major} header)`);
  }
  const headerLen = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const dataStart = 8 + headerLenBytes + headerLen;
  if (dataStart > bytes.length) throw new StrnnError('FORMAT', `${name}: damaged .npy header (version ${major}, header ${headerLen} bytes, file ${fileBytes} bytes)`);
  const header = bytes.subarray(8 + headerLenBytes, dataStart).toString('latin1');
  const descr = /'descr':\s*'([<>|=])([a-z]\d+)'/.exec(header);
  const fortran = /'fortran_order':\s*(True|False)/.exec(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (!descr || !fortran || !shapeText) throw new StrnnError('FORMAT', `${name}: cannot parse the .npy header ${JSON.stringify(header.trim())}`);
  const kind = DESCR[descr[2]!];
  if (!kind) {
    throw new StrnnError('UNSUPPORTED', `${name}: dtype ${descr[1]}${descr[2]} is not supported (expected float32, float64 or an integer type)`);
  }
  if (fortran[1] === 'True') throw new StrnnError('UNSUPPORTED', `${name}: Fortran-order arrays are not supported`, 'save with numpy.ascontiguousarray(x)');
  const dims = shapeText[1]!.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  // Number('2.5') and Number('x') would give a fractional or NaN count and a silently wrong row count.
  const badDim = dims.find((d) => !/^\d+$/.test(d));
  if (badDim !== undefined) {
    throw new StrnnError('FORMAT', `${name}: shape (${dims.join(', ')}) has dimension '${badDim}'; every dimension must be a non-negative integer`);
  }
  const shape = dims.map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const need = count * kind.bytes;
  if (!Number.isSafeInteger(need) || fileBytes - dataStart < need) {
    throw new StrnnError('FORMAT', `${name}: shape (${shape.join(', ')}) needs ${need} bytes of data but the file holds ${fileBytes - dataStart}`);
  }
  return { dtype: kind.dtype, shape, itemBytes: kind.bytes, bigEndian: descr[1] === '>', dataStart, count };
}

/** Decodes `out.length` values from `bytes` (raw values laid out as `h` says, starting at value 0). */
function decodeValues(bytes: Buffer, h: NpyHeader, out: Float32Array | Float64Array | Int32Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, out.length * h.itemBytes);
  const little = !h.bigEndian;
  for (let i = 0; i < out.length; i++) {
    const o = i * h.itemBytes;
    switch (h.dtype) {
      case 'float32': out[i] = view.getFloat32(o, little); break;
      case 'float64': out[i] = view.getFloat64(o, little); break;
      case 'int32': out[i] = view.getInt32(o, little); break;
      case 'int64': out[i] = Number(view.getBigInt64(o, little)); break;
      case 'int8': out[i] = view.getInt8(o); break;
      case 'uint8': out[i] = view.getUint8(o); break;
      case 'int16': out[i] = view.getInt16(o, little); break;
    }
  }
}

export function parseNpy(bytes: Buffer, name: string): NpyArray {
  const h = parseNpyHeader(bytes, name);
  const data = bytes.subarray(h.dataStart);
  const make = <T extends Float32Array | Float64Array | Int32Array>(arr: T): T => {
    decodeValues(data, h, arr);
    return arr;
  };
  switch (h.dtype) {
    case 'float32': return { dtype: 'float32', shape: h.shape, data: make(new Float32Array(h.count)) };
    case 'float64': return { dtype: 'float64', shape: h.shape, data: make(new Float64Array(h.count)) };
    case 'int64': return { dtype: 'int64', shape: h.shape, data: make(new Float64Array(h.count)) };
    case 'int32': return { dtype: 'int32', shape: h.shape, data: make(new Int32Array(h.count)) };
    default: return { dtype: h.dtype, shape: h.shape, data: make(new Int32Array(h.count)) } as NpyArray;
  }
}

/** An open .npy file whose values are read on demand; close it when done. */
export interface NpyFile {
  readonly path: string;
  readonly header: NpyHeader;
  /** Reads values [first, first + out.length) into `out` (converted to its type). */
  read(first: number, out: Float32Array | Float64Array | Int32Array): void;
  close(): void;
}

/** Opens a .npy file and reads its header only; values come later through read(). */
export function openNpy(path: string): NpyFile {
  checkReadableFile(path);
  const fd = openSync(path, 'r');
  try {
    const size = statSync(path).size;
    // The header length field sits in bytes 8..12; a header is at most a few kilobytes in practice.
    const probe = Buffer.alloc(Math.min(size, 12));
    readSync(fd, probe, 0, probe.length, 0);
    const headerLen = probe.length >= 12 && probe[6] !== 1 ? probe.readUInt32LE(8) : probe.length >= 10 ? probe.readUInt16LE(8) : 0;
    const head = Buffer.alloc(Math.min(size, 12 + headerLen));
    readSync(fd, head, 0, head.length, 0);
    const header = parseNpyHeader(head, path, size);
    return {
      path,
      header,
      read(first, out) {
        if (first < 0 || first + out.length > header.count) throw new StrnnError('INPUT', `${path}: values ${first}..${first + out.length} lie outside the ${header.count} the file holds`);
        const raw = Buffer.alloc(out.length * header.itemBytes);
        readSync(fd, raw, 0, raw.length, header.dataStart + first * header.itemBytes);
        decodeValues(raw, header, out);
      },
      close: () => closeSync(fd),
    };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** Writes a little-endian C-order .npy (version 1.0) atomically. */
export function writeNpy(path: string, data: Float32Array | Float64Array | Int32Array, shape: number[]): void {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new StrnnError('INPUT', `${path}: shape (${shape.join(', ')}) holds ${count} values, data has ${data.length}`);
  const descr = data instanceof Float32Array ? '<f4' : data instanceof Float64Array ? '<f8' : '<i4';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // The header is padded with spaces and a newline so that the data starts at a multiple of 64 bytes.
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, ' ') + '\n';
  const out = Buffer.alloc(total + data.byteLength);
  MAGIC.copy(out, 0);
  out[6] = 1;
  out[7] = 0;
  out.writeUInt16LE(header.length, 8);
  out.write(header, 10, 'latin1');
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(out, total);
  writeFileAtomic(path, out);
}

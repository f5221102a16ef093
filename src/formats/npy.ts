// NumPy .npy reader and writer (format versions 1.0-3.0, little- or big-endian, C order).
// Written here because the npm parsers read only and assume a browser fetch; the format is a short
// header plus raw values, and we need exact errors naming the file and the expected shape.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic-write.js';
import { StrnnError } from '../util/errors.js';

export type NpyArray =
  | { dtype: 'float32'; shape: number[]; data: Float32Array }
  | { dtype: 'float64'; shape: number[]; data: Float64Array }
  | { dtype: 'int32'; shape: number[]; data: Int32Array }
  | { dtype: 'int64'; shape: number[]; data: Float64Array } // int64 values, exact up to 2^53
  | { dtype: 'int8' | 'uint8' | 'int16'; shape: number[]; data: Int32Array };

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY

const DESCR: Record<string, { dtype: NpyArray['dtype']; bytes: number }> = {
  f4: { dtype: 'float32', bytes: 4 }, f8: { dtype: 'float64', bytes: 8 }, i4: { dtype: 'int32', bytes: 4 },
  i8: { dtype: 'int64', bytes: 8 }, i1: { dtype: 'int8', bytes: 1 }, u1: { dtype: 'uint8', bytes: 1 }, i2: { dtype: 'int16', bytes: 2 },
};

export function readNpy(path: string): NpyArray {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new StrnnError('NOT_FOUND', `${path}: file not found`);
  }
  return parseNpy(bytes, path);
}

export function parseNpy(bytes: Buffer, name: string): NpyArray {
  if (bytes.length < 10 || !bytes.subarray(0, 6).equals(MAGIC)) {
    throw new StrnnError('FORMAT', `${name}: not a NumPy .npy file (missing the \\x93NUMPY magic)`, 'save arrays with numpy.save');
  }
  const major = bytes[6]!;
  const headerLenBytes = major === 1 ? 2 : 4;
  const headerLen = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const dataStart = 8 + headerLenBytes + headerLen;
  if (major < 1 || major > 3 || dataStart > bytes.length) throw new StrnnError('FORMAT', `${name}: damaged .npy header (version ${major}, header ${headerLen} bytes)`);
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
  const shape = shapeText[1]!.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const need = count * kind.bytes;
  if (bytes.length - dataStart < need) {
    throw new StrnnError('FORMAT', `${name}: shape (${shape.join(', ')}) needs ${need} bytes of data but the file holds ${bytes.length - dataStart}`);
  }
  const bigEndian = descr[1] === '>';
  const view = new DataView(bytes.buffer, bytes.byteOffset + dataStart, need);
  const read = (i: number): number => {
    const o = i * kind.bytes;
    switch (kind.dtype) {
      case 'float32': return view.getFloat32(o, !bigEndian);
      case 'float64': return view.getFloat64(o, !bigEndian);
      case 'int32': return view.getInt32(o, !bigEndian);
      case 'int64': return Number(view.getBigInt64(o, !bigEndian));
      case 'int8': return view.getInt8(o);
      case 'uint8': return view.getUint8(o);
      case 'int16': return view.getInt16(o, !bigEndian);
    }
  };
  const make = <T extends Float32Array | Float64Array | Int32Array>(arr: T): T => {
    for (let i = 0; i < count; i++) arr[i] = read(i);
    return arr;
  };
  switch (kind.dtype) {
    case 'float32': return { dtype: 'float32', shape, data: make(new Float32Array(count)) };
    case 'float64': return { dtype: 'float64', shape, data: make(new Float64Array(count)) };
    case 'int64': return { dtype: 'int64', shape, data: make(new Float64Array(count)) };
    case 'int32': return { dtype: 'int32', shape, data: make(new Int32Array(count)) };
    default: return { dtype: kind.dtype, shape, data: make(new Int32Array(count)) } as NpyArray;
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

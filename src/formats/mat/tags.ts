// MAT-file level 5 constants: data-element types (mi*), array classes (mx*), array-flag bits, and the
// tables that map them to byte sizes and typed arrays. Numbers follow MathWorks' "MAT-File Format"
// document (R2018+), Tables 1-2 and 1-3.

import type { MatClass, MatNumericClass } from './types.js';

/** Size of the level-5 header: 116 text + 8 subsystem offset + 2 version + 2 endian indicator. */
export const HEADER_BYTES = 128;
/** v7.3 files put the MAT header in a 512-byte HDF5 user block. */
export const V73_USERBLOCK_BYTES = 512;
export const VERSION_5 = 0x0100;
export const VERSION_73 = 0x0200;

// Data-element types (uint32 tag field).
export const MI_INT8 = 1;
export const MI_UINT8 = 2;
export const MI_INT16 = 3;
export const MI_UINT16 = 4;
export const MI_INT32 = 5;
export const MI_UINT32 = 6;
export const MI_SINGLE = 7;
export const MI_DOUBLE = 9;
export const MI_INT64 = 12;
export const MI_UINT64 = 13;
export const MI_MATRIX = 14;
export const MI_COMPRESSED = 15;
export const MI_UTF8 = 16;
export const MI_UTF16 = 17;
export const MI_UTF32 = 18;

// Array classes (low byte of the first array-flags word).
export const MX_CELL = 1;
export const MX_STRUCT = 2;
export const MX_OBJECT = 3;
export const MX_CHAR = 4;
export const MX_SPARSE = 5;
export const MX_DOUBLE = 6;
export const MX_SINGLE = 7;
export const MX_INT8 = 8;
export const MX_UINT8 = 9;
export const MX_INT16 = 10;
export const MX_UINT16 = 11;
export const MX_INT32 = 12;
export const MX_UINT32 = 13;
export const MX_INT64 = 14;
export const MX_UINT64 = 15;
export const MX_FUNCTION = 16;
export const MX_OPAQUE = 17;

// Bits of the first array-flags word: byte 0 = class, byte 1 = flags.
export const FLAG_COMPLEX = 0x800;
export const FLAG_GLOBAL = 0x400;
export const FLAG_LOGICAL = 0x200;

/** Byte order of this machine: the writer writes it, the reader views matching data in place. */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Every element is padded to a multiple of 8 bytes (small elements occupy exactly 8). */
export const ALIGN = 8;

type TypedArrayCtor =
  | Float64ArrayConstructor | Float32ArrayConstructor
  | Int8ArrayConstructor | Uint8ArrayConstructor | Int16ArrayConstructor | Uint16ArrayConstructor
  | Int32ArrayConstructor | Uint32ArrayConstructor | BigInt64ArrayConstructor | BigUint64ArrayConstructor;

/** Numeric storage types: byte width, typed array, and the name used in messages. */
export interface MiNumericType {
  readonly bytes: 1 | 2 | 4 | 8;
  readonly array: TypedArrayCtor;
  readonly name: string;
}

export const MI_NUMERIC: ReadonlyMap<number, MiNumericType> = new Map<number, MiNumericType>([
  [MI_INT8, { bytes: 1, array: Int8Array, name: 'miINT8' }],
  [MI_UINT8, { bytes: 1, array: Uint8Array, name: 'miUINT8' }],
  [MI_INT16, { bytes: 2, array: Int16Array, name: 'miINT16' }],
  [MI_UINT16, { bytes: 2, array: Uint16Array, name: 'miUINT16' }],
  [MI_INT32, { bytes: 4, array: Int32Array, name: 'miINT32' }],
  [MI_UINT32, { bytes: 4, array: Uint32Array, name: 'miUINT32' }],
  [MI_SINGLE, { bytes: 4, array: Float32Array, name: 'miSINGLE' }],
  [MI_DOUBLE, { bytes: 8, array: Float64Array, name: 'miDOUBLE' }],
  [MI_INT64, { bytes: 8, array: BigInt64Array, name: 'miINT64' }],
  [MI_UINT64, { bytes: 8, array: BigUint64Array, name: 'miUINT64' }],
]);

/** Numeric classes: their mx code, the mi type MATLAB stores them as, and their typed array. */
export interface MxNumericClass {
  readonly mx: number;
  readonly mi: number;
  readonly array: TypedArrayCtor;
}

export const NUMERIC_CLASSES: Readonly<Record<MatNumericClass, MxNumericClass>> = {
  double: { mx: MX_DOUBLE, mi: MI_DOUBLE, array: Float64Array },
  single: { mx: MX_SINGLE, mi: MI_SINGLE, array: Float32Array },
  int8: { mx: MX_INT8, mi: MI_INT8, array: Int8Array },
  uint8: { mx: MX_UINT8, mi: MI_UINT8, array: Uint8Array },
  int16: { mx: MX_INT16, mi: MI_INT16, array: Int16Array },
  uint16: { mx: MX_UINT16, mi: MI_UINT16, array: Uint16Array },
  int32: { mx: MX_INT32, mi: MI_INT32, array: Int32Array },
  uint32: { mx: MX_UINT32, mi: MI_UINT32, array: Uint32Array },
  int64: { mx: MX_INT64, mi: MI_INT64, array: BigInt64Array },
  uint64: { mx: MX_UINT64, mi: MI_UINT64, array: BigUint64Array },
};

/** mx code -> class name as MATLAB's `class()` prints it (logical is decided by the flag, not here). */
export const MX_NAMES: ReadonlyMap<number, MatClass> = new Map<number, MatClass>([
  [MX_CELL, 'cell'],
  [MX_STRUCT, 'struct'],
  [MX_OBJECT, 'object'],
  [MX_CHAR, 'char'],
  [MX_SPARSE, 'sparse'],
  [MX_DOUBLE, 'double'],
  [MX_SINGLE, 'single'],
  [MX_INT8, 'int8'],
  [MX_UINT8, 'uint8'],
  [MX_INT16, 'int16'],
  [MX_UINT16, 'uint16'],
  [MX_INT32, 'int32'],
  [MX_UINT32, 'uint32'],
  [MX_INT64, 'int64'],
  [MX_UINT64, 'uint64'],
  [MX_FUNCTION, 'function_handle'],
  [MX_OPAQUE, 'opaque'],
]);

export function isNumericClass(c: MatClass): c is MatNumericClass {
  return Object.hasOwn(NUMERIC_CLASSES, c);
}

/** Round `n` up to the 8-byte element boundary. */
export function padded(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

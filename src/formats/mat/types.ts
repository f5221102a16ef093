// Values read from and written to MAT-files. Arrays keep MATLAB's column-major order and MATLAB's
// dims (at least two, trailing singletons beyond the second dropped as MATLAB does): element
// (i, j, k) of dims (d0, d1, d2) sits at index i + d0*(j + d1*k). `toRowMajor` (layout.ts) reorders.

export type MatNumericClass =
  | 'double' | 'single'
  | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64';

/** Class names as MATLAB's `class()` prints them; the last five are indexed but not decoded. */
export type MatClass =
  | MatNumericClass | 'logical' | 'char' | 'struct' | 'cell'
  | 'sparse' | 'object' | 'function_handle' | 'opaque';

/** The typed array holding each numeric class (int64/uint64 as BigInt arrays, never rounded). */
export interface MatNumericArrays {
  double: Float64Array;
  single: Float32Array;
  int8: Int8Array;
  uint8: Uint8Array;
  int16: Int16Array;
  uint16: Uint16Array;
  int32: Int32Array;
  uint32: Uint32Array;
  int64: BigInt64Array;
  uint64: BigUint64Array;
}

export type MatNumericArray = MatNumericArrays[MatNumericClass];

/** Numeric array; `imag` is present only for complex arrays and has the same type as `real`. */
export interface MatNumeric {
  readonly kind: 'numeric';
  readonly class: MatNumericClass;
  readonly dims: number[];
  readonly real: MatNumericArray;
  readonly imag?: MatNumericArray;
}

/** Logical array, one byte per element, each 0 or 1. */
export interface MatLogical {
  readonly kind: 'logical';
  readonly dims: number[];
  readonly data: Uint8Array;
}

/**
 * Char array as one string per row (dims[0] strings; the remaining dims are flattened column-major
 * into each row). Characters are UTF-16 code units, as in MATLAB.
 */
export interface MatChar {
  readonly kind: 'char';
  readonly dims: number[];
  readonly rows: string[];
}

/** One element of a struct array: field name -> value (null-prototype object, fields in file order). */
export type MatStructElement = Record<string, MatValue>;

/** Struct array; `elements` has one entry per array element, column-major. */
export interface MatStruct {
  readonly kind: 'struct';
  readonly dims: number[];
  readonly fieldNames: string[];
  readonly elements: MatStructElement[];
}

/** Cell array; `cells` is column-major. */
export interface MatCell {
  readonly kind: 'cell';
  readonly dims: number[];
  readonly cells: MatValue[];
}

export type MatValue = MatNumeric | MatLogical | MatChar | MatStruct | MatCell;

/** What the index knows about a variable without decoding its data. */
export interface MatVarInfo {
  readonly class: MatClass;
  readonly dims: number[];
  readonly complex: boolean;
}

/** An open MAT-file (level 5 or v7.3). Variables are decoded only when read. */
export interface MatFile {
  /** File name used in error messages. */
  readonly path: string;
  /** 5 for level-5 (v6/v7) files, 7.3 for HDF5-based files. */
  readonly version: 5 | 7.3;
  /** Variable names in file order. */
  names(): string[];
  has(name: string): boolean;
  /** Class and dims from the variable's header; throws NOT_FOUND for an unknown name. */
  info(name: string): MatVarInfo;
  /** Decode one variable; throws UNSUPPORTED for sparse, object and opaque classes. */
  read(name: string): MatValue;
  /** Release the file (needed for v7.3; a no-op for level 5). */
  close(): void;
}

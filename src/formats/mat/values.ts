// Small constructors for MatValue objects, used to build variables for writeMat (and handy in
// tests). Data is column-major with MATLAB dims; a plain vector defaults to a 1 x n row.

import { StrnnError } from '../../util/errors.js';
import { NUMERIC_CLASSES } from './tags.js';
import type {
  MatCell, MatChar, MatLogical, MatNumeric, MatNumericArray, MatNumericClass, MatStruct, MatStructElement, MatValue,
} from './types.js';

const CLASS_NAMES = Object.keys(NUMERIC_CLASSES) as MatNumericClass[];

/** The MATLAB class a typed array maps to (Float64Array -> double, BigInt64Array -> int64, ...). */
export function numericClassOf(data: MatNumericArray): MatNumericClass {
  for (const cls of CLASS_NAMES) if (data instanceof NUMERIC_CLASSES[cls].array) return cls;
  throw new StrnnError('INPUT', `unsupported typed array ${Object.prototype.toString.call(data)}`);
}

function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

function checkDims(what: string, dims: readonly number[], numel: number): number[] {
  if (dims.length < 2 || dims.some((d) => !Number.isInteger(d) || d < 0 || d > 0x7fffffff)) {
    throw new StrnnError('INPUT', `${what}: dims must be at least two integers in 0..2^31-1, found [${dims.join(', ')}]`);
  }
  if (product(dims) !== numel) {
    throw new StrnnError('INPUT', `${what}: dims ${dims.join('x')} hold ${product(dims)} elements, data has ${numel}`);
  }
  return [...dims];
}

/** Numeric array; the class follows the typed array. `imag` makes it complex. */
export function matNumeric(real: MatNumericArray, dims: readonly number[] = [1, real.length], imag?: MatNumericArray): MatNumeric {
  const cls = numericClassOf(real);
  const d = checkDims(`${cls} array`, dims, real.length);
  if (imag === undefined) return { kind: 'numeric', class: cls, dims: d, real };
  if (numericClassOf(imag) !== cls || imag.length !== real.length) {
    throw new StrnnError('INPUT', `${cls} array: imaginary part must be a ${cls} array of ${real.length} elements`);
  }
  return { kind: 'numeric', class: cls, dims: d, real, imag };
}

/** Logical array from booleans or 0/1 numbers. */
export function matLogical(data: ArrayLike<boolean | number>, dims: readonly number[] = [1, data.length]): MatLogical {
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) bytes[i] = data[i] ? 1 : 0;
  return { kind: 'logical', dims: checkDims('logical array', dims, data.length), data: bytes };
}

/** Char array: one string is a 1 x n row; several become rows padded with spaces, as MATLAB's char(). */
export function matChar(text: string | readonly string[]): MatChar {
  const rows = typeof text === 'string' ? [text] : [...text];
  const width = Math.max(0, ...rows.map((r) => r.length));
  return { kind: 'char', dims: [rows.length, width], rows: rows.map((r) => r.padEnd(width, ' ')) };
}

/** Cell array (column-major cells). */
export function matCell(cells: readonly MatValue[], dims: readonly number[] = [1, cells.length]): MatCell {
  return { kind: 'cell', dims: checkDims('cell array', dims, cells.length), cells: [...cells] };
}

/** Struct (one object) or struct array (several objects with the same fields, column-major). */
export function matStruct(
  elements: Record<string, MatValue> | readonly Record<string, MatValue>[],
  dims?: readonly number[],
): MatStruct {
  const list = Array.isArray(elements) ? (elements as readonly Record<string, MatValue>[]) : [elements as Record<string, MatValue>];
  const fieldNames = list.length > 0 ? Object.keys(list[0]!) : [];
  const copies = list.map((el, i) => {
    const keys = Object.keys(el);
    if (keys.length !== fieldNames.length || keys.some((k, j) => k !== fieldNames[j])) {
      throw new StrnnError('INPUT', `struct element ${i + 1} has fields [${keys.join(', ')}], expected [${fieldNames.join(', ')}]`);
    }
    const copy: MatStructElement = Object.create(null) as MatStructElement;
    for (const k of keys) copy[k] = el[k]!;
    return copy;
  });
  return { kind: 'struct', dims: checkDims('struct array', dims ?? [1, list.length], list.length), fieldNames, elements: copies };
}

// Helpers for the MAT tests: a JSON view of decoded values (the shape expected.json uses, so fixture
// values written by numpy compare with one deepEqual) and a tiny little-endian element packer for
// hand-made hostile files.

import type { MatValue } from '../../../src/formats/mat/index.js';
import { concatBytes } from '../../../src/util/typed-arrays.js';

function num(x: number | bigint): number | string {
  if (typeof x === 'bigint') return String(x);
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  return x;
}

/** Plain-object view of a value: numbers column-major, int64 as strings, non-finite as text. */
export function describeValue(v: MatValue): unknown {
  switch (v.kind) {
    case 'numeric': {
      const out: Record<string, unknown> = { kind: 'numeric', class: v.class, dims: v.dims, real: Array.from(v.real, num) };
      if (v.imag !== undefined) out['imag'] = Array.from(v.imag, num);
      return out;
    }
    case 'logical':
      return { kind: 'logical', dims: v.dims, data: Array.from(v.data) };
    case 'char':
      return { kind: 'char', dims: v.dims, rows: v.rows };
    case 'cell':
      return { kind: 'cell', dims: v.dims, cells: v.cells.map(describeValue) };
    case 'struct':
      return {
        kind: 'struct', dims: v.dims, fieldNames: v.fieldNames,
        elements: v.elements.map((el) => Object.fromEntries(v.fieldNames.map((f) => [f, describeValue(el[f]!)]))),
      };
  }
}

function u32(...words: number[]): Uint8Array {
  const b = new Uint8Array(4 * words.length);
  const dv = new DataView(b.buffer);
  words.forEach((w, i) => dv.setUint32(4 * i, w >>> 0, true));
  return b;
}

export const concat = concatBytes;

/** Little-endian level-5 header. */
export function header(text = 'MATLAB 5.0 MAT-file, strnn hostile test'): Uint8Array {
  const h = new Uint8Array(128).fill(32);
  h.set(Buffer.from(text, 'latin1'));
  h.fill(0, 116, 124);
  h.set([0, 1, 0x49, 0x4d], 124); // version 0x0100 little-endian, "IM"
  return h;
}

/** Full-form element with its payload padded to 8 bytes. */
export function element(type: number, payload: Uint8Array): Uint8Array {
  return concat(u32(type, payload.length), payload, new Uint8Array((8 - (payload.length % 8)) % 8));
}

/** Matrix element: flags word = mx | flags, dims, name, then `body`. */
export function matrix(name: string, mx: number, dims: number[], body: Uint8Array, flags = 0): Uint8Array {
  const dimBytes = new Uint8Array(new Int32Array(dims).buffer);
  const payload = concat(element(6, u32(mx | flags, 0)), element(5, dimBytes), element(1, Buffer.from(name, 'latin1')), body);
  return concat(u32(14, payload.length), payload);
}

export function doubles(values: number[]): Uint8Array {
  return element(9, new Uint8Array(new Float64Array(values).buffer));
}

export { u32 };

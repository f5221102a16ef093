// From MATLAB's column-major arrays to what loaders want: `toRowMajor` permutes axes and flattens
// row-major; `readNumeric` reads one real numeric variable as Float64Array with its dims checked.

import { StrnnError } from '../../util/errors.js';
import { dimsText } from './decode.js';
import type { MatFile, MatNumericArray } from './types.js';

type Flat = MatNumericArray;

/**
 * Reorder a column-major array (MATLAB `dims`) into a row-major array whose axis a is MATLAB axis
 * `order[a]`, i.e. MATLAB's permute(x, order + 1) read in C order. Missing trailing axes of size 1
 * (MATLAB drops them) may be named in `order`.
 *
 * Example: SEED `de_LDS1`, dims [62, W, 5] -> row-major W x 62 x 5 with order [1, 0, 2]; the output
 * element (w, c, b) is at (w*62 + c)*5 + b and equals the input element at c + 62*(w + W*b).
 */
export function toRowMajor<T extends Flat>(data: T, dims: readonly number[], order: readonly number[]): { data: T; dims: number[] } {
  const rank = order.length;
  if (dims.length > rank && dims.slice(rank).some((d) => d !== 1)) {
    throw new StrnnError('INPUT', `axis order [${order.join(', ')}] omits axes of dims ${dimsText(dims)}`);
  }
  const sorted = [...order].sort((a, b) => a - b);
  if (sorted.some((a, i) => a !== i)) {
    throw new StrnnError('INPUT', `axis order [${order.join(', ')}] is not a permutation of 0..${rank - 1}`);
  }
  const full = Array.from({ length: rank }, (_, k) => dims[k] ?? 1);
  const numel = full.reduce((a, b) => a * b, 1);
  if (numel !== data.length) {
    throw new StrnnError('INPUT', `dims ${dimsText(dims)} hold ${numel} elements, data has ${data.length}`);
  }
  const srcStride: number[] = [];
  for (let k = 0, s = 1; k < rank; k++) {
    srcStride.push(s);
    s *= full[k]!;
  }
  const outDims = order.map((a) => full[a]!);
  const out = new (data.constructor as new (n: number) => T)(numel);
  if (numel === 0) return { data: out, dims: outDims };
  const src = data as unknown as { [i: number]: number | bigint };
  const dst = out as unknown as { [i: number]: number | bigint };
  // Walk the output in order; the last output axis is the inner loop, the others an odometer.
  const inner = outDims[rank - 1]!;
  const innerStride = srcStride[order[rank - 1]!]!;
  const count = new Array<number>(rank).fill(0);
  let base = 0;
  let o = 0;
  for (;;) {
    for (let t = 0, s = base; t < inner; t++, s += innerStride) dst[o++] = src[s]!;
    let a = rank - 2;
    for (; a >= 0; a--) {
      const stride = srcStride[order[a]!]!;
      count[a]!++;
      base += stride;
      if (count[a]! < outDims[a]!) break;
      base -= count[a]! * stride;
      count[a] = 0;
    }
    if (a < 0) break;
  }
  return { data: out, dims: outDims };
}

/** An expected dimension: a size, or '*' for any size. */
export type DimPattern = readonly (number | '*')[];

function matches(dims: readonly number[], pattern: DimPattern): boolean {
  const n = Math.max(dims.length, pattern.length);
  for (let k = 0; k < n; k++) {
    const d = dims[k] ?? 1;
    const p = pattern[k] ?? 1;
    if (p !== '*' && p !== d) return false;
  }
  return true;
}

/**
 * Read a real numeric or logical variable as Float64Array (column-major, MATLAB dims). `expectDims`
 * is checked before anything is inflated; trailing 1s are implied on both sides. int64 values
 * beyond 2^53 lose precision in the conversion.
 */
export function readNumeric(file: MatFile, name: string, expectDims?: DimPattern): { data: Float64Array; dims: number[] } {
  const info = file.info(name);
  const at = `${file.path}: variable "${name}"`;
  if (info.class === 'char' || info.class === 'struct' || info.class === 'cell') {
    throw new StrnnError('INPUT', `${at}: expected a numeric array, found ${info.class} ${dimsText(info.dims)}`);
  }
  if (info.complex) throw new StrnnError('INPUT', `${at}: expected a real array, found complex ${info.class}`);
  if (expectDims !== undefined && !matches(info.dims, expectDims)) {
    throw new StrnnError('INPUT', `${at}: expected dims ${expectDims.join('x')}, found ${dimsText(info.dims)}`);
  }
  const value = file.read(name);
  if (value.kind === 'logical') return { data: Float64Array.from(value.data), dims: value.dims };
  if (value.kind !== 'numeric') throw new StrnnError('INPUT', `${at}: expected a numeric array, found ${value.kind}`);
  const real = value.real;
  if (real instanceof Float64Array) return { data: real, dims: value.dims };
  const data = new Float64Array(real.length);
  for (let i = 0; i < real.length; i++) data[i] = Number(real[i]);
  return { data, dims: value.dims };
}

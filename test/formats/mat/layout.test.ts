// toRowMajor: permutations checked against the index formula i + d0*(j + d1*k) (a closed form).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toRowMajor } from '../../../src/formats/mat/index.js';

test('SEED de_LDS1 layout: MATLAB 62 x W x 5 -> row-major W x 62 x 5', () => {
  const C = 62, W = 7, B = 5;
  // Value encodes its MATLAB subscripts: c + 100 w + 10000 b.
  const src = new Float64Array(C * W * B);
  for (let c = 0; c < C; c++) for (let w = 0; w < W; w++) for (let b = 0; b < B; b++) src[c + C * (w + W * b)] = c + 100 * w + 10000 * b;
  const { data, dims } = toRowMajor(src, [C, W, B], [1, 0, 2]);
  assert.deepEqual(dims, [W, C, B]);
  for (let w = 0; w < W; w++) for (let c = 0; c < C; c++) for (let b = 0; b < B; b++) assert.equal(data[(w * C + c) * B + b], c + 100 * w + 10000 * b);
});

test('identity order gives the C-order reading of MATLAB axes; 2-D [1, 0] is the plain reshape', () => {
  const src = Float64Array.from([0, 1, 2, 3, 4, 5]); // 2x3, column-major: (i, j) = i + 2j
  assert.deepEqual(Array.from(toRowMajor(src, [2, 3], [0, 1]).data), [0, 2, 4, 1, 3, 5]);
  assert.deepEqual(Array.from(toRowMajor(src, [2, 3], [1, 0]).data), [0, 1, 2, 3, 4, 5]);
});

test('a dropped trailing singleton axis may be named, BigInt arrays keep their type, empty arrays work', () => {
  const src = new BigInt64Array([1n, 2n, 3n, 4n, 5n, 6n]); // MATLAB 3x2(x1)
  const out = toRowMajor(src, [3, 2], [2, 1, 0]);
  assert.ok(out.data instanceof BigInt64Array);
  assert.deepEqual(out.dims, [1, 2, 3]);
  assert.deepEqual(Array.from(out.data), [1n, 2n, 3n, 4n, 5n, 6n]);
  assert.deepEqual(toRowMajor(new Float32Array(0), [0, 4], [1, 0]).dims, [4, 0]);
});

test('bad orders are INPUT errors', () => {
  const src = new Float64Array(6);
  assert.throws(() => toRowMajor(src, [2, 3], [0, 0]), { code: 'INPUT', message: 'axis order [0, 0] is not a permutation of 0..1' });
  assert.throws(() => toRowMajor(src, [2, 3], [0]), { code: 'INPUT', message: 'axis order [0] omits axes of dims 2x3' });
  assert.throws(() => toRowMajor(src, [2, 2], [1, 0]), { code: 'INPUT', message: 'dims 2x2 hold 4 elements, data has 6' });
});

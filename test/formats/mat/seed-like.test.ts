// SEED-shaped files at test size, written compressed by our writer: a raw file (15 trials of
// 62 x N doubles, named <initials>_eeg<trial>) and a features file (180 variables 62 x W x 5).
// Values follow closed forms so every element is checked. Speed lives in bench/mat-read.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { withTempDir } from '../../helpers.js';
import { matNumeric, openMat, readNumeric, toRowMajor, writeMat, type MatValue } from '../../../src/formats/mat/index.js';

test('raw SEED-like file: 15 compressed trials of 62 x 2001 read back exactly, lazily indexed', { timeout: 20000 }, async () => {
  await withTempDir(async (dir) => {
    const C = 62, N = 2001;
    const vars: Record<string, MatValue> = {};
    // Declared out of order: trial numbers must come from names, not from file order.
    for (const t of [3, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]) {
      const data = new Float64Array(C * N);
      for (let s = 0; s < N; s++) for (let c = 0; c < C; c++) data[c + C * s] = Math.sin(0.01 * s * (c + 1)) * 100 + t;
      vars[`djc_eeg${t}`] = matNumeric(data, [C, N]);
    }
    const path = join(dir, '1_20131027.mat');
    writeMat(path, vars, { compress: true });
    const mat = await openMat(path);
    assert.equal(mat.names().length, 15);
    assert.equal(mat.names()[0], 'djc_eeg3');
    for (const name of mat.names()) {
      const t = Number(/^(.+)_eeg(\d+)$/.exec(name)![2]);
      const { data, dims } = readNumeric(mat, name, [62, '*']);
      assert.deepEqual(dims, [C, N]);
      for (const [c, s] of [[0, 0], [61, 2000], [17, 1234], [5, 1]] as const) {
        assert.equal(data[c + C * s], Math.sin(0.01 * s * (c + 1)) * 100 + t);
      }
    }
  });
});

test('features SEED-like file: 180 variables, de_LDS1 62 x W x 5 -> row-major W x 62 x 5', { timeout: 20000 }, async () => {
  await withTempDir(async (dir) => {
    const C = { de: 62, psd: 62, dasm: 27, rasm: 27, asm: 54, dcau: 23 };
    const W = 4;
    const vars: Record<string, MatValue> = {};
    for (const [feature, channels] of Object.entries(C)) {
      for (const smoothing of ['movingAve', 'LDS']) {
        for (let t = 1; t <= 15; t++) {
          const data = new Float64Array(channels * W * 5);
          // Value encodes (c, w, b) so the permutation is checked element by element.
          for (let b = 0; b < 5; b++) for (let w = 0; w < W; w++) for (let c = 0; c < channels; c++) data[c + channels * (w + W * b)] = t * 1e4 + c * 100 + w * 10 + b;
          vars[`${feature}_${smoothing}${t}`] = matNumeric(data, [channels, W, 5]);
        }
      }
    }
    const path = join(dir, 'features.mat');
    writeMat(path, vars, { compress: true });
    const mat = await openMat(path);
    assert.equal(mat.names().length, 180);
    assert.deepEqual(mat.info('dcau_LDS15'), { class: 'double', dims: [23, W, 5], complex: false });
    const de = readNumeric(mat, 'de_LDS1', [62, '*', 5]);
    const rm = toRowMajor(de.data, de.dims, [1, 0, 2]);
    assert.deepEqual(rm.dims, [W, 62, 5]);
    for (let w = 0; w < W; w++) for (let c = 0; c < 62; c++) for (let b = 0; b < 5; b++) assert.equal(rm.data[(w * 62 + c) * 5 + b], 1e4 + c * 100 + w * 10 + b);
    assert.throws(() => readNumeric(mat, 'asm_LDS2', [62, '*', 5]), { code: 'INPUT', message: `${path}: variable "asm_LDS2": expected dims 62x*x5, found 54x4x5` });
  });
});

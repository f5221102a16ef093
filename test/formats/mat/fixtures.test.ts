// Reading files written by an independent tool: scipy.io.savemat (compressed and not) and files
// hand-packed with Python's struct (big-endian, narrow storage, SEED's label.mat). Expected values
// come from numpy via expected.json (scripts/fixtures/make-mat-fixtures.py), not from our reader.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repoPath } from '../../helpers.js';
import { Mat5File, openMat, readNumeric, toRowMajor } from '../../../src/formats/mat/index.js';
import { describeValue } from './mat-test-utils.js';

interface Expected {
  files: Record<string, Record<string, { kind: string; class?: string; dims: number[] }>>;
}
const expected = JSON.parse(readFileSync(repoPath('test', 'fixtures', 'mat', 'expected.json'), 'utf8')) as Expected;
const fixture = (name: string): string => repoPath('test', 'fixtures', 'mat', name);

for (const [file, vars] of Object.entries(expected.files)) {
  test(`${file}: every variable decodes to the numpy values (source: expected.json)`, async () => {
    const mat = await openMat(fixture(file));
    assert.equal(mat.version, 5);
    assert.deepEqual([...mat.names()].sort(), Object.keys(vars).sort());
    for (const [name, want] of Object.entries(vars)) {
      const info = mat.info(name);
      assert.deepEqual(info.dims, want.dims, `${file} ${name} dims`);
      assert.equal(info.class, want.kind === 'numeric' ? want.class : want.kind, `${file} ${name} class`);
      assert.deepEqual(describeValue(mat.read(name)), want, `${file} ${name}`);
    }
    mat.close();
  });
}

test('scipy 3-D array: element (i, j, k) of 2x3x4 is 100i + 10j + k + 0.5 (numpy formula), both layouts', async () => {
  for (const file of ['scipy-v5.mat', 'scipy-v5-compressed.mat']) {
    const mat = await openMat(fixture(file));
    const { data, dims } = readNumeric(mat, 'cube', [2, 3, 4]);
    assert.deepEqual(dims, [2, 3, 4]);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) {
        for (let k = 0; k < 4; k++) assert.equal(data[i + 2 * (j + 3 * k)], 100 * i + 10 * j + k + 0.5);
      }
    }
    // Row-major with axes (k, i, j): element (k, i, j) at (k*2 + i)*3 + j.
    const rm = toRowMajor(data, dims, [2, 0, 1]);
    assert.deepEqual(rm.dims, [4, 2, 3]);
    assert.equal(rm.data[(3 * 2 + 1) * 3 + 2], 100 * 1 + 10 * 2 + 3 + 0.5);
  }
});

test('SEED label.mat (class double stored as miINT8, compressed) reads as 1 0 -1 -1 0 1 -1 0 1 1 0 -1 0 1 -1', async () => {
  const mat = await openMat(fixture('label.mat'));
  assert.deepEqual(mat.info('label'), { class: 'double', dims: [1, 15], complex: false });
  const { data } = readNumeric(mat, 'label', [1, 15]);
  assert.ok(data instanceof Float64Array);
  assert.deepEqual(Array.from(data), [1, 0, -1, -1, 0, 1, -1, 0, 1, 1, 0, -1, 0, 1, -1]);
});

test('fromBytes reads the same as openMat and names the file in errors', () => {
  const mat = Mat5File.fromBytes(readFileSync(fixture('bigendian.mat')), 'be.mat');
  assert.equal(mat.header.littleEndian, false);
  assert.deepEqual(describeValue(mat.read('m')), expected.files['bigendian.mat']!['m']);
  assert.throws(() => mat.read('nope'), {
    name: 'StrnnError', code: 'NOT_FOUND',
    message: 'be.mat: no variable "nope" (variables: m, i16, zs, txt, cel, zc)',
  });
});

test('readNumeric checks class and dims before decoding', async () => {
  const mat = await openMat(fixture('scipy-v5.mat'));
  const path = fixture('scipy-v5.mat');
  assert.throws(() => readNumeric(mat, 'cube', [2, '*', 5]), {
    code: 'INPUT', message: `${path}: variable "cube": expected dims 2x*x5, found 2x3x4`,
  });
  assert.throws(() => readNumeric(mat, 'txt'), { code: 'INPUT', message: `${path}: variable "txt": expected a numeric array, found char 1x5` });
  assert.throws(() => readNumeric(mat, 'z'), { code: 'INPUT', message: `${path}: variable "z": expected a real array, found complex double` });
  // Trailing singleton dims are implied: 1x15 matches [1, 15, 1].
  assert.deepEqual(readNumeric(mat, 'u8', [1, 3, 1]).data, new Float64Array([0, 1, 255]));
  assert.deepEqual(Array.from(readNumeric(mat, 'i64').data), [-(2 ** 63), 2 ** 53, 2 ** 63]);
});

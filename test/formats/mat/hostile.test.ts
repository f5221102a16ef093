// Truncated, corrupted and hostile MAT-files: each must fail fast with a StrnnError whose exact text
// names the file, the variable (when known) and what was expected versus found. Files are built
// from our writer's output (then damaged) or packed by hand (mat-test-utils.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempDir } from '../../helpers.js';
import { Mat5File, encodeMat, matNumeric, openMat } from '../../../src/formats/mat/index.js';
import { concat, doubles, element, header, matrix, u32 } from './mat-test-utils.js';

const open = (bytes: Uint8Array): Mat5File => Mat5File.fromBytes(bytes, 'x.mat');
const FAST = { timeout: 5000 };

function rejects(fn: () => unknown, code: string, message: string): void {
  const t0 = performance.now();
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof Error && e.name === 'StrnnError', `not a StrnnError: ${String(e)}`);
    assert.equal((e as { code?: string }).code, code);
    assert.equal(e.message, message);
    return true;
  });
  assert.ok(performance.now() - t0 < 1000, 'took over a second');
}

const plain = encodeMat(
  { a: matNumeric(new Float64Array([1, 2, 3])), de_LDS1: matNumeric(new Float64Array(62 * 3 * 5).map((_, i) => i), [62, 3, 5]) },
  { compress: false },
);
const packed = encodeMat(
  { a: matNumeric(new Float64Array([1, 2, 3])), big: matNumeric(new Float64Array(5000).map((_, i) => Math.sin(i))) },
  { compress: true },
);

test('bad headers', FAST, () => {
  rejects(() => open(plain.subarray(0, 50)), 'FORMAT', 'x.mat: file is 50 bytes, a MAT-file header needs 128');
  const v4 = plain.slice();
  v4[126] = 0;
  v4[127] = 0;
  rejects(() => open(v4), 'FORMAT', 'x.mat: expected endian indicator "IM" or "MI" at byte 126, found bytes 0 0');
  const version = plain.slice();
  version[124] = 0x99;
  rejects(() => open(version), 'FORMAT', 'x.mat: expected MAT-file version 0x0100 or 0x0200 at byte 124, found 0x0199');
});

test('truncated files and lying sizes are refused before any allocation', FAST, () => {
  rejects(() => open(plain.subarray(0, plain.length - 100)), 'FORMAT',
    'x.mat: variable "de_LDS1": element at byte 208 claims 7504 bytes but only 7404 remain');
  rejects(() => open(concat(header(), u32(14, 0xfffffff0), new Uint8Array(812))), 'FORMAT',
    'x.mat: variable #1: element at byte 128 claims 4294967280 bytes but only 812 remain');
  rejects(() => open(packed.subarray(0, packed.length - 100)), 'FORMAT',
    `x.mat: variable #2: element at byte 190 claims ${packed.length - 198} bytes but only ${packed.length - 298} remain`);
  rejects(() => open(concat(header(), matrix('x', 6, [1, 1], doubles([1])), new Uint8Array(3))), 'FORMAT',
    'x.mat: variable #2: expected element at byte 200, but only 3 bytes remain');
  rejects(() => open(concat(header(), matrix('x', 6, [1, 1], u32((9 << 16) | 9, 0)))).read('x'), 'FORMAT',
    'x.mat: variable "x": real part at byte 184 is a small element claiming 9 bytes, at most 4 fit');
});

test('dims that overflow or exceed the bytes present', FAST, () => {
  rejects(() => open(concat(header(), matrix('x', 6, [65536, 65536, 65536], doubles([1])))), 'FORMAT',
    'x.mat: variable "x": dims 65536x65536x65536 (281474976710656 elements of double) need at least 281474976710656 bytes but the element holds 16');
  rejects(() => open(concat(header(), matrix('c', 1, [100000, 100000], new Uint8Array(16)))), 'FORMAT',
    'x.mat: variable "c": dims 100000x100000 (10000000000 elements of cell) need at least 80000000000 bytes but the element holds 16');
  rejects(() => open(concat(header(), matrix('x', 6, [2, -1], doubles([1])))), 'FORMAT', 'x.mat: variable #1: dimension 2 is negative (-1)');
  rejects(() => open(concat(header(), matrix('x', 6, [2, 2], doubles([1, 2, 3])))).read('x'), 'FORMAT',
    'x.mat: variable "x": real part: dims 2x2 need 32 bytes of miDOUBLE, found 24');
});

test('wrong element types', FAST, () => {
  rejects(() => open(concat(header(), element(9, new Uint8Array(8)))), 'FORMAT',
    'x.mat: variable #1: expected miMATRIX (14) or miCOMPRESSED (15), found type 9');
  rejects(() => open(concat(header(), matrix('x', 6, [1, 1], element(14, new Uint8Array(8))))).read('x'), 'FORMAT',
    'x.mat: variable "x": real part: expected a numeric data element, found type 14');
  rejects(() => open(concat(header(), matrix('c', 1, [1, 2], concat(matrix('', 6, [1, 1], doubles([1])), doubles([2]))))).read('c'), 'FORMAT',
    'x.mat: variable "c": element c{2}: expected miMATRIX (14), found type 9');
  rejects(() => open(concat(header(), matrix('s', 2, [1, 1], concat(element(5, u32(32)), element(1, new Uint8Array(40)))))).read('s'), 'FORMAT',
    'x.mat: variable "s": field names take 40 bytes, not a multiple of the field-name length 32');
  rejects(() => open(concat(header(), matrix('q', 42, [1, 1], new Uint8Array(0)))), 'FORMAT', 'x.mat: variable #1: unknown array class 42');
  rejects(() => open(concat(header(), matrix('x', 6, [1, 1], doubles([1])), matrix('x', 6, [1, 1], doubles([2])))), 'FORMAT',
    'x.mat: variable "x": appears twice (second copy at byte 200)');
});

test('bad zlib streams, zip bombs and lying inflated sizes', FAST, () => {
  const header0 = packed.slice();
  header0[128 + 8] ^= 0xff;
  rejects(() => open(header0), 'FORMAT', 'x.mat: variable #1: zlib stream is corrupt (incorrect header check)');
  const liar = deflateSync(concat(u32(14, 0xfffffff0), new Uint8Array(64)));
  rejects(() => open(concat(header(), u32(15, liar.length), liar)), 'FORMAT',
    `x.mat: variable #1: compressed element of ${liar.length} bytes claims to inflate to 4294967288 bytes`);
  // 10 MB of zeros after a 72-byte matrix: inflation stops at the declared size.
  const bomb = deflateSync(concat(matrix('b', 6, [1, 1], doubles([1])), new Uint8Array(10_000_000)));
  const bombFile = open(concat(header(), u32(15, bomb.length), bomb));
  rejects(() => bombFile.read('b'), 'FORMAT', 'x.mat: variable "b": compressed data inflates to more than the 72 bytes its element declares');
  const cut = deflateSync(matrix('abc', 6, [1, 1], doubles([1]))).subarray(0, 12);
  rejects(() => open(concat(header(), u32(15, cut.length), cut)), 'FORMAT',
    'x.mat: variable #1: compressed stream of 12 bytes ends after 9 inflated bytes, inside the array header');
});

test('opening is lazy: a damaged checksum in one variable surfaces only when that variable is read', FAST, () => {
  const damaged = packed.slice();
  damaged[damaged.length - 1] ^= 0xff; // adler-32 of the last variable's stream
  const mat = open(damaged);
  assert.deepEqual(mat.info('big'), { class: 'double', dims: [1, 5000], complex: false });
  assert.deepEqual(mat.read('a'), matNumeric(new Float64Array([1, 2, 3])));
  rejects(() => mat.read('big'), 'FORMAT', 'x.mat: variable "big": zlib stream is corrupt (incorrect data check)');
});

test('deep nesting is refused, with the path shortened', FAST, () => {
  let inner = matrix('', 6, [1, 1], doubles([1]));
  for (let d = 0; d < 100; d++) inner = matrix('', 1, [1, 1], inner);
  const mat = open(concat(header(), matrix('deep', 1, [1, 1], inner)));
  rejects(() => mat.read('deep'), 'FORMAT',
    `x.mat: variable "deep" at deep${'{1}'.repeat(10)}{1...${'{1}'.repeat(12)}: cells and structs nest deeper than 64 levels`);
});

test('sparse and object arrays are indexed but refused with UNSUPPORTED', FAST, () => {
  const mat = open(concat(header(), matrix('sp', 5, [3, 3], new Uint8Array(0)), matrix('ob', 3, [1, 1], new Uint8Array(0))));
  assert.deepEqual(mat.info('sp'), { class: 'sparse', dims: [3, 3], complex: false });
  rejects(() => mat.read('sp'), 'UNSUPPORTED', 'x.mat: variable "sp": sparse arrays are not supported');
  rejects(() => mat.read('ob'), 'UNSUPPORTED', 'x.mat: variable "ob": class object is not supported');
});

test('openMat: missing file, folder, and a v7.3 header over garbage', FAST, async () => {
  await withTempDir(async (dir) => {
    const missing = join(dir, 'none.mat');
    await assert.rejects(openMat(missing), { code: 'NOT_FOUND', message: `${missing}: file not found` });
    await assert.rejects(openMat(dir), { code: 'INPUT', message: `${dir}: is a folder, expected a MAT-file` });
    const fake = join(dir, 'fake73.mat');
    const head = header();
    head[124] = 0;
    head[125] = 2;
    writeFileSync(fake, concat(head, new Uint8Array(2000).fill(7)));
    await assert.rejects(openMat(fake), { code: 'FORMAT', message: `${fake}: MAT-file v7.3 header but no HDF5 signature at byte 512` });
    const five = Mat5File.fromBytes.bind(Mat5File);
    assert.throws(() => five(concat(head, new Uint8Array(8)), 'm.mat'), {
      code: 'UNSUPPORTED', message: 'm.mat: v7.3 (HDF5) MAT-file cannot be read from memory',
    });
  });
});

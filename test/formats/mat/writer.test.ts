// Our writer -> our reader round trips for every class, compressed and not, plus the atomic write.
// (scipy.io.loadmat reading the writer's output was checked once by hand; see the MAT report.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempDir } from '../../helpers.js';
import {
  Mat5File, encodeMat, matCell, matChar, matLogical, matNumeric, matStruct, openMat, writeMat, type MatValue,
} from '../../../src/formats/mat/index.js';
import { describeValue } from './mat-test-utils.js';

function ramp<T extends { length: number; [i: number]: number }>(a: T, f: (i: number) => number): T {
  for (let i = 0; i < a.length; i++) a[i] = f(i);
  return a;
}

const VARS: Record<string, MatValue> = {
  d3: matNumeric(ramp(new Float64Array(2 * 3 * 4), (i) => i * 1.5 - 7), [2, 3, 4]),
  d4: matNumeric(ramp(new Float64Array(2 * 1 * 3 * 2), (i) => Math.sqrt(i)), [2, 1, 3, 2]),
  f32: matNumeric(new Float32Array([0.1, -2.5, 3e38]), [3, 1]),
  i8: matNumeric(new Int8Array([-128, 0, 127])),
  u8: matNumeric(new Uint8Array([0, 255])),
  i16: matNumeric(new Int16Array([-32768, 32767])),
  u16: matNumeric(new Uint16Array([65535])),
  i32: matNumeric(new Int32Array([-2147483648, 2147483647])),
  u32: matNumeric(new Uint32Array([4294967295, 1, 2]), [1, 3]),
  i64: matNumeric(new BigInt64Array([-(2n ** 63n), 2n ** 53n + 1n])),
  u64: matNumeric(new BigUint64Array([2n ** 64n - 1n])),
  cplx: matNumeric(new Float64Array([1, 2, 3]), [1, 3], new Float64Array([-1, 0, 0.5])),
  cint: matNumeric(new Int16Array([5]), [1, 1], new Int16Array([-6])),
  flags: matLogical([true, false, false, true, true, false], [2, 3]),
  empty: matNumeric(new Float64Array(0), [0, 3]),
  emptyChar: matChar([]),
  txt: matChar('Hello, µV'),
  rows: matChar(['alpha', 'be']),
  cells: matCell([matChar('a'), matNumeric(new Float64Array([1, 2])), matCell([]), matLogical([1])], [2, 2]),
  st: matStruct({ fs: matNumeric(new Float64Array([200])), name: matChar('SEED'), nested: matStruct({ deep: matCell([matChar('x')]) }) }),
  sa: matStruct([{ x: matNumeric(new Float64Array([1])) }, { x: matChar('two') }, { x: matCell([]) }], [3, 1]),
  noFields: matStruct([{}, {}], [1, 2]),
};

for (const compress of [false, true]) {
  test(`every class survives writer -> reader (${compress ? 'compressed' : 'uncompressed'})`, () => {
    const bytes = encodeMat(VARS, { compress });
    const mat = Mat5File.fromBytes(bytes, 'roundtrip.mat');
    assert.deepEqual(mat.names(), Object.keys(VARS));
    for (const [name, value] of Object.entries(VARS)) {
      assert.deepEqual(describeValue(mat.read(name)), describeValue(value), name);
      const want = value.kind === 'numeric' ? value.class : value.kind;
      assert.deepEqual(mat.info(name), { class: want, dims: value.dims, complex: value.kind === 'numeric' && value.imag !== undefined });
    }
  });
}

test('typed arrays keep their class: int64 stays BigInt64Array, single stays Float32Array', () => {
  const mat = Mat5File.fromBytes(encodeMat(VARS), 'x.mat');
  const i64 = mat.read('i64');
  assert.ok(i64.kind === 'numeric' && i64.real instanceof BigInt64Array);
  assert.equal(i64.real[1], 9007199254740993n);
  const f32 = mat.read('f32');
  assert.ok(f32.kind === 'numeric' && f32.real instanceof Float32Array);
  assert.equal(f32.real[0], Math.fround(0.1));
});

test('compression shrinks redundant data and stores one miCOMPRESSED element per variable', () => {
  const zeros = { z: matNumeric(new Float64Array(10000), [100, 100]) };
  const plain = encodeMat(zeros, { compress: false });
  const packed = encodeMat(zeros, { compress: true });
  assert.equal(plain.length, 128 + 8 + 16 + 16 + 8 + 8 + 80000); // header, tag, flags, dims, name "z" (small), data tag, data
  assert.ok(packed.length < 1000);
  assert.equal(new DataView(packed.buffer).getUint32(128, true), 15);
});

test('writeMat writes atomically: the file appears complete and no temp file is left', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'out', 'a.mat');
    writeMat(path, { label: matNumeric(new Float64Array([1, 0, -1])) }, { compress: true });
    assert.deepEqual(readdirSync(join(dir, 'out')), ['a.mat']);
    const mat = await openMat(path);
    assert.deepEqual(describeValue(mat.read('label')), { kind: 'numeric', class: 'double', dims: [1, 3], real: [1, 0, -1] });
    assert.equal(readFileSync(path).subarray(126, 128).toString('latin1'), 'IM');
  });
});

test('the writer refuses inconsistent values with INPUT errors naming the variable', () => {
  assert.throws(() => encodeMat({ '1bad': matChar('x') }), {
    code: 'INPUT', message: '1bad: variable name is not a MATLAB identifier of at most 63 characters',
  });
  const wrong: MatValue = { kind: 'numeric', class: 'double', dims: [2, 2], real: new Float64Array(3) };
  assert.throws(() => encodeMat({ w: wrong }), { code: 'INPUT', message: 'w: dims 2x2 hold 4 elements, real part has 3' });
  const badRow: MatValue = { kind: 'char', dims: [2, 3], rows: ['abc', 'de'] };
  assert.throws(() => encodeMat({ s: matCell([badRow]) }), { code: 'INPUT', message: 's{1}: row 2 has 2 characters, dims need 3' });
  const badClass: MatValue = { kind: 'numeric', class: 'int8', dims: [1, 1], real: new Float64Array(1) };
  assert.throws(() => encodeMat({ c: badClass }), { code: 'INPUT', message: 'c: class int8 does not match its double data' });
  const missing = { ...matStruct({ a: matChar('x') }), elements: [Object.create(null) as Record<string, MatValue>] };
  assert.throws(() => encodeMat({ st: missing }), { code: 'INPUT', message: 'st: field "a" is missing' });
});

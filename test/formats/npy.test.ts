import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openNpy, readNpy, writeNpy } from '../../src/formats/npy.js';
import { writeRawNpy } from '../npy-bytes.js';
import { repoPath, withTempDir } from '../helpers.js';

const fixture = (name: string) => repoPath('test', 'fixtures', 'npy', name);

test('reads arrays written by NumPy: float32, big-endian float64, int64, uint8 (scripts/fixtures/make-npy-fixtures.py)', () => {
  for (const name of ['samples-f32.npy', 'samples-f64-be.npy']) {
    const a = readNpy(fixture(name));
    assert.deepEqual(a.shape, [2, 3, 4, 5]);
    // value = 1000 b + 100 t + 10 n + f, C order
    assert.equal(a.data[((1 * 3 + 2) * 4 + 3) * 5 + 4], 1234);
    assert.equal(a.data[7], 12);
  }
  assert.deepEqual(Array.from(readNpy(fixture('labels-i64.npy')).data), [0, 2, 1]);
  assert.deepEqual(Array.from(readNpy(fixture('labels-u8.npy')).data), [1, 0, 1]);
});

test('round trip through our writer; 64-byte aligned header', async () => {
  await withTempDir((dir) => {
    const p = join(dir, 'x.npy');
    writeNpy(p, Float32Array.from([1.5, -2, 3]), [3, 1]);
    const back = readNpy(p);
    assert.equal(back.dtype, 'float32');
    assert.deepEqual(back.shape, [3, 1]);
    assert.deepEqual(Array.from(back.data), [1.5, -2, 3]);
    const bytes = readFileSync(p);
    assert.equal((10 + bytes.readUInt16LE(8)) % 64, 0);
  });
});

test('bad files give errors naming the file and the problem', async () => {
  await withTempDir((dir) => {
    const p = join(dir, 'bad.npy');
    writeFileSync(p, 'hello world, not numpy');
    assert.throws(() => readNpy(p), /bad\.npy: not a NumPy \.npy file/);
    const good = readFileSync(fixture('samples-f32.npy'));
    writeFileSync(p, good.subarray(0, good.length - 10));
    assert.throws(() => readNpy(p), /bad\.npy: shape \(2, 3, 4, 5\) needs 480 bytes of data but the file holds 470/);
    assert.throws(() => readNpy(fixture('fortran.npy')), /fortran\.npy: Fortran-order arrays are not supported/);
    assert.throws(() => readNpy(join(dir, 'missing.npy')), /missing\.npy: file not found/);
  });
});

test('openNpy reads any range of values straight from the file, equal to the whole-file read', async () => {
  await withTempDir((dir) => {
    for (const name of ['samples-f32.npy', 'samples-f64-be.npy']) {
      const whole = readNpy(fixture(name));
      const file = openNpy(fixture(name));
      try {
        assert.deepEqual(file.header.shape, [2, 3, 4, 5]);
        const part = new Float32Array(17);
        file.read(50, part);
        assert.deepEqual(Array.from(part), Array.from(whole.data.subarray(50, 67)));
        assert.throws(() => file.read(110, new Float32Array(11)), /values 110\.\.121 lie outside the 120 the file holds/);
      } finally {
        file.close();
      }
    }
    // A shape promising more values than the file holds is refused at open, before any read.
    const p = join(dir, 'short.npy');
    writeRawNpy(p, '<f4', '(1000, 3)', new Uint8Array(40));
    assert.throws(() => openNpy(p), /short\.npy: shape \(1000, 3\) needs 12000 bytes of data but the file holds 40/);
  });
});

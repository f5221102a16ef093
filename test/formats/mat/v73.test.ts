// v7.3 (HDF5) MAT-files. No MATLAB or h5py here, so the fixture is built the way MATLAB lays a v7.3
// file out: HDF5 written by h5wasm, prefixed with a 512-byte user block holding the MAT header
// (version 0x0200). HDF5 accepts the superblock at byte 512 and rebases addresses, exactly as for
// MATLAB's files. Checked: detection, names (without #refs#), MATLAB_class, reversed shapes,
// numeric/logical/char/empty values, UNSUPPORTED for structs. Not checked against a MATLAB-written
// file: attribute string padding and chunked/deflated datasets as MATLAB writes them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import h5wasm from 'h5wasm/node';
import { REPO_ROOT, withTempDir } from '../../helpers.js';
import { openMat, readNumeric } from '../../../src/formats/mat/index.js';
import { describeValue } from './mat-test-utils.js';

async function makeV73(dir: string): Promise<string> {
  await h5wasm.ready;
  const h5Path = join(dir, 'part.h5');
  const f = new h5wasm.File(h5Path, 'w');
  // MATLAB dims 2x3x4 -> HDF5 shape [4, 3, 2]; C-order data is MATLAB's column-major order.
  const cube = Float64Array.from({ length: 24 }, (_, n) => n + 0.5);
  f.create_dataset({ name: 'cube', data: cube, shape: [4, 3, 2] }).create_attribute('MATLAB_class', 'double');
  f.create_dataset({ name: 'counts', data: new Int32Array([-7, 8, 9]), shape: [3, 1] }).create_attribute('MATLAB_class', 'int32');
  f.create_dataset({ name: 'flags', data: new Uint8Array([1, 0, 1]), shape: [1, 3] }).create_attribute('MATLAB_class', 'logical');
  // 'ab';'cd' is 2x2: column-major units a c b d.
  f.create_dataset({ name: 'txt', data: new Uint16Array([97, 99, 98, 100]), shape: [2, 2] }).create_attribute('MATLAB_class', 'char');
  const empty = f.create_dataset({ name: 'none', data: new BigUint64Array([0n, 3n]), shape: [2] });
  empty.create_attribute('MATLAB_class', 'double');
  empty.create_attribute('MATLAB_empty', new Uint8Array([1]), [], '<B');
  f.create_group('s').create_attribute('MATLAB_class', 'struct');
  f.create_group('#refs#');
  f.close();
  const head = Buffer.alloc(512);
  head.write('MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: strnn test HDF5 schema 1.00 .'.padEnd(116, ' '), 0, 'latin1');
  head.writeUInt16LE(0x0200, 124);
  head.write('IM', 126, 'latin1');
  const matPath = join(dir, 'v73.mat');
  writeFileSync(matPath, Buffer.concat([head, readFileSync(h5Path)]));
  return matPath;
}

test('v7.3 file: detection, names, dims reversed from HDF5, values by class', { timeout: 10000 }, async () => {
  await withTempDir(async (dir) => {
    const path = await makeV73(dir);
    const mat = await openMat(path);
    try {
      assert.equal(mat.version, 7.3);
      assert.deepEqual([...mat.names()].sort(), ['counts', 'cube', 'flags', 'none', 's', 'txt']);
      assert.deepEqual(mat.info('cube'), { class: 'double', dims: [2, 3, 4], complex: false });
      const { data, dims } = readNumeric(mat, 'cube', [2, 3, 4]);
      assert.deepEqual(dims, [2, 3, 4]);
      assert.equal(data[1 + 2 * (2 + 3 * 3)], 23.5); // element (1, 2, 3) = column-major index 23
      assert.deepEqual(describeValue(mat.read('counts')), { kind: 'numeric', class: 'int32', dims: [1, 3], real: [-7, 8, 9] });
      assert.deepEqual(describeValue(mat.read('flags')), { kind: 'logical', dims: [3, 1], data: [1, 0, 1] });
      assert.deepEqual(describeValue(mat.read('txt')), { kind: 'char', dims: [2, 2], rows: ['ab', 'cd'] });
      assert.deepEqual(describeValue(mat.read('none')), { kind: 'numeric', class: 'double', dims: [0, 3], real: [] });
      assert.throws(() => mat.read('s'), { code: 'UNSUPPORTED', message: `${path}: variable "s": structs in v7.3 files are not supported` });
      assert.throws(() => mat.read('zz'), { code: 'NOT_FOUND' });
    } finally {
      mat.close();
    }
  });
});

test('damaged v7.3 files: one FORMAT error with HDF5\'s reason, and no HDF5-DIAG lines on stderr', { timeout: 20000 }, async () => {
  await withTempDir(async (dir) => {
    const bytes = readFileSync(await makeV73(dir));
    writeFileSync(join(dir, 'truncated.mat'), bytes.subarray(0, bytes.length - 2000));
    const flipped = Buffer.from(bytes);
    for (let i = 700; i < 900; i++) flipped[i]! ^= 0xff;
    writeFileSync(join(dir, 'flipped.mat'), flipped);
    // In a child process, so that what HDF5 writes to file descriptor 2 can be seen.
    const reader = pathToFileURL(join(REPO_ROOT, 'dist', 'src', 'formats', 'mat', 'index.js')).href;
    for (const [name, message] of [
      ['truncated.mat', /truncated\.mat: MAT-file v7\.3 header but the HDF5 part does not open \(HDF5: File has been truncated\)/],
      ['flipped.mat', /flipped\.mat: damaged MAT-file v7\.3: [a-z "]+ failed \(HDF5: [^)]+\)/],
    ] as const) {
      const code = `const { openMat } = await import(${JSON.stringify(reader)});
        try { const f = await openMat(${JSON.stringify(join(dir, name))}); for (const n of f.names()) f.read(n); console.log('read'); }
        catch (e) { console.log(e.code + ' ' + e.message); }`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
      assert.equal(r.stderr, '', `${name}: nothing on stderr`);
      assert.match(r.stdout, new RegExp(`^FORMAT .*${message.source}`));
    }
  });
});

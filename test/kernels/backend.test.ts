// The wasm backend's host side and backend selection: what a caller can get wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBackend } from '../../src/kernels/select.js';
import { isWasmSimdSupported, wasmBackend, wasmBackendSync } from '../../src/kernels/wasm/index.js';
import { StrnnError } from '../../src/util/errors.js';

test('Node 20 runs WebAssembly SIMD; auto picks the wasm backend, reference and float64 pick the reference', async () => {
  assert.equal(isWasmSimdSupported(), true);
  assert.equal((await createBackend('auto')).name, 'wasm-simd');
  assert.equal((await createBackend('reference')).name, 'reference');
  const f64 = await createBackend('auto', 'float64');
  assert.deepEqual([f64.name, f64.dtype], ['reference', 'float64']);
  await assert.rejects(createBackend('wasm', 'float64'), (e: unknown) => e instanceof StrnnError && e.code === 'CONFIG');
});

test('a wasm backend hands out any number of arenas, each in its own memory; arrays from elsewhere are refused', async () => {
  const backend = await wasmBackend();
  const arena = backend.createArena(1000, 10);
  assert.equal(arena.floats.length, 1000);
  assert.equal(arena.ints.length, 10);
  const second = backend.createArena(500, 1);
  assert.notEqual(second.floats.buffer, arena.floats.buffer);
  // Calls on either arena, interleaved, run on that arena's instance.
  arena.floats.fill(1);
  second.floats.fill(2);
  backend.kernels.scale(arena.floats, 0, 1000, 3);
  backend.kernels.scale(second.floats, 0, 500, 5);
  backend.kernels.addInto(arena.floats, 0, arena.floats, 500, 10);
  assert.deepEqual([arena.floats[0], arena.floats[999], second.floats[0], second.floats[499]], [6, 3, 10, 10]);
  const foreign = new Float32Array(1000);
  assert.throws(() => backend.kernels.scale(foreign, 0, 10, 2), /not a view of this backend's arenas/);
  // Arrays of one call must share an arena; another backend's memory is foreign too.
  assert.throws(() => backend.kernels.addInto(arena.floats, 0, second.floats, 0, 10), /not a view/);
  const other = wasmBackendSync().createArena(1000, 10);
  assert.throws(() => backend.kernels.addInto(arena.floats, 0, other.floats, 0, 10), /not a view/);
  assert.throws(() => backend.kernels.scale(other.floats, 0, 10, 2), /not a view/);
});

test('arena views stay valid: memory is grown once, before the views exist', () => {
  const backend = wasmBackendSync();
  const { floats } = backend.createArena(3_000_000, 100);
  floats.fill(1.5);
  backend.kernels.scale(floats, 2_999_990, 10, 2);
  assert.equal(floats.byteLength, 12_000_000);
  assert.equal(floats[2_999_999], 3);
  assert.equal(floats[0], 1.5);
});

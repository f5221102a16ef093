// Streaming inference: each slice's code computed once (sliceCodes, alone or several per call) and
// the temporal recurrence run on the last T of them (predictFromSliceCodes, one or several samples
// per call) give what predict() gives on the same samples, for overlapping samples as a live stream
// forms them: to rounding on the float64 reference backend, to 1e-6 on the WebAssembly kernels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeConfig } from '../../src/model/config.js';
import { StrnnModel } from '../../src/model/model.js';
import { referenceBackend } from '../../src/kernels/ref/index.js';
import { wasmBackendSync } from '../../src/kernels/wasm/index.js';
import { SEED_62 } from '../../src/montage/seed62.js';
import { gridMontage, type Montage } from '../../src/montage/montage.js';
import { Rng } from '../../src/util/random.js';
import type { Backend } from '../../src/kernels/kernels.js';

/** Windows 0..W−1 (N x dIn each), and predictions of every run of T consecutive windows both ways. */
function compare(backend: Backend, montage: Montage, T: number, W: number): number {
  const cfg = makeConfig({ T, C: 3 });
  const N = montage.nodes.length, slice = N * cfg.dIn;
  const model = new StrnnModel(cfg, montage, { backend, maxBatch: 4 });
  model.initialize(7);
  const rng = new Rng(11);
  const windows = Float32Array.from({ length: W * slice }, () => rng.normal());
  const per = model.sliceCodeLength;
  // One slice per call, and all slices in calls of 5: the same codes.
  const codes = new Float32Array(W * per);
  for (let w = 0; w < W; w++) codes.set(model.sliceCodes(windows.subarray(w * slice, (w + 1) * slice)), w * per);
  for (let w = 0; w < W; w += 5) {
    const n = Math.min(5, W - w);
    const batched = model.sliceCodes(windows.subarray(w * slice, (w + n) * slice), n);
    batched.forEach((v, i) => assert.ok(Math.abs(v - codes[w * per + i]!) <= 1e-6, `slice code ${w * per + i}: ${v} vs ${codes[w * per + i]}`));
  }
  let worst = 0;
  const samples = W - T + 1;
  const all = new Float32Array(samples * T * per);
  for (let first = 0; first < samples; first++) {
    const m = codes.subarray(first * per, (first + T) * per);
    all.set(m, first * T * per);
    const streamed = model.predictFromSliceCodes(m);
    const whole = model.predict(windows.subarray(first * slice, (first + T) * slice), 1);
    assert.equal(streamed.length, cfg.C);
    for (let c = 0; c < cfg.C; c++) worst = Math.max(worst, Math.abs(streamed[c]! - whole[c]!));
  }
  // Several samples per call (up to maxBatch) give the same probabilities as one at a time.
  for (let first = 0; first < samples; first += 4) {
    const n = Math.min(4, samples - first);
    const p = model.predictFromSliceCodes(all.subarray(first * T * per, (first + n) * T * per), n);
    const whole = model.predict(stack(windows, slice, T, first, n), n);
    for (let i = 0; i < p.length; i++) worst = Math.max(worst, Math.abs(p[i]! - whole[i]!));
  }
  return worst;
}

/** Samples first … first + n − 1 of overlapping windows, each T windows, as count x T x slice. */
function stack(windows: Float32Array, slice: number, T: number, first: number, n: number): Float32Array {
  const out = new Float32Array(n * T * slice);
  for (let b = 0; b < n; b++) out.set(windows.subarray((first + b) * slice, (first + b + T) * slice), b * T * slice);
  return out;
}

test('sliceCodes + predictFromSliceCodes equal predict on overlapping samples (wasm float32, SEED montage)', () => {
  const worst = compare(wasmBackendSync(), SEED_62, 9, 14);
  assert.ok(worst <= 1e-6, `max |Δp| = ${worst}`);
});

test('the same on the reference backend (float64), to rounding', () => {
  const worst = compare(referenceBackend('float64'), gridMontage(3, 4), 4, 8);
  assert.ok(worst <= 1e-12, `max |Δp| = ${worst}`);
});

test('streaming inference refuses wrong sizes and non-finite values, naming what it expected', () => {
  const model = new StrnnModel(makeConfig({ T: 3, C: 2 }), gridMontage(2, 2), { backend: referenceBackend('float64'), maxBatch: 1 });
  model.initialize(1);
  assert.throws(() => model.sliceCodes(new Float32Array(19)), /19 values are not 1 time slice\(s\) of N x dIn = 4 x 5 \(20 values\)/);
  assert.throws(() => model.sliceCodes(new Float32Array(80), 4), /count 4 is outside 1\.\.3/);
  const bad = new Float32Array(20);
  bad[6] = Number.NaN;
  assert.throws(() => model.sliceCodes(bad), /non-finite value \(NaN at index 6\)/);
  assert.throws(() => model.predictFromSliceCodes(new Float32Array(5)), /5 values are not 1 sample\(s\) of T x 2 dT = 3 x 60/);
  assert.throws(() => model.predictFromSliceCodes(new Float32Array(360), 2), /count 2 is outside 1\.\.1/);
  const fresh = new StrnnModel(makeConfig({ T: 3, C: 2 }), gridMontage(2, 2), { backend: referenceBackend('float64'), maxBatch: 1 });
  assert.throws(() => fresh.sliceCodes(new Float32Array(20)), /never initialised/);
});

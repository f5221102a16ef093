import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeConfig } from '../../src/model/config.js';
import { StrnnModel } from '../../src/model/model.js';
import { referenceBackend } from '../../src/kernels/ref/index.js';
import { wasmBackendSync } from '../../src/kernels/wasm/index.js';
import { SEED_62 } from '../../src/montage/seed62.js';
import { windowTrials } from '../../src/datasets/samples.js';
import { syntheticSeedTrials } from '../../src/synthetic/seed.js';
import { chunkRange } from '../../src/train/parallel-protocol.js';
import { createParallelEngine } from '../../src/train/parallel.js';
import { localGradients, trainModel } from '../../src/train/train.js';
import type { Backend } from '../../src/kernels/kernels.js';

const CFG = makeConfig({ T: 3, dS: 6, kS: 3, dT: 5, kT: 2 });
const set = windowTrials(syntheticSeedTrials({ subjects: 1, sessions: 1, durationScale: 0.04, seed: 2 }), { T: 3 });

function model(backend: Backend): StrnnModel {
  const m = new StrnnModel(CFG, SEED_62, { backend, maxBatch: 9 });
  m.initialize(4);
  return m;
}

test('chunkRange covers a batch with contiguous, disjoint slices', () => {
  for (const [batch, parts] of [[32, 2], [1, 2], [9, 4], [5, 3]] as const) {
    let next = 0;
    for (let p = 0; p < parts; p++) {
      const { from, to } = chunkRange(batch, parts, p);
      assert.equal(from, next);
      next = to;
    }
    assert.equal(next, batch);
  }
});

for (const [name, make] of [['reference float64', () => referenceBackend('float64')], ['wasm-simd', () => wasmBackendSync()]] as const) {
  test(`parallel gradients equal one-thread gradients within rounding (${name}, 2 and 3 threads)`, () => {
    const single = model(make());
    const idx = Int32Array.from([0, 5, 9, 13, 2, 7, 11, 3, 8]);
    const one = localGradients.batchGradients(single, set, idx);
    const expected = Float64Array.from(single.grads);
    for (const threads of [2, 3]) {
      const m = model(make());
      const engine = createParallelEngine(m, threads);
      try {
        const got = engine.batchGradients(m, set, idx);
        // float64: differences are pure reassociation (~1e-15); float32 wasm: sums of slices in a
        // different order, so 1e-5 relative to the gradient's scale.
        const tol = name.startsWith('reference') ? 1e-12 : 1e-5;
        const scale = Math.max(...Array.from(expected, Math.abs));
        assert.ok(Math.abs(got.ce - one.ce) < tol * Math.max(1, one.ce));
        assert.equal(got.correct, one.correct);
        for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(m.grads[i]! - expected[i]!) <= tol * scale, `grad ${i}: ${m.grads[i]} vs ${expected[i]}`);
        // A batch smaller than the thread count leaves some workers idle.
        const small = engine.batchGradients(m, set, Int32Array.from([4]));
        const ref = model(make());
        const r = localGradients.batchGradients(ref, set, Int32Array.from([4]));
        assert.ok(Math.abs(small.ce - r.ce) < tol * Math.max(1, r.ce));
      } finally {
        engine.close();
      }
    }
  });
}

test('parallel training is deterministic for a thread count', () => {
  const run = () => {
    const m = model(wasmBackendSync());
    const engine = createParallelEngine(m, 2);
    try {
      trainModel(m, set, undefined, { epochs: 2, batchSize: 9, seed: 3 }, {}, engine);
    } finally {
      engine.close();
    }
    return Float32Array.from(m.params);
  };
  assert.deepEqual(run(), run());
});

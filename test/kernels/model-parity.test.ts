// Whole-model parity: one training step of the SEED-default STRNN (B = 32, T = 9, N = 62, dIn = 5) on
// the reference and the wasm SIMD backend from the same seed and data: the loss, every named
// gradient and every parameter after one Adam step agree within test/kernels/tolerances.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Backend } from '../../src/kernels/kernels.js';
import { referenceBackend } from '../../src/kernels/ref/index.js';
import { wasmBackendSync } from '../../src/kernels/wasm/index.js';
import { makeConfig } from '../../src/model/config.js';
import { StrnnModel } from '../../src/model/model.js';
import { SEED_62 } from '../../src/montage/seed62.js';
import { Rng } from '../../src/util/random.js';
import { MODEL_GRADIENT, MODEL_LOSS, MODEL_PARAMETER } from './tolerances.js';

const B = 32;
const LR = 1e-3;
const EPS = 1e-8;

function trainStep(backend: Backend) {
  const cfg = makeConfig({});
  const model = new StrnnModel(cfg, SEED_62, { backend, maxBatch: B });
  model.initialize(7);
  const rng = new Rng(99);
  const x = Float32Array.from({ length: B * cfg.T * 62 * cfg.dIn }, () => rng.normal());
  const y = Int32Array.from({ length: B }, () => rng.int(cfg.C));
  model.zeroGradients();
  model.loadBatch(x, y, Int32Array.from({ length: B }, (_, i) => i));
  const loss = model.lossAndGradients() + model.addPenalties();
  const grads = new Map(model.layout.params.map((p) => [p.name, Float64Array.from(model.grad(p.name))]));
  backend.kernels.adamStep(model.params, model.grads, model.moment1, model.moment2, 0, model.layout.total, LR, 0.9, 0.999, EPS, 1);
  return { loss, grads, params: Float64Array.from(model.params), names: model.layout.params.map((p) => p.name) };
}

test('one training step at SEED defaults: loss, every gradient and the Adam-updated parameters agree across backends', (t) => {
  const ref = trainStep(referenceBackend('float32'));
  const wasm = trainStep(wasmBackendSync());

  const lossBound = MODEL_LOSS.rel * Math.abs(ref.loss);
  assert.ok(Math.abs(wasm.loss - ref.loss) <= lossBound, `loss ${wasm.loss} vs ${ref.loss} (bound ${lossBound})`);

  const problems: string[] = [];
  // Per-parameter gradient bounds, in layout order, reused for the parameter check below.
  const gradBounds: number[] = [];
  let worstRatio = 0;
  let worstName = '';
  for (const name of ref.names) {
    const r = ref.grads.get(name)!;
    const w = wasm.grads.get(name)!;
    const peak = r.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    let worst = 0;
    r.forEach((v, i) => {
      const bound = MODEL_GRADIENT.abs * peak + MODEL_GRADIENT.rel * Math.abs(v);
      gradBounds.push(bound);
      const diff = Math.abs(w[i]! - v);
      if (!(diff <= bound) && problems.length < 8) problems.push(`grad ${name}[${i}]: ${w[i]} vs ${v} (bound ${bound.toExponential(2)})`);
      worst = Math.max(worst, diff / (peak || 1));
    });
    assert.ok(peak > 0 && Number.isFinite(peak), `gradient ${name} is all zero or non-finite`);
    if (worst > worstRatio) [worstRatio, worstName] = [worst, name];
  }
  // Adam's first step moves p by lr g / (|g| + eps): a gradient difference d changes it by at most
  // lr d / (|g| + eps), capped at 2 lr (a sign flip of a gradient near 0).
  const refGrads = ref.names.flatMap((n) => Array.from(ref.grads.get(n)!));
  ref.params.forEach((v, i) => {
    const diff = Math.abs(wasm.params[i]! - v);
    const bound = MODEL_PARAMETER.abs + Math.min(2 * LR, (LR * gradBounds[i]!) / (Math.abs(refGrads[i]!) + EPS));
    if (!(diff <= bound) && problems.length < 16) problems.push(`param ${i}: ${wasm.params[i]} vs ${v} (diff ${diff.toExponential(2)}, bound ${bound.toExponential(2)})`);
  });
  t.diagnostic(`loss ${ref.loss} vs ${wasm.loss}; largest gradient difference ${worstRatio.toExponential(2)} of the tensor's peak (${worstName})`);
  if (problems.length > 0) assert.fail(`backends disagree:\n  ${problems.join('\n  ')}`);
});

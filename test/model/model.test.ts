import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeConfig, type StrnnConfigInput } from '../../src/model/config.js';
import { StrnnModel } from '../../src/model/model.js';
import { parameterLayout } from '../../src/model/layout.js';
import { referenceBackend } from '../../src/kernels/ref/index.js';
import { gridMontage, validateMontage, type Montage } from '../../src/montage/montage.js';
import { SEED_62 } from '../../src/montage/seed62.js';
import { Rng } from '../../src/util/random.js';
import { naiveLogits } from './naive-strnn.js';

// A 3x3 grid with holes: roots in later wavefronts, nodes with one or two predecessors.
const HOLEY: Montage = validateMontage({
  name: 'holey', rows: 3, cols: 3,
  nodes: [{ name: 'a', row: 0, col: 1 }, { name: 'b', row: 1, col: 0 }, { name: 'c', row: 1, col: 2 }, { name: 'd', row: 2, col: 1 }, { name: 'e', row: 2, col: 2 }],
});

const TINY: StrnnConfigInput = { T: 3, dIn: 2, C: 3, dS: 3, kS: 2, dT: 3, kT: 2 };

function randomBatch(rng: Rng, B: number, cfg: { T: number; dIn: number }, N: number) {
  const x = Float64Array.from({ length: B * cfg.T * N * cfg.dIn }, () => rng.normal());
  const y = Int32Array.from({ length: B }, () => rng.int(3));
  return { x, y };
}

test('spec fact: 81,653 parameters at SEED defaults, in the spec table order', () => {
  const layout = parameterLayout(makeConfig({}), 62);
  assert.equal(layout.total, 81653);
  assert.deepEqual(layout.params.slice(0, 5).map((p) => p.name), ['spatial.tl.U', 'spatial.tl.W', 'spatial.tl.b', 'spatial.tl.G', 'spatial.tr.U']);
  assert.deepEqual(layout.byName.get('temporal.fwd.R')!.shape, [30, 1200]);
  assert.deepEqual(layout.byName.get('head.P')!.shape, [3, 300]);
});

for (const [name, montage, extra] of [
  ['holey 3x3, tanh', HOLEY, {}],
  ['full 2x3 grid, relu', gridMontage(2, 3), { spatialActivation: 'relu', temporalActivation: 'relu' }],
  ['SEED-62, tanh, L2 on', SEED_62, { dS: 2, dT: 2, lambdaW: 1e-2, T: 2 }],
] as const) {
  test(`wavefront batches equal the plain node-by-node spec formulas (${name})`, () => {
    const cfg = makeConfig({ ...TINY, ...extra });
    const model = new StrnnModel(cfg, montage, { backend: referenceBackend('float64'), maxBatch: 4 });
    model.initialize(3);
    const rng = new Rng(11);
    const N = montage.nodes.length;
    const { x } = randomBatch(rng, 3, cfg, N);
    model.loadBatch(x, undefined, [0, 1, 2]);
    model.forward();
    const logits = model.logits();
    for (let b = 0; b < 3; b++) {
      const ref = naiveLogits(cfg, montage, (n) => model.param(n), x.subarray(b * cfg.T * N * cfg.dIn, (b + 1) * cfg.T * N * cfg.dIn));
      // Same float64 arithmetic in a different order: agreement to rounding (1e-12 absolute).
      ref.forEach((v, c) => assert.ok(Math.abs(v - logits[b * cfg.C + c]!) < 1e-12, `sample ${b} class ${c}: ${v} vs ${logits[b * cfg.C + c]}`));
    }
  });

  test(`gradient check by central differences, every parameter and the input (${name})`, () => {
    const cfg = makeConfig({ ...TINY, ...extra });
    const model = new StrnnModel(cfg, montage, { backend: referenceBackend('float64'), maxBatch: 4 });
    model.initialize(5);
    const N = montage.nodes.length;
    const B = 2;
    const { x, y } = randomBatch(new Rng(9), B, cfg, N);
    const objective = () => {
      model.loadBatch(x, y, [0, 1]);
      model.zeroGradients();
      return model.lossAndGradients({ inputGrad: true }) + model.addPenalties();
    };
    objective();
    const analytic = Float64Array.from(model.grads);
    const dInput = model.inputGradient();
    // Central differences with h = 1e-6 in float64: truncation error O(h^2) ~ 1e-12 and rounding
    // ~1e-16/h = 1e-10, so 1e-6 relative (with a 1e-8 absolute floor) leaves a wide margin yet
    // catches any wrong term (those show up at 1e-2 or worse). ReLU kinks are not hit at this seed.
    const h = 1e-6;
    const check = (label: string, get: () => number, set: (v: number) => void, expected: number) => {
      const v0 = get();
      set(v0 + h);
      const up = objective();
      set(v0 - h);
      const down = objective();
      set(v0);
      const numeric = (up - down) / (2 * h);
      const err = Math.abs(numeric - expected) / Math.max(1e-8, Math.abs(numeric) + Math.abs(expected));
      assert.ok(err < 1e-6 || Math.abs(numeric - expected) < 1e-8, `${label}: analytic ${expected}, numeric ${numeric}`);
    };
    for (const spec of model.layout.params) {
      for (let i = 0; i < spec.size; i++) {
        const at = spec.offset + i;
        check(`${spec.name}[${i}]`, () => model.params[at]!, (v) => (model.params[at] = v), analytic[at]!);
      }
    }
    for (let i = 0; i < x.length; i += 3) check(`x[${i}]`, () => x[i]!, (v) => (x[i] = v), dInput[i]!);
  });
}

test('same seed, same weights; different seed, different weights', () => {
  const cfg = makeConfig(TINY);
  const make = (seed: number) => {
    const m = new StrnnModel(cfg, HOLEY, { backend: referenceBackend('float32'), maxBatch: 2 });
    m.initialize(seed);
    return Array.from(m.params);
  };
  assert.deepEqual(make(1), make(1));
  assert.notDeepEqual(make(1), make(2));
});

test('default initialisation: each tensor within ±1/sqrt(fan-in) and spread over it', () => {
  const m = new StrnnModel(makeConfig({}), SEED_62, { backend: referenceBackend('float32'), maxBatch: 1 });
  m.initialize(0);
  for (const spec of m.layout.params) {
    const v = m.param(spec.name);
    const bound = 1 / Math.sqrt(spec.fanIn);
    const max = Array.from(v).reduce((a, b) => Math.max(a, Math.abs(b)), 0);
    assert.ok(max <= bound, `${spec.name}: ${max} > ${bound}`);
    if (spec.size >= 30) assert.ok(max > 0.8 * bound, `${spec.name}: values do not cover the range`);
  }
});

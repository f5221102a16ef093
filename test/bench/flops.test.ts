import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainStepFlops } from '../../bench/flops.js';
import type { Backend, Kernels } from '../../src/kernels/kernels.js';
import { referenceBackend } from '../../src/kernels/ref/index.js';
import { makeConfig } from '../../src/model/config.js';
import { StrnnModel } from '../../src/model/model.js';
import { gridMontage } from '../../src/montage/montage.js';
import { SEED_62 } from '../../src/montage/seed62.js';
import type { Montage } from '../../src/montage/montage.js';

/** A reference backend whose gemm (and gemmBias) adds 2·m·n·k to a counter (source of truth: the calls made). */
function countingBackend(): { backend: Backend; flops: () => number } {
  const base = referenceBackend('float64');
  let flops = 0;
  const kernels: Kernels = {
    ...base.kernels,
    gemm(...args: Parameters<Kernels['gemm']>) {
      flops += 2 * args[2] * args[3] * args[4];
      base.kernels.gemm(...args);
    },
    // gemmBias is a gemm whose stores add the bias: the same 2·m·n·k multiply-adds.
    gemmBias(...args: Parameters<Kernels['gemmBias']>) {
      flops += 2 * args[2] * args[3] * args[4];
      base.kernels.gemmBias(...args);
    },
  };
  return { backend: { ...base, kernels }, flops: () => flops };
}

function countedStep(montage: Montage, cfg: ReturnType<typeof makeConfig>, B: number): { forward: number; step: number } {
  const { backend, flops } = countingBackend();
  const model = new StrnnModel(cfg, montage, { backend, maxBatch: B });
  model.initialize(3);
  const per = cfg.T * montage.nodes.length * cfg.dIn;
  const x = Float64Array.from({ length: B * per }, (_, i) => Math.sin(i));
  const y = Int32Array.from({ length: B }, (_, i) => i % cfg.C);
  model.loadBatch(x, y, Array.from({ length: B }, (_, i) => i));
  model.forward();
  const forward = flops();
  model.zeroGradients();
  model.lossAndGradients();
  // lossAndGradients runs the forward again, then the backward.
  return { forward, step: flops() - forward };
}

test('trainStepFlops matches a hand count at tiny dims', () => {
  // B = 1, T = 2, N = 2, every other size 1, C = 2: S = 2, L = Lt = 1.
  // forward: spatial 4 × (2·2·2·1·1 [U] + 2·2·2·1·1 [W] + 2·2·1·1·2 [G]) = 4 × 24 = 96
  //          temporal 2 × (4·2·2·1·1 [R] + 2·1·1·1·1 [V] + 2·1·1·1·2 [H]) = 2 × 22 = 44
  //          classifier 2·2·1·2·1 = 8                                        → 148
  // backward: classifier 2 × (2·2·1·1 + 2·1·1·2) = 16
  //           temporal 2 × (2·(2·2·1·1·1) + 2·(2·1·1·1·1) + 4·(2·1·1·2 + 2·2·1·1)) = 2 × 44 = 88
  //           spatial 4 × (2·(2·2·2·1·1) + 2·(2·2·2·1·1) + 2·1·1·2·2) = 4 × 40 = 160 → 264
  const c = trainStepFlops({ B: 1, T: 2, N: 2, dIn: 1, dS: 1, kS: 1, dT: 1, kT: 1, C: 2 });
  assert.equal(c.forward, 148);
  assert.equal(c.backward, 264);
  assert.equal(c.total, 412);
});

test('trainStepFlops equals the flops of the gemm calls one step makes', () => {
  const cases: [Montage, ReturnType<typeof makeConfig>, number][] = [
    [gridMontage(3, 4), makeConfig({ T: 3, dIn: 2, dS: 5, kS: 3, dT: 4, kT: 2, C: 3 }), 2],
    [SEED_62, makeConfig({ T: 2, dS: 3, kS: 2, dT: 3, kT: 2 }), 3],
    [gridMontage(2, 2), makeConfig({ T: 1, dIn: 3, dS: 2, kS: 1, dT: 2, kT: 1, C: 2 }), 1],
  ];
  for (const [montage, cfg, B] of cases) {
    const counted = countedStep(montage, cfg, B);
    const formula = trainStepFlops({ B, T: cfg.T, N: montage.nodes.length, dIn: cfg.dIn, dS: cfg.dS, kS: cfg.kS, dT: cfg.dT, kT: cfg.kT, C: cfg.C });
    assert.equal(formula.forward, counted.forward, `${montage.name} T=${cfg.T} forward`);
    assert.equal(formula.total, counted.step, `${montage.name} T=${cfg.T} step`);
  }
});

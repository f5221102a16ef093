// Deterministic initialisation (spec: "Default initialisation"). Tensors are filled in spec order from
// one seeded stream, so the same seed gives bit-identical weights on every backend.
import type { FloatArray } from '../kernels/kernels.js';
import { Rng } from '../util/random.js';
import type { StrnnConfig } from './config.js';
import type { ParamLayout } from './layout.js';

export function initializeParameters(params: FloatArray, layout: ParamLayout, cfg: StrnnConfig, seed: number): void {
  const rng = new Rng(seed);
  for (const p of layout.params) {
    let bound: number;
    if (cfg.init === 'fan-in-uniform') {
      // Every tensor, biases included, uniform in (-1/sqrt(f), 1/sqrt(f)) with f its layer's fan-in.
      bound = 1 / Math.sqrt(p.fanIn);
    } else {
      // Glorot-uniform weights, zero biases.
      bound = p.isBias ? 0 : Math.sqrt(6 / (p.fanIn + p.fanOut));
    }
    for (let i = 0; i < p.size; i++) params[p.offset + i] = bound === 0 ? 0 : rng.uniform(-bound, bound);
  }
}

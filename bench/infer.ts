// Single-thread inference latency at SEED defaults, the cases of `npm run bench` section 2 without
// the checkpoint files: predict of 1 sample (median of 300) and of 256 samples (median of 25).
// Run: node dist/bench/infer.js
import { wasmBackendSync } from '../src/kernels/wasm/index.js';
import { makeConfig } from '../src/model/config.js';
import { StrnnModel } from '../src/model/model.js';
import { SEED_62 } from '../src/montage/seed62.js';
import { Rng } from '../src/util/random.js';

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function timePredict(batch: number, warmup: number, repeats: number): number {
  const cfg = makeConfig({});
  const model = new StrnnModel(cfg, SEED_62, { backend: wasmBackendSync(), maxBatch: batch });
  model.initialize(1);
  const rng = new Rng(5);
  const x = Float32Array.from({ length: batch * cfg.T * 62 * cfg.dIn }, () => rng.normal());
  const times: number[] = [];
  for (let i = 0; i < warmup + repeats; i++) {
    const t0 = performance.now();
    model.predict(x, batch);
    if (i >= warmup) times.push(performance.now() - t0);
  }
  return median(times);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`B = 1:   median ${timePredict(1, 50, 300).toFixed(3)} ms`);
  console.log(`B = 256: median ${timePredict(256, 3, 25).toFixed(2)} ms`);
}

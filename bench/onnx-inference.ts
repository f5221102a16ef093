// Inference time of an exported SEED-default model (N = 62, d_in = 5, T = 9, C = 3) in ONNX Runtime's
// WebAssembly build (onnxruntime-web under Node, one thread) next to strnn's own predict (wasm SIMD
// kernels, one thread), on the same random input; also checks that both give the same probabilities.
// Median of 15 runs after 3 warm-up runs.
// Run: npm run build && node dist/bench/onnx-inference.js
import * as ort from 'onnxruntime-web';
import { exportOnnx } from '../src/export/onnx-export.js';
import { wasmBackendSync } from '../src/kernels/wasm/index.js';
import { makeConfig } from '../src/model/config.js';
import { StrnnModel } from '../src/model/model.js';
import { SEED_62 } from '../src/montage/seed62.js';
import { Rng } from '../src/util/random.js';

const WARMUP = 3;
const RUNS = 15;

async function medianMs(run: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t0 = performance.now();
    await run();
    if (i >= WARMUP) times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

ort.env.wasm.numThreads = 1;
const cfg = makeConfig({});
const model = new StrnnModel(cfg, SEED_62, { backend: wasmBackendSync(), maxBatch: 256 });
model.initialize(1);
const ckpt = { model, classNames: ['negative', 'neutral', 'positive'] };
const t0 = performance.now();
const bytes = exportOnnx(ckpt);
const exportMs = performance.now() - t0;
const session = await ort.InferenceSession.create(bytes);
const rng = new Rng(3);
console.log(`export: ${(bytes.length / 1e3).toFixed(1)} kB in ${exportMs.toFixed(0)} ms`);
for (const B of [256, 1]) {
  const x = Float32Array.from({ length: B * cfg.T * 62 * cfg.dIn }, () => rng.normal());
  const feeds = { x: new ort.Tensor('float32', x, [B, cfg.T, 62, cfg.dIn]) };
  const onnxMs = await medianMs(() => session.run(feeds));
  const strnnMs = await medianMs(() => model.predict(x, B));
  const p = (await session.run(feeds)).probabilities!.data as Float32Array;
  const q = model.predict(x, B);
  const diff = p.reduce((d, v, i) => Math.max(d, Math.abs(v - q[i]!)), 0);
  console.log(`B = ${B}: onnxruntime-web ${onnxMs.toFixed(3)} ms, strnn ${strnnMs.toFixed(3)} ms, max |Δp| ${diff.toExponential(1)}`);
}

// Single-thread time of one full training step at SEED defaults (B = 32, T = 9, N = 62, dIn = 5):
// zeroGradients + loadBatch + lossAndGradients + addPenalties + Adam over all parameters.
// Median of 20 steps after 5 warm-up steps, per backend.
// Run: node dist/bench/train-step.js [wasm|reference|both] [--by-kernel]   (default both)
// --by-kernel also prints where the time of a step goes, per kernel method and gemm shape.
import type { Backend, Kernels } from '../src/kernels/kernels.js';
import { referenceBackend } from '../src/kernels/ref/index.js';
import { wasmBackendSync } from '../src/kernels/wasm/index.js';
import { makeConfig } from '../src/model/config.js';
import { StrnnModel } from '../src/model/model.js';
import { SEED_62 } from '../src/montage/seed62.js';
import { Rng } from '../src/util/random.js';

const B = 32;
const WARMUP = 5;
const STEPS = 20;

export function timeTrainStep(backend: Backend, steps = STEPS): number[] {
  const cfg = makeConfig({});
  const model = new StrnnModel(cfg, SEED_62, { backend, maxBatch: B });
  model.initialize(1);
  const rng = new Rng(5);
  const samples = 4 * B;
  const x = Float32Array.from({ length: samples * cfg.T * 62 * cfg.dIn }, () => rng.normal());
  const y = Int32Array.from({ length: samples }, () => rng.int(cfg.C));
  const k = backend.kernels;
  const times: number[] = [];
  for (let step = 1; step <= WARMUP + steps; step++) {
    const first = (step % 4) * B;
    const indices = Int32Array.from({ length: B }, (_, i) => first + i);
    const t0 = performance.now();
    model.zeroGradients();
    model.loadBatch(x, y, indices);
    const loss = model.lossAndGradients() + model.addPenalties();
    k.adamStep(model.params, model.grads, model.moment1, model.moment2, 0, model.layout.total, 1e-3, 0.9, 0.999, 1e-8, step);
    const t1 = performance.now();
    if (!Number.isFinite(loss)) throw new Error(`loss ${loss} at step ${step}`);
    if (step > WARMUP) times.push(t1 - t0);
  }
  return times;
}

/** The backend with every kernel call timed into `spent` (key: method, plus shape for gemm). */
function timedBackend(backend: Backend, spent: Map<string, number>): Backend {
  const kernels = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(backend.kernels) as [string, (...args: unknown[]) => unknown][]) {
    kernels[name] = (...args: unknown[]) => {
      const key = name === 'gemm' ? `gemm ${args[0] ? 'T' : 'N'}${args[1] ? 'T' : 'N'} ${args[2]}x${args[3]}x${args[4]}` : name;
      const t0 = performance.now();
      const r = fn(...args);
      spent.set(key, (spent.get(key) ?? 0) + performance.now() - t0);
      return r;
    };
  }
  return { ...backend, createArena: backend.createArena.bind(backend), kernels: kernels as unknown as Kernels };
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const which = process.argv[2] ?? 'both';
  const backends: [string, () => Backend][] = [];
  if (which !== 'reference') backends.push(['wasm-simd', wasmBackendSync]);
  if (which !== 'wasm') backends.push(['reference', () => referenceBackend('float32')]);
  for (const [name, make] of backends) {
    const t = timeTrainStep(make());
    console.log(`${name.padEnd(10)} median ${median(t).toFixed(2)} ms/step  (min ${Math.min(...t).toFixed(2)}, max ${Math.max(...t).toFixed(2)}, ${t.length} steps)`);
    if (process.argv.includes('--by-kernel')) {
      const spent = new Map<string, number>();
      const steps = 10;
      const total = median(timeTrainStep(timedBackend(make(), spent), steps));
      // Grouping small shapes: wavefront gemms differ only in their row count.
      const groups = new Map<string, number>();
      for (const [key, ms] of spent) {
        const group = key.replace(/^(gemm [NT]{2}) (\d+)x30x30$/, (_, g: string, m: string) => (Number(m) % 288 === 0 && Number(m) > 288 ? `${g} (wavefronts)x30x30` : key));
        groups.set(group, (groups.get(group) ?? 0) + ms / (WARMUP + steps));
      }
      let kernelTotal = 0;
      for (const [key, ms] of [...groups].sort((a, b) => b[1] - a[1])) {
        kernelTotal += ms;
        if (ms >= 0.1) console.log(`  ${key.padEnd(36)} ${ms.toFixed(2).padStart(6)} ms/step`);
      }
      console.log(`  all kernels ${kernelTotal.toFixed(1)} ms of a ${total.toFixed(1)} ms step (the rest: loading the batch, zeroing gradients, host calls)`);
    }
  }
}

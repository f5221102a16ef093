// Micro-benchmark of the kernels at the model's real shapes (SEED defaults, B = 32): each gemm of
// src/model/layers/ and the main elementwise kernels, wasm SIMD against the reference. Prints the
// time per call, GFLOP/s for gemm, and the time per training step (calls per step x time per call).
// Run: node dist/bench/kernels/kernels-bench.js [--no-ref]
import type { Backend, Kernels } from '../../src/kernels/kernels.js';
import { referenceBackend } from '../../src/kernels/ref/index.js';
import { wasmBackendSync } from '../../src/kernels/wasm/index.js';

const FLOATS = 3 << 20;

interface Bench {
  name: string;
  perStep: number;
  flops: number;
  run(k: Kernels, f: Float32Array): void;
}

// [label, transA, transB, m, n, k, lda, ldb, ldc, calls per step]
const GEMMS: [string, boolean, boolean, number, number, number, number, number, number, number][] = [
  ['spatial input term      xp U^T', false, true, 17856, 30, 5, 5, 5, 30, 4],
  ['spatial wavefront  hsum W^T (8 pos)', false, true, 2304, 30, 30, 30, 30, 30, 4 * 17856 / 2304],
  ['spatial projection      h^T gp', true, false, 8640, 10, 62, 8640, 10, 10, 4],
  ['spatial back dhsum  dPre W (8 pos)', false, false, 2304, 30, 30, 30, 30, 30, 4 * 17856 / 2304],
  ['spatial dW         dPre^T hsum', true, false, 30, 30, 17856, 30, 30, 30, 4],
  ['spatial dU           dPre^T xp', true, false, 30, 5, 17856, 30, 5, 5, 4],
  ['projection dh        gp dm^T', false, true, 62, 8640, 10, 10, 10, 8640, 4],
  ['projection dgp          h dm', false, false, 62, 10, 8640, 8640, 10, 10, 4],
  ['temporal input      m_r R_r^T', false, true, 288, 30, 300, 300, 1200, 30, 8],
  ['temporal dR       dPre^T m_r', true, false, 30, 300, 288, 30, 300, 1200, 8],
  ['temporal dm         dPre R_r', false, false, 288, 300, 30, 30, 1200, 300, 8],
  ['temporal step      q V^T (B=32)', false, true, 32, 30, 30, 30, 30, 30, 16],
  ['temporal back step  dPre V', false, false, 32, 30, 30, 30, 30, 30, 16],
];

const benches: Bench[] = GEMMS.map(([name, ta, tb, m, n, k, lda, ldb, ldc, perStep]) => ({
  name: `gemm ${ta ? 'T' : 'N'}${tb ? 'T' : 'N'} ${m}x${n}x${k} ${name}`,
  perStep,
  flops: 2 * m * n * k,
  run: (kk, f) => kk.gemm(ta, tb, m, n, k, 1, f, 0, lda, f, 1 << 20, ldb, 1, f, 2 << 20, ldc),
}));
benches.push(
  { name: 'activate tanh 17856x30', perStep: 4, flops: 0, run: (k, f) => k.activate('tanh', f, 0, 535680) },
  { name: 'activationBackward tanh 17856x30', perStep: 4, flops: 0, run: (k, f) => k.activationBackward('tanh', f, 0, f, 0, f, 1 << 20, 535680) },
  { name: 'addBias 17856x30', perStep: 4, flops: 0, run: (k, f) => k.addBias(f, 0, 17856, 30, f, 1 << 20) },
  { name: 'sumRows 17856x30', perStep: 4, flops: 0, run: (k, f) => k.sumRows(f, 1 << 20, f, 0, 17856, 30) },
  { name: 'sumPredecessors 8 pos x 2 preds, block 8640', perStep: 4 * 62 / 8, flops: 0, run: (k, f) => k.sumPredecessors(f, 0, f, 1 << 20, PRED_START, PRED_POS, 8, 16, 8640) },
  { name: 'adamStep 81653', perStep: 1, flops: 0, run: (k, f) => k.adamStep(f, f.subarray(100000), f.subarray(200000), f.subarray(300000), 0, 81653, 1e-3, 0.9, 0.999, 1e-8, 3) },
);

// A fake sweep: positions 8..15 each sum positions p-8 and p-7; the arrays are re-created per backend.
let PRED_START: Int32Array = new Int32Array(0);
let PRED_POS: Int32Array = new Int32Array(0);

// Best of 10 windows (the machine is shared: the best window is the least disturbed one).
function timeIt(run: () => void, budgetMs: number): number {
  run();
  let best = Infinity;
  for (let w = 0; w < 10; w++) {
    let reps = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < budgetMs / 10) {
      run();
      reps++;
      t = performance.now();
    }
    best = Math.min(best, (t - t0) / reps);
  }
  return best;
}

function setup(backend: Backend): { k: Kernels; f: Float32Array } {
  const arena = backend.createArena(FLOATS, 64);
  const f = arena.floats as Float32Array;
  for (let i = 0; i < FLOATS; i++) f[i] = Math.sin(i * 0.001) * 0.5;
  const start = arena.ints.subarray(0, 17);
  for (let p = 0; p <= 16; p++) start[p] = p <= 8 ? 0 : 2 * (p - 8);
  const pos = arena.ints.subarray(17, 33);
  for (let e = 0; e < 16; e++) pos[e] = (e >> 1) + (e & 1);
  PRED_START = start;
  PRED_POS = pos;
  return { k: backend.kernels, f };
}

const withRef = !process.argv.includes('--no-ref');
const wasm = setup(wasmBackendSync());
const wasmStart = [PRED_START, PRED_POS] as const;
const ref = withRef ? setup(referenceBackend('float32')) : undefined;
const refStart = [PRED_START, PRED_POS] as const;
let wasmTotal = 0;
let refTotal = 0;
console.log('kernel'.padEnd(62), 'wasm ms   GFLOP/s  ms/step |   ref ms   GFLOP/s  speedup');
for (const b of benches) {
  [PRED_START, PRED_POS] = wasmStart;
  const tw = timeIt(() => b.run(wasm.k, wasm.f), 300);
  wasmTotal += tw * b.perStep;
  let line = `${b.name.padEnd(62)} ${tw.toFixed(3).padStart(7)} ${b.flops ? (b.flops / tw / 1e6).toFixed(1).padStart(8) : '       -'} ${(tw * b.perStep).toFixed(2).padStart(8)}`;
  if (ref) {
    [PRED_START, PRED_POS] = refStart;
    const tr = timeIt(() => b.run(ref.k, ref.f), 300);
    refTotal += tr * b.perStep;
    line += ` | ${tr.toFixed(3).padStart(8)} ${b.flops ? (b.flops / tr / 1e6).toFixed(2).padStart(8) : '       -'} ${(tr / tw).toFixed(1).padStart(7)}x`;
  }
  console.log(line);
}
console.log(`per-step total of the listed kernels: wasm ${wasmTotal.toFixed(1)} ms${ref ? `, reference ${refTotal.toFixed(1)} ms` : ''}`);

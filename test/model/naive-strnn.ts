// An independent, deliberately plain STRNN forward pass written straight from the spec's formulas
// (node by node, sample by sample, with natural indices and no wavefronts, no shared buffers). The
// tests use it as the oracle for the batched wavefront implementation.
import type { Montage } from '../../src/montage/montage.js';
import { DIRECTIONS, predecessors } from '../../src/montage/sweeps.js';
import type { StrnnConfig } from '../../src/model/config.js';

type Get = (name: string) => ArrayLike<number>;

function sigma(kind: 'tanh' | 'relu', x: number): number {
  return kind === 'tanh' ? Math.tanh(x) : Math.max(0, x);
}

/** Logits of one sample x (T x N x dIn, row-major). */
export function naiveLogits(cfg: StrnnConfig, montage: Montage, get: Get, x: ArrayLike<number>): number[] {
  const { T, dIn, dS, kS, dT, kT, C } = cfg;
  const N = montage.nodes.length;
  const m: number[][] = Array.from({ length: T }, () => []);
  for (const r of DIRECTIONS) {
    const U = get(`spatial.${r}.U`), W = get(`spatial.${r}.W`), b = get(`spatial.${r}.b`), G = get(`spatial.${r}.G`);
    const preds = predecessors(montage, r);
    for (let t = 0; t < T; t++) {
      const h: (number[] | undefined)[] = new Array(N);
      const state = (v: number): number[] => {
        const known = h[v];
        if (known) return known;
        const sum = new Array(dS).fill(0);
        for (const p of preds[v]!) state(p).forEach((val, i) => (sum[i] += val));
        const out = new Array(dS);
        for (let i = 0; i < dS; i++) {
          let a = b[i]!;
          for (let f = 0; f < dIn; f++) a += U[i * dIn + f]! * x[(t * N + v) * dIn + f]!;
          for (let j = 0; j < dS; j++) a += W[i * dS + j]! * sum[j];
          out[i] = sigma(cfg.spatialActivation, a);
        }
        h[v] = out;
        return out;
      };
      // S = H G with H = [h(v)] as dS x N; appended row-major.
      for (let i = 0; i < dS; i++) {
        for (let j = 0; j < kS; j++) {
          let s = 0;
          for (let v = 0; v < N; v++) s += state(v)[i]! * G[v * kS + j]!;
          m[t]!.push(s);
        }
      }
    }
  }
  const L = 4 * dS * kS;
  const z: number[] = [];
  for (const dir of ['fwd', 'bwd']) {
    const R = get(`temporal.${dir}.R`), V = get(`temporal.${dir}.V`), b = get(`temporal.${dir}.b`), H = get(`temporal.${dir}.H`);
    const q: number[][] = new Array(T);
    const steps = dir === 'fwd' ? [...Array(T).keys()] : [...Array(T).keys()].reverse();
    let prev = new Array(dT).fill(0);
    for (const t of steps) {
      const cur = new Array(dT);
      for (let i = 0; i < dT; i++) {
        let a = b[i]!;
        for (let j = 0; j < L; j++) a += R[i * L + j]! * m[t]![j]!;
        for (let j = 0; j < dT; j++) a += V[i * dT + j]! * prev[j];
        cur[i] = sigma(cfg.temporalActivation, a);
      }
      q[t] = cur;
      prev = cur;
    }
    for (let i = 0; i < dT; i++) for (let j = 0; j < kT; j++) {
      let s = 0;
      for (let t = 0; t < T; t++) s += q[t]![i]! * H[t * kT + j]!;
      z.push(s);
    }
  }
  const P = get('head.P'), c = get('head.c');
  return Array.from({ length: C }, (_, o) => {
    let a = c[o]!;
    for (let j = 0; j < z.length; j++) a += P[o * z.length + j]! * z[j]!;
    return a;
  });
}

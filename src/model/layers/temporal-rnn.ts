// Bi-directional temporal RNN, one direction per call (spec: "Bi-directional temporal RNN"):
//   fwd: qf[t] = σ_t( Rf m[t] + Vf qf[t-1] + bf ),  t = 1..T,  qf[0] = 0
//   bwd: qb[t] = σ_t( Rb m[t] + Vb qb[t+1] + bb ),  t = T..1,  qb[T+1] = 0
// q is indexed by real time in both directions. Slices are time-major, so time step t of the whole
// batch is one contiguous B x dT block.
import type { Activation, FloatArray, Kernels } from '../../kernels/kernels.js';
import type { Dims } from '../config.js';

/** m is stored as 4 direction blocks of S x L with L = dS kS; R's columns follow the same blocks. */
function featureLength(d: Dims): number {
  return d.dS * d.kS;
}

// q: T x B x dT          out: states (kept for σ' and for dV, dH)
// m: 4 x S x (dS kS)     in
// R: dT x (4 dS kS), V: dT x dT, b: dT
export function temporalRnnForward(
  k: Kernels, f: FloatArray,
  q: number,
  m: number,
  R: number, V: number, b: number,
  reverse: boolean, act: Activation, d: Dims,
): void {
  temporalInputForward(k, f, q, m, R, b, d);
  temporalRecurrenceForward(k, f, q, V, reverse, act, d);
}

// The input term of every slice, q = Σ_r m_r R_r^T + b (pre-activation). Row s depends on slice s
// alone, so streaming inference computes it once per slice (StrnnModel.sliceCodes).
// q: S x dT (out), m: 4 x S x (dS kS), R: dT x (4 dS kS), b: dT
export function temporalInputForward(k: Kernels, f: FloatArray, q: number, m: number, R: number, b: number, d: Dims): void {
  const { S, dT } = d;
  const L = featureLength(d);
  k.gemmBias(false, true, S, dT, L, f, m, L, f, R, 4 * L, f, b, f, q, dT);
  for (let r = 1; r < 4; r++) k.gemm(false, true, S, dT, L, 1, f, m + r * S * L, L, f, R + r * L, 4 * L, 1, f, q, dT);
}

// The recurrence over time on top of the input term: q[t] = σ_t(q[t] + V q[prev]), in place.
// q: T x B x dT (in: input terms, out: states), V: dT x dT
export function temporalRecurrenceForward(k: Kernels, f: FloatArray, q: number, V: number, reverse: boolean, act: Activation, d: Dims): void {
  const { B, T, dT } = d;
  for (let i = 0; i < T; i++) {
    const t = reverse ? T - 1 - i : i;
    const prev = reverse ? t + 1 : t - 1; // the recurrence's previous step (absent at the first)
    if (i > 0) k.gemm(false, true, B, dT, dT, 1, f, q + prev * B * dT, dT, f, V, dT, 1, f, q + t * B * dT, dT);
    k.activate(act, f, q + t * B * dT, B * dT);
  }
}

// dm: 4 x S x (dS kS)    accumulated (both directions add into it)
// dR, dV, db             accumulated
// dq: T x B x dT         in: gradient w.r.t. q from the projection; overwritten with dPre
export function temporalRnnBackward(
  k: Kernels, f: FloatArray,
  dm: number,
  dR: number, dV: number, db: number,
  dq: number,
  q: number, m: number,
  R: number, V: number,
  reverse: boolean, act: Activation, d: Dims,
): void {
  const { B, T, S, dT } = d;
  const L = featureLength(d);
  // Walk time against the recurrence, so dq[t] is complete before it is used.
  for (let i = T - 1; i >= 0; i--) {
    const t = reverse ? T - 1 - i : i;
    const prev = reverse ? t + 1 : t - 1;
    k.activationBackward(act, f, dq + t * B * dT, f, dq + t * B * dT, f, q + t * B * dT, B * dT);
    // pre[t] += V q[prev]:  dq[prev] += dPre[t] V.
    if (i > 0) k.gemm(false, false, B, dT, dT, 1, f, dq + t * B * dT, dT, f, V, dT, 1, f, dq + prev * B * dT, dT);
  }
  if (T > 1) {
    // dV = Σ_t dPre[t]^T q[prev(t)] over the steps that have a previous one: one product over
    // T-1 consecutive time blocks (fwd: dPre[1..T-1] with q[0..T-2]; bwd: dPre[0..T-2] with q[1..T-1]).
    const dPreFrom = reverse ? dq : dq + B * dT;
    const qFrom = reverse ? q + B * dT : q;
    k.gemm(true, false, dT, dT, (T - 1) * B, 1, f, dPreFrom, dT, f, qFrom, dT, 1, f, dV, dT);
  }
  k.sumRows(f, db, f, dq, S, dT);
  for (let r = 0; r < 4; r++) {
    // pre = m_r R_r^T:  dR_r += dPre^T m_r,  dm_r += dPre R_r.
    k.gemm(true, false, dT, L, S, 1, f, dq, dT, f, m + r * S * L, L, 1, f, dR + r * L, 4 * L);
    k.gemm(false, false, S, L, dT, 1, f, dq, dT, f, R + r * L, 4 * L, 1, f, dm + r * S * L, L);
  }
}

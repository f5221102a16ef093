// Temporal sparse projection (spec: "Temporal sparse projection"): Z = Q H with Q = [q[1] … q[T]]
// (dT x T) and H: T x kT, for each sample. Viewing q (T x B x dT) as T x (B dT), all samples are one
// product: z[(b, i)][j] = Σ_t q[t][(b, i)] H[t][j], i.e. z[b] = rowmajor(Z_b).
import type { FloatArray, Kernels } from '../../kernels/kernels.js';
import type { Dims } from '../config.js';

// z: B x (dT kT)   out
// q: T x B x dT    in
// H: T x kT
export function temporalProjectionForward(k: Kernels, f: FloatArray, z: number, q: number, H: number, d: Dims): void {
  const { B, T, dT, kT } = d;
  k.gemm(true, false, B * dT, kT, T, 1, f, q, B * dT, f, H, kT, 0, f, z, kT);
}

// dq: T x B x dT   out: overwritten
// dH: T x kT       accumulated
// dz: B x (dT kT)  in
export function temporalProjectionBackward(
  k: Kernels, f: FloatArray, dq: number, dH: number, dz: number, q: number, H: number, d: Dims,
): void {
  const { B, T, dT, kT } = d;
  // z = q^T H:  dq = H dz^T,  dH += q dz.
  k.gemm(false, true, T, B * dT, kT, 1, f, H, kT, f, dz, kT, 0, f, dq, B * dT);
  k.gemm(false, false, T, kT, B * dT, 1, f, q, B * dT, f, dz, kT, 1, f, dH, kT);
}

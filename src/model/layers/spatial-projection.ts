// Spatial sparse projection (spec: "Spatial sparse projection"): S[r][t] = H[r][t] G_r, where
// H[r][t] is the d_s x N matrix of slice t's states. Written into m's block for direction r, so that
// m[t] = concat_r rowmajor(S[r][t]) without a copy.
//
// The states are position-major in sweep order, so G_r's rows are first gathered into the same order.
import type { FloatArray, Kernels } from '../../kernels/kernels.js';
import type { Dims } from '../config.js';

// m:  S x (dS kS)   out: this direction's block of per-slice features
// gp: N x kS        out: G rows in sweep order; kept for the backward
// h:  N x S x dS    in: spatial states
// G:  N x kS        weight (node order)
export function spatialProjectionForward(
  k: Kernels, f: FloatArray,
  m: number, gp: number,
  h: number,
  G: number, order: Int32Array, d: Dims,
): void {
  const { S, N, dS, kS } = d;
  k.gatherNodes(f, gp, f, G, order, 1, N, kS);
  // Viewing h as N x (S dS): m[(s, i)][j] = Σ_p h[p][(s, i)] gp[p][j].
  k.gemm(true, false, S * dS, kS, N, 1, f, h, S * dS, f, gp, kS, 0, f, m, kS);
}

// dh:  N x S x dS   out: gradient w.r.t. the states (overwritten)
// dG:  N x kS       accumulated
// dgp: N x kS       scratch
// dm:  S x (dS kS)  in
export function spatialProjectionBackward(
  k: Kernels, f: FloatArray,
  dh: number, dG: number, dgp: number,
  dm: number,
  h: number, gp: number,
  order: Int32Array, d: Dims,
): void {
  const { S, N, dS, kS } = d;
  // m = h^T gp:  dh = gp dm^T,  dgp = h dm.
  k.gemm(false, true, N, S * dS, kS, 1, f, gp, kS, f, dm, kS, 0, f, dh, S * dS);
  k.gemm(false, false, N, kS, S * dS, 1, f, h, S * dS, f, dm, kS, 0, f, dgp, kS);
  k.scatterNodes(f, dG, f, dgp, order, 1, N, kS);
}

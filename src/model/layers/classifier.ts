// Classifier (spec: "Classifier"): o = P concat(rowmajor(Zf), rowmajor(Zb)) + c. z is stored as two
// direction blocks (B x dT kT each), so P's columns are used as the matching two blocks.
import type { FloatArray, Kernels } from '../../kernels/kernels.js';
import type { Dims } from '../config.js';

// logits: B x C           out
// z: 2 x B x (dT kT)      in
// P: C x (2 dT kT), c: C
export function classifierForward(k: Kernels, f: FloatArray, logits: number, z: number, P: number, c: number, d: Dims): void {
  const { B, C } = d;
  const L = d.dT * d.kT;
  k.gemmBias(false, true, B, C, L, f, z, L, f, P, 2 * L, f, c, f, logits, C);
  k.gemm(false, true, B, C, L, 1, f, z + B * L, L, f, P + L, 2 * L, 1, f, logits, C);
}

// dz: 2 x B x (dT kT)   out: overwritten
// dP, dc                accumulated
// dLogits: B x C        in
export function classifierBackward(
  k: Kernels, f: FloatArray, dz: number, dP: number, dc: number, dLogits: number, z: number, P: number, d: Dims,
): void {
  const { B, C } = d;
  const L = d.dT * d.kT;
  for (let dir = 0; dir < 2; dir++) {
    // logits = z_dir P_dir^T:  dP_dir += dLogits^T z_dir,  dz_dir = dLogits P_dir.
    k.gemm(true, false, C, L, B, 1, f, dLogits, C, f, z + dir * B * L, L, 1, f, dP + dir * L, 2 * L);
    k.gemm(false, false, B, L, C, 1, f, dLogits, C, f, P + dir * L, 2 * L, 0, f, dz + dir * B * L, L);
  }
  k.sumRows(f, dc, f, dLogits, B, C);
}

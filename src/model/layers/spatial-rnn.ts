// Spatial RNN over one direction r (spec: "Layers", first formula):
//   h[r][t][v] = σ_s( U_r x[t][v] + W_r Σ_{p ∈ P_r(v)} h[r][t][p] + b_r )
// Time is folded into the batch (S = T·B slices) and each wavefront of the sweep is one block of
// positions, so a whole wavefront of every slice is updated by one matrix product.
//
// All buffers are offsets into the model's arena `f`. States are position-major (N x S x dS) in the
// sweep's wavefront order, so that a wavefront is contiguous.
import type { Activation, FloatArray, Kernels } from '../../kernels/kernels.js';
import type { Dims } from '../config.js';

/** A sweep's index arrays as arena views, plus its wavefront boundaries (host side). */
export interface SweepIndex {
  order: Int32Array; // N: node at each position
  predStart: Int32Array; // N + 1
  predPos: Int32Array; // edges
  levelStart: readonly number[]; // wavefronts + 1
}

// h:    N x S x dS   out: states; kept for the projection and for σ' in the backward
// hsum: N x S x dS   out: predecessor sums; kept for dW
// xp:   N x S x dIn  out: node-major input; kept for dU
// x:    S x N x dIn  in
// U: dS x dIn, W: dS x dS, b: dS
export function spatialRnnForward(
  k: Kernels, f: FloatArray,
  h: number, hsum: number, xp: number,
  x: number,
  U: number, W: number, b: number,
  sweep: SweepIndex, act: Activation, d: Dims,
): void {
  const { S, N, dIn, dS } = d;
  const block = S * dS; // one position, all slices
  k.gatherNodes(f, xp, f, x, sweep.order, S, N, dIn);
  // Input term and bias for every position at once: h = xp U^T + b (still pre-activation).
  k.gemmBias(false, true, N * S, dS, dIn, f, xp, dIn, f, U, dIn, f, b, f, h, dS);
  const levels = sweep.levelStart;
  for (let w = 0; w + 1 < levels.length; w++) {
    const p0 = levels[w]!;
    const p1 = levels[w + 1]!;
    const rows = (p1 - p0) * S;
    // Predecessors sit in earlier wavefronts, already activated.
    k.sumPredecessors(f, hsum, f, h, sweep.predStart, sweep.predPos, p0, p1, block);
    k.gemm(false, true, rows, dS, dS, 1, f, hsum + p0 * block, dS, f, W, dS, 1, f, h + p0 * block, dS);
    k.activate(act, f, h + p0 * block, rows * dS);
  }
}

// dx:    S x N x dIn  in/out: input gradient, accumulated (skipped when dx < 0)
// dxp:   N x S x dIn  scratch
// dU: dS x dIn, dW: dS x dS, db: dS   accumulated
// dh:    N x S x dS   in: gradient w.r.t. h from the projection; overwritten with dPre
// dhsum: N x S x dS   scratch
export function spatialRnnBackward(
  k: Kernels, f: FloatArray,
  dx: number, dxp: number,
  dU: number, dW: number, db: number,
  dh: number, dhsum: number,
  h: number, hsum: number, xp: number,
  U: number, W: number,
  sweep: SweepIndex, act: Activation, d: Dims,
): void {
  const { S, N, dIn, dS } = d;
  const block = S * dS;
  const levels = sweep.levelStart;
  // Walk the wavefronts backwards: a node's dh is complete once every later wavefront has pushed
  // its share through W (forward line: h[p] = σ(... + W hsum[p])).
  for (let w = levels.length - 2; w >= 0; w--) {
    const p0 = levels[w]!;
    const p1 = levels[w + 1]!;
    const rows = (p1 - p0) * S;
    // dPre = dh ⊙ σ'(h), in place.
    k.activationBackward(act, f, dh + p0 * block, f, dh + p0 * block, f, h + p0 * block, rows * dS);
    // hsum[p] fed pre[p] through W:  dhsum = dPre W.
    k.gemm(false, false, rows, dS, dS, 1, f, dh + p0 * block, dS, f, W, dS, 0, f, dhsum + p0 * block, dS);
    // hsum[p] = Σ h[pred]:  every predecessor receives dhsum[p].
    k.scatterPredecessors(f, dh, f, dhsum, sweep.predStart, sweep.predPos, p0, p1, block);
  }
  // Weight gradients over all positions and slices at once (dh now holds dPre everywhere).
  k.gemm(true, false, dS, dS, N * S, 1, f, dh, dS, f, hsum, dS, 1, f, dW, dS);
  k.gemm(true, false, dS, dIn, N * S, 1, f, dh, dS, f, xp, dIn, 1, f, dU, dIn);
  k.sumRows(f, db, f, dh, N * S, dS);
  if (dx >= 0) {
    // pre = U xp:  dxp = dPre U, then undo the node-major gather.
    k.gemm(false, false, N * S, dIn, dS, 1, f, dh, dS, f, U, dIn, 0, f, dxp, dIn);
    k.scatterNodes(f, dx, f, dxp, sweep.order, S, N, dIn);
  }
}

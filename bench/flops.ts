// Analytic floating-point operation count of strnn's matrix products (every `gemm` the layers of
// src/model/layers/ issue), used by the benchmark to turn a training-step time into GFLOP/s.
// A product of an m x k by a k x n matrix counts 2·m·n·k flops; elementwise work (tanh, bias, sums
// of predecessors, softmax, Adam) is not counted, so the figure is a lower bound of the work done.

/** The spec's dimension letters for one batch (S = T·B slices). */
export interface FlopDims {
  B: number;
  T: number;
  N: number;
  dIn: number;
  dS: number;
  kS: number;
  dT: number;
  kT: number;
  C: number;
}

export interface FlopCount {
  forward: number;
  backward: number;
  total: number;
}

/**
 * Flops of one training step's gemms (forward, then the backward without the input gradient):
 *
 *   S = T·B, L = dS·kS (per-direction slice feature), Lt = dT·kT (per-direction temporal feature)
 *   forward, 4 spatial directions:   U  2·(N·S)·dS·dIn     W (every wavefront, root included) 2·(N·S)·dS·dS
 *                                    G  2·(S·dS)·kS·N
 *           2 temporal directions:   R  4 blocks × 2·S·dT·L     V (T-1 steps) 2·(T-1)·B·dT·dT
 *                                    H  2·(B·dT)·kT·T
 *           classifier:              P  2 blocks × 2·B·C·Lt
 *   backward, classifier:            dP, dz   2 blocks × (2·C·Lt·B + 2·B·Lt·C)
 *           2 temporal directions:   dq, dH   2·T·(B·dT)·kT each
 *                                    dq through V (T-1 steps) 2·(T-1)·B·dT·dT,  dV 2·dT·dT·(T-1)·B
 *                                    dR, dm   4 blocks × (2·dT·L·S + 2·S·L·dT)
 *           4 spatial directions:    dh, dG   2·N·(S·dS)·kS each
 *                                    dhsum through W (every wavefront) 2·(N·S)·dS·dS,  dW 2·dS·dS·(N·S)
 *                                    dU       2·dS·dIn·(N·S)
 */
export function trainStepFlops(d: FlopDims): FlopCount {
  const { B, T, N, dIn, dS, kS, dT, kT, C } = d;
  const S = T * B;
  const L = dS * kS;
  const Lt = dT * kT;
  const spatialFwd = 2 * N * S * dS * dIn + 2 * N * S * dS * dS + 2 * S * dS * kS * N;
  const temporalFwd = 4 * 2 * S * dT * L + 2 * (T - 1) * B * dT * dT + 2 * B * dT * kT * T;
  const classifierFwd = 2 * 2 * B * C * Lt;
  const forward = 4 * spatialFwd + 2 * temporalFwd + classifierFwd;

  const classifierBwd = 2 * (2 * C * Lt * B + 2 * B * Lt * C);
  const temporalBwd = 2 * (2 * T * B * dT * kT) + 2 * (2 * (T - 1) * B * dT * dT) + 4 * (2 * dT * L * S + 2 * S * L * dT);
  const spatialBwd = 2 * (2 * N * S * dS * kS) + 2 * (2 * N * S * dS * dS) + 2 * dS * dIn * N * S;
  const backward = classifierBwd + 2 * temporalBwd + 4 * spatialBwd;
  return { forward, backward, total: forward + backward };
}

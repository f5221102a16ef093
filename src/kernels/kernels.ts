// The kernel interface: the few numeric primitives every STRNN layer is built from. The layers in
// src/model/layers/ are written once against this interface; src/kernels/ref/ (plain TypeScript,
// float32 or float64, the oracle) and src/kernels/wasm/ (WebAssembly SIMD, float32) implement it.
//
// Conventions, shared by both backends:
// - Arrays come with an element offset; matrices are row-major with a leading dimension (BLAS style),
//   so a layer can address a block of a larger buffer without creating views.
// - Accumulate rule: parameter and input gradients (dU, dW, db, dG, dR, dV, dH, dP, dc, dx) are always
//   accumulated into (`+=`); the model zeroes them once per step. Scratch outputs that a layer owns
//   (pre-activations, probabilities, internal deltas) are overwritten unless a call says otherwise
//   (gemm's beta selects).
// - Kernels never allocate and never grow memory: the model sizes one arena at build time.
// - Index arrays (Int32Array) live in the same arena as the floats (the wasm backend needs them in its
//   memory) and are passed as whole views.

export type FloatArray = Float32Array | Float64Array;
export type Dtype = 'float32' | 'float64';
export type Activation = 'tanh' | 'relu';

export interface Kernels {
  /** C = alpha * op(A) * op(B) + beta * C; op(A) is m x k, op(B) is k x n, C is m x n. beta 0 ignores C's old values. */
  gemm(
    transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
    a: FloatArray, aOff: number, lda: number,
    b: FloatArray, bOff: number, ldb: number,
    beta: number, c: FloatArray, cOff: number, ldc: number,
  ): void;

  /**
   * C = op(A) * op(B) + 1 bias^T: gemm with alpha 1 whose rows each start from bias (n floats); C is
   * overwritten. The layers' input terms (pre-activation = input product + bias) in one pass over C.
   */
  gemmBias(
    transA: boolean, transB: boolean, m: number, n: number, k: number,
    a: FloatArray, aOff: number, lda: number,
    b: FloatArray, bOff: number, ldb: number,
    bias: FloatArray, biasOff: number, c: FloatArray, cOff: number, ldc: number,
  ): void;

  /** x[i][j] += bias[j] for a rows x cols block. */
  addBias(x: FloatArray, xOff: number, rows: number, cols: number, bias: FloatArray, biasOff: number): void;

  /** x = act(x) in place over n elements. */
  activate(act: Activation, x: FloatArray, off: number, n: number): void;

  /** dPre = dY * act'(pre), with act' written in terms of the output Y (tanh: 1 - y^2; relu: y > 0). Overwrites dPre. */
  activationBackward(
    act: Activation, dPre: FloatArray, dPreOff: number, dY: FloatArray, dYOff: number, y: FloatArray, yOff: number, n: number,
  ): void;

  /** out[j] += sum_i x[i][j] for a rows x cols block (bias gradients). */
  sumRows(out: FloatArray, outOff: number, x: FloatArray, xOff: number, rows: number, cols: number): void;

  /** out[p][s][:] = x[s][order[p]][:]   (x: S x N x d, out: N x S x d) — node-major gather. */
  gatherNodes(out: FloatArray, outOff: number, x: FloatArray, xOff: number, order: Int32Array, s: number, nodes: number, d: number): void;

  /** dx[s][order[p]][:] += dOut[p][s][:] — the adjoint of gatherNodes (accumulates). */
  scatterNodes(dx: FloatArray, dxOff: number, dOut: FloatArray, dOutOff: number, order: Int32Array, s: number, nodes: number, d: number): void;

  /**
   * For positions p in [p0, p1): out block p = sum of x blocks predPos[predStart[p] .. predStart[p+1]-1]
   * (zero when p has no predecessor). A block is `block` contiguous elements.
   */
  sumPredecessors(
    out: FloatArray, outOff: number, x: FloatArray, xOff: number,
    predStart: Int32Array, predPos: Int32Array, p0: number, p1: number, block: number,
  ): void;

  /** Adjoint of sumPredecessors: dx block q += dOut block p for every edge q -> p with p in [p0, p1). */
  scatterPredecessors(
    dx: FloatArray, dxOff: number, dOut: FloatArray, dOutOff: number,
    predStart: Int32Array, predPos: Int32Array, p0: number, p1: number, block: number,
  ): void;

  /**
   * Row-wise softmax of logits (rows x cols) into probs. With labels: returns the summed cross-entropy
   * -sum_i log p[i][y_i] and writes dLogits = scale * (p - onehot(y)) (overwrites). Without labels returns 0.
   * Subtracts the row maximum before exp so large logits do not overflow.
   */
  softmaxCrossEntropy(
    probs: FloatArray, probsOff: number, logits: FloatArray, logitsOff: number, rows: number, cols: number,
    labels: Int32Array | undefined, dLogits: FloatArray | undefined, dLogitsOff: number, scale: number,
  ): number;

  /** Returns lambda * sum |w| and adds lambda * sign(w) to grad (subgradient 0 at 0). */
  l1Penalty(grad: FloatArray, gOff: number, w: FloatArray, wOff: number, n: number, lambda: number): number;

  /** Returns lambda * sum w^2 and adds 2 * lambda * w to grad. */
  l2Penalty(grad: FloatArray, gOff: number, w: FloatArray, wOff: number, n: number, lambda: number): number;

  /** sum x^2 over n elements, accumulated in float64. */
  sumSquares(x: FloatArray, off: number, n: number): number;

  /** x *= alpha over n elements. */
  scale(x: FloatArray, off: number, n: number, alpha: number): void;

  /** y += x over n elements (summing gradients of data-parallel workers). */
  addInto(y: FloatArray, yOff: number, x: FloatArray, xOff: number, n: number): void;

  /**
   * One Adam update of n parameters (bias-corrected, step >= 1):
   * m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  p -= lr * (m / (1-b1^step)) / (sqrt(v / (1-b2^step)) + eps).
   */
  adamStep(
    p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, off: number, n: number,
    lr: number, beta1: number, beta2: number, eps: number, step: number,
  ): void;

  /** SGD with (heavy-ball) momentum: vel = mu vel + g;  p -= lr vel. */
  sgdMomentumStep(p: FloatArray, g: FloatArray, vel: FloatArray, off: number, n: number, lr: number, momentum: number): void;
}

/** Memory handed out by a backend: one float buffer and one index buffer, sized once. */
export interface Arena {
  floats: FloatArray;
  ints: Int32Array;
}

export interface Backend {
  /** 'reference' or 'wasm-simd'. */
  readonly name: string;
  readonly dtype: Dtype;
  readonly kernels: Kernels;
  /** Allocates the arena for one model. WebAssembly memory is sized here and never grows afterwards. */
  createArena(floats: number, ints: number): Arena;
}

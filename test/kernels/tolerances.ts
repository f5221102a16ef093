// Every tolerance the backend parity tests use, with its reason. The reference backend (float32
// storage, float64 arithmetic inside each kernel) is the expected value; the wasm backend computes in
// float32. A value passes when |actual - expected| <= abs * scale + rel * |expected|, where scale is
// 1 unless the test supplies a per-element magnitude (sum of |terms|) for a reduction. Non-finite
// expected values must be matched exactly (NaN by NaN, ±Infinity by itself), whatever the tolerance.

export interface Tolerance {
  readonly abs: number;
  readonly rel: number;
  readonly reason: string;
}

/** Unit roundoff of float32. */
export const U32 = 2 ** -24;

export const EXACT: Tolerance = {
  abs: 0, rel: 0,
  reason: 'data movement, or one correctly rounded float32 operation per element in both backends (the reference\'s float64 sum of two float32 values is exact, so its single rounding to float32 equals float32 addition)',
};

/**
 * A sum of `terms` products or values accumulated in float32 in some order; `scale` is the sum of the
 * terms' magnitudes (plus |beta C| for gemm). Standard bound |fl(sum) - sum| <= n u sum|terms| with
 * n = terms + 3 roundings (the chain, alpha, beta, and the reference's own rounding to float32).
 */
export function reduction(terms: number): Tolerance {
  return { abs: (terms + 3) * U32, rel: 0, reason: `float32 summation of ${terms} terms against float64: (n+3) u sum|terms|` };
}

/**
 * gemmBias: the k products summed in float32, then the bias added in the store (one more term and one
 * more rounding); the reference adds the bias to its float64 sum and rounds once. scale = sum|terms| + |bias|.
 */
export function gemmBias(k: number): Tolerance {
  return { abs: (k + 4) * U32, rel: 0, reason: `float32 sum of ${k} products plus the bias against float64: (k+4) u (sum|terms| + |bias|)` };
}

export const TANH: Tolerance = {
  abs: 1e-30, rel: 4e-7,
  reason: 'rational vector tanh measured at 3.1e-7 relative (bench/kernels/fit-tanh.ts) plus half an ulp (6e-8) of the reference\'s rounding; abs only absorbs denormals',
};

export const TANH_BACKWARD: Tolerance = {
  abs: 0, rel: 4 * U32,
  reason: 'dY (1-y)(1+y): three float32 roundings plus the reference\'s final one',
};

export const SOFTMAX: Tolerance = {
  abs: 1e-30, rel: 2 * U32,
  reason: 'both compute in float64; AssemblyScript\'s exp/log may differ from V8\'s by a float64 ulp, which can flip the final float32 rounding by one ulp',
};

export const FLOAT64_SUM: Tolerance = {
  abs: 0, rel: 1e-12,
  reason: 'float64 accumulation in a different order (vector lanes): relative 1e-16 per term, far below 1e-12 for these sizes',
};

export const SCALE: Tolerance = {
  abs: 0, rel: 2 * U32,
  reason: 'alpha is rounded to float32 before the product (the reference multiplies by the float64 alpha): two roundings instead of one',
};

export const MOMENT: Tolerance = {
  abs: 5 * U32, rel: 0,
  reason: 'a two-term update (b m + (1-b) g, mu vel + g) in float32: coefficient, two products, the sum and the reference\'s rounding, times the sum of |terms| (the terms can cancel)',
};

export const OPTIMIZER: Tolerance = {
  abs: 1e-9, rel: 8 * U32,
  reason: 'parameter update in float32 (reference: float64 then one rounding): up to ~8 roundings; abs covers updates of size lr (1e-3 here) times 8 u at parameters near 0',
};

// Whole-model training step (test/kernels/model-parity.test.ts). One step chains ~60 kernels; float32
// gemm reductions over up to 17,856 terms (weight gradients) and 300-term products feeding tanh
// recurrences over 9 time steps and up to 17 wavefronts. Errors of ~1e-6 relative per kernel grow to
// at most ~1e-6..1e-5 of each tensor's magnitude, hence bounds relative to the tensor's largest entry.

export const MODEL_LOSS: Tolerance = {
  abs: 0, rel: 1e-6,
  reason: 'observed 3e-9 relative; the loss is a mean of B log-sum-exps of logits computed through the whole network in float32',
};

export const MODEL_GRADIENT: Tolerance = {
  abs: 2e-5, rel: 1e-3,
  reason: 'abs is relative to the tensor\'s largest |entry| (errors scale with the tensor, not each element; observed 1.2e-6 at the worst tensor, spatial.tl.b); rel covers large entries',
};

export const MODEL_PARAMETER: Tolerance = {
  abs: 1e-6, rel: 0,
  reason: 'Adam step 1 moves each parameter by lr g / (|g| + eps); on top of this float32 allowance the test adds the gradient bound propagated through that map: lr d / (|g| + eps), at most 2 lr',
};

// A linear baseline for the face experiments: multinomial logistic regression on the apex frame's
// patches (the last of a sequence's T frames, N x d_in = 64 x 64 pixel values), z-scored with the
// training part's statistics, L2-regularised, fitted by full-batch Adam from zero weights (so it is
// deterministic). Hand-written because it is twenty lines and a dependency would bring its own
// numerics; it answers one question: does STRNN beat a linear model on the same folds?
import type { FeatureTrial } from '../src/datasets/types.js';

export interface LogRegOptions {
  /** L2 weight on the coefficients (not the biases). */
  l2: number;
  iterations: number;
  learningRate: number;
}

export const DEFAULT_LOGREG: LogRegOptions = { l2: 1e-2, iterations: 200, learningRate: 0.01 };

/** The apex frame's values (W x N x dIn → N·dIn, the last frame). */
function apex(t: FeatureTrial): Float64Array {
  const size = t.nodes * t.features;
  return Float64Array.from(t.data.subarray((t.windows - 1) * size, t.windows * size));
}

/** Accuracy of a logistic regression fitted on `train` and scored on `test`. */
export function logRegAccuracy(train: readonly FeatureTrial[], test: readonly FeatureTrial[], C: number, o: LogRegOptions = DEFAULT_LOGREG): number {
  const xs = train.map(apex);
  const D = xs[0]!.length;
  const mean = new Float64Array(D);
  const std = new Float64Array(D);
  for (const x of xs) for (let d = 0; d < D; d++) mean[d]! += x[d]! / xs.length;
  for (const x of xs) for (let d = 0; d < D; d++) std[d]! += (x[d]! - mean[d]!) ** 2 / xs.length;
  for (let d = 0; d < D; d++) std[d] = Math.sqrt(std[d]!) || 1;
  const z = (x: Float64Array) => x.map((v, d) => (v - mean[d]!) / std[d]!);
  const X = xs.map(z);
  // W is C x (D + 1), the last column the bias.
  const W = new Float64Array(C * (D + 1));
  const m = new Float64Array(W.length);
  const v = new Float64Array(W.length);
  const grad = new Float64Array(W.length);
  const logits = new Float64Array(C);
  const scores = (x: Float64Array) => {
    for (let c = 0; c < C; c++) {
      let s = W[c * (D + 1) + D]!;
      for (let d = 0; d < D; d++) s += W[c * (D + 1) + d]! * x[d]!;
      logits[c] = s;
    }
    return logits;
  };
  for (let it = 1; it <= o.iterations; it++) {
    grad.fill(0);
    X.forEach((x, i) => {
      const l = scores(x);
      const max = Math.max(...l);
      let sum = 0;
      for (let c = 0; c < C; c++) sum += (l[c] = Math.exp(l[c]! - max)); // max subtracted so exp never overflows
      for (let c = 0; c < C; c++) {
        const g = (l[c]! / sum - (train[i]!.label === c ? 1 : 0)) / X.length;
        for (let d = 0; d < D; d++) grad[c * (D + 1) + d]! += g * x[d]!;
        grad[c * (D + 1) + D]! += g;
      }
    });
    for (let j = 0; j < W.length; j++) {
      const g = grad[j]! + ((j % (D + 1)) === D ? 0 : o.l2 * W[j]!);
      m[j] = 0.9 * m[j]! + 0.1 * g;
      v[j] = 0.999 * v[j]! + 0.001 * g * g;
      W[j]! -= (o.learningRate * (m[j]! / (1 - 0.9 ** it))) / (Math.sqrt(v[j]! / (1 - 0.999 ** it)) + 1e-8);
    }
  }
  let correct = 0;
  for (const t of test) {
    const l = scores(z(apex(t)));
    let best = 0;
    for (let c = 1; c < C; c++) if (l[c]! > l[best]!) best = c;
    if (best === t.label) correct++;
  }
  return correct / test.length;
}

// Reference loss and penalty kernels: softmax cross-entropy, L1 and L2.
import type { FloatArray } from '../kernels.js';
import { detExp, detLog } from '../../util/det-math.js';

export function softmaxCrossEntropy(
  probs: FloatArray, probsOff: number, logits: FloatArray, logitsOff: number, rows: number, cols: number,
  labels: Int32Array | undefined, dLogits: FloatArray | undefined, dLogitsOff: number, scale: number,
): number {
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    const lo = logitsOff + i * cols;
    const po = probsOff + i * cols;
    // Subtract the row maximum so exp never overflows; the softmax is unchanged by the shift.
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, logits[lo + j]!);
    let z = 0;
    for (let j = 0; j < cols; j++) z += detExp(logits[lo + j]! - max);
    const logZ = detLog(z) + max;
    for (let j = 0; j < cols; j++) probs[po + j] = detExp(logits[lo + j]! - logZ);
    if (labels !== undefined) {
      const y = labels[i]!;
      // -log p_y from the log-sum-exp directly: exact even when p_y underflows to 0.
      loss += logZ - logits[lo + y]!;
      if (dLogits !== undefined) {
        const go = dLogitsOff + i * cols;
        for (let j = 0; j < cols; j++) dLogits[go + j] = scale * (probs[po + j]! - (j === y ? 1 : 0));
      }
    }
  }
  return loss;
}

export function l1Penalty(grad: FloatArray, gOff: number, w: FloatArray, wOff: number, n: number, lambda: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = w[wOff + i]!;
    sum += Math.abs(x);
    grad[gOff + i] += lambda * Math.sign(x);
  }
  return lambda * sum;
}

export function l2Penalty(grad: FloatArray, gOff: number, w: FloatArray, wOff: number, n: number, lambda: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = w[wOff + i]!;
    sum += x * x;
    grad[gOff + i] += 2 * lambda * x;
  }
  return lambda * sum;
}

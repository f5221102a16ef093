// Reference optimiser updates over a flat parameter range.
import type { FloatArray } from '../kernels.js';
import { detPow } from '../../util/det-math.js';

export function adamStep(
  p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, off: number, n: number,
  lr: number, beta1: number, beta2: number, eps: number, step: number,
): void {
  const c1 = 1 - detPow(beta1, step);
  const c2 = 1 - detPow(beta2, step);
  for (let i = off; i < off + n; i++) {
    const gi = g[i]!;
    m[i] = beta1 * m[i]! + (1 - beta1) * gi;
    v[i] = beta2 * v[i]! + (1 - beta2) * gi * gi;
    p[i] -= (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + eps);
  }
}

export function sgdMomentumStep(p: FloatArray, g: FloatArray, vel: FloatArray, off: number, n: number, lr: number, momentum: number): void {
  for (let i = off; i < off + n; i++) {
    vel[i] = momentum * vel[i]! + g[i]!;
    p[i] -= lr * vel[i]!;
  }
}

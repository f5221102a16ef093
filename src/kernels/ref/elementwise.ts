// Reference elementwise kernels: bias, activations, reductions, scaling.
import type { Activation, FloatArray } from '../kernels.js';

export function addBias(x: FloatArray, xOff: number, rows: number, cols: number, bias: FloatArray, biasOff: number): void {
  for (let i = 0; i < rows; i++) {
    const base = xOff + i * cols;
    for (let j = 0; j < cols; j++) x[base + j] += bias[biasOff + j]!;
  }
}

export function activate(act: Activation, x: FloatArray, off: number, n: number): void {
  if (act === 'tanh') for (let i = off; i < off + n; i++) x[i] = Math.tanh(x[i]!);
  else for (let i = off; i < off + n; i++) x[i] = x[i]! > 0 ? x[i]! : 0;
}

export function activationBackward(
  act: Activation, dPre: FloatArray, dPreOff: number, dY: FloatArray, dYOff: number, y: FloatArray, yOff: number, n: number,
): void {
  if (act === 'tanh') {
    for (let i = 0; i < n; i++) {
      const yi = y[yOff + i]!;
      dPre[dPreOff + i] = dY[dYOff + i]! * (1 - yi * yi);
    }
  } else {
    for (let i = 0; i < n; i++) dPre[dPreOff + i] = y[yOff + i]! > 0 ? dY[dYOff + i]! : 0;
  }
}

export function sumRows(out: FloatArray, outOff: number, x: FloatArray, xOff: number, rows: number, cols: number): void {
  for (let j = 0; j < cols; j++) {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += x[xOff + i * cols + j]!;
    out[outOff + j] += sum;
  }
}

export function sumSquares(x: FloatArray, off: number, n: number): number {
  let sum = 0;
  for (let i = off; i < off + n; i++) sum += x[i]! * x[i]!;
  return sum;
}

export function scale(x: FloatArray, off: number, n: number, alpha: number): void {
  for (let i = off; i < off + n; i++) x[i] *= alpha;
}

export function addInto(y: FloatArray, yOff: number, x: FloatArray, xOff: number, n: number): void {
  for (let i = 0; i < n; i++) y[yOff + i] += x[xOff + i]!;
}

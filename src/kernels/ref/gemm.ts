// Reference matrix product: the definition the SIMD kernel is tested against. Plain loops; every
// dot product is accumulated in a JavaScript number (float64) whatever the storage type.
import type { FloatArray } from '../kernels.js';

// op(A): m x k, op(B): k x n, C: m x n (row-major blocks with leading dimensions lda, ldb, ldc).
export function gemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
  a: FloatArray, aOff: number, lda: number,
  b: FloatArray, bOff: number, ldb: number,
  beta: number, c: FloatArray, cOff: number, ldc: number,
): void {
  // Element (i, p) of op(A) is at aOff + i * aRow + p * aCol; likewise for op(B) with (p, j).
  const aRow = transA ? 1 : lda;
  const aCol = transA ? lda : 1;
  const bRow = transB ? 1 : ldb;
  const bCol = transB ? ldb : 1;
  for (let i = 0; i < m; i++) {
    const aBase = aOff + i * aRow;
    const cBase = cOff + i * ldc;
    for (let j = 0; j < n; j++) {
      const bBase = bOff + j * bCol;
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[aBase + p * aCol]! * b[bBase + p * bRow]!;
      // beta = 0 must ignore C entirely (it may hold NaN from a previous use of the buffer).
      c[cBase + j] = beta === 0 ? alpha * sum : alpha * sum + beta * c[cBase + j]!;
    }
  }
}

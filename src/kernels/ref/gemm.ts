// Reference matrix product: the definition the SIMD kernel is tested against. Plain loops; every
// sum is accumulated in float64 (a JavaScript number or a Float64Array row) whatever the storage type.
import type { FloatArray } from '../kernels.js';

// C = op(A) op(B) + 1 bias^T: each element is bias[j] plus its dot product, summed in float64 and
// rounded once.
export function gemmBias(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: FloatArray, aOff: number, lda: number,
  b: FloatArray, bOff: number, ldb: number,
  bias: FloatArray, biasOff: number, c: FloatArray, cOff: number, ldc: number,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) {
        const aip = transA ? a[aOff + p * lda + i]! : a[aOff + i * lda + p]!;
        const bpj = transB ? b[bOff + j * ldb + p]! : b[bOff + p * ldb + j]!;
        sum += aip * bpj;
      }
      c[cOff + i * ldc + j] = sum + bias[biasOff + j]!;
    }
  }
}

// Float64 accumulator for one row of C, reused across calls; it grows (rarely) to the widest row seen.
let rowScratch = new Float64Array(64);

// op(A): m x k, op(B): k x n, C: m x n (row-major blocks with leading dimensions lda, ldb, ldc).
export function gemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
  a: FloatArray, aOff: number, lda: number,
  b: FloatArray, bOff: number, ldb: number,
  beta: number, c: FloatArray, cOff: number, ldc: number,
): void {
  // Element (i, p) of op(A) is at aOff + i * aRow + p * aCol.
  const aRow = transA ? 1 : lda;
  const aCol = transA ? lda : 1;
  if (rowScratch.length < n) rowScratch = new Float64Array(n);
  const acc = rowScratch;
  for (let i = 0; i < m; i++) {
    const aBase = aOff + i * aRow;
    if (transB) {
      // op(B)[p][j] = B[j][p]: row i of C is n dot products of contiguous rows.
      for (let j = 0; j < n; j++) {
        const bBase = bOff + j * ldb;
        let sum = 0;
        for (let p = 0; p < k; p++) sum += a[aBase + p * aCol]! * b[bBase + p]!;
        acc[j] = sum;
      }
    } else {
      // Row i of C accumulates rows of B scaled by A(i, p): the inner loop runs along contiguous rows.
      acc.fill(0, 0, n);
      for (let p = 0; p < k; p++) {
        const aip = a[aBase + p * aCol]!;
        if (aip === 0) continue;
        const bBase = bOff + p * ldb;
        for (let j = 0; j < n; j++) acc[j] += aip * b[bBase + j]!;
      }
    }
    const cBase = cOff + i * ldc;
    // beta = 0 must ignore C entirely (it may hold NaN from a previous use of the buffer).
    for (let j = 0; j < n; j++) c[cBase + j] = beta === 0 ? alpha * acc[j]! : alpha * acc[j]! + beta * c[cBase + j]!;
  }
}

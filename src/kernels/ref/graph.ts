// Reference kernels that move node blocks: the node-major gather of the input and the predecessor
// sums of the spatial RNN, with their adjoints.
import type { FloatArray } from '../kernels.js';

// x: S x N x d  ->  out: N x S x d, out[p][s] = x[s][order[p]]
export function gatherNodes(out: FloatArray, outOff: number, x: FloatArray, xOff: number, order: Int32Array, s: number, nodes: number, d: number): void {
  for (let p = 0; p < nodes; p++) {
    const v = order[p]!;
    for (let t = 0; t < s; t++) {
      const src = xOff + (t * nodes + v) * d;
      const dst = outOff + (p * s + t) * d;
      for (let f = 0; f < d; f++) out[dst + f] = x[src + f]!;
    }
  }
}

// dOut: N x S x d  ->  dx: S x N x d (accumulated)
export function scatterNodes(dx: FloatArray, dxOff: number, dOut: FloatArray, dOutOff: number, order: Int32Array, s: number, nodes: number, d: number): void {
  for (let p = 0; p < nodes; p++) {
    const v = order[p]!;
    for (let t = 0; t < s; t++) {
      const dst = dxOff + (t * nodes + v) * d;
      const src = dOutOff + (p * s + t) * d;
      for (let f = 0; f < d; f++) dx[dst + f] += dOut[src + f]!;
    }
  }
}

// out block p = sum over predecessors q of x block q, for p in [p0, p1)
export function sumPredecessors(
  out: FloatArray, outOff: number, x: FloatArray, xOff: number,
  predStart: Int32Array, predPos: Int32Array, p0: number, p1: number, block: number,
): void {
  for (let p = p0; p < p1; p++) {
    const dst = outOff + p * block;
    for (let i = 0; i < block; i++) out[dst + i] = 0;
    for (let e = predStart[p]!; e < predStart[p + 1]!; e++) {
      const src = xOff + predPos[e]! * block;
      for (let i = 0; i < block; i++) out[dst + i] += x[src + i]!;
    }
  }
}

// dx block q += dOut block p for each edge q -> p, p in [p0, p1)
export function scatterPredecessors(
  dx: FloatArray, dxOff: number, dOut: FloatArray, dOutOff: number,
  predStart: Int32Array, predPos: Int32Array, p0: number, p1: number, block: number,
): void {
  for (let p = p0; p < p1; p++) {
    const src = dOutOff + p * block;
    for (let e = predStart[p]!; e < predStart[p + 1]!; e++) {
      const dst = dxOff + predPos[e]! * block;
      for (let i = 0; i < block; i++) dx[dst + i] += dOut[src + i]!;
    }
  }
}

// Kernels that move node blocks: the node-major gather of the input and the predecessor sums of the
// spatial RNN, with their adjoints. Index arrays are int32 byte offsets into the same memory.
import { addFloats, copyFloats } from './simd';

@inline
function idx(arr: usize, i: i32): i32 {
  return load<i32>(arr + (<usize>i << 2));
}

// x: S x N x d  ->  out: N x S x d, out[p][s] = x[s][order[p]]
export function gatherNodes(out: usize, x: usize, order: usize, s: i32, nodes: i32, d: i32): void {
  const blockBytes = <usize>d << 2;
  for (let p = 0; p < nodes; p++) {
    const v = idx(order, p);
    let dst = out + <usize>p * <usize>s * blockBytes;
    let src = x + <usize>v * blockBytes;
    for (let t = 0; t < s; t++) {
      copyFloats(dst, src, d);
      dst += blockBytes;
      src += <usize>nodes * blockBytes;
    }
  }
}

// dOut: N x S x d  ->  dx: S x N x d (accumulated)
export function scatterNodes(dx: usize, dOut: usize, order: usize, s: i32, nodes: i32, d: i32): void {
  const blockBytes = <usize>d << 2;
  for (let p = 0; p < nodes; p++) {
    const v = idx(order, p);
    let src = dOut + <usize>p * <usize>s * blockBytes;
    let dst = dx + <usize>v * blockBytes;
    for (let t = 0; t < s; t++) {
      addFloats(dst, src, d);
      src += blockBytes;
      dst += <usize>nodes * blockBytes;
    }
  }
}

// out block p = sum of x blocks predPos[predStart[p] .. predStart[p+1]), p in [p0, p1); zero if none.
// One or two predecessors (every node of the grid sweeps) are written in a single pass.
export function sumPredecessors(out: usize, x: usize, predStart: usize, predPos: usize, p0: i32, p1: i32, block: i32): void {
  const blockBytes = <usize>block << 2;
  for (let p = p0; p < p1; p++) {
    const dst = out + <usize>p * blockBytes;
    const e0 = idx(predStart, p);
    const e1 = idx(predStart, p + 1);
    if (e1 == e0) {
      memory.fill(dst, 0, blockBytes);
      continue;
    }
    const first = x + <usize>idx(predPos, e0) * blockBytes;
    let e = e0 + 1;
    if (e1 - e0 >= 2) {
      const second = x + <usize>idx(predPos, e0 + 1) * blockBytes;
      let i = 0;
      for (; i + 4 <= block; i += 4) {
        const at = <usize>i << 2;
        v128.store(dst + at, f32x4.add(v128.load(first + at), v128.load(second + at)));
      }
      for (; i < block; i++) {
        const at = <usize>i << 2;
        store<f32>(dst + at, load<f32>(first + at) + load<f32>(second + at));
      }
      e++;
    } else {
      copyFloats(dst, first, block);
    }
    for (; e < e1; e++) addFloats(dst, x + <usize>idx(predPos, e) * blockBytes, block);
  }
}

// dx block q += dOut block p for every edge q -> p, p in [p0, p1)
export function scatterPredecessors(dx: usize, dOut: usize, predStart: usize, predPos: usize, p0: i32, p1: i32, block: i32): void {
  const blockBytes = <usize>block << 2;
  for (let p = p0; p < p1; p++) {
    const src = dOut + <usize>p * blockBytes;
    const e1 = idx(predStart, p + 1);
    for (let e = idx(predStart, p); e < e1; e++) addFloats(dx + <usize>idx(predPos, e) * blockBytes, src, block);
  }
}

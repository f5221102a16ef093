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
// Up to three predecessors (every node of the grid sweeps: same row, diagonal, same column) are
// summed in a single pass over the blocks, in the reference's order ((x1 + x2) + x3); memory traffic,
// not arithmetic, is what this kernel costs.
export function sumPredecessors(out: usize, x: usize, predStart: usize, predPos: usize, p0: i32, p1: i32, block: i32): void {
  const blockBytes = <usize>block << 2;
  const body = block & ~3;
  for (let p = p0; p < p1; p++) {
    const dst = out + <usize>p * blockBytes;
    const e0 = idx(predStart, p);
    const e1 = idx(predStart, p + 1);
    const count = e1 - e0;
    if (count == 0) {
      memory.fill(dst, 0, blockBytes);
      continue;
    }
    const x1 = x + <usize>idx(predPos, e0) * blockBytes;
    if (count == 1) {
      copyFloats(dst, x1, block);
      continue;
    }
    const x2 = x + <usize>idx(predPos, e0 + 1) * blockBytes;
    if (count == 2) {
      let i = 0;
      for (; i < body; i += 4) {
        const at = <usize>i << 2;
        v128.store(dst + at, f32x4.add(v128.load(x1 + at), v128.load(x2 + at)));
      }
      for (; i < block; i++) {
        const at = <usize>i << 2;
        store<f32>(dst + at, load<f32>(x1 + at) + load<f32>(x2 + at));
      }
      continue;
    }
    const x3 = x + <usize>idx(predPos, e0 + 2) * blockBytes;
    let i = 0;
    for (; i < body; i += 4) {
      const at = <usize>i << 2;
      v128.store(dst + at, f32x4.add(f32x4.add(v128.load(x1 + at), v128.load(x2 + at)), v128.load(x3 + at)));
    }
    for (; i < block; i++) {
      const at = <usize>i << 2;
      store<f32>(dst + at, load<f32>(x1 + at) + load<f32>(x2 + at) + load<f32>(x3 + at));
    }
    for (let e = e0 + 3; e < e1; e++) addFloats(dst, x + <usize>idx(predPos, e) * blockBytes, block);
  }
}

// dx block q += dOut block p for every edge q -> p, p in [p0, p1). The predecessors of one position
// are distinct blocks, so up to three of them are updated in one pass that reads dOut's block once.
export function scatterPredecessors(dx: usize, dOut: usize, predStart: usize, predPos: usize, p0: i32, p1: i32, block: i32): void {
  const blockBytes = <usize>block << 2;
  const body = block & ~3;
  for (let p = p0; p < p1; p++) {
    const src = dOut + <usize>p * blockBytes;
    const e1 = idx(predStart, p + 1);
    let e = idx(predStart, p);
    for (; e + 3 <= e1; e += 3) {
      const d1 = dx + <usize>idx(predPos, e) * blockBytes;
      const d2 = dx + <usize>idx(predPos, e + 1) * blockBytes;
      const d3 = dx + <usize>idx(predPos, e + 2) * blockBytes;
      let i = 0;
      for (; i < body; i += 4) {
        const at = <usize>i << 2;
        const v = v128.load(src + at);
        v128.store(d1 + at, f32x4.add(v128.load(d1 + at), v));
        v128.store(d2 + at, f32x4.add(v128.load(d2 + at), v));
        v128.store(d3 + at, f32x4.add(v128.load(d3 + at), v));
      }
      for (; i < block; i++) {
        const at = <usize>i << 2;
        const v = load<f32>(src + at);
        store<f32>(d1 + at, load<f32>(d1 + at) + v);
        store<f32>(d2 + at, load<f32>(d2 + at) + v);
        store<f32>(d3 + at, load<f32>(d3 + at) + v);
      }
    }
    for (; e < e1; e++) addFloats(dx + <usize>idx(predPos, e) * blockBytes, src, block);
  }
}

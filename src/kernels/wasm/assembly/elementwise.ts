// Elementwise float32 kernels: bias, activations, column sums, squares, scaling, accumulation.
// Every loop is a four-lane main loop; the last n % 4 floats go through the same vector code with a
// partial store (simd.ts), so tails get bit-identical arithmetic to the body.
import { storeLanes } from './simd';
import { tanhF32x4 } from './math';
import { gemmScratch, SCRATCH_FLOATS } from './gemm';

export const ACT_TANH: i32 = 0;
export const ACT_RELU: i32 = 1;

// x: rows x cols (+= bias[j] per row), bias: cols. Full vectors along the row, then a scalar tail
// (the same single float32 addition per element).
export function addBias(x: usize, rows: i32, cols: i32, bias: usize): void {
  const body = cols & ~3;
  for (let i = 0; i < rows; i++) {
    const row = x + ((<usize>i * <usize>cols) << 2);
    let j = 0;
    for (; j < body; j += 4) {
      const at = <usize>j << 2;
      v128.store(row + at, f32x4.add(v128.load(row + at), v128.load(bias + at)));
    }
    for (; j < cols; j++) {
      const at = <usize>j << 2;
      store<f32>(row + at, load<f32>(row + at) + load<f32>(bias + at));
    }
  }
}

// relu(x) = x > 0 ? x : 0 — a compare and select, not f32x4.max, so NaN maps to 0 like the reference.
@inline
function relu(v: v128): v128 {
  return v128.and(v, f32x4.gt(v, f32x4.splat(0)));
}

// x: n, in place
export function activate(act: i32, x: usize, n: i32): void {
  const body = n & ~3;
  if (act == ACT_TANH) {
    // Two vectors per iteration: tanh is one long dependency chain, so interleaving two helps.
    let i = 0;
    for (; i + 8 <= body; i += 8) {
      const at = x + (<usize>i << 2);
      const y0 = tanhF32x4(v128.load(at));
      const y1 = tanhF32x4(v128.load(at, 16));
      v128.store(at, y0);
      v128.store(at, y1, 16);
    }
    if (i < body) v128.store(x + (<usize>i << 2), tanhF32x4(v128.load(x + (<usize>i << 2))));
    if (body < n) storeLanes(x + (<usize>body << 2), tanhF32x4(v128.load(x + (<usize>body << 2))), n - body);
  } else {
    for (let i = 0; i < body; i += 4) {
      const at = x + (<usize>i << 2);
      v128.store(at, relu(v128.load(at)));
    }
    if (body < n) storeLanes(x + (<usize>body << 2), relu(v128.load(x + (<usize>body << 2))), n - body);
  }
}

// dPre, dY, y: n.  tanh: dPre = dY (1 - y)(1 + y) — the factored form keeps relative accuracy when
// |y| is near 1, where 1 - y*y in float32 would cancel; relu: dPre = y > 0 ? dY : 0.
export function activationBackward(act: i32, dPre: usize, dY: usize, y: usize, n: i32): void {
  const body = n & ~3;
  if (act == ACT_TANH) {
    for (let i = 0; i < body; i += 4) {
      const at = <usize>i << 2;
      v128.store(dPre + at, tanhBackward(v128.load(dY + at), v128.load(y + at)));
    }
    if (body < n) {
      const at = <usize>body << 2;
      storeLanes(dPre + at, tanhBackward(v128.load(dY + at), v128.load(y + at)), n - body);
    }
  } else {
    for (let i = 0; i < body; i += 4) {
      const at = <usize>i << 2;
      v128.store(dPre + at, reluBackward(v128.load(dY + at), v128.load(y + at)));
    }
    if (body < n) {
      const at = <usize>body << 2;
      storeLanes(dPre + at, reluBackward(v128.load(dY + at), v128.load(y + at)), n - body);
    }
  }
}

@inline
function tanhBackward(g: v128, y: v128): v128 {
  const one = f32x4.splat(1);
  return f32x4.mul(g, f32x4.mul(f32x4.sub(one, y), f32x4.add(one, y)));
}

@inline
function reluBackward(g: v128, y: v128): v128 {
  return v128.and(g, f32x4.gt(y, f32x4.splat(0)));
}

// Rows summed in float32 within blocks of this many rows, then into float64: the reference sums in
// float64; blocking bounds the float32 part of the error to a short sum.
const SUM_BLOCK: i32 = 64;

// out: cols (+= column sums), x: rows x cols. Row block by row block (one pass over x; a block of 64
// rows stays in L1 while each group of 4 columns is summed over it, four rows at a time in four
// accumulators), the float64 running sums of every column kept in the gemm scratch area.
export function sumRows(out: usize, x: usize, rows: i32, cols: i32): void {
  // Column groups small enough for the scratch (float64 sums: 2 floats of scratch per column).
  const group = (SCRATCH_FLOATS / 2) & ~3;
  for (let c0 = 0; c0 < cols; c0 += group) {
    sumRowsGroup(out + (<usize>c0 << 2), x + (<usize>c0 << 2), rows, min(group, cols - c0), <usize>cols << 2);
  }
}

function sumRowsGroup(out: usize, x: usize, rows: i32, cols: i32, rowBytes: usize): void {
  const sums = gemmScratch();
  memory.fill(sums, 0, <usize>((cols + 3) & ~3) << 3);
  for (let r0 = 0; r0 < rows; r0 += SUM_BLOCK) {
    const r1 = min(rows, r0 + SUM_BLOCK);
    for (let j = 0; j < cols; j += 4) {
      const z = f32x4.splat(0);
      let s0 = z, s1 = z, s2 = z, s3 = z;
      let r = r0;
      let at = x + <usize>r0 * rowBytes + (<usize>j << 2);
      for (; r + 4 <= r1; r += 4) {
        s0 = f32x4.add(s0, v128.load(at));
        s1 = f32x4.add(s1, v128.load(at + rowBytes));
        s2 = f32x4.add(s2, v128.load(at + 2 * rowBytes));
        s3 = f32x4.add(s3, v128.load(at + 3 * rowBytes));
        at += 4 * rowBytes;
      }
      for (; r < r1; r++) {
        s0 = f32x4.add(s0, v128.load(at));
        at += rowBytes;
      }
      const s = f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3));
      const acc = sums + (<usize>j << 3);
      v128.store(acc, f64x2.add(v128.load(acc), f64x2.promote_low_f32x4(s)));
      v128.store(acc, f64x2.add(v128.load(acc, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(s, s, 2, 3, 2, 3))), 16);
    }
  }
  for (let j = 0; j < cols; j += 4) {
    const o = out + (<usize>j << 2);
    const acc = sums + (<usize>j << 3);
    const old = v128.load(o);
    const newLo = f64x2.add(v128.load(acc), f64x2.promote_low_f32x4(old));
    const newHi = f64x2.add(v128.load(acc, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(old, old, 2, 3, 2, 3)));
    const packed = v128.shuffle<f32>(f32x4.demote_f64x2_zero(newLo), f32x4.demote_f64x2_zero(newHi), 0, 1, 4, 5);
    storeLanes(o, packed, min(4, cols - j));
  }
}

// sum of x^2 over n floats, in float64 (each square of a float32 is exact in float64).
export function sumSquares(x: usize, n: i32): f64 {
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    const lo = f64x2.promote_low_f32x4(v);
    const hi = f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3));
    s0 = f64x2.add(s0, f64x2.mul(lo, lo));
    s1 = f64x2.add(s1, f64x2.mul(hi, hi));
  }
  let sum = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1) + f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
  for (; i < n; i++) {
    const v = <f64>load<f32>(x + (<usize>i << 2));
    sum += v * v;
  }
  return sum;
}

// x: n, x *= alpha
export function scale(x: usize, n: i32, alpha: f32): void {
  const va = f32x4.splat(alpha);
  for (let i = 0; i < n; i += 4) {
    const at = x + (<usize>i << 2);
    storeLanes(at, f32x4.mul(v128.load(at), va), min(4, n - i));
  }
}

// y, x: n, y += x
export function addInto(y: usize, x: usize, n: i32): void {
  for (let i = 0; i < n; i += 4) {
    const at = <usize>i << 2;
    storeLanes(y + at, f32x4.add(v128.load(y + at), v128.load(x + at)), min(4, n - i));
  }
}

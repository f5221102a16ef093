// Float32 matrix product for the wasm backend:  C = alpha op(A) op(B) + beta C
// op(A): m x k, op(B): k x n, C: m x n, row-major with leading dimensions (in floats) lda, ldb, ldc.
//
// Structure (the usual register-blocked scheme, sized for the model's thin matrices):
// - op(A) is addressed through two byte strides: element (i, p) at a + i*rs + p*cs, so transA costs
//   nothing extra; each step of the inner loop splats one op(A) element per tile row (load32_splat).
// - op(B) must have contiguous rows. Without transB it is read in place; with transB a block of it is
//   first transposed into the scratch area the host reserved (setScratch), zero-padded to 8 columns.
// - Micro-tiles of 4 rows x 8 columns keep 8 f32x4 accumulators in registers (independent add
//   chains, so the loop runs at throughput, not add latency); 4 x 4, 1 x 8 and 1 x 4 tiles cover
//   the edges. Column tails load whole vectors and store only the valid lanes (see simd.ts).
// - k is cut into blocks (kBlock) so the lines of op(A) and op(B) one tile walks stay in L1 while
//   the other tiles reuse them (the 30 x 30 weight gradients reduce over k = 17856). Later blocks
//   accumulate (beta = 1).
// Measured alternatives that lost (bench/kernels/kernels-bench.ts, same machine): a 5 x 8 tile (ten
// accumulators; V8 spills, 30 -> 17 GFLOP/s in cache) and, for transA, 8 x 4 tiles vectorised along
// C's rows (fewer instructions per flop, but no faster: the loop is bound by the float pipes).
// Sums are accumulated in float32 (the reference uses float64): relative error grows like
// sqrt(k) * 2^-24 typically; test/kernels/tolerances.ts states the bound used.
import { storeLanes } from './simd';

const KC: i32 = 128;
const NC: i32 = 512;
/** Floats of scratch the host must reserve: one packed KC x NC block of op(B). */
export const SCRATCH_FLOATS: i32 = KC * NC;
/** Bytes of op(A) and op(B) one tile may touch per k block: half of a 32 KB L1 (measured: 24 KB was slower). */
const TILE_BYTES: i32 = 16384;

// Rows of op(B) per k block: as many as keep one tile's cache lines within TILE_BYTES, between
// KC and 8 KC. A tile touches per step of p about one line of op(A) with transA (four rows of C
// share a line), a quarter line without (four rows read sequentially), and ldb * 4 / 64 lines of op(B)
// (at most one). Measured (bench/kernels/kernels-bench.ts): TN 30 x 30 x 17856 runs at 26 GFLOP/s
// with blocks of 128, 15 with 192 or 256; NN 62 x 10 x 8640 at 16 with 128 (62 interleaved row
// streams of 512 bytes), 21-23 with 256 to 1024.
function kBlock(transA: i32, rowBytes: i32): i32 {
  const linesTimes64 = (transA ? 64 : 16) + min(64, rowBytes);
  const kc = (TILE_BYTES / linesTimes64) & ~63;
  return max(KC, min(8 * KC, kc));
}

let scratch: usize = 0;

export function setScratch(ptr: usize): void {
  scratch = ptr;
}

/** The host-reserved scratch area (SCRATCH_FLOATS floats), also lent to sumRows for its float64 sums. */
@inline
export function gemmScratch(): usize {
  return scratch;
}

// How a tile's sums reach C. The layers call gemm with alpha = 1 and beta 0 or 1 almost always; the
// block loop is compiled once per mode (mode is a constant after inlining), so those two store paths
// carry no multiply and no branch on beta — it matters for the k = 5 and k = 10 products, where the
// stores cost as much as the sums.
const SET: i32 = 0; // C = acc            (alpha 1, beta 0)
const ADD: i32 = 1; // C = acc + C        (alpha 1, beta 1)
const GENERAL: i32 = 2; // C = alpha acc + beta C (beta 0 never reads C: it may hold NaN garbage)
const BIAS: i32 = 3; // C = acc + bias[j]   (gemmBias: the layers' input terms start from their bias)

@inline
function put(mode: i32, pc: usize, acc: v128, va: v128, beta: f32, vb: v128, count: i32, pbias: usize): void {
  let r = acc;
  if (mode == BIAS) {
    // Reads 4 bias floats even for a partial tile; the extra lanes are never stored (simd.ts).
    r = f32x4.add(acc, v128.load(pbias));
  } else if (mode == ADD) {
    r = f32x4.add(acc, v128.load(pc));
  } else if (mode == GENERAL) {
    r = f32x4.mul(acc, va);
    if (beta != 0) r = f32x4.add(r, f32x4.mul(v128.load(pc), vb));
  }
  storeLanes(pc, r, count);
}

// 4 x 8 tile (count = valid columns, 5..8).
@inline
function tile4x8(mode: i32, pa: usize, rs: usize, cs: usize, pb: usize, bs: usize, k: i32,
  pc: usize, ldc: usize, va: v128, beta: f32, vb: v128, count: i32, pbias: usize): void {
  const z = f32x4.splat(0);
  let c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const a0 = v128.load32_splat(pa);
    const a1 = v128.load32_splat(pa + rs);
    const a2 = v128.load32_splat(pa + 2 * rs);
    const a3 = v128.load32_splat(pa + 3 * rs);
    c00 = f32x4.add(c00, f32x4.mul(a0, b0));
    c01 = f32x4.add(c01, f32x4.mul(a0, b1));
    c10 = f32x4.add(c10, f32x4.mul(a1, b0));
    c11 = f32x4.add(c11, f32x4.mul(a1, b1));
    c20 = f32x4.add(c20, f32x4.mul(a2, b0));
    c21 = f32x4.add(c21, f32x4.mul(a2, b1));
    c30 = f32x4.add(c30, f32x4.mul(a3, b0));
    c31 = f32x4.add(c31, f32x4.mul(a3, b1));
    pa += cs;
    pb += bs;
  }
  const hi = count - 4;
  put(mode, pc, c00, va, beta, vb, 4, pbias); put(mode, pc + 16, c01, va, beta, vb, hi, pbias + 16); pc += ldc;
  put(mode, pc, c10, va, beta, vb, 4, pbias); put(mode, pc + 16, c11, va, beta, vb, hi, pbias + 16); pc += ldc;
  put(mode, pc, c20, va, beta, vb, 4, pbias); put(mode, pc + 16, c21, va, beta, vb, hi, pbias + 16); pc += ldc;
  put(mode, pc, c30, va, beta, vb, 4, pbias); put(mode, pc + 16, c31, va, beta, vb, hi, pbias + 16);
}

// 4 x 4 tile (count = valid columns, 1..4).
@inline
function tile4x4(mode: i32, pa: usize, rs: usize, cs: usize, pb: usize, bs: usize, k: i32,
  pc: usize, ldc: usize, va: v128, beta: f32, vb: v128, count: i32, pbias: usize): void {
  const z = f32x4.splat(0);
  let c0 = z, c1 = z, c2 = z, c3 = z;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(pb);
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(pa), b0));
    c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(pa + rs), b0));
    c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(pa + 2 * rs), b0));
    c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(pa + 3 * rs), b0));
    pa += cs;
    pb += bs;
  }
  put(mode, pc, c0, va, beta, vb, count, pbias); pc += ldc;
  put(mode, pc, c1, va, beta, vb, count, pbias); pc += ldc;
  put(mode, pc, c2, va, beta, vb, count, pbias); pc += ldc;
  put(mode, pc, c3, va, beta, vb, count, pbias);
}

// 1 x 8 tile (count 5..8). Two accumulator pairs over even and odd p halve the add chain.
@inline
function tile1x8(mode: i32, pa: usize, cs: usize, pb: usize, bs: usize, k: i32,
  pc: usize, va: v128, beta: f32, vb: v128, count: i32, pbias: usize): void {
  const z = f32x4.splat(0);
  let c0 = z, c1 = z, d0 = z, d1 = z;
  let p = 0;
  for (; p + 2 <= k; p += 2) {
    const a0 = v128.load32_splat(pa);
    const a1 = v128.load32_splat(pa + cs);
    c0 = f32x4.add(c0, f32x4.mul(a0, v128.load(pb)));
    c1 = f32x4.add(c1, f32x4.mul(a0, v128.load(pb, 16)));
    d0 = f32x4.add(d0, f32x4.mul(a1, v128.load(pb + bs)));
    d1 = f32x4.add(d1, f32x4.mul(a1, v128.load(pb + bs, 16)));
    pa += 2 * cs;
    pb += 2 * bs;
  }
  if (p < k) {
    const a0 = v128.load32_splat(pa);
    c0 = f32x4.add(c0, f32x4.mul(a0, v128.load(pb)));
    c1 = f32x4.add(c1, f32x4.mul(a0, v128.load(pb, 16)));
  }
  put(mode, pc, f32x4.add(c0, d0), va, beta, vb, 4, pbias);
  put(mode, pc + 16, f32x4.add(c1, d1), va, beta, vb, count - 4, pbias + 16);
}

// 1 x 4 tile (count 1..4).
@inline
function tile1x4(mode: i32, pa: usize, cs: usize, pb: usize, bs: usize, k: i32,
  pc: usize, va: v128, beta: f32, vb: v128, count: i32, pbias: usize): void {
  const z = f32x4.splat(0);
  let c0 = z, d0 = z;
  let p = 0;
  for (; p + 2 <= k; p += 2) {
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(pa), v128.load(pb)));
    d0 = f32x4.add(d0, f32x4.mul(v128.load32_splat(pa + cs), v128.load(pb + bs)));
    pa += 2 * cs;
    pb += 2 * bs;
  }
  if (p < k) c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(pa), v128.load(pb)));
  put(mode, pc, f32x4.add(c0, d0), va, beta, vb, count, pbias);
}

// One block: C (m x n at c) = alpha op(A) (m x k) op(B) (k x n, contiguous rows, byte stride bs) + beta C,
// or, with a bias pointer (bias != 0; alpha 1, beta 0), C = op(A) op(B) + 1 bias^T.
function gemmBlock(m: i32, n: i32, k: i32, alpha: f32, beta: f32,
  a: usize, rs: usize, cs: usize, b: usize, bs: usize, c: usize, ldc: usize, bias: usize): void {
  if (bias != 0) gemmBlockBias(m, n, k, a, rs, cs, b, bs, c, ldc, bias);
  else if (alpha == 1 && beta == 0) gemmBlockSet(m, n, k, a, rs, cs, b, bs, c, ldc);
  else if (alpha == 1 && beta == 1) gemmBlockAdd(m, n, k, a, rs, cs, b, bs, c, ldc);
  else gemmBlockWith(GENERAL, m, n, k, alpha, beta, a, rs, cs, b, bs, c, ldc, 0);
}

function gemmBlockSet(m: i32, n: i32, k: i32, a: usize, rs: usize, cs: usize, b: usize, bs: usize, c: usize, ldc: usize): void {
  gemmBlockWith(SET, m, n, k, 1, 0, a, rs, cs, b, bs, c, ldc, 0);
}

function gemmBlockAdd(m: i32, n: i32, k: i32, a: usize, rs: usize, cs: usize, b: usize, bs: usize, c: usize, ldc: usize): void {
  gemmBlockWith(ADD, m, n, k, 1, 1, a, rs, cs, b, bs, c, ldc, 0);
}

function gemmBlockBias(m: i32, n: i32, k: i32, a: usize, rs: usize, cs: usize, b: usize, bs: usize, c: usize, ldc: usize, bias: usize): void {
  gemmBlockWith(BIAS, m, n, k, 1, 0, a, rs, cs, b, bs, c, ldc, bias);
}

@inline
function gemmBlockWith(mode: i32, m: i32, n: i32, k: i32, alpha: f32, beta: f32,
  a: usize, rs: usize, cs: usize, b: usize, bs: usize, c: usize, ldc: usize, bias: usize): void {
  const va = f32x4.splat(alpha);
  const vb = f32x4.splat(beta);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const pa = a + <usize>i * rs;
    const pc = c + <usize>i * ldc;
    let j = 0;
    for (; j + 8 <= n; j += 8) tile4x8(mode, pa, rs, cs, b + (<usize>j << 2), bs, k, pc + (<usize>j << 2), ldc, va, beta, vb, 8, bias + (<usize>j << 2));
    const rest = n - j;
    if (rest > 4) tile4x8(mode, pa, rs, cs, b + (<usize>j << 2), bs, k, pc + (<usize>j << 2), ldc, va, beta, vb, rest, bias + (<usize>j << 2));
    else if (rest > 0) tile4x4(mode, pa, rs, cs, b + (<usize>j << 2), bs, k, pc + (<usize>j << 2), ldc, va, beta, vb, rest, bias + (<usize>j << 2));
  }
  for (; i < m; i++) {
    const pa = a + <usize>i * rs;
    const pc = c + <usize>i * ldc;
    let j = 0;
    for (; j + 8 <= n; j += 8) tile1x8(mode, pa, cs, b + (<usize>j << 2), bs, k, pc + (<usize>j << 2), va, beta, vb, 8, bias + (<usize>j << 2));
    const rest = n - j;
    if (rest > 4) tile1x8(mode, pa, cs, b + (<usize>j << 2), bs, k, pc + (<usize>j << 2), va, beta, vb, rest, bias + (<usize>j << 2));
    else if (rest > 0) tile1x4(mode, pa, cs, b + (<usize>j << 2), bs, k, pc + (<usize>j << 2), va, beta, vb, rest, bias + (<usize>j << 2));
  }
}

// scratch[p][j] = B[j0 + j][p0 + p] for p < kb, j < nb; columns nb..nbPad zeroed (no denormal or
// NaN garbage in the unused lanes). Returns the packed row stride in bytes.
function packTransposed(b: usize, ldb: usize, p0: i32, kb: i32, j0: i32, nb: i32): usize {
  const nbPad = (nb + 7) & ~7;
  const rowBytes = <usize>nbPad << 2;
  for (let j = 0; j < nb; j++) {
    const src = b + ((<usize>(j0 + j) * ldb + <usize>p0) << 2);
    let dst = scratch + (<usize>j << 2);
    for (let p = 0; p < kb; p++) {
      store<f32>(dst, load<f32>(src + (<usize>p << 2)));
      dst += rowBytes;
    }
  }
  for (let p = 0; p < kb; p++) {
    for (let j = nb; j < nbPad; j++) store<f32>(scratch + <usize>p * rowBytes + (<usize>j << 2), 0);
  }
  return rowBytes;
}

// C = alpha op(A) op(B) + beta C; pointers are byte offsets, leading dimensions in floats.
export function gemm(transA: i32, transB: i32, m: i32, n: i32, k: i32, alpha: f32,
  a: usize, lda: i32, b: usize, ldb: i32, beta: f32, c: usize, ldc: i32): void {
  gemmWith(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, 0);
}

// C = op(A) op(B) + 1 bias^T (bias: n floats, added to every row; C overwritten). The bias enters in
// the first k block's stores instead of a separate pass over C (addBias read and wrote all of the
// spatial input term again: 0.54 ms of a 34 ms training step, 7.6 of 128 ms at B = 256).
export function gemmBias(transA: i32, transB: i32, m: i32, n: i32, k: i32,
  a: usize, lda: i32, b: usize, ldb: i32, bias: usize, c: usize, ldc: i32): void {
  gemmWith(transA, transB, m, n, k, 1, a, lda, b, ldb, 0, c, ldc, bias);
}

function gemmWith(transA: i32, transB: i32, m: i32, n: i32, k: i32, alpha: f32,
  a: usize, lda: i32, b: usize, ldb: i32, beta: f32, c: usize, ldc: i32, bias: usize): void {
  if (m <= 0 || n <= 0) return;
  const ldcB = <usize>ldc << 2;
  if (transB && !transA && m < DOT_ROWS && k >= 4) {
    gemmDot(m, n, k, alpha, a, <usize>lda << 2, b, <usize>ldb << 2, beta, c, ldcB, bias);
    return;
  }
  if (k <= 0) {
    // Empty sum: C = alpha * 0 + beta C (beta 0 ignores C), or C = bias in every row.
    const zero = f32x4.splat(0);
    for (let i = 0; i < m; i++) {
      if (bias != 0) gemmBlockEmptyBias(c + <usize>i * ldcB, n, bias);
      else gemmBlockEmpty(c + <usize>i * ldcB, n, alpha, beta, zero);
    }
    return;
  }
  const rs: usize = transA ? 4 : <usize>lda << 2;
  const cs: usize = transA ? <usize>lda << 2 : 4;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nb = min(NC, n - j0);
    const nbPad = (nb + 7) & ~7;
    // Packed op(B) rows are nbPad floats and must fit the scratch.
    const kc = transB ? min(kBlock(transA, nbPad << 2), SCRATCH_FLOATS / nbPad) : kBlock(transA, ldb << 2);
    for (let p0 = 0; p0 < k; p0 += kc) {
      const kb = min(kc, k - p0);
      let pb: usize, bs: usize;
      if (transB) {
        bs = packTransposed(b, <usize>ldb, p0, kb, j0, nb);
        pb = scratch;
      } else {
        bs = <usize>ldb << 2;
        pb = b + ((<usize>p0 * <usize>ldb + <usize>j0) << 2);
      }
      // Later k blocks add to what the first one stored (which included the bias).
      gemmBlock(m, nb, kb, alpha, p0 == 0 ? beta : 1, a + <usize>p0 * cs, rs, cs, pb, bs, c + (<usize>j0 << 2), ldcB,
        p0 == 0 && bias != 0 ? bias + (<usize>j0 << 2) : 0);
    }
  }
}

function gemmBlockEmpty(pc: usize, n: i32, alpha: f32, beta: f32, zero: v128): void {
  const va = f32x4.splat(alpha);
  const vb = f32x4.splat(beta);
  for (let j = 0; j < n; j += 4) put(GENERAL, pc + (<usize>j << 2), zero, va, beta, vb, min(4, n - j), 0);
}

function gemmBlockEmptyBias(pc: usize, n: i32, bias: usize): void {
  for (let j = 0; j < n; j++) store<f32>(pc + (<usize>j << 2), load<f32>(bias + (<usize>j << 2)));
}

// A x B^T with few rows of A: every C element is a dot product of two contiguous rows, so op(B) is
// read in place instead of packed. Packing transposes all n x k of B for each call, which costs as
// much as the product itself when m is small: at B = 1 the temporal input terms (9 x 30 x 300) and
// recurrences (1 x 30 x 30) spent more time packing R and V than multiplying.
const DOT_ROWS: i32 = 16;

// Lane mask for the last partial vector of a dot product (rem = k % 4 valid lanes).
@inline
function laneMask(rem: i32): v128 {
  return i32x4.lt_s(i32x4(0, 1, 2, 3), i32x4.splat(rem));
}

// Four dot products of row pa with rows pb0..pb3 (k floats each) as the lanes of one vector. The
// tail loads whole vectors (at most 3 floats past a row; the host pads the arena) and masks the
// products, so garbage lanes (even NaN or infinity) contribute exactly 0.
@inline
function dot4(pa: usize, pb0: usize, pb1: usize, pb2: usize, pb3: usize, k: i32): v128 {
  const z = f32x4.splat(0);
  let s0 = z, s1 = z, s2 = z, s3 = z;
  const body = k & ~3;
  let at: usize = 0;
  for (let p = 0; p < body; p += 4) {
    const x = v128.load(pa + at);
    s0 = f32x4.add(s0, f32x4.mul(x, v128.load(pb0 + at)));
    s1 = f32x4.add(s1, f32x4.mul(x, v128.load(pb1 + at)));
    s2 = f32x4.add(s2, f32x4.mul(x, v128.load(pb2 + at)));
    s3 = f32x4.add(s3, f32x4.mul(x, v128.load(pb3 + at)));
    at += 16;
  }
  if (body < k) {
    const mask = laneMask(k - body);
    const x = v128.load(pa + at);
    s0 = f32x4.add(s0, v128.and(f32x4.mul(x, v128.load(pb0 + at)), mask));
    s1 = f32x4.add(s1, v128.and(f32x4.mul(x, v128.load(pb1 + at)), mask));
    s2 = f32x4.add(s2, v128.and(f32x4.mul(x, v128.load(pb2 + at)), mask));
    s3 = f32x4.add(s3, v128.and(f32x4.mul(x, v128.load(pb3 + at)), mask));
  }
  // Horizontal sums: lane j of the result is the sum of the four lanes of s_j.
  const t0 = f32x4.add(v128.shuffle<f32>(s0, s1, 0, 4, 1, 5), v128.shuffle<f32>(s0, s1, 2, 6, 3, 7));
  const t1 = f32x4.add(v128.shuffle<f32>(s2, s3, 0, 4, 1, 5), v128.shuffle<f32>(s2, s3, 2, 6, 3, 7));
  return f32x4.add(v128.shuffle<f32>(t0, t1, 0, 1, 4, 5), v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
}

// C (m x n) = alpha A B^T + beta C, or A B^T + bias (bias != 0); A rows at stride aBytes, B rows at bBytes.
function gemmDot(m: i32, n: i32, k: i32, alpha: f32, a: usize, aBytes: usize, b: usize, bBytes: usize,
  beta: f32, c: usize, ldc: usize, bias: usize): void {
  const va = f32x4.splat(alpha);
  const vb = f32x4.splat(beta);
  const last = b + <usize>(n - 1) * bBytes;
  for (let i = 0; i < m; i++) {
    const pa = a + <usize>i * aBytes;
    const pc = c + <usize>i * ldc;
    for (let j = 0; j < n; j += 4) {
      // Past the last column, repeat the last row of B (its lanes are not stored).
      const pb0 = b + <usize>j * bBytes;
      const pb1 = min(pb0 + bBytes, last);
      const pb2 = min(pb0 + 2 * bBytes, last);
      const pb3 = min(pb0 + 3 * bBytes, last);
      const sums = dot4(pa, pb0, pb1, pb2, pb3, k);
      const count = min(4, n - j);
      const at = pc + (<usize>j << 2);
      if (bias != 0) put(BIAS, at, sums, va, beta, vb, count, bias + (<usize>j << 2));
      else if (alpha == 1 && beta == 0) put(SET, at, sums, va, beta, vb, count, 0);
      else if (alpha == 1 && beta == 1) put(ADD, at, sums, va, beta, vb, count, 0);
      else put(GENERAL, at, sums, va, beta, vb, count, 0);
    }
  }
}

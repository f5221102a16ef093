// Causal band-pass filter bank with windowed variances, float64, two channels per f64x2 vector: the
// hot path of live and causal features (src/signal/causal-features.ts). The arithmetic is the plain
// TypeScript reference's (src/kernels/ref/filter-bank.ts) operation for operation, in the same order,
// and WebAssembly never fuses a multiply and an add: the results are bit-identical to it.
//
// Each section is direct form II transposed with a0 = 1 (see src/signal/sosfilt.ts):
//   y = b0·x + z0;  z0 ← (b1·x + z1) − a1·y;  z1 ← b2·x − a2·y
// Sections run over the chunk four at a time (then two, then one), each group one pass in place.
//
// Layouts (f64; a "pair" is channels 2p and 2p + 1, one vector lane each):
//   x:     frames x 2·pairs            the chunk, channel-interleaved (finite values)
//   sos:   bands x sections x 6        b0 b1 b2 a0 a1 a2 per section
//   zi:    bands x sections x 2        steady-state start per unit input (sosfilt_zi)
//   state: pairs x bands x sections x 2 x f64x2   z0, z1 of each section, both lanes
//   hist:  pairs x bands x stride x f64x2         [0, L): the band's last L outputs before the chunk,
//                                                  oldest first; [L, L + frames): the chunk's outputs
//   ends:  nEnds x i32                 window ends as exclusive offsets into the chunk (1..frames)
//   out:   nEnds x 2·pairs x bands     population variance of each window (two-pass, oldest first)

@inline
function splat(ptr: usize): v128 {
  return f64x2.splat(load<f64>(ptr));
}

// Sections s .. s+3 of band coefficients `c` (bytes) over n vectors from src (step srcStep bytes)
// into dst (16-byte step), state `z` (bytes, 2 vectors per section).
function fourSections(c: usize, z: usize, src: usize, srcStep: usize, dst: usize, n: i32): void {
  const b0 = splat(c), b1 = splat(c + 8), b2 = splat(c + 16), a1 = splat(c + 32), a2 = splat(c + 40);
  const c0 = splat(c + 48), c1 = splat(c + 56), c2 = splat(c + 64), d1 = splat(c + 80), d2 = splat(c + 88);
  const e0 = splat(c + 96), e1 = splat(c + 104), e2 = splat(c + 112), f1 = splat(c + 128), f2 = splat(c + 136);
  const g0 = splat(c + 144), g1 = splat(c + 152), g2 = splat(c + 160), h1 = splat(c + 176), h2 = splat(c + 184);
  let z0 = v128.load(z), z1 = v128.load(z + 16), w0 = v128.load(z + 32), w1 = v128.load(z + 48);
  let u0 = v128.load(z + 64), u1 = v128.load(z + 80), t0 = v128.load(z + 96), t1 = v128.load(z + 112);
  for (let i = 0; i < n; i++) {
    const xi = v128.load(src + <usize>i * srcStep);
    const yi = f64x2.add(f64x2.mul(b0, xi), z0);
    z0 = f64x2.sub(f64x2.add(f64x2.mul(b1, xi), z1), f64x2.mul(a1, yi));
    z1 = f64x2.sub(f64x2.mul(b2, xi), f64x2.mul(a2, yi));
    const vi = f64x2.add(f64x2.mul(c0, yi), w0);
    w0 = f64x2.sub(f64x2.add(f64x2.mul(c1, yi), w1), f64x2.mul(d1, vi));
    w1 = f64x2.sub(f64x2.mul(c2, yi), f64x2.mul(d2, vi));
    const qi = f64x2.add(f64x2.mul(e0, vi), u0);
    u0 = f64x2.sub(f64x2.add(f64x2.mul(e1, vi), u1), f64x2.mul(f1, qi));
    u1 = f64x2.sub(f64x2.mul(e2, vi), f64x2.mul(f2, qi));
    const ri = f64x2.add(f64x2.mul(g0, qi), t0);
    t0 = f64x2.sub(f64x2.add(f64x2.mul(g1, qi), t1), f64x2.mul(h1, ri));
    t1 = f64x2.sub(f64x2.mul(g2, qi), f64x2.mul(h2, ri));
    v128.store(dst + (<usize>i << 4), ri);
  }
  v128.store(z, z0); v128.store(z + 16, z1); v128.store(z + 32, w0); v128.store(z + 48, w1);
  v128.store(z + 64, u0); v128.store(z + 80, u1); v128.store(z + 96, t0); v128.store(z + 112, t1);
}

// The same four sections when the last three have b0 = b2 = 1 exactly, as a Butterworth design's
// sections after the first (which carries the gain) do: 1·x is x exactly, so dropping those
// multiplies changes no bit, and saves 6 of the 36 operations per sample.
function fourSectionsUnitEnds(c: usize, z: usize, src: usize, srcStep: usize, dst: usize, n: i32): void {
  const b0 = splat(c), b1 = splat(c + 8), b2 = splat(c + 16), a1 = splat(c + 32), a2 = splat(c + 40);
  const c1 = splat(c + 56), d1 = splat(c + 80), d2 = splat(c + 88);
  const e1 = splat(c + 104), f1 = splat(c + 128), f2 = splat(c + 136);
  const g1 = splat(c + 152), h1 = splat(c + 176), h2 = splat(c + 184);
  let z0 = v128.load(z), z1 = v128.load(z + 16), w0 = v128.load(z + 32), w1 = v128.load(z + 48);
  let u0 = v128.load(z + 64), u1 = v128.load(z + 80), t0 = v128.load(z + 96), t1 = v128.load(z + 112);
  for (let i = 0; i < n; i++) {
    const xi = v128.load(src + <usize>i * srcStep);
    const yi = f64x2.add(f64x2.mul(b0, xi), z0);
    z0 = f64x2.sub(f64x2.add(f64x2.mul(b1, xi), z1), f64x2.mul(a1, yi));
    z1 = f64x2.sub(f64x2.mul(b2, xi), f64x2.mul(a2, yi));
    const vi = f64x2.add(yi, w0);
    w0 = f64x2.sub(f64x2.add(f64x2.mul(c1, yi), w1), f64x2.mul(d1, vi));
    w1 = f64x2.sub(yi, f64x2.mul(d2, vi));
    const qi = f64x2.add(vi, u0);
    u0 = f64x2.sub(f64x2.add(f64x2.mul(e1, vi), u1), f64x2.mul(f1, qi));
    u1 = f64x2.sub(vi, f64x2.mul(f2, qi));
    const ri = f64x2.add(qi, t0);
    t0 = f64x2.sub(f64x2.add(f64x2.mul(g1, qi), t1), f64x2.mul(h1, ri));
    t1 = f64x2.sub(qi, f64x2.mul(h2, ri));
    v128.store(dst + (<usize>i << 4), ri);
  }
  v128.store(z, z0); v128.store(z + 16, z1); v128.store(z + 32, w0); v128.store(z + 48, w1);
  v128.store(z + 64, u0); v128.store(z + 80, u1); v128.store(z + 96, t0); v128.store(z + 112, t1);
}

// Sections s+1 .. s+3 of `c` have b0 = b2 = 1 exactly.
function unitEnds(c: usize): bool {
  for (let s = 1; s < 4; s++) {
    if (load<f64>(c + <usize>(s * 48)) != 1.0 || load<f64>(c + <usize>(s * 48) + 16) != 1.0) return false;
  }
  return true;
}

// One section, the same conventions (the tail of a band whose section count is not a multiple of 4).
function oneSection(c: usize, z: usize, src: usize, srcStep: usize, dst: usize, n: i32): void {
  const b0 = splat(c), b1 = splat(c + 8), b2 = splat(c + 16), a1 = splat(c + 32), a2 = splat(c + 40);
  let z0 = v128.load(z), z1 = v128.load(z + 16);
  for (let i = 0; i < n; i++) {
    const xi = v128.load(src + <usize>i * srcStep);
    const yi = f64x2.add(f64x2.mul(b0, xi), z0);
    z0 = f64x2.sub(f64x2.add(f64x2.mul(b1, xi), z1), f64x2.mul(a1, yi));
    z1 = f64x2.sub(f64x2.mul(b2, xi), f64x2.mul(a2, yi));
    v128.store(dst + (<usize>i << 4), yi);
  }
  v128.store(z, z0); v128.store(z + 16, z1);
}

// Population variances of up to four bands' windows at once (independent sums run side by side; each
// is still one sequential sum, oldest sample first). h0..h3: the windows' first vectors.
function windowVariances(h0: usize, h1: usize, h2: usize, h3: usize, L: i32, out: usize, outStride: usize, count: i32): void {
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
  for (let j = 0; j < L; j++) {
    const at = <usize>j << 4;
    s0 = f64x2.add(s0, v128.load(h0 + at));
    s1 = f64x2.add(s1, v128.load(h1 + at));
    s2 = f64x2.add(s2, v128.load(h2 + at));
    s3 = f64x2.add(s3, v128.load(h3 + at));
  }
  const n = f64x2.splat(<f64>L);
  const m0 = f64x2.div(s0, n), m1 = f64x2.div(s1, n), m2 = f64x2.div(s2, n), m3 = f64x2.div(s3, n);
  s0 = f64x2.splat(0); s1 = f64x2.splat(0); s2 = f64x2.splat(0); s3 = f64x2.splat(0);
  for (let j = 0; j < L; j++) {
    const at = <usize>j << 4;
    const d0 = f64x2.sub(v128.load(h0 + at), m0), d1 = f64x2.sub(v128.load(h1 + at), m1);
    const d2 = f64x2.sub(v128.load(h2 + at), m2), d3 = f64x2.sub(v128.load(h3 + at), m3);
    s0 = f64x2.add(s0, f64x2.mul(d0, d0));
    s1 = f64x2.add(s1, f64x2.mul(d1, d1));
    s2 = f64x2.add(s2, f64x2.mul(d2, d2));
    s3 = f64x2.add(s3, f64x2.mul(d3, d3));
  }
  // out: lane 0 (channel 2p) at out + k·8, lane 1 (channel 2p + 1) at out + outStride + k·8.
  const v0 = f64x2.div(s0, n), v1 = f64x2.div(s1, n), v2 = f64x2.div(s2, n), v3 = f64x2.div(s3, n);
  store<f64>(out, f64x2.extract_lane(v0, 0)); store<f64>(out + outStride, f64x2.extract_lane(v0, 1));
  if (count > 1) { store<f64>(out + 8, f64x2.extract_lane(v1, 0)); store<f64>(out + outStride + 8, f64x2.extract_lane(v1, 1)); }
  if (count > 2) { store<f64>(out + 16, f64x2.extract_lane(v2, 0)); store<f64>(out + outStride + 16, f64x2.extract_lane(v2, 1)); }
  if (count > 3) { store<f64>(out + 24, f64x2.extract_lane(v3, 0)); store<f64>(out + outStride + 24, f64x2.extract_lane(v3, 1)); }
}

export function filterBank(
  x: usize, frames: i32, pairs: i32,
  bands: i32, sections: i32, sos: usize, zi: usize,
  state: usize, hist: usize, L: i32, stride: i32,
  ends: usize, nEnds: i32, out: usize,
  restart: i32, keep: i32,
): void {
  const xStep = <usize>(pairs << 1) << 3; // bytes from one frame to the next
  const bandStateBytes = <usize>sections << 5; // sections x 2 vectors
  const histBytes = <usize>stride << 4;
  const outStride = <usize>bands << 3; // bytes from channel c to c + 1 in out
  for (let p = 0; p < pairs; p++) {
    const src = x + (<usize>p << 4);
    for (let b = 0; b < bands; b++) {
      const z = state + (<usize>(p * bands + b)) * bandStateBytes;
      const h = hist + (<usize>(p * bands + b)) * histBytes;
      const y = h + (<usize>L << 4);
      if (restart) {
        const x0 = v128.load(src);
        for (let s = 0; s < sections; s++) {
          const at = zi + (<usize>(b * sections + s) << 4);
          v128.store(z + (<usize>s << 5), f64x2.mul(splat(at), x0));
          v128.store(z + (<usize>s << 5) + 16, f64x2.mul(splat(at + 8), x0));
        }
      }
      // The first group reads the chunk, the others run in place on the outputs.
      let s = 0, from = src, step = xStep;
      for (; s + 4 <= sections; s += 4) {
        const c = sos + <usize>((b * sections + s) * 48);
        if (unitEnds(c)) fourSectionsUnitEnds(c, z + (<usize>s << 5), from, step, y, frames);
        else fourSections(c, z + (<usize>s << 5), from, step, y, frames);
        from = y; step = 16;
      }
      for (; s < sections; s++) {
        oneSection(sos + <usize>((b * sections + s) * 48), z + (<usize>s << 5), from, step, y, frames);
        from = y; step = 16;
      }
    }
    for (let w = 0; w < nEnds; w++) {
      const start = <usize>(load<i32>(ends + (<usize>w << 2))) << 4; // window [end − L, end) of the chunk = hist [end, end + L)
      const o = out + (<usize>((w * pairs + p) * 2 * bands) << 3);
      for (let b = 0; b < bands; b += 4) {
        const count = min(4, bands - b);
        const h0 = hist + (<usize>(p * bands + b)) * histBytes + start;
        const h1 = count > 1 ? h0 + histBytes : h0, h2 = count > 2 ? h0 + 2 * histBytes : h0, h3 = count > 3 ? h0 + 3 * histBytes : h0;
        windowVariances(h0, h1, h2, h3, L, o + (<usize>b << 3), outStride, count);
      }
    }
    if (keep) {
      // The chunk's last L outputs become the history (memory.copy handles the overlap when frames < L).
      for (let b = 0; b < bands; b++) {
        const h = hist + (<usize>(p * bands + b)) * histBytes;
        memory.copy(h, h + (<usize>frames << 4), <usize>L << 4);
      }
    }
  }
}

// The extractor's block reader (reference: src/signal/read-block.ts, the same comparisons and
// stores in the same order). The host has copied the block to `src`: interleaved, frames x
// sourceChannels (f32 or f64 by isF64); channel-major, channel c's row at src + c·frames (columns
// already applied). Writes dst (frames x stride), updates last and changed (C f64 each), flat
// (nEnds x C bytes) and returns the number of bad samples, listed at `bad` as (channel, offset) i32 pairs.
@inline
function sample(src: usize, index: usize, isF64: i32): f64 {
  return isF64 ? load<f64>(src + (index << 3)) : <f64>load<f32>(src + (index << 2));
}

export function readBlock(
  src: usize, isF64: i32, interleaved: i32, sourceChannels: i32, columns: usize, C: i32, frames: i32, stride: i32,
  dst: usize, last: usize, changed: usize, seen: f64, ends: usize, nEnds: i32, L: i32, flat: usize, bad: usize,
): i32 {
  let nBad = 0;
  const MAX: f64 = 1e100;
  if (interleaved) {
    let w = 0;
    for (let i = 0; i < frames; i++) {
      const row = <usize>i * <usize>sourceChannels, out = dst + ((<usize>i * <usize>stride) << 3);
      for (let c = 0; c < C; c++) {
        const v = sample(src, row + <usize>load<i32>(columns + (<usize>c << 2)), isF64);
        const lp = last + (<usize>c << 3);
        let good = load<f64>(lp);
        if (abs<f64>(v) <= MAX) {
          if (v != good) store<f64>(changed + (<usize>c << 3), seen + <f64>i);
          good = v;
          store<f64>(lp, v);
        } else {
          store<i32>(bad + (<usize>nBad << 3), c);
          store<i32>(bad + (<usize>nBad << 3) + 4, i);
          nBad++;
        }
        store<f64>(out + (<usize>c << 3), good);
      }
      for (; w < nEnds && load<i32>(ends + (<usize>w << 2)) == i + 1; w++) {
        const edge = seen + <f64>(i + 1 - L);
        for (let c = 0; c < C; c++) store<u8>(flat + <usize>(w * C + c), load<f64>(changed + (<usize>c << 3)) <= edge ? 1 : 0);
      }
    }
    return nBad;
  }
  for (let c = 0; c < C; c++) {
    const base = <usize>c * <usize>frames;
    let good = load<f64>(last + (<usize>c << 3)), change = load<f64>(changed + (<usize>c << 3)), w = 0;
    for (let i = 0; i < frames; i++) {
      const v = sample(src, base + <usize>i, isF64);
      if (abs<f64>(v) <= MAX) {
        if (v != good) change = seen + <f64>i;
        good = v;
      } else {
        store<i32>(bad + (<usize>nBad << 3), c);
        store<i32>(bad + (<usize>nBad << 3) + 4, i);
        nBad++;
      }
      store<f64>(dst + ((<usize>i * <usize>stride + <usize>c) << 3), good);
      for (; w < nEnds && load<i32>(ends + (<usize>w << 2)) == i + 1; w++) {
        store<u8>(flat + <usize>(w * C + c), change <= seen + <f64>(i + 1 - L) ? 1 : 0);
      }
    }
    store<f64>(last + (<usize>c << 3), good);
    store<f64>(changed + (<usize>c << 3), change);
  }
  return nBad;
}

// Small SIMD helpers shared by the kernels: partial stores for row tails, and block copy / add.
//
// Tails: a kernel that handles n % 4 leftover floats loads a whole f32x4 (reading up to 3 floats past
// the end; the host keeps 64 bytes of padding after the arena so such reads stay inside memory) and
// stores only the valid lanes. Lanes never mix in the arithmetic used here, so the extra lanes'
// values cannot reach a stored result.

// Stores lanes [0, count) of v at ptr, count in 1..4.
@inline
export function storeLanes(ptr: usize, v: v128, count: i32): void {
  if (count >= 4) {
    v128.store(ptr, v);
  } else if (count >= 2) {
    v128.store64_lane(ptr, v, 0);
    if (count == 3) v128.store32_lane(ptr, v, 2, 8);
  } else {
    v128.store32_lane(ptr, v, 0);
  }
}

// dst[0..n) = src[0..n)   (blocks do not overlap)
@inline
export function copyFloats(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
}

// dst[0..n) += src[0..n)
@inline
export function addFloats(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    v128.store(dst + at, f32x4.add(v128.load(dst + at), v128.load(src + at)));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(dst + at, load<f32>(dst + at) + load<f32>(src + at));
  }
}

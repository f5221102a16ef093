// Vector exp and tanh in float32 (f32x4), for the activation kernel. Math.tanh in AssemblyScript is a
// scalar float64 routine and would dominate the spatial RNN's forward pass.
//
// Accuracy: max relative error 1.4e-7 (about one float32 ulp) against float64 Math.tanh over
// (0, 20), measured by bench/kernels/fit-tanh.ts, which also fitted the polynomial below.
// NaN stays NaN, ±Infinity gives ±1, -0 gives -0 (as the reference's Math.tanh).

// exp(x) for |x| <= 20: x = n ln2 + r with |r| <= ln2 / 2 (ln2 split in a high part with few
// mantissa bits plus a low part, so n * ln2hi is exact: Cody-Waite reduction), e^r by its degree-6
// Taylor polynomial (truncation error r^7 / 7! < 1.3e-7 relative), times 2^n built in the exponent bits.
@inline
function expSmall(x: v128): v128 {
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.44269504)));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(<f32>(1.0 / 720.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 120.0)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 24.0)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 6.0)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.5));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(p, scale);
}

// tanh(x) = sign(x) * t(|x|):
//   |x| < 0.625: t = a + a^3 P(a^2)  (odd polynomial; avoids the cancellation of 1 - 2/(e^2a + 1) near 0)
//   otherwise:   t = 1 - 2 / (exp(2 min(a, 9)) + 1)  (tanh(9) rounds to 1 in float32; the clamp keeps exp finite)
@inline
export function tanhF32x4(x: v128): v128 {
  const signMask = i32x4.splat(0x80000000);
  const a = f32x4.abs(x);
  const z = f32x4.mul(a, a);
  let p = f32x4.splat(-0.00579705276);
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(0.0207194183));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-0.0537635572));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(0.133317158));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-0.333332926));
  const small = f32x4.add(a, f32x4.mul(f32x4.mul(a, z), p));
  // f32x4.min propagates NaN, so a NaN input reaches exp and comes out NaN.
  const e = expSmall(f32x4.mul(f32x4.min(a, f32x4.splat(9.0)), f32x4.splat(2.0)));
  const large = f32x4.sub(f32x4.splat(1.0), f32x4.div(f32x4.splat(2.0), f32x4.add(e, f32x4.splat(1.0))));
  const t = v128.bitselect(small, large, f32x4.lt(a, f32x4.splat(0.625)));
  return v128.or(t, v128.and(x, signMask));
}

// Vector exp and tanh in float32 (f32x4), for the activation kernel. Math.tanh in AssemblyScript is a
// scalar float64 routine and would dominate the spatial RNN's forward pass.
//
// Accuracy: max relative error 1.5e-7 (about one float32 ulp) against float64 Math.tanh over
// (0, 20), measured by bench/kernels/fit-tanh.ts, which also fitted the polynomial below.
// NaN stays NaN, ±Infinity gives ±1, -0 gives -0 (as the reference's Math.tanh).

// exp(x) for |x| <= 20: x = n ln2 + r with |r| <= ln2 / 2 (ln2 split in a high part with few
// mantissa bits plus a low part, so n * ln2hi is exact: Cody-Waite reduction), e^r by its degree-6
// Taylor polynomial (truncation error r^7 / 7! < 1.3e-7 relative), times 2^n built in the exponent bits.
// Rounding to n uses the add-a-magic-number trick: adding 1.5 * 2^23 + 127 leaves round(v) + 127 in
// the low mantissa bits (for |v| < 2^22), so one shift makes the biased exponent of 2^n and one
// subtraction gives n as a float — cheaper than f32x4.nearest plus a saturating conversion.
@inline
function expSmall(x: v128): v128 {
  const magic = f32x4.splat(12583039.0); // 1.5 * 2^23 + 127
  const shifted = f32x4.add(f32x4.mul(x, f32x4.splat(1.44269504)), magic);
  const n = f32x4.sub(shifted, magic);
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  // Estrin's scheme (pairs of terms in parallel) instead of Horner: half the dependency chain, which
  // is what limits this loop.
  const r2 = f32x4.mul(r, r);
  const q0 = f32x4.add(f32x4.splat(1.0), r);
  const q1 = f32x4.add(f32x4.splat(0.5), f32x4.mul(r, f32x4.splat(<f32>(1.0 / 6.0))));
  const q2 = f32x4.add(f32x4.splat(<f32>(1.0 / 24.0)), f32x4.mul(r, f32x4.splat(<f32>(1.0 / 120.0))));
  const q3 = f32x4.add(q2, f32x4.mul(r2, f32x4.splat(<f32>(1.0 / 720.0))));
  const p = f32x4.add(f32x4.add(q0, f32x4.mul(r2, q1)), f32x4.mul(f32x4.mul(r2, r2), q3));
  return f32x4.mul(p, i32x4.shl(shifted, 23));
}

// tanh(x) = sign(x) * t(|x|):
//   |x| < 0.625: t = a + a^3 P(a^2)  (odd polynomial; avoids the cancellation of 1 - 2/(e^2a + 1) near 0)
//   otherwise:   t = 1 - 2 / (exp(2 min(a, 9)) + 1)  (tanh(9) rounds to 1 in float32; the clamp keeps exp finite)
@inline
export function tanhF32x4(x: v128): v128 {
  const signMask = i32x4.splat(0x80000000);
  const a = f32x4.abs(x);
  const z = f32x4.mul(a, a);
  // P(z) = c0 + c1 z + c2 z^2 + c3 z^3 + c4 z^4 by Estrin's scheme.
  const z2 = f32x4.mul(z, z);
  const p01 = f32x4.add(f32x4.splat(-0.333332926), f32x4.mul(z, f32x4.splat(0.133317158)));
  const p23 = f32x4.add(f32x4.splat(-0.0537635572), f32x4.mul(z, f32x4.splat(0.0207194183)));
  const p234 = f32x4.add(p23, f32x4.mul(z2, f32x4.splat(-0.00579705276)));
  const p = f32x4.add(p01, f32x4.mul(z2, p234));
  const small = f32x4.add(a, f32x4.mul(f32x4.mul(a, z), p));
  // pmin(a, 9) = 9 < a ? 9 : a keeps a NaN input (one instruction, unlike the NaN-propagating min),
  // so NaN reaches exp and comes out NaN.
  const e = expSmall(f32x4.mul(f32x4.pmin(a, f32x4.splat(9.0)), f32x4.splat(2.0)));
  const large = f32x4.sub(f32x4.splat(1.0), f32x4.div(f32x4.splat(2.0), f32x4.add(e, f32x4.splat(1.0))));
  const t = v128.bitselect(small, large, f32x4.lt(a, f32x4.splat(0.625)));
  return v128.or(t, v128.and(x, signMask));
}

// Vector tanh in float32 (f32x4), for the activation kernel. Math.tanh in AssemblyScript is a scalar
// float64 routine and would dominate the spatial RNN's forward pass.
//
// tanh(x) = x P(x^2) / Q(x^2) on |x| <= 7.9 (x clamped there), P of degree 6, Q of degree 3, fitted
// for relative error by bench/kernels/fit-tanh.ts. One division and no exp: about half the cost of
// the exp-based form 1 - 2 / (e^2x + 1) (1.06 -> 0.6 ms over the 17,856 x 30 states of one sweep),
// and no cancellation near 0 (P(0) = Q(0) = 1 so the result is x (1 + O(x^2))).
// Accuracy: max relative error 3.1e-7 (about 3 float32 ulps) against float64 Math.tanh over (0, 20),
// measured by the same script in emulated float32 with this evaluation order.
// |x| >= 9.02, where float32 tanh rounds to ±1, returns ±1 exactly; NaN stays NaN; -0 stays -0.

@inline
export function tanhF32x4(x: v128): v128 {
  // pmin / pmax (one instruction each) pass a NaN first operand through, so NaN reaches the result.
  const xc = f32x4.pmax(f32x4.pmin(x, f32x4.splat(7.9)), f32x4.splat(-7.9));
  const z = f32x4.mul(xc, xc);
  const z2 = f32x4.mul(z, z);
  const z4 = f32x4.mul(z2, z2);
  // Estrin's scheme (pairs of terms in parallel) instead of Horner: a shorter dependency chain, which
  // is what limits this loop.
  const p01 = f32x4.add(f32x4.splat(1.0), f32x4.mul(z, f32x4.splat(0.131382942)));
  const p23 = f32x4.add(f32x4.splat(0.00316513237), f32x4.mul(z, f32x4.splat(0.0000118148382)));
  const p45 = f32x4.add(f32x4.splat(-2.30790871e-8), f32x4.mul(z, f32x4.splat(6.78533688e-11)));
  const p456 = f32x4.add(p45, f32x4.mul(z2, f32x4.splat(-1.28348856e-13)));
  const p = f32x4.add(f32x4.add(p01, f32x4.mul(z2, p23)), f32x4.mul(z4, p456));
  const q01 = f32x4.add(f32x4.splat(1.0), f32x4.mul(z, f32x4.splat(0.464716256)));
  const q23 = f32x4.add(f32x4.splat(0.0247372370), f32x4.mul(z, f32x4.splat(0.000263632945)));
  const q = f32x4.add(q01, f32x4.mul(z2, q23));
  const y = f32x4.div(f32x4.mul(xc, p), q);
  const one = v128.or(f32x4.splat(1.0), v128.and(x, i32x4.splat(0x80000000)));
  return v128.bitselect(one, y, f32x4.ge(f32x4.abs(x), f32x4.splat(9.02)));
}

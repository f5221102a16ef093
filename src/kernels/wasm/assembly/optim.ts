// Optimiser updates over a flat parameter range, float32 four lanes at a time.
import { storeLanes } from './simd';

// p, g, m, v: n.  m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  p -= lr (m / c1) / (sqrt(v / c2) + eps)
// The host computes 1 - b1, 1 - b2 and the bias corrections c1 = 1 - b1^step, c2 = 1 - b2^step in
// float64 before rounding them to float32: 1 - float32(0.999) would be off by 5e-5 relative.
export function adamStep(p: usize, g: usize, m: usize, v: usize, n: i32,
  lr: f32, beta1: f32, beta2: f32, oneMinusBeta1: f32, oneMinusBeta2: f32, eps: f32, c1: f32, c2: f32): void {
  const b1 = f32x4.splat(beta1);
  const b2 = f32x4.splat(beta2);
  const ob1 = f32x4.splat(oneMinusBeta1);
  const ob2 = f32x4.splat(oneMinusBeta2);
  const vlr = f32x4.splat(lr);
  const veps = f32x4.splat(eps);
  const vc1 = f32x4.splat(c1);
  const vc2 = f32x4.splat(c2);
  for (let i = 0; i < n; i += 4) {
    const at = <usize>i << 2;
    const count = min(4, n - i);
    const gi = v128.load(g + at);
    const mi = f32x4.add(f32x4.mul(b1, v128.load(m + at)), f32x4.mul(ob1, gi));
    const vi = f32x4.add(f32x4.mul(b2, v128.load(v + at)), f32x4.mul(ob2, f32x4.mul(gi, gi)));
    const step = f32x4.div(f32x4.mul(vlr, f32x4.div(mi, vc1)), f32x4.add(f32x4.sqrt(f32x4.div(vi, vc2)), veps));
    storeLanes(m + at, mi, count);
    storeLanes(v + at, vi, count);
    storeLanes(p + at, f32x4.sub(v128.load(p + at), step), count);
  }
}

// p, g, vel: n.  vel = mu vel + g;  p -= lr vel
export function sgdMomentumStep(p: usize, g: usize, vel: usize, n: i32, lr: f32, momentum: f32): void {
  const mu = f32x4.splat(momentum);
  const vlr = f32x4.splat(lr);
  for (let i = 0; i < n; i += 4) {
    const at = <usize>i << 2;
    const count = min(4, n - i);
    const vi = f32x4.add(f32x4.mul(mu, v128.load(vel + at)), v128.load(g + at));
    storeLanes(vel + at, vi, count);
    storeLanes(p + at, f32x4.sub(v128.load(p + at), f32x4.mul(vlr, vi)), count);
  }
}

// Linear dynamical system smoothing of one feature sequence (SEED's "LDS" features): a scalar
// random-walk state observed with noise,
//   s[t] = s[t−1] + w,  w ~ N(0, Q)        (transition 1)
//   y[t] = s[t] + v,    v ~ N(0, R)        (observation 1)
//   s[0] ~ N(m0, P0)
// estimated with a Kalman filter followed by a Rauch–Tung–Striebel smoother; the output is the
// smoothed mean E[s[t] | y[0 … T−1]].
//
// Defaults (scale-free, so one setting suits DE ≈ 15 and PSD ≈ 1e3 alike):
//   R  = population variance of the sequence y (numpy.var)
//   Q  = processNoiseRatio·R with processNoiseRatio = 0.01 (steady-state gain ≈ √0.01 ≈ 0.1, i.e.
//        an exponential memory of about ten windows in each direction)
//   m0 = y[0],  P0 = R
// Absolute values may be given instead (e.g. the constants of SEED's published MATLAB code: Q = 1e-4,
// R = 1, P0 = 0.01, m0 = mean of y). A constant sequence (R = 0) is returned unchanged: every
// estimator agrees on it and the gain formula would divide by zero.
import { StrnnError } from '../util/errors.js';

export interface LdsOptions {
  /** Q / R when `processNoise` is not given (default 0.01). */
  processNoiseRatio?: number;
  /** Absolute Q (overrides the ratio). */
  processNoise?: number;
  /** Absolute R (default: variance of the sequence). */
  observationNoise?: number;
  /** m0: 'first' (default) = y[0], 'mean' = mean of y, or a number. */
  initialMean?: 'first' | 'mean' | number;
  /** P0 (default R). */
  initialVariance?: number;
}

/** Smooth x (read at x[offset + t·stride], t < count) into y at the same positions. */
export function ldsSmooth(
  x: Float64Array,
  options: LdsOptions = {},
  y: Float64Array = new Float64Array(x.length),
  count = x.length,
  offset = 0,
  stride = 1,
): Float64Array {
  if (count === 0) return y;
  const obs = new Float64Array(count);
  for (let t = 0; t < count; t++) obs[t] = x[offset + t * stride]!;
  let mean = 0;
  for (let t = 0; t < count; t++) mean += obs[t]!;
  mean /= count;
  let variance = 0;
  for (let t = 0; t < count; t++) variance += (obs[t]! - mean) ** 2;
  variance /= count;

  const R = options.observationNoise ?? variance;
  const Q = options.processNoise ?? (options.processNoiseRatio ?? 0.01) * R;
  const P0 = options.initialVariance ?? R;
  const init = options.initialMean ?? 'first';
  const m0 = init === 'first' ? obs[0]! : init === 'mean' ? mean : init;
  for (const [name, v] of [['observation noise R', R], ['process noise Q', Q], ['initial variance P0', P0]] as const) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new StrnnError('CONFIG', `LDS ${name} must be a finite number ≥ 0, got ${v}`);
  }
  if (!Number.isFinite(m0)) throw new StrnnError('CONFIG', `LDS initial mean must be finite, got ${m0}`);
  if (R === 0) {
    for (let t = 0; t < count; t++) y[offset + t * stride] = obs[t]!;
    return y;
  }

  // Forward pass: filtered mean m[t], variance P[t], and the predicted variance Pp[t] = P[t−1] + Q.
  const m = new Float64Array(count), P = new Float64Array(count), Pp = new Float64Array(count);
  let mPrior = m0, pPrior = P0;
  for (let t = 0; t < count; t++) {
    if (t > 0) {
      mPrior = m[t - 1]!;
      pPrior = P[t - 1]! + Q;
    }
    Pp[t] = pPrior;
    const gain = pPrior / (pPrior + R);
    m[t] = mPrior + gain * (obs[t]! - mPrior);
    P[t] = (1 - gain) * pPrior;
  }
  // Backward pass (RTS): J = P[t]/Pp[t+1]; ms[t] = m[t] + J·(ms[t+1] − m[t]).
  let next = m[count - 1]!;
  y[offset + (count - 1) * stride] = next;
  for (let t = count - 2; t >= 0; t--) {
    const J = Pp[t + 1]! > 0 ? P[t]! / Pp[t + 1]! : 0;
    next = m[t]! + J * (next - m[t]!);
    y[offset + t * stride] = next;
  }
  return y;
}

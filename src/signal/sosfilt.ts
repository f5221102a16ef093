// Causal and zero-phase filtering with second-order sections (float64), matching scipy.signal's
// sosfilt, sosfilt_zi and sosfiltfilt (default padtype 'odd', default padlen).
//
// Each section is direct form II transposed with a0 = 1:
//   y[n] = b0·x[n] + z0;  z0 ← b1·x[n] + z1 − a1·y[n];  z1 ← b2·x[n] − a2·y[n]
// The update of z0 adds z1 before subtracting a1·y[n] so that only one multiply and one subtract
// lie between consecutive outputs: the recurrence is latency-bound, and this order is ~1.5x faster.
// State layout: S x 2 row-major [z0, z1] per section, the same as scipy's zi/zf.
// Sections run over the whole buffer (section-major), four or two at a time: each pass is a tight
// recurrence on coefficients held in locals, the fastest plain-JS order.
import { StrnnError } from '../util/errors.js';

/** Number of sections of an S x 6 row-major SOS array, after checking its form. */
export function sosSectionCount(sos: Float64Array): number {
  if (sos.length === 0 || sos.length % 6 !== 0) {
    throw new StrnnError('CONFIG', `second-order sections must have shape S x 6, got ${sos.length} values`);
  }
  for (let s = 0; s < sos.length; s += 6) {
    if (sos[s + 3] !== 1) {
      throw new StrnnError('CONFIG', `section ${s / 6} has a0 = ${sos[s + 3]}, expected 1 (normalised sections)`);
    }
  }
  return sos.length / 6;
}

// One section over x, forwards (reverse = false) or from the last sample to the first.
function runSection(sos: Float64Array, s: number, x: Float64Array, state: Float64Array, reverse: boolean): void {
  const b0 = sos[6 * s]!, b1 = sos[6 * s + 1]!, b2 = sos[6 * s + 2]!;
  const a1 = sos[6 * s + 4]!, a2 = sos[6 * s + 5]!;
  let z0 = state[2 * s]!, z1 = state[2 * s + 1]!;
  const n = x.length, step = reverse ? -1 : 1;
  for (let i = reverse ? n - 1 : 0, k = 0; k < n; k++, i += step) {
    const xi = x[i]!;
    const yi = b0 * xi + z0;
    z0 = b1 * xi + z1 - a1 * yi;
    z1 = b2 * xi - a2 * yi;
    x[i] = yi;
  }
  state[2 * s] = z0;
  state[2 * s + 1] = z1;
}

// Sections s … s + count − 1 (count 2 or 4) fused in one sample loop. Each section is a serial
// recurrence whose speed is bound by floating-point latency (add → multiply → subtract per sample);
// independent chains in one loop let the CPU overlap them: two sections per loop run ~1.7x and
// four ~2.4x faster than one section at a time. Four is the default band-pass (order 4).
function runFusedSections(sos: Float64Array, s: number, count: 2 | 4, x: Float64Array, state: Float64Array, reverse: boolean): void {
  const o = 6 * s;
  const b0 = sos[o]!, b1 = sos[o + 1]!, b2 = sos[o + 2]!, a1 = sos[o + 4]!, a2 = sos[o + 5]!;
  const c0 = sos[o + 6]!, c1 = sos[o + 7]!, c2 = sos[o + 8]!, d1 = sos[o + 10]!, d2 = sos[o + 11]!;
  let z0 = state[2 * s]!, z1 = state[2 * s + 1]!, w0 = state[2 * s + 2]!, w1 = state[2 * s + 3]!;
  // The index steps instead of being computed from k (i = reverse ? n − 1 − k : k): the same order,
  // but V8 then keeps the loop tight, about 8x faster (measured: 84 → 10 ns per sample, 4 sections).
  const n = x.length, step = reverse ? -1 : 1;
  if (count === 2) {
    for (let i = reverse ? n - 1 : 0, k = 0; k < n; k++, i += step) {
      const xi = x[i]!;
      const yi = b0 * xi + z0;
      z0 = b1 * xi + z1 - a1 * yi;
      z1 = b2 * xi - a2 * yi;
      const vi = c0 * yi + w0;
      w0 = c1 * yi + w1 - d1 * vi;
      w1 = c2 * yi - d2 * vi;
      x[i] = vi;
    }
  } else {
    const e0 = sos[o + 12]!, e1 = sos[o + 13]!, e2 = sos[o + 14]!, f1 = sos[o + 16]!, f2 = sos[o + 17]!;
    const g0 = sos[o + 18]!, g1 = sos[o + 19]!, g2 = sos[o + 20]!, h1 = sos[o + 22]!, h2 = sos[o + 23]!;
    let u0 = state[2 * s + 4]!, u1 = state[2 * s + 5]!, t0 = state[2 * s + 6]!, t1 = state[2 * s + 7]!;
    for (let i = reverse ? n - 1 : 0, k = 0; k < n; k++, i += step) {
      const xi = x[i]!;
      const yi = b0 * xi + z0;
      z0 = b1 * xi + z1 - a1 * yi;
      z1 = b2 * xi - a2 * yi;
      const vi = c0 * yi + w0;
      w0 = c1 * yi + w1 - d1 * vi;
      w1 = c2 * yi - d2 * vi;
      const qi = e0 * vi + u0;
      u0 = e1 * vi + u1 - f1 * qi;
      u1 = e2 * vi - f2 * qi;
      const ri = g0 * qi + t0;
      t0 = g1 * qi + t1 - h1 * ri;
      t1 = g2 * qi - h2 * ri;
      x[i] = ri;
    }
    state[2 * s + 4] = u0;
    state[2 * s + 5] = u1;
    state[2 * s + 6] = t0;
    state[2 * s + 7] = t1;
  }
  state[2 * s] = z0;
  state[2 * s + 1] = z1;
  state[2 * s + 2] = w0;
  state[2 * s + 3] = w1;
}

function runSections(sos: Float64Array, x: Float64Array, state: Float64Array, reverse: boolean): void {
  const sections = sosSectionCount(sos);
  if (state.length !== 2 * sections) {
    throw new StrnnError('INPUT', `filter state must hold ${2 * sections} values (S x 2), got ${state.length}`);
  }
  let s = 0;
  for (; s + 3 < sections; s += 4) runFusedSections(sos, s, 4, x, state, reverse);
  if (s + 1 < sections) {
    runFusedSections(sos, s, 2, x, state, reverse);
    s += 2;
  }
  if (s < sections) runSection(sos, s, x, state, reverse);
}

/**
 * Filter `x` in place through all sections, starting from and updating `state` (S x 2).
 * Calling it on consecutive chunks with the same state gives the same output as one call on the
 * whole signal: that is what streaming needs.
 */
export function sosfiltInPlace(sos: Float64Array, x: Float64Array, state: Float64Array): void {
  runSections(sos, x, state, false);
}

/** Causal filtering (scipy.signal.sosfilt). `zi` (S x 2) defaults to zeros; returns y and final state. */
export function sosfilt(sos: Float64Array, x: Float64Array, zi?: Float64Array): { y: Float64Array; zf: Float64Array } {
  const sections = sosSectionCount(sos);
  const zf = zi ? Float64Array.from(zi) : new Float64Array(2 * sections);
  const y = Float64Array.from(x);
  sosfiltInPlace(sos, y, zf);
  return { y, zf };
}

/**
 * Initial state (S x 2) for a step response in steady state (scipy.signal.sosfilt_zi): multiply by
 * x[0] to start filtering a signal as if it had always equalled x[0].
 * Per section (lfilter_zi for a 2x2 companion system, solved in closed form):
 *   B = [b1 − a1·b0, b2 − a2·b0],  z0 = (B0 + B1)/(1 + a1 + a2),  z1 = B1 − a2·z0,
 * scaled by the DC gain Π b.sum()/a.sum() of the sections before it.
 */
export function sosfiltZi(sos: Float64Array): Float64Array {
  const sections = sosSectionCount(sos);
  const zi = new Float64Array(2 * sections);
  let gain = 1;
  for (let s = 0; s < sections; s++) {
    const b0 = sos[6 * s]!, b1 = sos[6 * s + 1]!, b2 = sos[6 * s + 2]!;
    const a1 = sos[6 * s + 4]!, a2 = sos[6 * s + 5]!;
    const B0 = b1 - a1 * b0, B1 = b2 - a2 * b0;
    const z0 = (B0 + B1) / (1 + a1 + a2);
    zi[2 * s] = gain * z0;
    zi[2 * s + 1] = gain * (B1 - a2 * z0);
    gain *= (b0 + b1 + b2) / (1 + a1 + a2);
  }
  return zi;
}

/**
 * scipy's default sosfiltfilt padding length: 3·ntaps, ntaps = 2S + 1 minus the number of sections
 * whose b2 and a2 are both zero (counted as min of the two counts, as scipy does).
 */
export function sosfiltfiltPadLength(sos: Float64Array): number {
  const sections = sosSectionCount(sos);
  let b2Zero = 0, a2Zero = 0;
  for (let s = 0; s < sections; s++) {
    if (sos[6 * s + 2] === 0) b2Zero++;
    if (sos[6 * s + 5] === 0) a2Zero++;
  }
  return 3 * (2 * sections + 1 - Math.min(b2Zero, a2Zero));
}

/**
 * Zero-phase filtering (scipy.signal.sosfiltfilt, padtype 'odd', default padlen): extend both ends
 * by odd reflection about the end samples, filter forwards from the steady state for the first
 * sample, backwards from the steady state for the last output, then cut the padding off.
 * The odd extension and the scaled initial state keep the ends from ringing.
 * `work` (optional, length n + 2·padlen) avoids an allocation when filtering many channels.
 */
export function sosfiltfilt(sos: Float64Array, x: Float64Array, work?: Float64Array): Float64Array {
  const pad = sosfiltfiltPadLength(sos);
  const n = x.length;
  if (n <= pad) {
    throw new StrnnError(
      'INPUT',
      `zero-phase filtering needs more than ${pad} samples (scipy's padlen for ${sos.length / 6} sections), got ${n}`,
    );
  }
  const m = n + 2 * pad;
  const ext = work && work.length >= m ? work.subarray(0, m) : new Float64Array(m);
  // Odd extension: ext[pad - j] = 2·x[0] − x[j] and ext[pad + n − 1 + j] = 2·x[n−1] − x[n−1−j].
  const first = x[0]!, last = x[n - 1]!;
  for (let j = 1; j <= pad; j++) {
    ext[pad - j] = 2 * first - x[j]!;
    ext[pad + n - 1 + j] = 2 * last - x[n - 1 - j]!;
  }
  ext.set(x, pad);
  const zi = sosfiltZi(sos);
  const state = new Float64Array(zi.length);
  const x0 = ext[0]!;
  for (let i = 0; i < zi.length; i++) state[i] = zi[i]! * x0;
  runSections(sos, ext, state, false);
  // Backward pass run from the end instead of reversing the buffer twice.
  const y0 = ext[m - 1]!;
  for (let i = 0; i < zi.length; i++) state[i] = zi[i]! * y0;
  runSections(sos, ext, state, true);
  return Float64Array.from(ext.subarray(pad, pad + n));
}

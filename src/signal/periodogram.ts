// One-sided power spectral density of one segment, the building block of Welch's method and of the
// spectral DE. Definition (scipy.signal.periodogram / welch with window='hann', detrend='constant',
// scaling='density', return_onesided=True):
//   u[j] = (x[j] − mean(x))·h[j],  h[j] = 0.5 − 0.5·cos(2πj/n)   (periodic Hann, scipy's get_window)
//   P[k] = c_k·|FFT(u)[k]|² / (fs·Σh²),  k = 0 … floor(n/2),  f_k = k·fs/n
//   c_k = 1 at k = 0 and at k = n/2 (n even), else 2 (energy of the negative frequencies folded in)
// Units: signal units² per Hz. Σ_k P[k]·fs/n approximates the variance of x.
import { fftPlan } from './fft.js';
import { detCos } from '../util/det-math.js';

/** Periodic Hann window of length n (scipy.signal.get_window('hann', n)). */
export function hannPeriodic(n: number): Float64Array {
  const h = new Float64Array(n);
  for (let j = 0; j < n; j++) h[j] = 0.5 - 0.5 * detCos((2 * Math.PI * j) / n);
  return h;
}

/** Reusable buffers for periodograms of one segment length. */
export class Periodogram {
  readonly n: number;
  readonly bins: number;
  private readonly window: Float64Array;
  private readonly scale: number;
  private readonly re: Float64Array;
  private readonly im: Float64Array;

  constructor(n: number, fsHz: number) {
    this.n = n;
    this.bins = (n >> 1) + 1;
    this.window = hannPeriodic(n);
    let energy = 0;
    for (let j = 0; j < n; j++) energy += this.window[j]! * this.window[j]!;
    this.scale = 1 / (fsHz * energy);
    this.re = new Float64Array(n);
    this.im = new Float64Array(n);
  }

  /** Add the density of x[start, start + n) to out[0 … bins) (accumulates, for Welch averaging). */
  accumulate(x: Float64Array, start: number, out: Float64Array): void {
    const n = this.n;
    let mean = 0;
    for (let j = 0; j < n; j++) mean += x[start + j]!;
    mean /= n;
    for (let j = 0; j < n; j++) {
      this.re[j] = (x[start + j]! - mean) * this.window[j]!;
      this.im[j] = 0;
    }
    fftPlan(n).transform(this.re, this.im);
    for (let k = 0; k < this.bins; k++) {
      const folded = k === 0 || 2 * k === n ? 1 : 2;
      out[k] = out[k]! + (folded * this.scale) * (this.re[k]! * this.re[k]! + this.im[k]! * this.im[k]!);
    }
  }
}

/** Bins k with lowHz ≤ k·fs/n ≤ highHz, as [first, last + 1); empty when the band falls between bins. */
export function bandBins(n: number, fsHz: number, lowHz: number, highHz: number): [number, number] {
  const df = fsHz / n;
  // A relative slack of 1e-9 keeps edges that land exactly on a bin (1 Hz at df = 1 Hz) inside.
  const first = Math.ceil(lowHz / df - 1e-9);
  const last = Math.min(n >> 1, Math.floor(highHz / df + 1e-9));
  return [first, Math.max(first, last + 1)];
}

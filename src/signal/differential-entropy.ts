// Differential entropy (DE) of EEG windows, the feature of SEED (Duan, Zhu & Lu 2013).
//
// Gaussian variant: for a band-passed signal assumed Gaussian with variance σ² in a window,
//   DE = 0.5·ln(2πe·σ²),  σ² = population variance (divide by n, like numpy.var) of the window.
// The band-pass is applied to the whole trial zero-phase (sosfiltfilt) and windows are cut after,
// so window edges see no filter transients.
//
// Spectral variant, per window of n samples (see periodogram.ts for P[k]):
//   power = Σ_{k: low ≤ f_k ≤ high} P[k]·fs/n     (band-limited variance estimate, units²)
//   DE    = 0.5·ln(2πe·power)
// i.e. scipy.signal.periodogram(window, fs, window='hann', detrend='constant') summed over the band's
// bins times the bin width. It estimates the same σ² as the Gaussian variant without filtering.
import { StrnnError } from '../util/errors.js';
import type { Band } from './bands.js';
import { Periodogram, bandBins } from './periodogram.js';
import type { WindowPlan } from './windows.js';
import { detLog } from '../util/det-math.js';

const TWO_PI_E = 2 * Math.PI * Math.E;

/** DE of a Gaussian with variance `variance`: 0.5·ln(2πe·σ²). */
export function gaussianDe(variance: number): number {
  return 0.5 * detLog(TWO_PI_E * variance);
}

/**
 * Gaussian DE of each window of an already band-passed sequence.
 * out[i·outStride] = DE of window i; two passes (mean, then squared deviations) per window keep the
 * variance accurate when the mean is large compared with the spread.
 */
export function deGaussianWindows(filtered: Float64Array, plan: WindowPlan, out: Float64Array, outOffset = 0, outStride = 1): void {
  for (let w = 0; w < plan.count; w++) {
    out[outOffset + w * outStride] = gaussianDe(populationVariance(filtered, w * plan.strideSamples, plan.lengthSamples));
  }
}

/**
 * Variance (divide by n, like numpy.var) of x[from, from + n): two passes (mean first), each sum
 * oldest sample first. The causal filter bank's kernels sum in exactly this order.
 */
export function populationVariance(x: Float64Array, from: number, n: number): number {
  let mean = 0;
  for (let j = from; j < from + n; j++) mean += x[j]!;
  mean /= n;
  let ss = 0;
  for (let j = from; j < from + n; j++) {
    const d = x[j]! - mean;
    ss += d * d;
  }
  return ss / n;
}

/**
 * Spectral DE of each window of a raw (unfiltered) sequence, for every band.
 * out[outOffset + w·outStride + b] = DE of window w in band b (bands contiguous).
 */
export function deSpectralWindows(
  x: Float64Array,
  fsHz: number,
  plan: WindowPlan,
  bands: readonly Band[],
  out: Float64Array,
  outOffset = 0,
  outStride = bands.length,
): void {
  const n = plan.lengthSamples;
  const periodogram = new Periodogram(n, fsHz);
  const ranges = bands.map((b) => {
    const r = bandBins(n, fsHz, b.lowHz, b.highHz);
    if (r[1] <= r[0]) {
      throw new StrnnError('CONFIG', `band '${b.name}' [${b.lowHz}, ${b.highHz}] Hz contains no FFT bin for ${n}-sample windows`);
    }
    return r;
  });
  const psd = new Float64Array(periodogram.bins);
  const df = fsHz / n;
  for (let w = 0; w < plan.count; w++) {
    psd.fill(0);
    periodogram.accumulate(x, w * plan.strideSamples, psd);
    ranges.forEach(([first, end], b) => {
      let power = 0;
      for (let k = first; k < end; k++) power += psd[k]!;
      out[outOffset + w * outStride + b] = gaussianDe(power * df);
    });
  }
}

// Welch PSD and band power, matching scipy.signal.welch(x, fs, window='hann', nperseg=n,
// noverlap=n // 2, detrend='constant', scaling='density', average='mean') with these values
// passed explicitly (scipy's own nperseg default of 256 would not suit 1-s windows).
// Segments start at 0, step, 2·step, … (step = n − noverlap) and only whole segments are used.
// Band power here = MEAN density over the bins with low ≤ f ≤ high (units²/Hz), so bands of
// different widths stay comparable; multiply by (number of bins)·fs/n for the band's variance.
import { StrnnError } from '../util/errors.js';
import type { Band } from './bands.js';
import { Periodogram, bandBins } from './periodogram.js';

export interface WelchOptions {
  /** Segment length in samples (scipy nperseg). */
  segmentSamples: number;
  /** Overlap in samples (scipy noverlap); default floor(segmentSamples / 2). */
  overlapSamples?: number;
}

/** Frequencies (Hz) of the one-sided bins for segment length n. */
export function welchFrequencies(n: number, fsHz: number): Float64Array {
  const f = new Float64Array((n >> 1) + 1);
  for (let k = 0; k < f.length; k++) f[k] = (k * fsHz) / n;
  return f;
}

/** Welch density of x[start, start + length): returns floor(n/2) + 1 values. */
export function welchPsd(
  x: Float64Array,
  fsHz: number,
  options: WelchOptions,
  start = 0,
  length = x.length - start,
): Float64Array {
  const n = options.segmentSamples;
  const overlap = options.overlapSamples ?? Math.floor(n / 2);
  if (!Number.isInteger(n) || n < 2 || !Number.isInteger(overlap) || overlap < 0 || overlap >= n) {
    throw new StrnnError('CONFIG', `Welch needs an integer segment ≥ 2 and 0 ≤ overlap < segment, got ${n} and ${overlap}`);
  }
  if (length < n) {
    throw new StrnnError('INPUT', `Welch segment of ${n} samples is longer than the ${length} samples given`);
  }
  const step = n - overlap;
  const segments = Math.floor((length - overlap) / step);
  const periodogram = new Periodogram(n, fsHz);
  const psd = new Float64Array(periodogram.bins);
  for (let s = 0; s < segments; s++) periodogram.accumulate(x, start + s * step, psd);
  for (let k = 0; k < psd.length; k++) psd[k] = psd[k]! / segments;
  return psd;
}

/** Mean density per band (see the header); throws when a band holds no bin at this resolution. */
export function bandMeans(psd: Float64Array, segmentSamples: number, fsHz: number, bands: readonly Band[]): Float64Array {
  const out = new Float64Array(bands.length);
  bands.forEach((b, i) => {
    const [first, end] = bandBins(segmentSamples, fsHz, b.lowHz, b.highHz);
    if (end <= first) {
      throw new StrnnError(
        'CONFIG',
        `band '${b.name}' [${b.lowHz}, ${b.highHz}] Hz contains no frequency bin at resolution ${fsHz / segmentSamples} Hz`,
        'use longer segments or wider bands',
      );
    }
    let sum = 0;
    for (let k = first; k < end; k++) sum += psd[k]!;
    out[i] = sum / (end - first);
  });
  return out;
}

// Feature normalisation: z-score per node and feature, fitted on training windows only and stored in
// the checkpoint so that prediction applies exactly the training statistics.
import { StrnnError } from '../util/errors.js';
import type { SampleSet } from '../datasets/samples.js';

export interface Normalization {
  /** N x dIn means and standard deviations. */
  mean: Float32Array;
  std: Float32Array;
}

/**
 * Fits on the distinct windows of the samples (a window shared by overlapping samples counts once),
 * accumulating in float64. A constant feature gets std 1 so it maps to 0 instead of dividing by 0.
 */
export function fitNormalization(set: SampleSet): Normalization {
  const { N, dIn, T } = set;
  const slice = N * dIn;
  const sum = new Float64Array(slice);
  const sq = new Float64Array(slice);
  const seen = new Set<string>();
  let count = 0;
  for (let k = 0; k < set.count; k++) {
    for (let t = 0; t < T; t++) {
      const key = `${set.trial[k]}:${set.start[k]! + t}`;
      if (seen.has(key)) continue;
      seen.add(key);
      count++;
      const base = (k * T + t) * slice;
      for (let i = 0; i < slice; i++) {
        const v = set.x[base + i]!;
        sum[i] += v;
        sq[i] += v * v;
      }
    }
  }
  if (count === 0) throw new StrnnError('INPUT', 'cannot fit normalisation: the training part has no samples');
  const mean = new Float32Array(slice);
  const std = new Float32Array(slice);
  for (let i = 0; i < slice; i++) {
    const m = sum[i]! / count;
    const variance = Math.max(0, sq[i]! / count - m * m);
    mean[i] = m;
    std[i] = variance > 1e-12 ? Math.sqrt(variance) : 1;
  }
  return { mean, std };
}

/** Applies (x - mean) / std in place to x laid out count x T x N x dIn. */
export function applyNormalization(x: Float32Array, norm: Normalization): void {
  const slice = norm.mean.length;
  for (let base = 0; base < x.length; base += slice) {
    for (let i = 0; i < slice; i++) x[base + i] = (x[base + i]! - norm.mean[i]!) / norm.std[i]!;
  }
}

/** A normalised copy of a sample set. */
export function normalized(set: SampleSet, norm: Normalization): SampleSet {
  const x = Float32Array.from(set.x);
  applyNormalization(x, norm);
  return { ...set, x };
}

// Centered moving average over a sequence of windows (SEED's "movingAve" smoothing).
// y[t] = mean of x[t − h … t + h], h = (length − 1)/2, with the window truncated at both ends:
// near an edge the mean runs over the samples that exist (no padding, no shrinking of the far side),
// so a constant sequence stays constant. Equivalent to
//   np.convolve(x, ones(L), 'same') / np.convolve(ones(n), ones(L), 'same')   for odd L.
import { StrnnError } from '../util/errors.js';

/** Smooth x (read at x[offset + t·stride], t < count) into y at the same positions. */
export function movingAverage(
  x: Float64Array,
  length: number,
  y: Float64Array = new Float64Array(x.length),
  count = x.length,
  offset = 0,
  stride = 1,
): Float64Array {
  if (!Number.isInteger(length) || length < 1 || length % 2 === 0) {
    throw new StrnnError('CONFIG', `moving-average length must be an odd integer ≥ 1 (centered), got ${length}`);
  }
  const h = (length - 1) / 2;
  // Running sum over the truncated window [t − h, t + h] ∩ [0, count): O(count) for any length.
  const tmp = new Float64Array(count);
  let sum = 0;
  for (let t = 0; t < Math.min(h, count); t++) sum += x[offset + t * stride]!;
  for (let t = 0; t < count; t++) {
    const enter = t + h, leave = t - h - 1;
    if (enter < count) sum += x[offset + enter * stride]!;
    if (leave >= 0) sum -= x[offset + leave * stride]!;
    const lo = Math.max(0, t - h), hi = Math.min(count - 1, t + h);
    tmp[t] = sum / (hi - lo + 1);
  }
  for (let t = 0; t < count; t++) y[offset + t * stride] = tmp[t]!;
  return y;
}

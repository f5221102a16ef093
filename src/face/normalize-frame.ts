// Per-frame photometric normalisation: every aligned crop is shifted to zero mean and scaled to unit
// (population) variance over its pixels, so lighting and camera gain differences between subjects and
// sessions do not reach the model. Statistics are accumulated in float64. A flat crop (standard
// deviation below 1e-6 gray levels) becomes all zeros instead of dividing by ~0.

export function normalizeFrame(pixels: Float32Array): Float32Array {
  const n = pixels.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += pixels[i]!;
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const d = pixels[i]! - mean;
    sq += d * d;
  }
  const std = Math.sqrt(sq / n);
  const scale = std < 1e-6 ? 0 : 1 / std;
  for (let i = 0; i < n; i++) pixels[i] = (pixels[i]! - mean) * scale;
  return pixels;
}

// Inference with a loaded checkpoint: applies the checkpoint's own normalisation (fitted on its
// training data) and returns class probabilities.
import type { LoadedCheckpoint } from '../formats/checkpoint.js';
import { applyNormalization } from '../train/normalize.js';

/** x: count x T x N x dIn raw features. Returns count x C probabilities. */
export function predictProbabilities(ckpt: LoadedCheckpoint, x: Float32Array, count: number): Float32Array {
  const input = Float32Array.from(x);
  if (ckpt.normalization) applyNormalization(input, ckpt.normalization);
  return ckpt.model.predict(input, count);
}

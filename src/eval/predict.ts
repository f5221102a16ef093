// Inference with a loaded checkpoint: applies the checkpoint's own normalisation (fitted on its
// training data) and returns class probabilities. Samples holding NaN or Inf are refused (naming the
// first) or, with skipInvalid, left out and listed: a non-finite input never becomes a prediction.
import type { LoadedCheckpoint } from '../formats/checkpoint.js';
import { StrnnModel } from '../model/model.js';
import { describeValueAt, nonFiniteSamples } from '../train/check-samples.js';
import { applyNormalization } from '../train/normalize.js';
import { StrnnError } from '../util/errors.js';

export interface PredictOptions {
  /** Leave samples holding NaN / Inf out (listed in `skipped`) instead of refusing the input. */
  skipInvalid?: boolean;
  /** Index of x's first sample in the whole input (for chunked inputs): messages and kept/skipped use it. */
  firstIndex?: number;
  /** Name of the input (a file) for messages. */
  source?: string;
}

export interface Predictions {
  /** kept.length x C probabilities. */
  probabilities: Float32Array;
  /** Indices of the samples predicted, ascending. */
  kept: number[];
  /** Indices of the samples left out as non-finite (skipInvalid), ascending. */
  skipped: number[];
}

/** Refuses what is not a loaded checkpoint, saying what is needed (a bare StrnnModel lacks class names and normalisation). */
export function checkCheckpoint(ckpt: unknown, fn: string): asserts ckpt is LoadedCheckpoint {
  if (ckpt instanceof StrnnModel) {
    throw new StrnnError('INPUT', `${fn} takes a loaded checkpoint { model, classNames, normalization? }, not a bare StrnnModel`,
      'load one with loadCheckpoint(dir, backend), or pass { model, classNames, normalization } with the normalisation fitted on its training data (fitNormalization); model.predict(x, count) takes already-normalised samples');
  }
  const c = ckpt as Partial<LoadedCheckpoint> | undefined;
  if (!(c?.model instanceof StrnnModel) || !Array.isArray(c.classNames)) {
    throw new StrnnError('INPUT', `${fn} takes a loaded checkpoint { model: StrnnModel, classNames: string[], normalization? }`, 'load one with loadCheckpoint(dir, backend)');
  }
}

/**
 * Refuses NaN / Inf in x (samples of the model's shape, the first being sample `firstIndex` of the
 * input), naming the sample, time slice, node and feature; `source` (a file name) prefixes the message.
 */
export function checkFiniteSamples(model: StrnnModel, x: ArrayLike<number>, firstIndex = 0, source?: string): void {
  const { T, dIn } = model.config;
  const per = T * model.nodes * dIn;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]!)) continue;
    const where = describeValueAt(i % per, T, model.nodes, dIn).replace(/^sample \d+, /, '');
    throw new StrnnError('NUMERIC', `${source ? `${source}: ` : ''}sample ${firstIndex + Math.floor(i / per)} holds a non-finite value (${x[i]} at ${where})`,
      'clean the input, or leave such samples out with --skip-invalid (library: { skipInvalid: true }); their indices are listed in the output');
  }
}

/** x: count x T x N x dIn raw features. Probabilities (kept x C) of the finite samples; see PredictOptions. */
export function predictSamples(ckpt: LoadedCheckpoint, x: Float32Array, count: number, opts: PredictOptions = {}): Predictions {
  checkCheckpoint(ckpt, 'predictSamples');
  const { model } = ckpt;
  const perSample = model.config.T * model.nodes * model.config.dIn;
  if (x.length !== count * perSample) {
    throw new StrnnError('INPUT', `${x.length} values are not ${count} samples of ${model.shapeText()} (${count * perSample} values)`);
  }
  const first = opts.firstIndex ?? 0;
  if (!opts.skipInvalid) checkFiniteSamples(model, x, first, opts.source);
  // Normalised first, so a finite value that the checkpoint's normalisation overflows (a std near 0)
  // is caught as surely as a NaN in the input.
  const normalized = Float32Array.from(x);
  if (ckpt.normalization) applyNormalization(normalized, ckpt.normalization);
  const skipped = nonFiniteSamples(normalized, count, perSample, first);
  const rawBad = new Set(nonFiniteSamples(x, count, perSample, first));
  const overflowed = skipped.find((i) => !rawBad.has(i));
  if (overflowed !== undefined && !opts.skipInvalid) {
    throw new StrnnError('NUMERIC', `${opts.source ? `${opts.source}: ` : ''}sample ${overflowed} is finite, but the checkpoint's normalisation makes it non-finite`,
      'a normalization.std near 0 in the checkpoint divides its features to Infinity; refit it, or leave such samples out with --skip-invalid');
  }
  const bad = new Set(skipped);
  const kept = Array.from({ length: count }, (_, i) => first + i).filter((i) => !bad.has(i));
  let input = normalized;
  if (skipped.length > 0) {
    input = new Float32Array(kept.length * perSample);
    kept.forEach((i, k) => input.set(normalized.subarray((i - first) * perSample, (i - first + 1) * perSample), k * perSample));
  }
  return { probabilities: model.predict(input, kept.length), kept, skipped };
}

/** x: count x T x N x dIn raw features, all finite. Returns count x C probabilities. */
export function predictProbabilities(ckpt: LoadedCheckpoint, x: Float32Array, count: number): Float32Array {
  checkCheckpoint(ckpt, 'predictProbabilities');
  return predictSamples(ckpt, x, count).probabilities;
}

/**
 * Chunk size: at most 4 M input values (16 MB as float32) and at most 4096 samples (each sample's
 * output row is a small object and string; 116,000 rows of a tiny model at once held 200 MB more).
 */
export const PREDICT_CHUNK_VALUES = 4_194_304;
export const PREDICT_CHUNK_SAMPLES = 4096;

export interface ChunkedPredictOptions extends Omit<PredictOptions, 'firstIndex'> {
  /** Samples per chunk (default: PREDICT_CHUNK_VALUES values' worth, at most PREDICT_CHUNK_SAMPLES, at least 1). */
  chunkSamples?: number;
}

/**
 * Predicts `count` samples that `read(first, n)` supplies chunk by chunk (raw, count x T x N x dIn
 * row-major), handing each chunk's predictions to `onChunk` in order. Memory stays at one chunk as
 * read, one normalised copy and its probabilities, whatever `count` is. Without skipInvalid every
 * chunk is checked before the first is predicted, so a non-finite sample refuses the input before
 * any output is produced.
 */
export function predictInChunks(
  ckpt: LoadedCheckpoint, read: (first: number, n: number) => Float32Array, count: number,
  onChunk: (first: number, n: number, p: Predictions) => void, opts: ChunkedPredictOptions = {},
): { skipped: number[] } {
  checkCheckpoint(ckpt, 'predictInChunks');
  const { model } = ckpt;
  const chunk = opts.chunkSamples ?? Math.max(1, Math.min(PREDICT_CHUNK_SAMPLES, Math.floor(PREDICT_CHUNK_VALUES / (model.config.T * model.nodes * model.config.dIn))));
  if (!Number.isInteger(chunk) || chunk < 1) throw new StrnnError('CONFIG', `chunkSamples must be a positive integer, got ${chunk}`);
  if (!opts.skipInvalid) {
    for (let first = 0; first < count; first += chunk) checkFiniteSamples(model, read(first, Math.min(chunk, count - first)), first, opts.source);
  }
  const skipped: number[] = [];
  for (let first = 0; first < count; first += chunk) {
    const n = Math.min(chunk, count - first);
    const p = predictSamples(ckpt, read(first, n), n, { ...opts, firstIndex: first });
    skipped.push(...p.skipped);
    onChunk(first, n, p);
  }
  return { skipped };
}

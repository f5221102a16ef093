// Scoring a loaded checkpoint on labelled samples: accuracy, macro-F1 and the confusion matrix, with
// the same input checks as prediction (non-finite samples refused or, with skipInvalid, left out and
// listed; labels must be the model's classes). Zero samples is an error, never an accuracy of 0 %.
import type { LoadedCheckpoint } from '../formats/checkpoint.js';
import { StrnnError } from '../util/errors.js';
import { argmaxRows, classificationMetrics, type Metrics } from './metrics.js';
import { checkCheckpoint, predictSamples, type PredictOptions } from './predict.js';

export interface Evaluation extends Metrics {
  /** Samples left out as non-finite (skipInvalid), ascending. */
  skipped: number[];
}

/** Refuses labels that are not class indices of a C-class model, naming the first. */
export function checkModelLabels(labels: ArrayLike<number>, C: number, what = 'labels'): void {
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (!(Number.isInteger(y) && y >= 0 && y < C)) {
      throw new StrnnError('INPUT', `${what}: label ${y} of sample ${i} is outside 0..${C - 1} (the model has ${C} classes)`);
    }
  }
}

/** Metrics over samples already predicted (truth and predictions of the same samples). */
export function scorePredictions(truth: ArrayLike<number>, predicted: ArrayLike<number>, C: number, skipped: number[]): Evaluation {
  if (truth.length === 0) {
    throw new StrnnError('INPUT', `no samples to evaluate${skipped.length ? ` (all ${skipped.length} were left out as non-finite)` : ''}`, 'an accuracy needs at least one sample');
  }
  return { ...classificationMetrics(truth, predicted, C), skipped };
}

export function evaluateSamples(ckpt: LoadedCheckpoint, x: Float32Array, labels: ArrayLike<number>, count: number, opts: Omit<PredictOptions, 'firstIndex'> = {}): Evaluation {
  checkCheckpoint(ckpt, 'evaluateSamples');
  const C = ckpt.model.config.C;
  if (labels.length !== count) throw new StrnnError('INPUT', `${labels.length} labels for ${count} samples`);
  checkModelLabels(labels, C);
  const p = predictSamples(ckpt, x, count, opts);
  return scorePredictions(p.kept.map((i) => labels[i]!), argmaxRows(p.probabilities, p.kept.length, C), C, p.skipped);
}

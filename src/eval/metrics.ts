// Classification metrics: accuracy, macro-F1 and the confusion matrix (rows = true class,
// columns = predicted class).
import { StrnnError } from '../util/errors.js';

export interface Metrics {
  accuracy: number;
  macroF1: number;
  confusion: number[][];
  count: number;
}

/** Index of the largest probability of each row of a count x C matrix. */
export function argmaxRows(probs: ArrayLike<number>, count: number, C: number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    for (let c = 1; c < C; c++) if (probs[i * C + c]! > probs[i * C + best]!) best = c;
    out[i] = best;
  }
  return out;
}

export function classificationMetrics(truth: ArrayLike<number>, predicted: ArrayLike<number>, C: number): Metrics {
  const confusion = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  let correct = 0;
  if (predicted.length !== truth.length) throw new StrnnError('INPUT', `${truth.length} true labels but ${predicted.length} predictions`);
  for (let i = 0; i < truth.length; i++) {
    for (const [what, v] of [['true label', truth[i]!], ['predicted class', predicted[i]!]] as const) {
      if (!(Number.isInteger(v) && v >= 0 && v < C)) throw new StrnnError('INPUT', `${what} ${v} of sample ${i} is outside 0..${C - 1} (${C} classes)`);
    }
    confusion[truth[i]!]![predicted[i]!]!++;
    if (truth[i] === predicted[i]) correct++;
  }
  // Macro-F1 over the classes present in truth or predictions (a class absent from both has no F1).
  let f1Sum = 0;
  let classes = 0;
  for (let c = 0; c < C; c++) {
    const tp = confusion[c]![c]!;
    const actual = confusion[c]!.reduce((a, b) => a + b, 0);
    const predictedC = confusion.reduce((a, row) => a + row[c]!, 0);
    if (actual === 0 && predictedC === 0) continue;
    classes++;
    f1Sum += actual + predictedC === 0 ? 0 : (2 * tp) / (actual + predictedC);
  }
  return { accuracy: truth.length ? correct / truth.length : 0, macroF1: classes ? f1Sum / classes : 0, confusion, count: truth.length };
}

/** Mean and (population) standard deviation, as the SEED literature reports them over subjects. */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  if (values.length === 0) return { mean: NaN, std: NaN };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

/** Precision, recall and F1 of one class, and its number of true samples. */
export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/**
 * Per-class precision, recall and F1 from a confusion matrix (rows = true class). A class never
 * predicted has precision 0, one never present recall 0 (scikit-learn's zero_division=0).
 */
export function perClassMetrics(confusion: readonly (readonly number[])[]): ClassMetrics[] {
  return confusion.map((row, c) => {
    const tp = row[c]!;
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, r) => a + r[c]!, 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support };
  });
}

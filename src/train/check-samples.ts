// Checks a sample set before it reaches a model: its shape agrees with the model's config and
// montage, its labels are classes of the model, and every value is finite. Run on raw input, before
// normalisation, so that a NaN is reported where the user's file has it (normalising first would
// spread one NaN into every sample through the fitted mean).
import type { StrnnModel } from '../model/model.js';
import type { SampleSet } from '../datasets/samples.js';
import { StrnnError } from '../util/errors.js';

/** Where value `i` of a count x T x N x dIn array sits, in words. */
export function describeValueAt(i: number, T: number, N: number, dIn: number): string {
  const slice = N * dIn;
  const within = i % (T * slice);
  return `sample ${Math.floor(i / (T * slice))}, time slice ${Math.floor(within / slice)}, node ${Math.floor((within % slice) / dIn)}, feature ${within % dIn}`;
}

/** Refuses NaN / Inf anywhere in a sample set, naming the first bad sample, time slice, node and feature. */
export function checkFinite(set: SampleSet, what: string): void {
  for (let i = 0; i < set.x.length; i++) {
    if (!Number.isFinite(set.x[i]!)) {
      throw new StrnnError('NUMERIC', `${what}: ${describeValueAt(i, set.T, set.N, set.dIn)} holds a non-finite value (${set.x[i]})`, 'clean or drop the recording');
    }
  }
}

/** Indices (ascending) of the samples of x (count x perSample values) holding NaN or Inf. */
export function nonFiniteSamples(x: ArrayLike<number>, count: number, perSample: number, firstIndex = 0): number[] {
  const bad: number[] = [];
  for (let s = 0; s < count; s++) {
    for (let i = s * perSample; i < (s + 1) * perSample; i++) {
      if (!Number.isFinite(x[i]!)) {
        bad.push(firstIndex + s);
        break;
      }
    }
  }
  return bad;
}

/** Refuses a sample set whose shape or labels the model cannot take, naming both shapes. */
export function checkSetFitsModel(model: StrnnModel, set: SampleSet, what: string): void {
  const { T, dIn, C } = model.config;
  if (set.T !== T || set.N !== model.nodes || set.dIn !== dIn) {
    throw new StrnnError('INPUT', `${what}: samples have T x N x dIn = ${set.T} x ${set.N} x ${set.dIn}, the model expects ${model.shapeText()}`,
      'build the model with a config (T, dIn) and montage (N nodes) matching the data');
  }
  if (set.x.length !== set.count * T * model.nodes * dIn) {
    throw new StrnnError('INPUT', `${what}: x holds ${set.x.length} values, ${set.count} samples of ${set.T} x ${set.N} x ${set.dIn} need ${set.count * T * model.nodes * dIn}`);
  }
  if (set.y.length < set.count) throw new StrnnError('INPUT', `${what}: ${set.y.length} labels for ${set.count} samples`);
  for (let i = 0; i < set.count; i++) {
    const y = set.y[i]!;
    if (!(y >= 0 && y < C)) {
      throw new StrnnError('INPUT', `${what}: label ${y} of sample ${i} is outside 0..${C - 1} (the model has C = ${C} classes)`, 'labels are class indices 0..C-1; set C in the model config to the number of classes');
    }
  }
}

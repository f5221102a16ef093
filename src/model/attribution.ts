// Gradient attribution of STRNN's inputs through the model's own exact backward pass
// (StrnnModel.lossAndGradients with inputGrad): how much each input value (time slice t, node v,
// feature f) moved the log-probability of the class being explained.
//
// - input x gradient: a = x · ∂log p_c/∂x, at the (normalised) sample itself;
// - integrated gradients (Sundararajan et al., 2017): a = (x − x0) · mean over α of ∂log p_c/∂x at
//   x0 + α(x − x0), with the all-zero baseline x0 (a normalised input is zero at the training mean)
//   and the midpoint rule over `steps` values of α. Their sum over all inputs approaches
//   log p_c(x) − log p_c(x0) as `steps` grows (the completeness property, tested).
//
// The explained class of each sample is its true label, so one backward pass per batch serves every
// class: per-class maps average the samples of that class. Maps are magnitudes |a| summed over the
// axes a view leaves out and averaged over samples: per node (electrode or face patch), per feature
// (band), per time slice, and per node and feature (one topomap per band).
import type { StrnnModel } from './model.js';
import { StrnnError } from '../util/errors.js';

export type AttributionMethod = 'input-x-gradient' | 'integrated-gradients';

/** Attribution magnitudes of one group of samples (all, or one class). */
export interface AttributionMaps {
  samples: number;
  /** N values, montage order. */
  node: number[];
  /** dIn values (one per band for EEG). */
  feature: number[];
  /** T values, first slice first. */
  time: number[];
  /** N x dIn values, node-major. */
  nodeFeature: number[];
}

export interface Attribution {
  method: AttributionMethod;
  all: AttributionMaps;
  /** One entry per class index; a class with no samples has samples = 0 and zero maps. */
  perClass: AttributionMaps[];
}

export interface AttributionOptions {
  /** Integrated-gradients path points (default 16). */
  steps?: number;
}

/**
 * Raw attributions, count x T x N x dIn, of the log-probability of class y[i] for each normalised
 * sample x[i] (count x T x N x dIn). Leaves the model's parameter gradients zeroed.
 */
export function attributeSamples(model: StrnnModel, x: ArrayLike<number>, y: ArrayLike<number>, count: number, method: AttributionMethod, o: AttributionOptions = {}): Float64Array {
  const { T, dIn, C } = model.config;
  const slice = T * model.nodes * dIn;
  if (x.length !== count * slice) throw new StrnnError('INPUT', `attribution: samples hold ${x.length} values, expected ${count} x ${T} x ${model.nodes} x ${dIn}`);
  for (let i = 0; i < count; i++) {
    if (!Number.isInteger(y[i]) || y[i]! < 0 || y[i]! >= C) throw new StrnnError('INPUT', `attribution: label ${y[i]} of sample ${i} is not a class index 0..${C - 1}`);
  }
  const steps = method === 'integrated-gradients' ? (o.steps ?? 16) : 1;
  if (!Number.isInteger(steps) || steps < 1) throw new StrnnError('CONFIG', `integrated gradients needs a positive integer number of steps, found ${steps}`);
  const out = new Float64Array(count * slice);
  const chunk = model.maxBatch;
  for (let first = 0; first < count; first += chunk) {
    const b = Math.min(chunk, count - first);
    const scaled = new Float64Array(b * slice);
    const labels = Int32Array.from({ length: b }, (_, i) => y[first + i]!);
    const indices = Array.from({ length: b }, (_, i) => i);
    const meanGrad = new Float64Array(b * slice);
    for (let s = 0; s < steps; s++) {
      const alpha = method === 'integrated-gradients' ? (s + 0.5) / steps : 1;
      for (let i = 0; i < b * slice; i++) scaled[i] = alpha * x[first * slice + i]!;
      model.loadBatch(scaled, labels, indices);
      model.zeroGradients();
      model.lossAndGradients({ inputGrad: true });
      // The loss is the batch mean of −log p_y, so ∂log p_y/∂x of one sample is −B times its share.
      const g = model.inputGradient();
      for (let i = 0; i < b * slice; i++) meanGrad[i]! += (-b * g[i]!) / steps;
    }
    for (let i = 0; i < b * slice; i++) out[first * slice + i] = x[first * slice + i]! * meanGrad[i]!;
  }
  model.zeroGradients();
  return out;
}

function emptyMaps(T: number, N: number, dIn: number): AttributionMaps {
  return { samples: 0, node: new Array<number>(N).fill(0), feature: new Array<number>(dIn).fill(0), time: new Array<number>(T).fill(0), nodeFeature: new Array<number>(N * dIn).fill(0) };
}

/** Per-sample magnitudes summed into the four views, averaged over each group's samples. */
export function summarizeAttributions(a: ArrayLike<number>, y: ArrayLike<number>, count: number, dims: { T: number; N: number; dIn: number; C: number }, method: AttributionMethod): Attribution {
  const { T, N, dIn, C } = dims;
  const all = emptyMaps(T, N, dIn);
  const perClass = Array.from({ length: C }, () => emptyMaps(T, N, dIn));
  for (let i = 0; i < count; i++) {
    const groups = [all, perClass[y[i]!]!];
    for (const g of groups) g.samples++;
    for (let t = 0; t < T; t++) for (let v = 0; v < N; v++) for (let f = 0; f < dIn; f++) {
      const m = Math.abs(a[((i * T + t) * N + v) * dIn + f]!);
      for (const g of groups) {
        g.node[v]! += m;
        g.feature[f]! += m;
        g.time[t]! += m;
        g.nodeFeature[v * dIn + f]! += m;
      }
    }
  }
  for (const g of [all, ...perClass]) {
    if (g.samples === 0) continue;
    for (const arr of [g.node, g.feature, g.time, g.nodeFeature]) for (let i = 0; i < arr.length; i++) arr[i]! /= g.samples;
  }
  return { method, all, perClass };
}

/** Attribution maps of normalised samples (see the file header). */
export function attribution(model: StrnnModel, x: ArrayLike<number>, y: ArrayLike<number>, count: number, method: AttributionMethod, o: AttributionOptions = {}): Attribution {
  const raw = attributeSamples(model, x, y, count, method, o);
  return summarizeAttributions(raw, y, count, { T: model.config.T, N: model.nodes, dIn: model.config.dIn, C: model.config.C }, method);
}

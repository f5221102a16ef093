// Salience from the sparse projections (spec: "Interpretation"): |G_r| summed over the four
// directions and the K_s columns gives one value per node (electrode or face patch); |Hf| + |Hb|
// summed over the K_t columns gives one value per time slice. salienceBundle adds the gradient
// attributions of src/model/attribution.ts, so one object holds every view of what a model uses.
import { DIRECTIONS } from '../montage/sweeps.js';
import { attribution, type Attribution, type AttributionOptions } from './attribution.js';
import type { StrnnModel } from './model.js';

/** One value per node, in montage order. */
export function spatialSalience(model: StrnnModel): Float64Array {
  const { kS } = model.config;
  const out = new Float64Array(model.nodes);
  for (const r of DIRECTIONS) {
    const G = model.param(`spatial.${r}.G`);
    for (let v = 0; v < model.nodes; v++) for (let j = 0; j < kS; j++) out[v] += Math.abs(G[v * kS + j]!);
  }
  return out;
}

/** One value per time slice t = 1..T (index 0 = first slice). */
export function temporalSalience(model: StrnnModel): Float64Array {
  const { T, kT } = model.config;
  const out = new Float64Array(T);
  for (const dir of ['fwd', 'bwd']) {
    const H = model.param(`temporal.${dir}.H`);
    for (let t = 0; t < T; t++) for (let j = 0; j < kT; j++) out[t] += Math.abs(H[t * kT + j]!);
  }
  return out;
}

/** Every salience view of one trained model on a set of normalised samples. */
export interface SalienceBundle {
  /** Node names (montage order) and feature names (bands), so a saved bundle explains itself. */
  nodes: string[];
  features: string[];
  classNames: string[];
  T: number;
  /** The paper's projection salience: |G_r| per node, |Hf| + |Hb| per time slice (class-agnostic). */
  projection: { node: number[]; time: number[] };
  inputXGradient: Attribution;
  integratedGradients: Attribution;
}

export interface SalienceOptions extends AttributionOptions {
  /** At most this many samples are explained, spread evenly over the set (default 96). */
  maxSamples?: number;
}

/** Evenly spaced sample indices, at most `max` of `count` (all when count <= max). */
export function spreadIndices(count: number, max: number): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.floor(((i + 0.5) * count) / max));
}

/** Projection salience and both gradient attributions over (a spread subset of) the samples. */
export function salienceBundle(
  model: StrnnModel, x: ArrayLike<number>, y: ArrayLike<number>, count: number,
  names: { features: readonly string[]; classNames: readonly string[] }, o: SalienceOptions = {},
): SalienceBundle {
  const { T, dIn } = model.config;
  const slice = T * model.nodes * dIn;
  const picked = spreadIndices(count, o.maxSamples ?? 96);
  const xs = new Float64Array(picked.length * slice);
  const ys = new Int32Array(picked.length);
  picked.forEach((s, i) => {
    for (let j = 0; j < slice; j++) xs[i * slice + j] = x[s * slice + j]!;
    ys[i] = y[s]!;
  });
  return {
    nodes: model.montage.nodes.map((n) => n.name),
    features: [...names.features],
    classNames: [...names.classNames],
    T,
    projection: { node: Array.from(spatialSalience(model)), time: Array.from(temporalSalience(model)) },
    inputXGradient: attribution(model, xs, ys, picked.length, 'input-x-gradient', o),
    integratedGradients: attribution(model, xs, ys, picked.length, 'integrated-gradients', o),
  };
}

/** Indices of the k largest values (ties: lower index first). */
export function topK(values: readonly number[], k: number): number[] {
  return values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, k).map(([, i]) => i);
}

/** Share of the k top-ranked names that lie in `planted` (precision at k). */
export function precisionAtK(values: readonly number[], names: readonly string[], planted: ReadonlySet<string>, k: number): number {
  const top = topK(values, k);
  return top.filter((i) => planted.has(names[i]!)).length / k;
}

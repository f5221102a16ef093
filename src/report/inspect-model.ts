// `strnn inspect`: the salience figures of one checkpoint. Projection salience needs only the
// weights; with samples (raw features, B x T x N x dIn) the gradient attributions are added,
// explaining each sample's predicted class (there are no labels), and a face model's map is drawn
// on the samples' mean face. Writes salience.json and every figure as SVG and PNG into one folder.
import { join } from 'node:path';
import type { LoadedCheckpoint } from '../formats/checkpoint.js';
import { argmaxRows } from '../eval/metrics.js';
import { salienceBundle, spatialSalience, temporalSalience } from '../model/salience.js';
import { applyNormalization } from '../train/normalize.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { StrnnError } from '../util/errors.js';
import { writeFigures } from './build-report.js';
import { salienceFigures, type SalienceInput } from './salience-figures.js';

export interface InspectOptions {
  out: string;
  /** Raw samples, count x T x N x dIn, as the checkpoint's training data was before normalisation. */
  samples?: { x: Float32Array; count: number };
  onFigure?: (id: string, done: number, total: number) => void;
}

/** Feature names the checkpoint recorded (experiment units do), else feature 1, 2, ... */
function featureNames(ckpt: LoadedCheckpoint): string[] {
  const recorded = ckpt.info?.featureNames;
  const dIn = ckpt.model.config.dIn;
  if (Array.isArray(recorded) && recorded.length === dIn && recorded.every((n) => typeof n === 'string')) return recorded as string[];
  return Array.from({ length: dIn }, (_, i) => `feature ${i + 1}`);
}

/** Mean raw input per node and feature over samples and time slices. */
function meanInput(x: Float32Array, count: number, slice: number, T: number): number[] {
  const sum = new Float64Array(slice);
  for (let r = 0; r < count * T; r++) for (let j = 0; j < slice; j++) sum[j]! += x[r * slice + j]!;
  return Array.from(sum, (s) => s / (count * T));
}

export async function inspectModel(ckpt: LoadedCheckpoint, o: InspectOptions): Promise<{ figures: string[]; salience: string }> {
  const { model } = ckpt;
  const names = { features: featureNames(ckpt), classNames: ckpt.classNames };
  let s: SalienceInput = {
    nodes: model.montage.nodes.map((n) => n.name), ...names, montage: model.montage,
    projection: { node: Array.from(spatialSalience(model)), time: Array.from(temporalSalience(model)) },
  };
  if (o.samples) {
    const { x, count } = o.samples;
    const slice = model.nodes * model.config.dIn;
    if (count < 1 || x.length !== count * model.config.T * slice) {
      throw new StrnnError('INPUT', `samples hold ${x.length} values, expected count x ${model.config.T} x ${model.nodes} x ${model.config.dIn} for this checkpoint`);
    }
    const input = Float32Array.from(x);
    if (ckpt.normalization) applyNormalization(input, ckpt.normalization);
    const predicted = argmaxRows(model.predict(input, count), count, model.config.C);
    s = { ...salienceBundle(model, input, predicted, count, names), montage: model.montage, meanInput: meanInput(x, count, slice, model.config.T) };
  }
  const sources = salienceFigures(s, '', 'model', true);
  let done = 0;
  const rendered = await writeFigures(sources, o.out, o.out, (id) => o.onFigure?.(id, ++done, sources.length));
  const saliencePath = join(o.out, 'salience.json');
  writeFileAtomic(saliencePath, JSON.stringify(s) + '\n');
  return { figures: rendered.flatMap((f) => [join(o.out, f.files.svg), join(o.out, f.files.png)]), salience: saliencePath };
}

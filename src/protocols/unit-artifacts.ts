// What one experiment unit keeps on disk, so a finished run can be inspected and drawn later
// (strnn report): one folder per unit, written atomically (built under a temporary name, renamed
// into place), so an interrupted run leaves either the whole folder or none of it:
//   unit.json         the unit's metrics, curves and per-class precision/recall/F1 (the resume record)
//   predictions.json  one row per test sample: subject, session, trial, window, true label,
//                     predicted class, class probabilities
//   salience.json     projection salience and both gradient attributions (src/model/salience.ts),
//                     plus the mean raw test input per node and feature (the mean aligned face of a
//                     face model)
//   model/            the best-epoch checkpoint, with how it was trained in info (unless models are off)
import { join } from 'node:path';
import { saveCheckpoint } from '../formats/checkpoint.js';
import { salienceBundle, type SalienceBundle, type SalienceOptions } from '../model/salience.js';
import { writeDirAtomic, writeFileAtomic } from '../util/atomic-write.js';
import type { Montage } from '../montage/montage.js';
import type { ProtocolUnit } from './protocol.js';
import type { UnitOutcome, UnitResult } from './run-unit.js';

export interface UnitSaveOptions {
  /** The unit's folder, <out>/units/<key>. */
  dir: string;
  /** Also save the checkpoint under model/. */
  saveModel: boolean;
  classNames: string[];
  featureNames: string[];
  /** Fields of unit.json besides `result` (key, dataset, protocol, unit, bands, ...). */
  record: Record<string, unknown>;
  /** Provenance merged into the checkpoint's info (data source, hyperparameters, strnn version). */
  info: Record<string, unknown>;
  salience?: SalienceOptions;
}

export interface PredictionRow {
  subject: string;
  session: number;
  trial: number;
  /** First window of the sample inside its trial (0-based). */
  window: number;
  label: number;
  predicted: number;
  probabilities: number[];
}

/** A unit's salience, with its montage (topomap names, face-patch grid) and mean raw input. */
export type UnitSalience = SalienceBundle & { montage: Montage; meanInput: number[] };

/** One row per test sample, in sample order. */
export function predictionRows(unit: ProtocolUnit, outcome: UnitOutcome): PredictionRow[] {
  const { test, testProbabilities: probs } = outcome;
  const C = outcome.model.config.C;
  return Array.from({ length: test.count }, (_, i) => {
    const trial = unit.test[test.trial[i]!]!;
    const p = Array.from(probs.subarray(i * C, (i + 1) * C));
    const predicted = p.indexOf(Math.max(...p));
    return { subject: trial.subject, session: trial.session, trial: trial.trial, window: test.start[i]!, label: test.y[i]!, predicted, probabilities: p };
  });
}

/** Mean raw (un-normalised) input per node and feature over the test samples and time slices. */
function meanRawInput(outcome: UnitOutcome): number[] {
  const { test, normalization } = outcome;
  const slice = test.N * test.dIn;
  const sum = new Float64Array(slice);
  const rows = test.count * test.T;
  for (let r = 0; r < rows; r++) for (let j = 0; j < slice; j++) sum[j]! += test.x[r * slice + j]!;
  return Array.from(sum, (s, j) => (rows ? s / rows : 0) * normalization.std[j]! + normalization.mean[j]!);
}

/** The unit's salience on its test samples. */
export function unitSalience(outcome: UnitOutcome, featureNames: readonly string[], classNames: readonly string[], o: SalienceOptions = {}): UnitSalience {
  const { model, test } = outcome;
  const bundle = salienceBundle(model, test.x, test.y, test.count, { features: featureNames, classNames }, o);
  return { ...bundle, montage: model.montage, meanInput: meanRawInput(outcome) };
}

/** How a unit's model was trained, for its checkpoint's info: best epoch, validation and test metrics, curves. */
export function trainingRecord(result: UnitResult): Record<string, unknown> {
  const best = result.curves.find((c) => c.epoch === result.bestEpoch);
  return {
    bestEpoch: result.bestEpoch,
    validation: best ? { loss: best.valLoss, accuracy: best.valAccuracy } : undefined,
    test: { accuracy: result.accuracy, macroF1: result.macroF1 },
    curves: result.curves,
  };
}

/** Writes <dir>/ (see the file header) in one atomic step. */
export function writeUnitDir(unit: ProtocolUnit, outcome: UnitOutcome, o: UnitSaveOptions): void {
  const { result, model, normalization } = outcome;
  const predictions = predictionRows(unit, outcome);
  const salience = unitSalience(outcome, o.featureNames, o.classNames, o.salience);
  writeDirAtomic(o.dir, (tmp) => {
    writeFileAtomic(join(tmp, 'predictions.json'), JSON.stringify({ classNames: o.classNames, rows: predictions }) + '\n');
    writeFileAtomic(join(tmp, 'salience.json'), JSON.stringify(salience) + '\n');
    if (o.saveModel) {
      saveCheckpoint(join(tmp, 'model'), model, { classNames: o.classNames, normalization, info: { ...o.info, unit: unit.id, featureNames: o.featureNames, ...trainingRecord(result) } });
    }
    writeFileAtomic(join(tmp, 'unit.json'), JSON.stringify({ ...o.record, result }) + '\n');
  });
}

// Runs one protocol unit end to end: carve validation windows from the training trials, fit the
// normalisation on the training part only, train, and score the untouched test trials.
import type { BackendFactory } from '../kernels/factory.js';
import type { Montage } from '../montage/montage.js';
import { makeConfig, type StrnnConfigInput } from '../model/config.js';
import { StrnnModel } from '../model/model.js';
import { validationSplit, windowTrials } from '../datasets/samples.js';
import { fitNormalization, normalized, type Normalization } from '../train/normalize.js';
import { evaluateLoss, trainModel, type EpochStats, type TrainCallbacks, type TrainOptions } from '../train/train.js';
import { createParallelEngine } from '../train/parallel.js';
import { argmaxRows, classificationMetrics, type Metrics } from '../eval/metrics.js';
import type { ProtocolUnit } from './protocol.js';

export interface UnitOptions {
  montage: Montage;
  /** Each unit's model gets a fresh backend from this factory. */
  backend: BackendFactory;
  model: StrnnConfigInput;
  train: Partial<TrainOptions>;
  /** Fraction of each training trial's windows kept for validation (early stopping). */
  valFraction: number;
  /** Seed for initialisation (training shuffles use train.seed). */
  seed: number;
  /** Threads for data-parallel training (1: this thread only). */
  threads?: number;
  /** Windows between training / validation sample starts (default 1); test samples start at every window. */
  stride?: number;
}

export interface UnitResult extends Metrics {
  id: string;
  trainSamples: number;
  valSamples: number;
  testSamples: number;
  bestEpoch: number;
  curves: EpochStats[];
  seconds: number;
}

export function runUnit(unit: ProtocolUnit, o: UnitOptions, callbacks: TrainCallbacks = {}): { result: UnitResult; model: StrnnModel; normalization: Normalization } {
  const started = performance.now();
  const cfg = makeConfig(o.model);
  const { train: rawTrain, val: rawVal } = validationSplit(unit.train, cfg.T, o.valFraction, o.seed, o.stride ?? 1);
  const norm = fitNormalization(rawTrain);
  const train = normalized(rawTrain, norm);
  const val = normalized(rawVal, norm);
  const test = normalized(windowTrials(unit.test, { T: cfg.T }), norm);

  const batchSize = o.train.batchSize ?? 32;
  const model = new StrnnModel(cfg, o.montage, { backend: o.backend.create(), maxBatch: batchSize });
  model.initialize(o.seed);
  const threads = o.threads ?? 1;
  const engine = threads > 1 ? createParallelEngine(model, threads) : undefined;
  let fit;
  try {
    fit = trainModel(model, train, val, o.train, callbacks, engine);
  } finally {
    engine?.close();
  }
  const scored = evaluateLoss(model, test);
  const metrics = classificationMetrics(test.y, argmaxRows(scored.probs, test.count, cfg.C), cfg.C);
  return {
    model,
    normalization: norm,
    result: {
      id: unit.id, ...metrics,
      trainSamples: train.count, valSamples: val.count, testSamples: test.count,
      bestEpoch: fit.bestEpoch, curves: fit.curves, seconds: (performance.now() - started) / 1000,
    },
  };
}

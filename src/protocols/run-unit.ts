// Runs one protocol unit end to end: carve validation windows from the training trials, fit the
// normalisation on the training part only, train, and score the untouched test trials.
import type { BackendFactory } from '../kernels/factory.js';
import type { Montage } from '../montage/montage.js';
import { makeConfig, type StrnnConfigInput } from '../model/config.js';
import { StrnnModel } from '../model/model.js';
import { describe, validationSplit, windowTrials, type SampleSet } from '../datasets/samples.js';
import { fitNormalization, normalized, type Normalization } from '../train/normalize.js';
import { evaluateLoss, trainModel, type EpochStats, type TrainCallbacks, type TrainOptions, type TrainStop } from '../train/train.js';
import { createParallelEngine } from '../train/parallel.js';
import { argmaxRows, classificationMetrics, perClassMetrics, type ClassMetrics, type Metrics } from '../eval/metrics.js';
import { cappedWorkers } from '../util/workers.js';
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
  /** How validation samples were chosen; 'none': asked for but impossible, 'off': valFraction 0 (both: no early stopping). */
  validation: ValidationMethod | 'off';
  /** Test trials shorter than T windows: they give no sample, so the accuracy leaves them out. */
  droppedTestTrials: string[];
  /** The majority-class baseline: always predict the training part's most frequent class. */
  majorityClass: number;
  majorityAccuracy: number;
  bestEpoch: number;
  stop: TrainStop;
  curves: EpochStats[];
  /** Precision, recall, F1 and support of each class on the test samples, class-index order. */
  perClass: ClassMetrics[];
  seconds: number;
}

export type ValidationMethod = ReturnType<typeof validationSplit>['method'];

/** The most frequent label (the lowest class on ties). */
function majorityLabel(y: Int32Array, C: number): number {
  const counts = new Array<number>(C).fill(0);
  for (const label of y) counts[label]!++;
  return counts.indexOf(Math.max(...counts));
}

/** What a unit leaves besides its metrics: the trained model and its normalised test samples. */
export interface UnitOutcome {
  result: UnitResult;
  model: StrnnModel;
  normalization: Normalization;
  /** Normalised test samples (sample.trial indexes unit.test) and their class probabilities. */
  test: SampleSet;
  testProbabilities: Float32Array;
}

export function runUnit(unit: ProtocolUnit, o: UnitOptions, callbacks: TrainCallbacks = {}): UnitOutcome {
  const started = performance.now();
  const cfg = makeConfig(o.model);
  const { train: rawTrain, val: rawVal, method } = validationSplit(unit.train, cfg.T, o.valFraction, o.seed, o.stride ?? 1);
  const norm = fitNormalization(rawTrain);
  const train = normalized(rawTrain, norm);
  const val = normalized(rawVal, norm);
  const test = normalized(windowTrials(unit.test, { T: cfg.T }), norm);

  const batchSize = o.train.batchSize ?? 32;
  const model = new StrnnModel(cfg, o.montage, { backend: o.backend.create(), maxBatch: batchSize });
  model.initialize(o.seed);
  const threads = cappedWorkers(o.threads ?? 1, batchSize);
  const engine = threads > 1 ? createParallelEngine(model, threads) : undefined;
  let fit;
  try {
    fit = trainModel(model, train, val, o.train, callbacks, engine);
  } finally {
    engine?.close();
  }
  const scored = evaluateLoss(model, test);
  const metrics = classificationMetrics(test.y, argmaxRows(scored.probs, test.count, cfg.C), cfg.C);
  const majorityClass = majorityLabel(train.y, cfg.C);
  return {
    model,
    normalization: norm,
    test,
    testProbabilities: scored.probs,
    result: {
      id: unit.id, ...metrics,
      trainSamples: train.count, valSamples: val.count, testSamples: test.count, validation: o.valFraction > 0 ? method : 'off',
      droppedTestTrials: unit.test.filter((t) => t.windows < cfg.T).map((t) => `${describe(t)} (${t.windows} windows, T = ${cfg.T})`),
      majorityClass, majorityAccuracy: test.count ? test.y.filter((label) => label === majorityClass).length / test.count : NaN,
      bestEpoch: fit.bestEpoch, stop: fit.stop, curves: fit.curves, perClass: perClassMetrics(metrics.confusion), seconds: (performance.now() - started) / 1000,
    },
  };
}

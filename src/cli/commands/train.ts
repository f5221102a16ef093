// `strnn train`: train a model on a samples file (or on synthetic SEED-shaped data) and save a checkpoint.
import { StrnnError } from '../../util/errors.js';
import type { CommandSpec, Flags } from '../command.js';
import { printResult } from '../command.js';
import { MODEL_FLAGS, TRAIN_FLAGS, modelConfigFromFlags, readIntVector, readSamples, resolveMontage, trainOptionsFromFlags } from '../inputs.js';
import { trainingProgress } from '../progress.js';

export const trainCommand: CommandSpec = {
  name: 'train',
  summary: 'train a model on samples (.npy) or synthetic data and save a checkpoint directory',
  examples: [
    'strnn train --samples x.npy --labels y.npy --groups trials.npy --classes negative,neutral,positive --out model/',
    'strnn train --samples faces.npy --labels y.npy --montage grid:8x8 --out face-model/',
    'strnn train --synthetic --epochs 10 --out model/',
  ],
  flags: ['samples', 'labels', 'groups', 'classes', 'montage', 'synthetic', 'durationScale', 'out', ...TRAIN_FLAGS, ...MODEL_FLAGS, 'seed', 'backend', 'threads', 'json'],
  defaults: { epochs: 30 },
  async run(f) {
    if (!f.out) throw new StrnnError('USAGE', 'train needs --out <dir> for the checkpoint');
    if (!f.synthetic && (!f.samples || !f.labels)) throw new StrnnError('USAGE', 'train needs --samples and --labels, or --synthetic');
    const started = performance.now();
    const summary = f.synthetic ? await trainSynthetic(f) : await trainFromFiles(f);
    const seconds = (performance.now() - started) / 1000;
    printResult(f, { ...summary, wallSeconds: seconds }, () =>
      [
        `trained on ${summary.trainSamples} samples (validation ${summary.valSamples}), best epoch ${summary.bestEpoch}`,
        ...(summary.testAccuracy !== undefined ? [`test accuracy ${(100 * summary.testAccuracy).toFixed(2)} % on ${summary.testSamples} samples (${summary.protocol})`] : []),
        `checkpoint saved to ${f.out}`,
        `wall time ${seconds.toFixed(1)} s`,
      ].join('\n'));
  },
};

interface TrainSummary {
  trainSamples: number;
  valSamples: number;
  bestEpoch: number;
  curves: unknown[];
  protocol?: string;
  testAccuracy?: number;
  testSamples?: number;
}

async function trainSynthetic(f: Flags): Promise<TrainSummary> {
  const { backendFactory } = await import('../../kernels/factory.js');
  const { syntheticSeedTrials } = await import('../../datasets/synthetic-seed.js');
  const { SEED_CLASSES } = await import('../../datasets/seed-facts.js');
  const { SEED_62 } = await import('../../montage/seed62.js');
  const { seedSubjectDependent } = await import('../../protocols/seed-sd.js');
  const { runUnit } = await import('../../protocols/run-unit.js');
  const { saveCheckpoint } = await import('../../formats/checkpoint.js');
  const backend = await backendFactory(f.backend as 'auto');
  const trials = syntheticSeedTrials({ subjects: 1, sessions: 1, durationScale: (f.durationScale as number | undefined) ?? 0.25, seed: f.seed as number });
  const protocol = seedSubjectDependent();
  const unit = protocol.units(trials)[0]!;
  const progress = trainingProgress(false);
  progress.unit(`synthetic ${unit.id}`);
  const { result, model, normalization } = runUnit(unit, {
    montage: SEED_62, backend, model: modelConfigFromFlags(f, 9, 5, 3), train: trainOptionsFromFlags(f),
    valFraction: f.valFraction as number, seed: f.seed as number, threads: await threadCount(f),
  }, { onBatch: progress.batch, onEpoch: progress.epoch });
  progress.done();
  saveCheckpoint(f.out as string, model, { classNames: [...SEED_CLASSES], normalization, info: { source: 'strnn train --synthetic', unit: unit.id, seed: f.seed } });
  return {
    trainSamples: result.trainSamples, valSamples: result.valSamples, bestEpoch: result.bestEpoch, curves: result.curves,
    protocol: protocol.description, testAccuracy: result.accuracy, testSamples: result.testSamples,
  };
}

async function trainFromFiles(f: Flags): Promise<TrainSummary> {
  const { createBackend } = await import('../../kernels/select.js');
  const { makeConfig } = await import('../../model/config.js');
  const { StrnnModel } = await import('../../model/model.js');
  const { fitNormalization, normalized } = await import('../../train/normalize.js');
  const { trainModel } = await import('../../train/train.js');
  const { saveCheckpoint } = await import('../../formats/checkpoint.js');
  const { splitHoldout } = await import('../../datasets/holdout.js');

  const samples = await readSamples(f.samples as string);
  samples.y = await readIntVector(f.labels as string, samples.count, 'labels');
  if (f.groups) samples.trial = await readIntVector(f.groups as string, samples.count, 'groups', 'groups');
  const montage = resolveMontage(f.montage as string);
  if (montage.nodes.length !== samples.N) {
    throw new StrnnError('INPUT', `${f.samples}: samples have N = ${samples.N} nodes, montage ${montage.name} has ${montage.nodes.length}`, 'pass --montage matching the data');
  }
  const maxLabel = samples.y.reduce((a, b) => Math.max(a, b), 0);
  const classNames = f.classes ? String(f.classes).split(',').map((s) => s.trim()) : Array.from({ length: Math.max(2, maxLabel + 1) }, (_, i) => `class${i}`);
  const bad = samples.y.findIndex((y) => y < 0 || y >= classNames.length);
  if (bad >= 0) throw new StrnnError('INPUT', `${f.labels}: label ${samples.y[bad]} of sample ${bad} is outside 0..${classNames.length - 1}`);
  const present = new Set(samples.y);
  if (present.size < 2) throw new StrnnError('INPUT', `${f.labels}: all samples have label ${samples.y[0]}; training needs at least two classes`);

  const { train: rawTrain, val: rawVal } = splitHoldout(samples, f.valFraction as number, Boolean(f.groups), f.seed as number);
  const norm = fitNormalization(rawTrain);
  const cfg = makeConfig(modelConfigFromFlags(f, samples.T, samples.dIn, classNames.length));
  const backend = await createBackend(f.backend as 'auto');
  const model = new StrnnModel(cfg, montage, { backend, maxBatch: f.batchSize as number });
  model.initialize(f.seed as number);
  const progress = trainingProgress(false);
  progress.unit(`training on ${rawTrain.count} samples`);
  const threads = await threadCount(f);
  const { createParallelEngine } = await import('../../train/parallel.js');
  const engine = threads > 1 ? createParallelEngine(model, threads) : undefined;
  let fit;
  try {
    fit = trainModel(model, normalized(rawTrain, norm), normalized(rawVal, norm), trainOptionsFromFlags(f), { onBatch: progress.batch, onEpoch: progress.epoch }, engine);
  } finally {
    engine?.close();
  }
  progress.done();
  saveCheckpoint(f.out as string, model, { classNames, normalization: norm, info: { source: 'strnn train', samples: f.samples, seed: f.seed } });
  return { trainSamples: rawTrain.count, valSamples: rawVal.count, bestEpoch: fit.bestEpoch, curves: fit.curves };
}

async function threadCount(f: Flags): Promise<number> {
  const { defaultThreads } = await import('../../train/parallel.js');
  return (f.threads as number | undefined) ?? defaultThreads();
}

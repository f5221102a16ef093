// `strnn train`: train a model on a samples file, on a face dataset (CK+, MMI), or on synthetic
// SEED-shaped data, and save a checkpoint. A face model records the face preprocessing it was trained
// with (info.face, src/face/face-checkpoint.ts), so `strnn predict --face-video / --face-images` can
// prepare new faces exactly as its training faces were.
import { StrnnError } from '../../util/errors.js';
import type { CommandSpec, Flags } from '../command.js';
import { printResult } from '../command.js';
import { MODEL_FLAGS, TRAIN_FLAGS, modelConfigFromFlags, readIntVector, readSamples, resolveMontage, trainOptionsFromFlags } from '../inputs.js';
import { trainingProgress } from '../progress.js';
import type { SampleSet } from '../../datasets/samples.js';
import type { FeatureTrial } from '../../datasets/types.js';
import type { Montage } from '../../montage/montage.js';
import type { FaceAlignmentMode } from '../../face/detect-landmarks.js';
import type { FeaturePipeline } from '../../signal/feature-pipeline.js';

export const trainCommand: CommandSpec = {
  name: 'train',
  summary: 'train a model on samples (.npy), a face dataset (ckplus, mmi) or synthetic data and save a checkpoint directory',
  examples: [
    'strnn train --samples x.npy --labels y.npy --groups trials.npy --classes negative,neutral,positive --out model/',
    'strnn train --samples x.npy --labels seed-labels.npy --label-map -1:negative,0:neutral,1:positive --out model/',
    'strnn train --samples faces.npy --labels y.npy --montage grid:8x8 --out face-model/',
    'strnn train --dataset ckplus --root data/CK+ --out face-model/',
    'strnn train --synthetic --epochs 10 --out model/',
    'strnn train --dataset my-bids-study/ --label-column emotion --T 5 --out eeg-model/',
  ],
  flags: ['samples', 'labels', 'groups', 'classes', 'labelMap', 'montage', 'dataset', 'root', 'labelColumn', 'T', 'stride', 'causal', 'faceAlignment', 'synthetic', 'durationScale', 'out', ...TRAIN_FLAGS, ...MODEL_FLAGS, 'seed', 'backend', 'threads', 'json'],
  defaults: { epochs: 30 },
  async run(f) {
    if (!f.out) throw new StrnnError('USAGE', 'train needs --out <dir> for the checkpoint');
    const sources = [f.synthetic && '--synthetic', f.samples && '--samples', f.dataset && '--dataset'].filter(Boolean);
    if (sources.length > 1) throw new StrnnError('USAGE', `train takes one data source, found ${sources.join(' and ')}`);
    if (!f.synthetic && !f.dataset && (!f.samples || !f.labels)) throw new StrnnError('USAGE', 'train needs --samples and --labels, --dataset ckplus|mmi with --root, or --synthetic');
    // Before any work: --out must be new, empty or an old strnn checkpoint (never the user's files).
    const { checkCheckpointOut } = await import('../../formats/checkpoint.js');
    checkCheckpointOut(f.out as string);
    const started = performance.now();
    const { isRecordingDatasetPath } = await import('../../datasets/recording-dataset-entry.js');
    if (f.causal && !(f.dataset && isRecordingDatasetPath(f.dataset as string))) {
      throw new StrnnError('USAGE', '--causal applies to training on raw recordings (train --dataset DIR); other sources bring their features ready-made');
    }
    const summary = f.synthetic ? await trainSynthetic(f)
      : f.dataset && isRecordingDatasetPath(f.dataset as string) ? await trainFromRecordings(f)
        : f.dataset ? await trainFromFaceDataset(f) : await trainFromFiles(f);
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
  const { syntheticSeedTrials } = await import('../../synthetic/seed.js');
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
  }, { onBatch: progress.batch, onEpoch: progress.epoch, onStop: progress.stop });
  progress.done();
  saveCheckpoint(f.out as string, model, { classNames: [...SEED_CLASSES], normalization, info: { source: 'strnn train --synthetic', unit: unit.id, seed: f.seed } });
  return {
    trainSamples: result.trainSamples, valSamples: result.valSamples, bestEpoch: result.bestEpoch, curves: result.curves,
    protocol: protocol.description, testAccuracy: result.accuracy, testSamples: result.testSamples,
  };
}

async function trainFromFiles(f: Flags): Promise<TrainSummary> {
  const { splitHoldout } = await import('../../datasets/holdout.js');

  const { resolveTrainingLabels, denseGroups } = await import('../labels.js');
  const { checkFinite } = await import('../../train/check-samples.js');

  const samples = await readSamples(f.samples as string);
  // Raw values, before normalisation spreads one NaN into every sample: names sample, slice, node, feature.
  checkFinite(samples, String(f.samples));
  const labels = resolveTrainingLabels(await readIntVector(f.labels as string, samples.count, 'labels'), String(f.labels),
    { ...(f.classes !== undefined && { classes: String(f.classes) }), ...(f.labelMap !== undefined && { labelMap: String(f.labelMap) }) });
  samples.y = labels.y;
  const classNames = labels.classNames;
  if (f.groups) samples.trial = denseGroups(await readIntVector(f.groups as string, samples.count, 'groups', 'groups'));
  const montage = resolveMontage(f.montage as string);
  if (montage.nodes.length !== samples.N) {
    throw new StrnnError('INPUT', `${f.samples}: samples have N = ${samples.N} nodes, montage ${montage.name} has ${montage.nodes.length}`, 'pass --montage matching the data');
  }
  const present = new Set(samples.y);
  if (present.size < 2) throw new StrnnError('INPUT', `${f.labels}: all samples have label ${samples.y[0]}; training needs at least two classes`);

  const { train: rawTrain, val: rawVal } = splitHoldout(samples, f.valFraction as number, Boolean(f.groups), f.seed as number);
  return fitAndSave(f, rawTrain, rawVal, montage, classNames, { source: 'strnn train', samples: f.samples, seed: f.seed });
}

/**
 * Every labelled sequence of a CK+ or MMI tree, preprocessed with the default face config, which is
 * recorded in the checkpoint (info.face). Validation holds out whole training subjects when there
 * are three or more (validationSplit: a face sequence is exactly T frames, so there is no tail to cut).
 */
async function trainFromFaceDataset(f: Flags): Promise<TrainSummary> {
  const id = String(f.dataset);
  if (id !== 'ckplus' && id !== 'mmi') {
    throw new StrnnError('USAGE', `train --dataset takes a face dataset (ckplus or mmi), found '${id}'`,
      'or a folder of your own recordings (BIDS-EEG or with strnn.dataset.json); built-in EEG datasets train and test through strnn experiment, or train from .npy samples with --samples');
  }
  if (!f.root) throw new StrnnError('USAGE', `train --dataset ${id} needs --root <dir> (the ${id === 'ckplus' ? 'CK+' : 'MMI'} folder)`);
  const { faceConfig, faceMontage } = await import('../../face/preprocess.js');
  const { faceCheckpointInfo } = await import('../../face/face-checkpoint.js');
  const { validationSplit } = await import('../../datasets/samples.js');
  const { countProgress } = await import('../progress.js');
  const cfg = faceConfig();
  const root = f.root as string;
  // Preprocessing (and MMI's face detection) takes minutes on a real tree: a bar with an ETA.
  const loading = countProgress(`strnn train: preparing ${id} sequences`, 'sequences');
  const onProgress = (done: number, total: number) => loading.update(done, total);
  let trials: FeatureTrial[], classNames: string[], alignment: string;
  if (id === 'ckplus') {
    const { loadCkPlusTrials } = await import('../../datasets/ckplus.js');
    const { CKPLUS_CLASSES } = await import('../../datasets/ckplus-facts.js');
    trials = await loadCkPlusTrials(root, { preprocess: cfg, onProgress });
    classNames = [...CKPLUS_CLASSES];
    alignment = 'landmark files';
  } else {
    const { loadMmiTrials } = await import('../../datasets/mmi.js');
    const { MMI_CLASSES } = await import('../../datasets/mmi-facts.js');
    const mode = f.faceAlignment as FaceAlignmentMode;
    alignment = mode;
    trials = await loadMmiTrials(root, { preprocess: cfg, alignment: mode, onProgress });
    classNames = [...MMI_CLASSES];
  }
  loading.done();
  const present = new Set(trials.map((t) => t.label));
  if (present.size < 2) throw new StrnnError('INPUT', `${root}: ${trials.length} labelled ${id} sequences covering ${present.size} class${present.size === 1 ? '' : 'es'}; training needs at least two classes`);
  const { train, val } = validationSplit(trials, cfg.T, f.valFraction as number, f.seed as number);
  return fitAndSave(f, train, val, faceMontage(cfg), classNames, {
    source: 'strnn train --dataset', dataset: id, root, seed: f.seed, face: faceCheckpointInfo(cfg, { dataset: id, alignment }),
  });
}

/**
 * Every labelled trial of a folder of your own recordings (BIDS-EEG or strnn.dataset.json), with
 * validation tails carved from each trial; the checkpoint carries the feature pipeline (channels in
 * node order, rates, bands, window, DE method, smoothing, T) so predict --recording can prepare new
 * recordings the same way.
 */
async function trainFromRecordings(f: Flags): Promise<TrainSummary> {
  const { loadRecordingDataset } = await import('../../datasets/recording-features.js');
  const { validationSplit } = await import('../../datasets/samples.js');
  const { fileProgress } = await import('../progress.js');
  const path = f.dataset as string;
  let progress: ReturnType<typeof fileProgress> | undefined;
  const ds = loadRecordingDataset(path, {
    onProgress: (file, done, total) => {
      progress ??= fileProgress('features', total);
      progress.file(file, false, done, total);
    },
    ...(f.labelColumn !== undefined && { labelColumn: f.labelColumn as string }),
    ...(f.T !== undefined && { T: f.T as number }), ...(f.stride !== undefined && { stride: f.stride as number }),
    ...(f.causal === true && { causal: true }),
  });
  progress?.done();
  const { droppedNotices } = await import('../../datasets/recording-dataset-entry.js');
  for (const notice of droppedNotices(ds)) process.stderr.write(`strnn train: ${notice}\n`);
  process.stderr.write(`strnn train: ${ds.trials.length} trials of ${ds.scan.records.length} recordings, ${ds.pipeline.channels.length} channels (${ds.pipeline.channels.join(' ')}), classes ${ds.classNames.join(', ')}\n`);
  const { train, val } = validationSplit(ds.trials, ds.pipeline.T, f.valFraction as number, f.seed as number, ds.pipeline.sampleStride);
  if (train.count === 0) throw new StrnnError('INPUT', `${path}: no trial has T = ${ds.pipeline.T} windows; no training samples`, 'use a smaller --T (strnn dataset check lists the short trials)');
  return fitAndSave(f, train, val, ds.montage, ds.classNames, { source: 'strnn train --dataset', dataset: path, seed: f.seed }, ds.pipeline);
}

async function fitAndSave(f: Flags, rawTrain: SampleSet, rawVal: SampleSet, montage: Montage, classNames: string[], info: Record<string, unknown>, features?: FeaturePipeline): Promise<TrainSummary> {
  const { createBackend } = await import('../../kernels/select.js');
  const { makeConfig } = await import('../../model/config.js');
  const { StrnnModel } = await import('../../model/model.js');
  const { fitNormalization, normalized } = await import('../../train/normalize.js');
  const { trainModel } = await import('../../train/train.js');
  const { saveCheckpoint } = await import('../../formats/checkpoint.js');
  const norm = fitNormalization(rawTrain);
  const cfg = makeConfig(modelConfigFromFlags(f, rawTrain.T, rawTrain.dIn, classNames.length));
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
    fit = trainModel(model, normalized(rawTrain, norm), normalized(rawVal, norm), trainOptionsFromFlags(f), { onBatch: progress.batch, onEpoch: progress.epoch, onStop: progress.stop }, engine);
  } finally {
    engine?.close();
  }
  progress.done();
  saveCheckpoint(f.out as string, model, { classNames, normalization: norm, info, ...(features && { features }) });
  return { trainSamples: rawTrain.count, valSamples: rawVal.count, bestEpoch: fit.bestEpoch, curves: fit.curves };
}

/** --threads (default the cores), capped by the cores and by the batch (a thread needs samples to work on). */
async function threadCount(f: Flags): Promise<number> {
  const { defaultThreads } = await import('../../train/parallel.js');
  const { cappedWorkers } = await import('../../util/workers.js');
  return cappedWorkers((f.threads as number | undefined) ?? defaultThreads(), f.batchSize as number);
}

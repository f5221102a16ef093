// Datasets by id, for dataset-agnostic code (`strnn experiment`, runExperiment): how to load feature
// trials from a root folder, the class names, the montage the model needs, the default protocol, and
// the files a cache key must cover. Other pipelines add their datasets with registerDataset().
import { SEED_62 } from '../montage/seed62.js';
import { DEAP_32 } from '../montage/deap32.js';
import type { Montage } from '../montage/montage.js';
import { computeTrialFeatures } from '../signal/index.js';
import { StrnnError } from '../util/errors.js';
import { CKPLUS_DATASET } from './ckplus-dataset.js';
import { DEAP_BANDS, DEAP_CLASSES, DEAP_TARGETS, type DeapTarget } from './deap-facts.js';
import { findDeapFolder, listDeapRecords, loadDeapFeatureTrials } from './deap.js';
import { MMI_DATASET } from './mmi-dataset.js';
import { suggestName } from './names.js';
import { isRecordingDatasetPath, recordingDatasetEntry } from './recording-dataset-entry.js';
import { SEED_BANDS, SEED_CLASSES } from './seed-facts.js';
import { SEED_IV_CLASSES, SEED_IV_FEATURE_IDS } from './seed-iv-facts.js';
import { findSeedIvFolder, listSeedIvRecords, loadSeedIvFeatureTrials } from './seed-iv.js';
import { SEED_FEATURE_IDS } from './seed-layout-facts.js';
import { findSeedFolder, listSeedRecords, loadSeedFeatureTrials, loadSeedRecordings, parseSeedFeature } from './seed.js';
import type { FeatureTrial } from './types.js';
import type { FaceAlignmentMode } from '../face/detect-landmarks.js';

export interface DatasetLoadOptions {
  feature?: string;
  sessions?: readonly number[];
  subjects?: readonly number[];
  /** DEAP: 'valence' or 'arousal'. */
  target?: string;
  /** DEAP: 'drop' or 'subtract' the 3-s pre-trial baseline. */
  baseline?: 'drop' | 'subtract';
  /** Faces without landmark files (MMI): 'landmarks' (detected, the default) or 'centred-crop'. */
  faceAlignment?: FaceAlignmentMode;
  /** Recording datasets: the events.tsv column holding the labels. */
  labelColumn?: string;
  /** Recording datasets: the band table (named or name:lowHz-highHz,...). */
  bandTable?: string;
  /** Recording datasets: windows per sample (trials shorter than T are reported). */
  T?: number;
}

export interface SourceFile {
  path: string;
  bytes: number;
  mtimeMs: number;
}

export interface DatasetEntry {
  id: string;
  description: string;
  features: readonly string[];
  defaultFeature: string;
  defaultProtocol: string;
  /** Names along the feature axis (e.g. the DE bands), for band selection. */
  featureNames(options: DatasetLoadOptions): readonly string[];
  classNames(options: DatasetLoadOptions): readonly string[];
  /** The node layout of the chosen feature; throws when the feature has none (the model needs a grid). */
  montage(options: DatasetLoadOptions): Montage;
  loadTrials(root: string, options: DatasetLoadOptions): Promise<FeatureTrial[]>;
  /** Files the trials come from (names, sizes, mtimes go into cache keys). */
  sourceFiles(root: string, options: DatasetLoadOptions): SourceFile[];
  /** One-line notices about the loaded data (e.g. dropped channels), for the CLI to print. */
  notices?(options: DatasetLoadOptions): string[];
}

// SEED features recomputed from Preprocessed_EEG with src/signal: Gaussian DE over 1-s windows.
const SEED_RAW_FEATURES = ['raw-de', 'raw-de_LDS'];

function featureOf(entry: DatasetEntry, options: DatasetLoadOptions): string {
  const f = options.feature ?? entry.defaultFeature;
  if (!entry.features.includes(f)) {
    throw new StrnnError('USAGE', `dataset ${entry.id} has no feature '${f}'${suggestName(f, entry.features)}`, `features: ${entry.features.join(', ')}`);
  }
  return f;
}

function targetOf(options: DatasetLoadOptions): DeapTarget {
  const t = options.target ?? 'valence';
  if (!DEAP_TARGETS.includes(t as DeapTarget)) throw new StrnnError('USAGE', `unknown DEAP target '${t}'${suggestName(t, DEAP_TARGETS)}`, 'targets: valence, arousal');
  return t as DeapTarget;
}

const seed: DatasetEntry = {
  id: 'seed',
  description: 'SEED: 15 subjects x 3 sessions x 15 film clips, 62 electrodes, negative / neutral / positive',
  features: [...SEED_FEATURE_IDS, ...SEED_RAW_FEATURES],
  defaultFeature: 'de_LDS',
  defaultProtocol: 'seed-sd',
  featureNames: () => SEED_BANDS,
  classNames: () => SEED_CLASSES,
  montage(options) {
    const f = featureOf(this, options);
    if (SEED_RAW_FEATURES.includes(f) || parseSeedFeature(f).nodes === 62) return SEED_62;
    throw new StrnnError('USAGE', `SEED feature ${f} has ${parseSeedFeature(f).nodes} nodes (electrode pairs), not the 62 electrodes: it has no grid montage, so STRNN cannot be trained on it`,
      'use de_LDS, de_movingAve, psd_LDS or psd_movingAve (loadSeedFeatureTrials still reads it as an array)');
  },
  async loadTrials(root, options) {
    const f = featureOf(this, options);
    const sel = { ...(options.sessions && { sessions: options.sessions }), ...(options.subjects && { subjects: options.subjects }) };
    if (!SEED_RAW_FEATURES.includes(f)) return loadSeedFeatureTrials(root, { ...sel, feature: f });
    const trials: FeatureTrial[] = [];
    for await (const recordings of loadSeedRecordings(root, sel)) {
      for (const r of recordings) {
        const fx = computeTrialFeatures(Float64Array.from(r.data), r.channels, r.fsHz, { windowSec: 1, smoothing: f === 'raw-de_LDS' ? 'lds' : 'none', dtype: 'float32' });
        trials.push({ dataset: r.dataset, subject: r.subject, session: r.session, trial: r.trial, label: r.label, windows: fx.windows.count, nodes: r.channels, features: fx.bands.length, data: fx.de as Float32Array });
      }
    }
    return trials;
  },
  sourceFiles(root, options) {
    const folder = findSeedFolder(root, SEED_RAW_FEATURES.includes(featureOf(this, options)) ? 'raw' : 'features');
    return listSeedRecords(folder).map(({ path, bytes, mtimeMs }) => ({ path, bytes, mtimeMs }));
  },
};

const seedIv: DatasetEntry = {
  id: 'seed-iv',
  description: 'SEED-IV: 15 subjects x 3 sessions x 24 film clips, 62 electrodes, neutral / sad / fear / happy',
  features: SEED_IV_FEATURE_IDS,
  defaultFeature: 'de_LDS',
  defaultProtocol: 'seed-iv-sd',
  featureNames: () => SEED_BANDS,
  classNames: () => SEED_IV_CLASSES,
  montage(options) {
    featureOf(this, options);
    return SEED_62;
  },
  loadTrials(root, options) {
    const sel = { ...(options.sessions && { sessions: options.sessions }), ...(options.subjects && { subjects: options.subjects }) };
    return loadSeedIvFeatureTrials(root, { ...sel, feature: featureOf(this, options) });
  },
  sourceFiles: (root) => listSeedIvRecords(findSeedIvFolder(root, 'features')).map(({ path, bytes, mtimeMs }) => ({ path, bytes, mtimeMs })),
};

const deap: DatasetEntry = {
  id: 'deap',
  description: 'DEAP: 32 subjects x 40 music videos, 32 EEG channels at 128 Hz, low / high valence or arousal (> 5 is high)',
  features: ['de', 'de_LDS'],
  defaultFeature: 'de',
  defaultProtocol: 'deap-sd',
  featureNames: () => DEAP_BANDS.map((b) => b.name),
  classNames: (options) => DEAP_CLASSES[targetOf(options)],
  montage(options) {
    featureOf(this, options);
    return DEAP_32;
  },
  loadTrials(root, options) {
    const f = featureOf(this, options);
    return loadDeapFeatureTrials(root, {
      target: targetOf(options), baseline: options.baseline ?? 'drop', smoothing: f === 'de_LDS' ? 'lds' : 'none',
      ...(options.subjects && { subjects: options.subjects }),
    });
  },
  sourceFiles: (root) => listDeapRecords(findDeapFolder(root)).map(({ path, bytes, mtimeMs }) => ({ path, bytes, mtimeMs })),
};

const registry = new Map<string, DatasetEntry>([
  [seed.id, seed], [seedIv.id, seedIv], [deap.id, deap], [CKPLUS_DATASET.id, CKPLUS_DATASET], [MMI_DATASET.id, MMI_DATASET],
]);

/** Adds a dataset (e.g. a face-video set) to the registry; ids must be unique. */
export function registerDataset(entry: DatasetEntry): void {
  if (registry.has(entry.id)) throw new StrnnError('CONFIG', `dataset '${entry.id}' is already registered`);
  registry.set(entry.id, entry);
}

export function datasetIds(): string[] {
  return [...registry.keys()];
}

/** The dataset named `id` (or a recording dataset's folder or description file); an unknown id is a usage error with a did-you-mean suggestion. */
export function getDataset(id: string): DatasetEntry {
  const entry = registry.get(id) ?? (isRecordingDatasetPath(id) ? recordingDatasetEntry(id) : undefined);
  if (!entry) throw new StrnnError('USAGE', `unknown dataset '${id}'${suggestName(id, datasetIds())}`, `datasets: ${datasetIds().join(', ')}`);
  return entry;
}

// CK+ and its registry entry (src/datasets/registry.ts): feature 'patches' = the face pipeline's
// 8x8 grid of 8x8-pixel patches (nodes) with 64 normalised pixels each (features), default protocol
// face-10fold. Feature names are the patch pixels 'p<row><col>' in row-major order.
import { statSync } from 'node:fs';
import { faceConfig, faceMontage } from '../face/preprocess.js';
import { StrnnError } from '../util/errors.js';
import { listCkPlusSequences, loadCkPlusTrials } from './ckplus.js';
import { CKPLUS_CLASSES } from './ckplus-facts.js';
import type { DatasetEntry, DatasetLoadOptions, SourceFile, TrainingDefaults } from './registry.js';
import type { FeatureTrial } from './types.js';

/** 'p<row><col>' for every pixel of a patch, row-major. */
export function patchPixelNames(patch = faceConfig().patch): string[] {
  return Array.from({ length: patch * patch }, (_, i) => `p${Math.floor(i / patch)}${i % patch}`);
}

export function checkFaceFeature(id: string, options: DatasetLoadOptions): void {
  const f = options.feature ?? 'patches';
  if (f !== 'patches') throw new StrnnError('USAGE', `dataset ${id} has no feature '${f}'`, 'features: patches');
}

/** Keeps trials of the given subject numbers (5 -> 'S005'); all when none are given. */
export function filterFaceSubjects<T extends FeatureTrial>(trials: T[], subjects: readonly number[] | undefined): T[] {
  if (!subjects) return trials;
  const keep = new Set(subjects.map((s) => `S${String(s).padStart(3, '0')}`));
  return trials.filter((t) => keep.has(t.subject));
}

export function fileSources(paths: readonly string[]): SourceFile[] {
  return paths.map((path) => {
    const st = statSync(path);
    return { path, bytes: st.size, mtimeMs: st.mtimeMs };
  });
}

/**
 * Training defaults for faces, from the measured sweep on a synthetic CK+ tree of the real size
 * (README, "Face training defaults"): a held-out-subject validation set stopped training far too
 * early (its loss is lowest after 7-9 epochs while test accuracy still rises), so faces train a fixed
 * number of epochs on every training subject and keep the last epoch.
 */
export const FACE_TRAINING_DEFAULTS: TrainingDefaults = { epochs: 60, patience: 0, learningRate: 3e-3, batchSize: 32, valFraction: 0 };

/** A face dataset's registry entry: the 'patches' feature, the face montage, face-10fold and the face training defaults. */
export function faceDatasetEntry(e: {
  id: string;
  description: string;
  classNames: readonly string[];
  load: (root: string, options: DatasetLoadOptions) => Promise<FeatureTrial[]>;
  sourceFiles: (root: string) => SourceFile[];
}): DatasetEntry {
  return {
    id: e.id,
    description: e.description,
    features: ['patches'],
    defaultFeature: 'patches',
    defaultProtocol: 'face-10fold',
    trainingDefaults: FACE_TRAINING_DEFAULTS,
    featureNames: () => patchPixelNames(),
    classNames: () => e.classNames,
    montage(options) {
      checkFaceFeature(e.id, options);
      return faceMontage();
    },
    async loadTrials(root, options) {
      checkFaceFeature(e.id, options);
      return filterFaceSubjects(await e.load(root, options), options.subjects);
    },
    sourceFiles: e.sourceFiles,
  };
}

export const CKPLUS_DATASET: DatasetEntry = faceDatasetEntry({
  id: 'ckplus',
  description: 'CK+: 327 labelled face sequences of 123 subjects (neutral -> peak), 8x8 patches of aligned 64x64 crops, 7 emotions',
  classNames: CKPLUS_CLASSES,
  load: (root, options) => loadCkPlusTrials(root, { ...(options.onProgress && { onProgress: options.onProgress }) }),
  sourceFiles(root) {
    const paths: string[] = [];
    for (const s of listCkPlusSequences(root)) {
      paths.push(...s.frames, ...s.landmarks.filter((p): p is string => p !== undefined));
      if (s.emotionFile) paths.push(s.emotionFile);
      if (s.facsFile) paths.push(s.facsFile);
    }
    return fileSources(paths);
  },
});

// DEAP reader (Koelstra et al., "DEAP: A Database for Emotion Analysis using Physiological Signals",
// IEEE Trans. Affective Computing 2012; https://www.eecs.qmul.ac.uk/mmv/datasets/deap/). 32 subjects
// watched 40 one-minute music videos; the preprocessed files hold 40 channels (32 EEG in the Geneva
// order, then 8 peripheral) downsampled to 128 Hz, band-passed 4-45 Hz, common average reference,
// and self-assessed valence, arousal, dominance and liking on a 1-9 scale.
//
// Expected tree:
//
//   DEAP/data_preprocessed_matlab/s01.mat ... s32.mat
//     data    40 x 40 x 8064   trial x channel x sample (3 s pre-trial baseline, then 60 s)
//     labels  40 x 4           valence, arousal, dominance, liking (1..9)
//
// Targets: valence or arousal, binarised at 5: a rating > 5 is high (class 1), <= 5 is low (class 0,
// so a rating of exactly 5 counts as low). Baseline: the first 3 s (384 samples) are always dropped;
// `baseline: 'subtract'` also subtracts each channel's baseline mean from the rest of its trial.
//
// Example: readDeapRecord(record, { target: 'valence' }) → 40 Recordings of 32 x 7680 samples at
// 128 Hz; deapFeatureTrials(recordings) → 40 FeatureTrials of 60 x 32 x 4 (1-s DE windows over
// theta, alpha, beta, gamma), ready for the deap-32 montage.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openMat, readNumeric, toRowMajor } from '../formats/mat/index.js';
import { DEAP_CHANNELS } from '../montage/deap32.js';
import { computeTrialFeatures, type Band, type Smoothing } from '../signal/index.js';
import { StrnnError } from '../util/errors.js';
import { checkClassBalance } from './mat-trials.js';
import {
  DEAP_BANDS, DEAP_BASELINE_SAMPLES, DEAP_CLASSES, DEAP_EEG_CHANNELS, DEAP_FILE_CHANNELS, DEAP_FS_HZ, DEAP_RATINGS, DEAP_THRESHOLD, DEAP_TRIALS,
  type DeapTarget,
} from './deap-facts.js';
import type { FeatureTrial, Recording } from './types.js';

export const DEAP_FOLDER = 'data_preprocessed_matlab';

export interface DeapRecordFile {
  path: string;
  file: string;
  subject: number;
  bytes: number;
  mtimeMs: number;
}

export interface DeapRecording extends Recording {
  /** The four self-assessment ratings (1..9) of this trial. */
  ratings: Record<(typeof DEAP_RATINGS)[number], number>;
}

export interface DeapReadOptions {
  target: DeapTarget;
  /** 'drop' (default): drop the 3-s baseline; 'subtract': also subtract its per-channel mean. */
  baseline?: 'drop' | 'subtract';
}

/** `root` itself when it holds sNN.mat files, otherwise root/data_preprocessed_matlab. */
export function findDeapFolder(root: string): string {
  const nested = join(root, DEAP_FOLDER);
  if (existsSync(nested) && statSync(nested).isDirectory()) return nested;
  if (existsSync(root) && readdirSync(root).some((f) => /^s\d+\.mat$/.test(f))) return root;
  throw new StrnnError('NOT_FOUND', `${root}: no ${DEAP_FOLDER} folder and no sNN.mat files`, 'pass --root the DEAP folder or data_preprocessed_matlab itself');
}

/** Step 1: `sNN.mat` files sorted by subject number; other .mat names are refused. */
export function listDeapRecords(folder: string): DeapRecordFile[] {
  const records: DeapRecordFile[] = [];
  for (const file of readdirSync(folder)) {
    if (!file.toLowerCase().endsWith('.mat')) continue;
    const m = /^s(\d+)\.mat$/.exec(file);
    if (!m || Number(m[1]) < 1) throw new StrnnError('INPUT', `${join(folder, file)}: file name does not look like sNN.mat (e.g. s01.mat)`);
    const path = join(folder, file);
    const st = statSync(path);
    records.push({ path, file, subject: Number(m[1]), bytes: st.size, mtimeMs: st.mtimeMs });
  }
  records.sort((a, b) => a.subject - b.subject);
  records.forEach((r, i) => {
    if (i > 0 && records[i - 1]!.subject === r.subject) throw new StrnnError('INPUT', `${folder}: ${records[i - 1]!.file} and ${r.file} are the same subject`);
  });
  if (records.length === 0) throw new StrnnError('INPUT', `${folder}: no sNN.mat files`);
  return records;
}

/** Binarises a rating at 5: > 5 high (1), otherwise low (0). */
export function deapClass(rating: number): number {
  return rating > DEAP_THRESHOLD ? 1 : 0;
}

/** Step 2: the 40 trials of one subject as 32-channel EEG recordings (baseline handled), labels checked. */
export async function readDeapRecord(record: DeapRecordFile, options: DeapReadOptions): Promise<DeapRecording[]> {
  const file = await openMat(record.path);
  try {
    for (const name of ['data', 'labels']) {
      if (!file.has(name)) throw new StrnnError('INPUT', `${record.path}: no variable "${name}" (found ${file.names().join(', ') || 'none'})`);
    }
    const dims = file.info('data').dims;
    if (dims.length !== 3 || dims[0] !== DEAP_TRIALS || dims[1] !== DEAP_FILE_CHANNELS || dims[2]! <= DEAP_BASELINE_SAMPLES) {
      throw new StrnnError('INPUT', `${record.path}: variable "data": expected ${DEAP_TRIALS} trials x ${DEAP_FILE_CHANNELS} channels x samples (more than the ${DEAP_BASELINE_SAMPLES}-sample baseline), found ${dims.join('x')}`);
    }
    const ratings = toRowMajor(readNumeric(file, 'labels', [DEAP_TRIALS, DEAP_RATINGS.length]).data, [DEAP_TRIALS, DEAP_RATINGS.length], [0, 1]).data;
    ratings.forEach((v, i) => {
      if (!(v >= 1 && v <= 9)) throw new StrnnError('INPUT', `${record.path}: variable "labels" trial ${Math.floor(i / 4) + 1} ${DEAP_RATINGS[i % 4]} is ${v}; expected a rating in 1..9`);
    });
    const column = DEAP_RATINGS.indexOf(options.target);
    if (column < 0 || column > 1) throw new StrnnError('USAGE', `unknown DEAP target '${options.target}'; expected valence or arousal`);
    const labels = Array.from({ length: DEAP_TRIALS }, (_, t) => deapClass(ratings[t * 4 + column]!));
    checkClassBalance(labels, DEAP_CLASSES[options.target], `${record.path}: variable "labels" (${options.target} > ${DEAP_THRESHOLD})`);

    const total = dims[2]!;
    const samples = total - DEAP_BASELINE_SAMPLES;
    const all = toRowMajor(readNumeric(file, 'data').data, dims, [0, 1, 2]).data;
    const subtract = (options.baseline ?? 'drop') === 'subtract';
    return labels.map((label, t) => {
      const data = new Float64Array(DEAP_EEG_CHANNELS * samples);
      for (let c = 0; c < DEAP_EEG_CHANNELS; c++) {
        const from = (t * DEAP_FILE_CHANNELS + c) * total;
        let mean = 0;
        if (subtract) {
          for (let i = 0; i < DEAP_BASELINE_SAMPLES; i++) mean += all[from + i]!;
          mean /= DEAP_BASELINE_SAMPLES;
        }
        for (let i = 0; i < samples; i++) {
          const v = all[from + DEAP_BASELINE_SAMPLES + i]!;
          if (!Number.isFinite(v)) throw new StrnnError('INPUT', `${record.path}: variable "data" trial ${t + 1} channel ${c + 1} sample ${DEAP_BASELINE_SAMPLES + i + 1} is ${v}`);
          data[c * samples + i] = v - mean;
        }
      }
      const r = (k: number) => ratings[t * 4 + k]!;
      return {
        dataset: 'deap', subject: String(record.subject), session: 1, trial: t + 1, label,
        channels: DEAP_EEG_CHANNELS, samples, fsHz: DEAP_FS_HZ, channelNames: DEAP_CHANNELS, unit: 'uV', data, source: `${record.path}:data(${t + 1},:,:)`,
        ratings: { valence: r(0), arousal: r(1), dominance: r(2), liking: r(3) },
      };
    });
  } finally {
    file.close();
  }
}

export interface DeapFeatureOptions {
  bands?: readonly Band[];
  windowSec?: number;
  smoothing?: Smoothing;
}

/** DE features of each recording (W x 32 x bands, one-second windows by default) via src/signal. */
export function deapFeatureTrials(recordings: readonly Recording[], options: DeapFeatureOptions = {}): FeatureTrial[] {
  const bands = options.bands ?? DEAP_BANDS;
  return recordings.map((r) => {
    const signal = r.data instanceof Float64Array ? r.data : Float64Array.from(r.data);
    const f = computeTrialFeatures(signal, r.channels, r.fsHz, { bands, windowSec: options.windowSec ?? 1, smoothing: options.smoothing ?? 'none', dtype: 'float32' });
    if (f.windows.count === 0) throw new StrnnError('INPUT', `${r.source}: ${r.samples} samples hold no ${options.windowSec ?? 1}-s window`);
    return {
      dataset: r.dataset, subject: r.subject, session: r.session, trial: r.trial, label: r.label,
      windows: f.windows.count, nodes: r.channels, features: bands.length, data: f.de as Float32Array,
    };
  });
}

/** Steps 1-3: DE feature trials of every (selected) subject for one target. */
export async function loadDeapFeatureTrials(root: string, options: DeapReadOptions & DeapFeatureOptions & { subjects?: readonly number[] }): Promise<FeatureTrial[]> {
  const records = listDeapRecords(findDeapFolder(root)).filter((r) => !options.subjects || options.subjects.includes(r.subject));
  if (records.length === 0) throw new StrnnError('INPUT', `${root}: no DEAP subject matches ${options.subjects?.join(',')}`);
  const trials: FeatureTrial[] = [];
  for (const record of records) trials.push(...deapFeatureTrials(await readDeapRecord(record, options), options));
  return trials;
}

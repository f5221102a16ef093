// SEED reader (SJTU Emotion EEG Dataset; Zheng & Lu, "Investigating critical frequency bands and
// channels for EEG-based emotion recognition with deep neural networks", IEEE TAMD 2015;
// https://bcmi.sjtu.edu.cn/home/seed/). 15 subjects x 3 sessions x 15 film clips, 62 electrodes,
// three classes (label.mat: -1 negative, 0 neutral, 1 positive → class 0 / 1 / 2).
//
// Expected tree (the session is the date's rank among one subject's files, not part of the name):
//
//   SEED/ExtractedFeatures/      label.mat + 45 files <subject>_<yyyymmdd>.mat (also _1s, _4s)
//     1_20131027.mat             de_LDS1..15, de_movingAve1..15, psd_*, dasm_*, rasm_*, asm_*, dcau_*
//                                each nodes x W x 5 (MATLAB dims): 62 de/psd, 27 dasm/rasm, 54 asm, 23 dcau
//   SEED/Preprocessed_EEG/       label.mat + the same names
//     1_20131027.mat             <initials>_eeg1..15, each 62 x samples at 200 Hz (µV)
//
// Example: loadSeedFeatureTrials('SEED', { feature: 'de_LDS' }) → 675 FeatureTrials (15 x 3 x 15),
// trial k of a session has W_k x 62 x 5 (W_k = 235, 233, ... one-second windows).
// readSeedRawRecord(record, labels) → 15 Recordings of 62 x (200·T + 1) samples.
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openMat, readNumeric } from '../formats/mat/index.js';
import { SEED_CHANNELS } from '../montage/seed62.js';
import { StrnnError } from '../util/errors.js';
import { listDatedRecords, type DatedRecord } from './dated-records.js';
import { checkClassBalance, numberedVariables, readFeatureArray, readRawArray } from './mat-trials.js';
import { SEED_CLASSES, SEED_FS_HZ, SEED_SESSIONS, SEED_TRIALS } from './seed-facts.js';
import {
  SEED_FEATURE_BANDS, SEED_FEATURE_FOLDERS, SEED_FEATURE_IDS, SEED_FEATURE_NODES, SEED_RAW_FOLDER, type SeedFeatureKind, type SeedSmoothing,
} from './seed-layout-facts.js';
import type { FeatureTrial, Recording } from './types.js';

export interface SeedFeatureId {
  kind: SeedFeatureKind;
  smoothing: SeedSmoothing;
  /** Node-axis size in the files (62 for de / psd). */
  nodes: number;
}

/** Parses a feature id such as 'de_LDS' or 'psd_movingAve'. */
export function parseSeedFeature(id: string): SeedFeatureId {
  if (!SEED_FEATURE_IDS.includes(id)) {
    throw new StrnnError('USAGE', `unknown SEED feature '${id}'; expected one of ${SEED_FEATURE_IDS.join(', ')}`);
  }
  const [kind, smoothing] = id.split('_') as [SeedFeatureKind, SeedSmoothing];
  return { kind, smoothing, nodes: SEED_FEATURE_NODES[kind] };
}

/**
 * Finds the folder holding the files: `root` itself when it holds label.mat, otherwise the first
 * existing spelling under it (features: ExtractedFeatures, _1s, _4s; raw: Preprocessed_EEG).
 */
export function findSeedFolder(root: string, kind: 'features' | 'raw'): string {
  if (existsSync(join(root, 'label.mat'))) return root;
  const spellings = kind === 'raw' ? [SEED_RAW_FOLDER] : SEED_FEATURE_FOLDERS;
  for (const s of spellings) {
    const dir = join(root, s);
    if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
  }
  throw new StrnnError('NOT_FOUND', `${root}: no SEED ${kind} folder (${spellings.join(', ')}) and no label.mat`, 'pass --root the SEED folder or the feature folder itself');
}

/** Window length of a feature folder: 4 s for ExtractedFeatures_4s, otherwise 1 s. */
export function seedWindowSec(folder: string): number {
  return basename(folder) === 'ExtractedFeatures_4s' ? 4 : 1;
}

/** Step 1: the record files of a folder, sorted, with sessions; each subject must have 3 files. */
export function listSeedRecords(folder: string): DatedRecord[] {
  const records = listDatedRecords(folder);
  if (records.length === 0) throw new StrnnError('INPUT', `${folder}: no <subject>_<yyyymmdd>.mat files`);
  const perSubject = new Map<number, string[]>();
  for (const r of records) perSubject.set(r.subject, [...(perSubject.get(r.subject) ?? []), r.file]);
  for (const [subject, files] of perSubject) {
    if (files.length !== SEED_SESSIONS) {
      throw new StrnnError('INPUT', `${folder}: subject ${subject} has ${files.length} files (${files.join(', ')}); SEED has ${SEED_SESSIONS} sessions per subject`,
        'the session is the date rank among a subject\'s files, so every file of that subject is needed');
    }
  }
  return records;
}

/** label.mat → class index (0 negative, 1 neutral, 2 positive) of trials 1..15. */
export async function readSeedLabels(folder: string): Promise<number[]> {
  const path = join(folder, 'label.mat');
  const file = await openMat(path);
  try {
    if (!file.has('label')) throw new StrnnError('INPUT', `${path}: no variable "label" (found ${file.names().join(', ') || 'none'})`);
    const { data } = readNumeric(file, 'label', [1, SEED_TRIALS]);
    const labels = Array.from(data, (v, i) => {
      if (v !== -1 && v !== 0 && v !== 1) throw new StrnnError('INPUT', `${path}: variable "label" element ${i + 1} is ${v}; expected -1, 0 or 1`);
      return v + 1;
    });
    checkClassBalance(labels, SEED_CLASSES, `${path}: variable "label"`);
    return labels;
  } finally {
    file.close();
  }
}

/** Step 2 (features): the 15 trials of one record for one feature, sorted by trial number. */
export async function readSeedFeatureRecord(record: DatedRecord, feature: SeedFeatureId, labels: readonly number[], dataset = 'seed'): Promise<FeatureTrial[]> {
  const file = await openMat(record.path);
  try {
    const prefix = `${feature.kind}_${feature.smoothing}`;
    const vars = numberedVariables(file, new RegExp(`^(${prefix})(\\d+)$`), labels.length, `variables ${prefix}<trial>`);
    return vars.map(({ name, trial }) => {
      const { data, windows } = readFeatureArray(file, name, feature.nodes, SEED_FEATURE_BANDS);
      return {
        dataset, subject: String(record.subject), session: record.session, trial, label: labels[trial - 1]!,
        windows, nodes: feature.nodes, features: SEED_FEATURE_BANDS, data,
      };
    });
  } finally {
    file.close();
  }
}

/** Step 2 (raw): the trials `<initials>_eeg<n>` of one Preprocessed_EEG record, sorted by n. */
export async function readSeedRawRecord(
  record: DatedRecord, labels: readonly number[], dataset = 'seed', channelNames: readonly string[] = SEED_CHANNELS,
): Promise<Recording[]> {
  const file = await openMat(record.path);
  try {
    const vars = numberedVariables(file, /^(.+)_eeg(\d+)$/, labels.length, 'variables <initials>_eeg<trial>');
    const prefixes = [...new Set(vars.map((v) => v.prefix))];
    if (prefixes.length > 1) throw new StrnnError('INPUT', `${record.path}: trial variables carry different subject prefixes (${prefixes.join(', ')}); expected one subject per file`);
    return vars.map(({ name, trial }) => {
      const { data, samples } = readRawArray(file, name, channelNames.length);
      return {
        dataset, subject: String(record.subject), session: record.session, trial, label: labels[trial - 1]!,
        channels: channelNames.length, samples, fsHz: SEED_FS_HZ, channelNames, unit: 'uV', data, source: `${record.path}:${name}`,
      };
    });
  } finally {
    file.close();
  }
}

export interface SeedSelection {
  /** Sessions to read (default all). */
  sessions?: readonly number[];
  /** Subject numbers to read (default all). */
  subjects?: readonly number[];
}

export function selectRecords(records: DatedRecord[], sel: SeedSelection): DatedRecord[] {
  const out = records.filter((r) => (!sel.sessions || sel.sessions.includes(r.session)) && (!sel.subjects || sel.subjects.includes(r.subject)));
  if (out.length === 0) {
    throw new StrnnError('INPUT', `no record matches sessions ${sel.sessions?.join(',') ?? 'all'} and subjects ${sel.subjects?.join(',') ?? 'all'}`);
  }
  return out;
}

/** Step 3: every selected record's trials of one feature ('de_LDS', ...), subject by subject. */
export async function loadSeedFeatureTrials(root: string, options: SeedSelection & { feature: string }): Promise<FeatureTrial[]> {
  const feature = parseSeedFeature(options.feature);
  const folder = findSeedFolder(root, 'features');
  const labels = await readSeedLabels(folder);
  const trials: FeatureTrial[] = [];
  for (const record of selectRecords(listSeedRecords(folder), options)) trials.push(...(await readSeedFeatureRecord(record, feature, labels)));
  return trials;
}

/** Step 3 (raw): recordings one record at a time (a full raw file is about 70 MB of doubles). */
export async function* loadSeedRecordings(root: string, options: SeedSelection = {}): AsyncGenerator<Recording[]> {
  const folder = findSeedFolder(root, 'raw');
  const labels = await readSeedLabels(folder);
  for (const record of selectRecords(listSeedRecords(folder), options)) yield await readSeedRawRecord(record, labels);
}

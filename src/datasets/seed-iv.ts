// SEED-IV reader (Zheng, Liu, Lu, Lu & Cichocki, "EmotionMeter: a multimodal framework for recognizing
// human emotions", IEEE Trans. Cybernetics 2019; https://bcmi.sjtu.edu.cn/home/seed/seed-iv.html).
// 15 subjects x 3 sessions x 24 film clips, the 62 SEED electrodes at 200 Hz, four classes
// (0 neutral, 1 sad, 2 fear, 3 happy). There is no label file: labels come from the per-session
// table in seed-iv-facts.ts. The session is the folder name.
//
// Expected tree:
//
//   SEED_IV/eeg_feature_smooth/{1,2,3}/<subject>_<yyyymmdd>.mat   de_LDS1..24, de_movingAve*, psd_LDS*,
//                                                                psd_movingAve*: 62 x W x 5, 4-s windows
//   SEED_IV/eeg_raw_data/{1,2,3}/<subject>_<yyyymmdd>.mat         <initials>_eeg1..24: 62 x samples, 200 Hz
//
// Example: loadSeedIvFeatureTrials('SEED_IV', { feature: 'de_LDS' }) → 1080 FeatureTrials
// (15 x 3 x 24), each W x 62 x 5 with W four-second windows.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openMat } from '../formats/mat/index.js';
import { SEED_CHANNELS } from '../montage/seed62.js';
import { StrnnError } from '../util/errors.js';
import { listDatedRecords, type DatedRecord } from './dated-records.js';
import { checkClassBalance, numberedVariables, readFeatureArray, readRawArray } from './mat-trials.js';
import { selectRecords, type SeedSelection } from './seed.js';
import {
  SEED_IV_CLASSES, SEED_IV_FEATURE_FOLDER, SEED_IV_FEATURE_IDS, SEED_IV_FS_HZ, SEED_IV_RAW_FOLDER, SEED_IV_SESSION_LABELS, SEED_IV_SESSIONS, SEED_IV_TRIALS,
} from './seed-iv-facts.js';
import type { FeatureTrial, Recording } from './types.js';

/** The folder holding the session folders 1, 2, 3: `root` itself or root/eeg_feature_smooth (eeg_raw_data). */
export function findSeedIvFolder(root: string, kind: 'features' | 'raw'): string {
  if (existsSync(join(root, '1')) && statSync(join(root, '1')).isDirectory()) return root;
  const dir = join(root, kind === 'raw' ? SEED_IV_RAW_FOLDER : SEED_IV_FEATURE_FOLDER);
  if (existsSync(dir)) return dir;
  throw new StrnnError('NOT_FOUND', `${root}: no SEED-IV folder ${kind === 'raw' ? SEED_IV_RAW_FOLDER : SEED_IV_FEATURE_FOLDER} and no session folders 1, 2, 3`);
}

/** Step 1: records of the three session folders; the session is the folder, one file per subject each. */
export function listSeedIvRecords(folder: string): DatedRecord[] {
  const records: DatedRecord[] = [];
  for (let session = 1; session <= SEED_IV_SESSIONS; session++) {
    const dir = join(folder, String(session));
    if (!existsSync(dir)) throw new StrnnError('NOT_FOUND', `${folder}: session folder ${session} is missing (expected folders 1, 2, 3)`);
    const list = listDatedRecords(dir, []);
    if (list.length === 0) throw new StrnnError('INPUT', `${dir}: no <subject>_<yyyymmdd>.mat files`);
    for (const r of list) {
      if (r.session !== 1) throw new StrnnError('INPUT', `${dir}: subject ${r.subject} has more than one file in session ${session}`);
      records.push({ ...r, session });
    }
  }
  const subjects = (s: number) => records.filter((r) => r.session === s).map((r) => r.subject).join(',');
  for (let s = 2; s <= SEED_IV_SESSIONS; s++) {
    if (subjects(s) !== subjects(1)) {
      throw new StrnnError('INPUT', `${folder}: session ${s} holds subjects ${subjects(s)}, session 1 holds ${subjects(1)}; each session needs the same subjects`);
    }
  }
  return records.sort((a, b) => a.subject - b.subject || a.session - b.session);
}

/** Labels of one session from the table (validated once: every session has several classes). */
export function seedIvLabels(session: number): readonly number[] {
  const labels = SEED_IV_SESSION_LABELS[session - 1];
  if (!labels) throw new StrnnError('INPUT', `SEED-IV has sessions 1..${SEED_IV_SESSIONS}, found ${session}`);
  checkClassBalance(labels, SEED_IV_CLASSES, `SEED-IV session ${session} label table`);
  return labels;
}

function checkFeature(id: string): { kind: string; smoothing: string } {
  if (!SEED_IV_FEATURE_IDS.includes(id)) throw new StrnnError('USAGE', `unknown SEED-IV feature '${id}'; expected one of ${SEED_IV_FEATURE_IDS.join(', ')}`);
  const [kind, smoothing] = id.split('_') as [string, string];
  return { kind, smoothing };
}

/** Step 2 (features): the 24 trials of one record, sorted by trial number. */
export async function readSeedIvFeatureRecord(record: DatedRecord, feature: string): Promise<FeatureTrial[]> {
  checkFeature(feature);
  const labels = seedIvLabels(record.session);
  const file = await openMat(record.path);
  try {
    const vars = numberedVariables(file, new RegExp(`^(${feature})(\\d+)$`), SEED_IV_TRIALS, `variables ${feature}<trial>`);
    return vars.map(({ name, trial }) => {
      const { data, windows } = readFeatureArray(file, name, 62, 5);
      return { dataset: 'seed-iv', subject: String(record.subject), session: record.session, trial, label: labels[trial - 1]!, windows, nodes: 62, features: 5, data };
    });
  } finally {
    file.close();
  }
}

/** Step 2 (raw): the 24 `<initials>_eeg<n>` trials of one eeg_raw_data record. */
export async function readSeedIvRawRecord(record: DatedRecord): Promise<Recording[]> {
  const labels = seedIvLabels(record.session);
  const file = await openMat(record.path);
  try {
    const vars = numberedVariables(file, /^(.+)_eeg(\d+)$/, SEED_IV_TRIALS, 'variables <initials>_eeg<trial>');
    return vars.map(({ name, trial }) => {
      const { data, samples } = readRawArray(file, name, SEED_CHANNELS.length);
      return {
        dataset: 'seed-iv', subject: String(record.subject), session: record.session, trial, label: labels[trial - 1]!,
        channels: SEED_CHANNELS.length, samples, fsHz: SEED_IV_FS_HZ, channelNames: SEED_CHANNELS, unit: 'uV', data, source: `${record.path}:${name}`,
      };
    });
  } finally {
    file.close();
  }
}

/** Step 3: every selected record's trials of one feature. */
export async function loadSeedIvFeatureTrials(root: string, options: SeedSelection & { feature: string }): Promise<FeatureTrial[]> {
  checkFeature(options.feature);
  const folder = findSeedIvFolder(root, 'features');
  const trials: FeatureTrial[] = [];
  for (const record of selectRecords(listSeedIvRecords(folder), options)) trials.push(...(await readSeedIvFeatureRecord(record, options.feature)));
  return trials;
}

/** Step 3 (raw): recordings one record at a time. */
export async function* loadSeedIvRecordings(root: string, options: SeedSelection = {}): AsyncGenerator<Recording[]> {
  const folder = findSeedIvFolder(root, 'raw');
  for (const record of selectRecords(listSeedIvRecords(folder), options)) yield await readSeedIvRawRecord(record);
}

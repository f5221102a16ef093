// Synthetic datasets written in the real layouts: the same folders, file names, variable names and
// array shapes as SEED, SEED-IV and DEAP (see seed.ts, seed-iv.ts, deap.ts), filled with the planted,
// learnable signal of synthetic-seed.ts. The real data are licensed; these trees let the loaders,
// the protocols and `strnn experiment` run end to end, in tests and in benchmarks.
//
//   seed     ExtractedFeatures/label.mat + <s>_<date>.mat (real dates for subjects 1-15): all 6 features
//            x 2 smoothings x 15 trials, nodes x W x 5; with `raw`, Preprocessed_EEG/ as well
//            (<initials>_eeg1..15, 62 x (200·W + 1)), for the first `rawSubjects` subjects.
//   seed-iv  eeg_feature_smooth/{1,2,3}/<s>_<date>.mat: de/psd x movingAve/LDS x 24 trials, 62 x W x 5
//            (4-s windows); with `raw`, eeg_raw_data/{1,2,3}/ (62 x 200·W samples: raw trials last W
//            seconds, not 4·W, to keep the tree small; band powers follow the planted DE second by second).
//   deap     data_preprocessed_matlab/sNN.mat: data 40 x 40 x (384 + 128·W), labels 40 x 4. The EEG
//            carries the planted signal in its band powers (valence: the SEED positive / negative
//            patterns; arousal: a temporal-parietal beta/gamma pattern).
//
// How the derived features are made from the planted DE (the reader treats them as arrays, so only
// their shapes matter): LDS = the planted DE, movingAve = its 5-window moving average, psd = exp(DE/2),
// dasm / rasm = left − / ÷ right over SEED_LEFT_RIGHT_PAIRS, asm = [dasm; rasm], dcau = front − back.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { matNumeric, writeMat, type MatValue } from '../formats/mat/index.js';
import { DEAP_CHANNELS } from '../montage/deap32.js';
import { SEED_CHANNELS } from '../montage/seed62.js';
import { SEED_BANDS } from '../signal/bands.js';
import { movingAverage } from '../signal/moving-average.js';
import { StrnnError } from '../util/errors.js';
import { Rng } from '../util/random.js';
import { DEAP_BANDS, DEAP_BASELINE_SAMPLES, DEAP_FILE_CHANNELS, DEAP_FS_HZ, DEAP_TRIALS } from '../datasets/deap-facts.js';
import { SEED_FS_HZ } from '../datasets/seed-facts.js';
import { seedFeatureArray, seedFeatureName, seedLabelVars } from '../datasets/seed-feature-file.js';
import { SEED_IV_SESSION_LABELS, SEED_IV_TRIALS } from '../datasets/seed-iv-facts.js';
import { SEED_FRONT_BACK_PAIRS, SEED_LEFT_RIGHT_PAIRS, SEED_SESSION_DATES, SEED_SMOOTHINGS } from '../datasets/seed-layout-facts.js';
import { beginSyntheticOutput, finishSyntheticOutput } from './output.js';
import { plantedEeg } from './raw.js';
import { syntheticSeedTrials } from './seed.js';
import type { FeatureTrial } from '../datasets/types.js';

export type SyntheticFormat = 'seed' | 'seed-iv' | 'deap';
export const SYNTHETIC_FORMATS: readonly SyntheticFormat[] = ['seed', 'seed-iv', 'deap'];

export interface SyntheticDatasetOptions {
  subjects: number;
  seed: number;
  /** Multiplies the real trial lengths (1 = real durations). Trials keep at least 13 windows. */
  durationScale: number;
  /** Strength of the planted signal (1 = default difficulty). */
  signal: number;
  /** Also write the raw-EEG tree (SEED Preprocessed_EEG, SEED-IV eeg_raw_data); DEAP is always raw. */
  raw: boolean;
  /** Subjects in the raw tree (raw files are large). */
  rawSubjects: number;
  /** zlib-compress variables (level 1), like MATLAB's default -v7 files. */
  compress: boolean;
  /** Replace a previous synthetic tree in the folder (never a folder holding other files; synthetic-output.ts). */
  force: boolean;
}

export const DEFAULT_SYNTHETIC_DATASET: SyntheticDatasetOptions = {
  subjects: 15, seed: 1, durationScale: 0.1, signal: 1, raw: false, rawSubjects: 2, compress: true, force: false,
};

export interface SyntheticDatasetResult {
  format: SyntheticFormat;
  root: string;
  files: string[];
  bytes: number;
}

// Made-up subject initials for the raw variable prefixes (`<initials>_eeg1`); the first two are the
// examples datasets.md gives.
const INITIALS = ['djc', 'jl', 'jj', 'lqj', 'ly', 'mhw', 'phl', 'sxy', 'wk', 'ww', 'wsf', 'wyw', 'xyl', 'ys', 'zjy'];
const initials = (s: number) => INITIALS[s - 1] ?? `sub${s}x`;

/** Trial numbers in the order MATLAB's sort of names would list them (1, 10, 11, ..., 2, ...): a trap for readers trusting order. */
const lexicalOrder = (n: number) => Array.from({ length: n }, (_, i) => i + 1).sort((a, b) => String(a).localeCompare(String(b)));

function dateAfter(base: string, days: number): string {
  const d = new Date(Date.UTC(Number(base.slice(0, 4)), Number(base.slice(4, 6)) - 1, Number(base.slice(6, 8)) + days));
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** SEED file date: the real one for subjects 1-15, a made-up weekly schedule beyond. */
function seedDate(subject: number, session: number): string {
  return SEED_SESSION_DATES[session - 1]?.[subject - 1] ?? dateAfter('20150105', 10 * subject + 7 * (session - 1));
}

function smoothed(tr: FeatureTrial): Float32Array {
  const src = Float64Array.from(tr.data);
  const out = new Float64Array(src.length);
  const stride = tr.nodes * tr.features;
  for (let i = 0; i < stride; i++) movingAverage(src, 5, out, tr.windows, i, stride);
  return Float32Array.from(out);
}

/** All 12 SEED feature variables of one trial, named `<kind>_<smoothing><trial>`. */
function seedFeatureVars(tr: FeatureTrial, vars: Record<string, MatValue>, kinds: readonly string[]): void {
  const W = tr.windows;
  const B = tr.features;
  const N = tr.nodes;
  const index = new Map(SEED_CHANNELS.map((n, i) => [n, i]));
  const lr = SEED_LEFT_RIGHT_PAIRS.map(([l, r]) => [index.get(l)!, index.get(r)!] as const);
  const fb = SEED_FRONT_BACK_PAIRS.map(([f, b]) => [index.get(f)!, index.get(b)!] as const);
  for (const smoothing of SEED_SMOOTHINGS) {
    const de = smoothing === 'LDS' ? tr.data : smoothed(tr);
    const at = (w: number, c: number, b: number) => de[(w * N + c) * B + b]!;
    const make: Record<string, () => MatValue> = {
      de: () => seedFeatureArray(W, N, B, at),
      psd: () => seedFeatureArray(W, N, B, (w, c, b) => Math.exp(at(w, c, b) / 2)),
      dasm: () => seedFeatureArray(W, lr.length, B, (w, p, b) => at(w, lr[p]![0], b) - at(w, lr[p]![1], b)),
      rasm: () => seedFeatureArray(W, lr.length, B, (w, p, b) => at(w, lr[p]![0], b) / at(w, lr[p]![1], b)),
      asm: () => seedFeatureArray(W, 2 * lr.length, B, (w, p, b) => {
        const [l, r] = lr[p % lr.length]!;
        return p < lr.length ? at(w, l, b) - at(w, r, b) : at(w, l, b) / at(w, r, b);
      }),
      dcau: () => seedFeatureArray(W, fb.length, B, (w, p, b) => at(w, fb[p]![0], b) - at(w, fb[p]![1], b)),
    };
    for (const kind of kinds) vars[seedFeatureName(kind, smoothing, tr.trial)] = make[kind]!();
  }
}

/** Raw channels x samples variable from planted DE targets, one target window per `windowSec` seconds. */
function rawVar(tr: FeatureTrial, windowSec: number, extraSample: number, rng: Rng): MatValue {
  const windowSamples = SEED_FS_HZ * windowSec;
  const samples = tr.windows * windowSamples + extraSample;
  const signal = plantedEeg({
    de: tr.data, windows: tr.windows, channels: tr.nodes, bands: SEED_BANDS, levels: [22, 19.5, 17.5, 15, 13], amplitudeUv: [20, 12, 10, 6, 3],
    fsHz: SEED_FS_HZ, windowSamples, samples,
  }, rng);
  // Row-major channels x samples is column-major samples x channels: transpose into MATLAB's 62 x samples.
  const out = new Float64Array(signal.length);
  for (let c = 0; c < tr.nodes; c++) for (let i = 0; i < samples; i++) out[c + tr.nodes * i] = signal[c * samples + i]!;
  return matNumeric(out, [tr.nodes, samples]);
}

class TreeWriter {
  files: string[] = [];
  bytes = 0;
  constructor(private readonly compress: boolean) {}
  write(path: string, vars: Record<string, MatValue>): void {
    mkdirSync(join(path, '..'), { recursive: true });
    writeMat(path, vars, { compress: this.compress, level: 1 });
    this.files.push(path);
    this.bytes += statSync(path).size;
  }
}

function byKey(trials: FeatureTrial[]): Map<string, FeatureTrial[]> {
  const m = new Map<string, FeatureTrial[]>();
  for (const t of trials) {
    const k = `${t.subject}/${t.session}`;
    m.set(k, [...(m.get(k) ?? []), t]);
  }
  return m;
}

function writeSeed(dir: string, o: SyntheticDatasetOptions, out: TreeWriter): void {
  const trials = syntheticSeedTrials({ subjects: o.subjects, sessions: 3, durationScale: Math.max(o.durationScale, 13 / 185), signal: o.signal, seed: o.seed });
  const groups = byKey(trials);
  const featureDir = join(dir, 'ExtractedFeatures');
  out.write(join(featureDir, 'label.mat'), seedLabelVars());
  const rng = new Rng(o.seed + 7919);
  for (let s = 1; s <= o.subjects; s++) {
    for (let session = 1; session <= 3; session++) {
      const list = groups.get(`${s}/${session}`)!;
      const name = `${s}_${seedDate(s, session)}.mat`;
      const vars: Record<string, MatValue> = {};
      for (const t of lexicalOrder(15)) seedFeatureVars(list[t - 1]!, vars, ['de', 'psd', 'dasm', 'rasm', 'asm', 'dcau']);
      out.write(join(featureDir, name), vars);
      if (o.raw && s <= o.rawSubjects) {
        const raw: Record<string, MatValue> = {};
        for (const t of lexicalOrder(15)) raw[`${initials(s)}_eeg${t}`] = rawVar(list[t - 1]!, 1, 1, rng);
        out.write(join(dir, 'Preprocessed_EEG', name), raw);
      }
    }
  }
  if (o.raw) out.write(join(dir, 'Preprocessed_EEG', 'label.mat'), seedLabelVars());
}

/**
 * SEED-IV trials from the SEED generator: neutral, sad and happy take the SEED neutral, negative and
 * positive patterns; fear takes the negative pattern plus a central theta/delta increase of its own.
 * Three generated SEED sessions feed each SEED-IV session (at least 12 negative trials are needed).
 */
function seedIvTrials(o: SyntheticDatasetOptions): FeatureTrial[] {
  // SEED-IV windows are 4 s long: a quarter of SEED's 1-s window count, at least 13 per trial.
  const pool = syntheticSeedTrials({ subjects: o.subjects, sessions: 9, durationScale: Math.max(o.durationScale / 4, 13 / 185), signal: o.signal, seed: o.seed });
  const groups = byKey(pool);
  const fearChannels = ['FCZ', 'CZ', 'CPZ', 'C1', 'C2', 'FC1', 'FC2', 'CP1', 'CP2'].map((n) => SEED_CHANNELS.indexOf(n));
  const seedClassOf = [1, 0, 0, 2]; // neutral, sad, fear, happy -> SEED class index
  const out: FeatureTrial[] = [];
  for (let s = 1; s <= o.subjects; s++) {
    for (let session = 1; session <= 3; session++) {
      const available = [0, 1, 2].flatMap((k) => groups.get(`${s}/${3 * (session - 1) + k + 1}`)!);
      const used = new Set<FeatureTrial>();
      SEED_IV_SESSION_LABELS[session - 1]!.forEach((cls, i) => {
        const src = available.find((t) => t.label === seedClassOf[cls] && !used.has(t))!;
        used.add(src);
        const data = Float32Array.from(src.data);
        if (cls === 2) {
          for (let w = 0; w < src.windows; w++) for (const c of fearChannels) for (const b of [0, 1]) data[(w * src.nodes + c) * 5 + b] += 1.2 * o.signal;
        }
        out.push({ ...src, dataset: 'synthetic-seed-iv', session, trial: i + 1, label: cls, data });
      });
    }
  }
  return out;
}

function writeSeedIv(dir: string, o: SyntheticDatasetOptions, out: TreeWriter): void {
  const groups = byKey(seedIvTrials(o));
  const rng = new Rng(o.seed + 104729);
  for (let session = 1; session <= 3; session++) {
    for (let s = 1; s <= o.subjects; s++) {
      const list = groups.get(`${s}/${session}`)!;
      const name = `${s}_${dateAfter('20180105', 3 * s + 14 * (session - 1))}.mat`;
      const vars: Record<string, MatValue> = {};
      for (const t of lexicalOrder(SEED_IV_TRIALS)) seedFeatureVars(list[t - 1]!, vars, ['de', 'psd']);
      out.write(join(dir, 'eeg_feature_smooth', String(session), name), vars);
      if (o.raw && s <= o.rawSubjects) {
        const raw: Record<string, MatValue> = {};
        for (const t of lexicalOrder(SEED_IV_TRIALS)) raw[`${initials(s)}_eeg${t}`] = rawVar(list[t - 1]!, 1, 0, rng);
        out.write(join(dir, 'eeg_raw_data', String(session), name), raw);
      }
    }
  }
}

function writeDeap(dir: string, o: SyntheticDatasetOptions, out: TreeWriter): void {
  const W = Math.max(15, Math.round(60 * o.durationScale));
  const pool = syntheticSeedTrials({ subjects: o.subjects, sessions: 4, durationScale: (W + 1) / 185, signal: o.signal, seed: o.seed });
  const groups = byKey(pool);
  const seedIndex = DEAP_CHANNELS.map((n) => SEED_CHANNELS.indexOf(n.toUpperCase()));
  const arousalChannels = ['T7', 'T8', 'CP5', 'CP6', 'P7', 'P8'].map((n) => DEAP_CHANNELS.indexOf(n));
  const C = DEAP_CHANNELS.length;
  const B = DEAP_BANDS.length;
  const baseWindows = DEAP_BASELINE_SAMPLES / DEAP_FS_HZ;
  const total = DEAP_BASELINE_SAMPLES + W * DEAP_FS_HZ;
  const rng = new Rng(o.seed + 15485863);
  for (let s = 1; s <= o.subjects; s++) {
    const available = [1, 2, 3, 4].flatMap((k) => groups.get(`${s}/${k}`)!);
    const valence = balancedRatings(rng);
    const arousal = balancedRatings(rng);
    const data = new Float64Array(DEAP_TRIALS * DEAP_FILE_CHANNELS * total);
    const used = new Set<FeatureTrial>();
    for (let t = 0; t < DEAP_TRIALS; t++) {
      const src = available.find((x) => x.label === (valence[t]! > 5 ? 2 : 0) && !used.has(x))!;
      used.add(src);
      // DE targets: 3 baseline windows (the trial's first window), then W windows of the trial; DEAP bands = SEED's theta..gamma.
      const de = new Float32Array((baseWindows + W) * C * B);
      for (let w = 0; w < baseWindows + W; w++) {
        const sw = Math.max(0, w - baseWindows);
        for (let c = 0; c < C; c++) {
          for (let b = 0; b < B; b++) {
            let v = src.data[(sw * src.nodes + seedIndex[c]!) * 5 + b + 1]!;
            if (w >= baseWindows && arousal[t]! > 5 && arousalChannels.includes(c) && b >= 2) v += 1.2 * o.signal;
            de[(w * C + c) * B + b] = v;
          }
        }
      }
      const eeg = plantedEeg({
        de, windows: baseWindows + W, channels: C, bands: DEAP_BANDS, levels: [19.5, 17.5, 15, 13], amplitudeUv: [10, 8, 5, 2.5],
        fsHz: DEAP_FS_HZ, windowSamples: DEAP_FS_HZ, samples: total,
      }, rng);
      // data(t, c, i) column-major in dims 40 x 40 x total.
      for (let c = 0; c < DEAP_FILE_CHANNELS; c++) {
        for (let i = 0; i < total; i++) {
          const v = c < C ? eeg[c * total + i]! : 0.1 * rng.normal();
          data[t + DEAP_TRIALS * (c + DEAP_FILE_CHANNELS * i)] = v;
        }
      }
    }
    const labels = new Float64Array(DEAP_TRIALS * 4);
    for (let t = 0; t < DEAP_TRIALS; t++) {
      labels[t] = valence[t]!;
      labels[t + DEAP_TRIALS] = arousal[t]!;
      labels[t + 2 * DEAP_TRIALS] = 1 + 8 * rng.next();
      labels[t + 3 * DEAP_TRIALS] = 1 + 8 * rng.next();
    }
    out.write(join(dir, 'data_preprocessed_matlab', `s${String(s).padStart(2, '0')}.mat`), {
      data: matNumeric(data, [DEAP_TRIALS, DEAP_FILE_CHANNELS, total]),
      labels: matNumeric(labels, [DEAP_TRIALS, 4]),
    });
  }
}

/** 20 high (> 5) and 20 low (<= 5) ratings in random order; one low rating is exactly 5 (the tie rule). */
function balancedRatings(rng: Rng): number[] {
  const ratings = Array.from({ length: DEAP_TRIALS }, (_, i) => (i < DEAP_TRIALS / 2 ? 5.05 + 3.95 * rng.next() : 1 + 4 * rng.next()));
  ratings[DEAP_TRIALS - 1] = 5;
  rng.shuffle(ratings);
  return ratings.map((r) => Math.round(r * 100) / 100);
}

/** Writes a complete synthetic tree of `format` under `dir` (created if missing). */
export function writeSyntheticDataset(format: SyntheticFormat, dir: string, options: Partial<SyntheticDatasetOptions> = {}): SyntheticDatasetResult {
  const o = { ...DEFAULT_SYNTHETIC_DATASET, ...options };
  if (!Number.isInteger(o.subjects) || o.subjects < 1) throw new StrnnError('CONFIG', `synthetic dataset: subjects must be a positive integer, found ${o.subjects}`);
  if (!(o.durationScale > 0 && o.durationScale <= 1)) throw new StrnnError('CONFIG', `synthetic dataset: duration scale must be in (0, 1], found ${o.durationScale}`);
  if (!SYNTHETIC_FORMATS.includes(format)) throw new StrnnError('USAGE', `unknown synthetic format '${String(format)}'; expected ${SYNTHETIC_FORMATS.join(', ')}`);
  beginSyntheticOutput(dir, format, o.force);
  const out = new TreeWriter(o.compress);
  if (format === 'seed') writeSeed(dir, o, out);
  else if (format === 'seed-iv') writeSeedIv(dir, o, out);
  else writeDeap(dir, o, out);
  finishSyntheticOutput(dir, format);
  return { format, root: dir, files: out.files, bytes: out.bytes };
}

// Raw EEG trees → feature files in SEED's ExtractedFeatures layout (`strnn features`).
//
// Inputs (detected from the folder layout; see detectFeatureSource):
//   SEED     Preprocessed_EEG/ (or a SEED root holding it): <initials>_eeg1..15, 62 x samples, 200 Hz
//            → <out>/ExtractedFeatures/<same name>.mat, plus label.mat (copied; created from SEED's
//              label table when the input has none)
//   SEED-IV  eeg_raw_data/{1,2,3}/ (or a SEED-IV root) → <out>/eeg_feature_smooth/{1,2,3}/<same name>.mat,
//            the folder `strnn experiment --dataset seed-iv` reads (SEED-IV has no label file)
//   DEAP     data_preprocessed_matlab/sNN.mat (or the folder itself): 40 trials x 32 EEG channels,
//            128 Hz, the 3-s baseline dropped → <out>/ExtractedFeatures/sNN.mat, trials 1..40, plus
//            the subject's `labels` (40 x 4 ratings) copied into the file
//   EDF/BDF  one file or a folder of .edf / .bdf files (see edf-eeg.ts for the channel choice)
//            → <out>/ExtractedFeatures/<file name>.mat holding trial 1
//
// Every output holds `<kind>_<smoothing><trial>` for kind in de, psd and smoothing in movingAve, LDS
// (or the subset asked for), MATLAB dims channels x windows x bands, doubles, like SEED's files, so
// `strnn experiment --dataset seed --root <out> --feature de_LDS` reads them unchanged. Both
// smoothings come from one unsmoothed computation (src/signal computeTrialFeatures with smoothing
// 'none', then ldsSmooth / movingAverage over windows exactly as computeTrialFeatures applies them).
// With `causal`, the live pipeline's extractor computes them instead (causal-features.ts), and LDS /
// movingAve name its forward Kalman filter / trailing mean, so `strnn live` sees the same numbers.
//
// Resumable per file: <outFolder>/features-manifest.json (written atomically after each file) records
// for every output the key sha256(options + source name, size, mtime); an output whose file exists and
// whose key matches is not recomputed. Outputs are written atomically (writeMat) with a fixed header
// text, so the bytes depend only on the inputs and options.
//
// Parallel over trials on worker threads (jobs > 1): the main thread reads one file at a time and
// hands its trials to the workers; a file is written when its last trial is back. Every trial is
// computed by the same code whatever the job count, so the bytes are identical for any `jobs`.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { encodeMat, matNumeric, writeMat, type MatValue } from '../formats/mat/index.js';
import { SEED_BANDS, SEED_BANDS_CONTIGUOUS, checkBands, type Band } from '../signal/bands.js';
import { ldsSmooth } from '../signal/lds-smoother.js';
import { movingAverage } from '../signal/moving-average.js';
import { computeCausalFeatures, describeWindowProblems } from '../signal/causal-features.js';
import { CausalSmoother, DEFAULT_CAUSAL_KALMAN, type CausalKalmanSettings } from '../signal/causal-smoothing.js';
import { computeTrialFeatures } from '../signal/trial-features.js';
import { planWindows } from '../signal/windows.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { StrnnError, isStrnnError, type ErrorCode } from '../util/errors.js';
import { cappedWorkers } from '../util/workers.js';
import { DEAP_BANDS, DEAP_RATINGS, DEAP_TRIALS } from './deap-facts.js';
import { findDeapFolder, listDeapRecords, readDeapRecord, type DeapRecording } from './deap.js';
import { readEdfRecording } from './edf-eeg.js';
import { SEED_FILE_LABELS, SEED_TRIAL_CLASSES } from './seed-facts.js';
import { seedFeatureArrayFromRows, seedFeatureName, seedLabelVars } from './seed-feature-file.js';
import { SEED_IV_FEATURE_FOLDER, SEED_IV_RAW_FOLDER } from './seed-iv-facts.js';
import { findSeedIvFolder, listSeedIvRecords, readSeedIvRawRecord } from './seed-iv.js';
import { SEED_FEATURE_FOLDERS, SEED_RAW_FOLDER, SEED_SMOOTHINGS, type SeedSmoothing } from './seed-layout-facts.js';
import { listSeedRecords, readSeedLabels, readSeedRawRecord } from './seed.js';
import type { Recording } from './types.js';

export type FeatureKind = 'de' | 'psd';
export const FEATURE_KINDS: readonly FeatureKind[] = ['de', 'psd'];

export interface ExtractOptions {
  /** Band table (default SEED_BANDS: delta 1-3, theta 4-7, alpha 8-13, beta 14-30, gamma 31-50 Hz). */
  bands?: readonly Band[];
  /** Window length and stride in seconds (default 1, SEED's ExtractedFeatures). */
  windowSec?: number;
  /** 'gaussian' (default): band-pass, 0.5·ln(2πe·σ²); 'spectral': Hann FFT band power. */
  deMethod?: 'gaussian' | 'spectral';
  /** Smoothings written, SEED spelling (default both: movingAve and LDS). */
  smoothings?: readonly SeedSmoothing[];
  /** Feature kinds written (default de and psd). */
  kinds?: readonly FeatureKind[];
  /** Worker threads (default: the machine's cores); 1 computes in this thread. */
  jobs?: number;
  /** Causal features, exactly as `strnn live` computes them (src/signal/causal-features.ts); default false. */
  causal?: boolean;
}

/** Everything that determines an output file's bytes (hashed into each file's key). */
export interface NormalizedFeatureOptions {
  bands: Band[];
  windowSec: number;
  deMethod: 'gaussian' | 'spectral';
  smoothings: SeedSmoothing[];
  kinds: FeatureKind[];
  /** Fixed settings, recorded so that a future change of default changes the keys. */
  filterOrder: number;
  movingAverageLength: number;
  lds: 'default';
  zlibLevel: number;
  /**
   * Present for causal features only (so zero-phase keys stay as they were): forward-only filtering,
   * 'movingAve' = mean of the last movingAverageLength windows, 'LDS' = forward Kalman filter with these fixed settings.
   */
  causal?: { filtering: 'causal'; kalman: CausalKalmanSettings };
}

export type FeatureLayout = 'seed' | 'seed-iv' | 'deap' | 'edf';

export interface FeatureFileSummary {
  /** Output path relative to the output feature folder, e.g. '1_20131027.mat' or '2/3_20180120.mat'. */
  file: string;
  source: string;
  /** 'seed-62', 'deap-32' or 'own' (EDF channels that match neither, kept with their own names). */
  montage: string;
  channelNames: string[];
  fsHz: number;
  trials: number;
  /** Windows of each trial, in trial order. */
  windows: number[];
  key: string;
  /** True when the output of an earlier run was kept. */
  reused: boolean;
}

export interface ExtractReport {
  format: 'strnn-features/1';
  input: string;
  layout: FeatureLayout;
  /** Folder holding the feature files (e.g. <out>/ExtractedFeatures). */
  outFolder: string;
  /** The `strnn experiment` command that reads the outputs, when the layout has one. */
  experiment: string | undefined;
  options: NormalizedFeatureOptions;
  jobs: number;
  montages: string[];
  files: FeatureFileSummary[];
  computed: number;
  reused: number;
  wallSeconds: number;
}

export interface ExtractCallbacks {
  onStart?: (info: { layout: FeatureLayout; input: string; outFolder: string; files: number; reused: number; jobs: number }) => void;
  onFileDone?: (file: FeatureFileSummary, done: number, total: number) => void;
}

// ---------------------------------------------------------------------------------------------
// Band tables and options

/** Named band tables accepted by parseBandTable. */
export const BAND_TABLES: Readonly<Record<string, readonly Band[]>> = { seed: SEED_BANDS, 'seed-contiguous': SEED_BANDS_CONTIGUOUS, deap: DEAP_BANDS };

/**
 * A band table from text: a named table ('seed', 'seed-contiguous', 'deap') or comma-separated
 * `name:lowHz-highHz` entries, e.g. 'delta:1-3,theta:4-7,alpha:8-13,beta:14-30,gamma:31-50'.
 */
export function parseBandTable(text: string): Band[] {
  const named = BAND_TABLES[text.trim()];
  if (named) return named.map((b) => ({ ...b }));
  const bands: Band[] = [];
  for (const item of text.split(',')) {
    const m = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*:\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*$/.exec(item);
    if (!m) {
      throw new StrnnError('USAGE', `band table entry '${item.trim()}' is not name:lowHz-highHz (e.g. alpha:8-13)`,
        `write a named table (${Object.keys(BAND_TABLES).join(', ')}) or entries such as delta:1-3,theta:4-7,alpha:8-13,beta:14-30,gamma:31-50`);
    }
    const band = { name: m[1]!, lowHz: Number(m[2]), highHz: Number(m[3]) };
    if (!(band.lowHz > 0 && band.lowHz < band.highHz)) throw new StrnnError('USAGE', `band ${band.name}: expected 0 < low < high, got ${band.lowHz}-${band.highHz} Hz`);
    if (bands.some((b) => b.name === band.name)) throw new StrnnError('USAGE', `band '${band.name}' appears twice in the band table`);
    bands.push(band);
  }
  return bands;
}

function checkList<T extends string>(values: readonly T[], allowed: readonly string[], what: string): T[] {
  if (values.length === 0) throw new StrnnError('CONFIG', `no ${what} selected; expected some of ${allowed.join(', ')}`);
  for (const v of values) if (!allowed.includes(v)) throw new StrnnError('CONFIG', `unknown ${what} '${v}'; expected ${allowed.join(', ')}`);
  // File order follows the table order, whatever order the caller listed them in.
  return allowed.filter((a) => values.includes(a as T)) as T[];
}

export function normalizeFeatureOptions(options: ExtractOptions = {}): NormalizedFeatureOptions {
  const bands = (options.bands ?? SEED_BANDS).map((b) => ({ name: b.name, lowHz: b.lowHz, highHz: b.highHz }));
  if (bands.length === 0) throw new StrnnError('CONFIG', 'the band table is empty');
  const windowSec = options.windowSec ?? 1;
  if (!(windowSec > 0) || !Number.isFinite(windowSec)) throw new StrnnError('CONFIG', `window length must be a positive number of seconds, got ${windowSec}`);
  const deMethod = options.deMethod ?? 'gaussian';
  if (deMethod !== 'gaussian' && deMethod !== 'spectral') throw new StrnnError('CONFIG', `unknown DE method '${String(deMethod)}'; expected gaussian or spectral`);
  return {
    bands, windowSec, deMethod,
    smoothings: checkList(options.smoothings ?? SEED_SMOOTHINGS, SEED_SMOOTHINGS, 'smoothing'),
    kinds: checkList(options.kinds ?? FEATURE_KINDS, FEATURE_KINDS, 'feature kind'),
    filterOrder: 4, movingAverageLength: 5, lds: 'default', zlibLevel: 1,
    ...(options.causal && { causal: { filtering: 'causal' as const, kalman: { ...DEFAULT_CAUSAL_KALMAN } } }),
  };
}

// ---------------------------------------------------------------------------------------------
// One trial

/** One trial's features: row-major W x C x B arrays, one per (kind, smoothing). */
export interface TrialFeatureSet {
  windows: number;
  arrays: { kind: FeatureKind; smoothing: SeedSmoothing; data: Float64Array }[];
}

/**
 * Features of one trial for every kind and smoothing of `o`. Equal to computeTrialFeatures with
 * smoothing 'lds' / 'moving-average' (the same smoothing loop over each channel-band sequence), but
 * the band-pass filtering runs once for both smoothings.
 */
export function computeTrialFeatureSet(signal: Float64Array, channels: number, fsHz: number, o: NormalizedFeatureOptions, channelNames: readonly string[] = []): TrialFeatureSet {
  if (o.causal) return causalTrialFeatureSet(signal, channels, fsHz, o, o.causal.kalman, channelNames);
  const f = computeTrialFeatures(signal, channels, fsHz, {
    bands: o.bands, windowSec: o.windowSec, deMethod: o.deMethod, filterOrder: o.filterOrder, psd: o.kinds.includes('psd'), smoothing: 'none',
  });
  const W = f.windows.count;
  const stride = channels * o.bands.length;
  const arrays: TrialFeatureSet['arrays'] = [];
  for (const kind of o.kinds) {
    const raw = (kind === 'de' ? f.de : f.psd!) as Float64Array;
    checkFinite(raw, kind, channels, o.bands.length, channelNames);
    for (const smoothing of o.smoothings) {
      const data = Float64Array.from(raw);
      for (let cb = 0; cb < stride; cb++) {
        if (smoothing === 'LDS') ldsSmooth(data, undefined, data, W, cb, stride);
        else movingAverage(data, o.movingAverageLength, data, W, cb, stride);
      }
      arrays.push({ kind, smoothing, data });
    }
  }
  return { windows: W, arrays };
}

/**
 * Causal features of one trial: the live extractor over the whole trial (unsmoothed), then each
 * smoothing's CausalSmoother over the windows in order, which is what the extractor does inside
 * when every window is valid; an invalid window (NaN/Inf sample, flat channel) is refused here.
 */
function causalTrialFeatureSet(signal: Float64Array, channels: number, fsHz: number, o: NormalizedFeatureOptions, kalman: CausalKalmanSettings, channelNames: readonly string[]): TrialFeatureSet {
  const f = computeCausalFeatures(signal, channels, fsHz, {
    bands: o.bands, windowSec: o.windowSec, strideSec: o.windowSec, kinds: o.kinds, deMethod: o.deMethod, filterOrder: o.filterOrder,
    smoothing: 'none', movingAverageLength: o.movingAverageLength, kalman,
  });
  const bad = f.invalid[0];
  if (bad) {
    throw new StrnnError('INPUT', `window ${bad.window + 1}: ${describeWindowProblems(bad.problems, channelNames)}; causal features need finite, varying samples in every window`,
      'drop or repair the channel before extracting features');
  }
  const V = channels * o.bands.length;
  const arrays: TrialFeatureSet['arrays'] = [];
  for (const kind of o.kinds) {
    for (const smoothing of o.smoothings) {
      const smoother = new CausalSmoother(smoothing === 'LDS' ? 'causal-kalman' : 'causal-moving-average', V, o.movingAverageLength, kalman);
      const raw = f.values[kind]!;
      const data = new Float64Array(raw.length);
      for (let w = 0; w < f.windows; w++) data.set(smoother.smooth(raw.subarray(w * V, (w + 1) * V)), w * V);
      arrays.push({ kind, smoothing, data });
    }
  }
  return { windows: f.windows, arrays };
}

/** Refuses non-finite features (a flat channel has variance 0, so DE = -Infinity), naming channel and window. */
function checkFinite(values: Float64Array, kind: string, C: number, B: number, channelNames: readonly string[]): void {
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i]!)) continue;
    const c = Math.floor(i / B) % C;
    throw new StrnnError('INPUT', `${kind} of channel ${channelNames[c] ?? c + 1} in window ${Math.floor(i / (B * C)) + 1} is ${values[i]}; the channel is flat (zero variance) there`,
      'drop or repair flat channels before extracting features');
  }
}

// ---------------------------------------------------------------------------------------------
// Input layouts

interface SourceFile {
  path: string;
  /** Output path relative to the output feature folder. */
  file: string;
  bytes: number;
  mtimeMs: number;
  read(): Promise<{ recordings: Recording[]; montage: string; extra: Record<string, MatValue> }>;
}

export interface FeatureSource {
  layout: FeatureLayout;
  /** Folder (or file) the records were listed from. */
  folder: string;
  /** Output feature folder, relative to the output root. */
  outDir: string;
  files: SourceFile[];
  /** label.mat to place next to the outputs: a copy of `copyFrom`, else `create`. */
  labels?: { copyFrom?: string; create: readonly number[] };
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
const isEdf = (f: string) => ['.edf', '.bdf'].includes(extname(f).toLowerCase());

function edfFile(path: string): SourceFile {
  const st = statSync(path);
  return {
    path, file: `${basename(path, extname(path))}.mat`, bytes: st.size, mtimeMs: st.mtimeMs,
    read: () => {
      const r = readEdfRecording(path);
      return Promise.resolve({ recordings: [r], montage: r.montage, extra: {} });
    },
  };
}

function seedSource(folder: string): FeatureSource {
  const records = listSeedRecords(folder);
  const labelPath = join(folder, 'label.mat');
  const hasLabels = existsSync(labelPath);
  let labels: Promise<number[]> | undefined;
  return {
    layout: 'seed', folder, outDir: SEED_FEATURE_FOLDERS[0]!,
    labels: { ...(hasLabels && { copyFrom: labelPath }), create: SEED_FILE_LABELS },
    files: records.map((r) => ({
      path: r.path, file: r.file, bytes: r.bytes, mtimeMs: r.mtimeMs,
      read: async () => {
        labels ??= hasLabels ? readSeedLabels(folder) : Promise.resolve([...SEED_TRIAL_CLASSES]);
        return { recordings: await readSeedRawRecord(r, await labels), montage: 'seed-62', extra: {} };
      },
    })),
  };
}

function seedIvSource(folder: string): FeatureSource {
  return {
    layout: 'seed-iv', folder, outDir: SEED_IV_FEATURE_FOLDER,
    files: listSeedIvRecords(folder).map((r) => ({
      path: r.path, file: `${r.session}/${r.file}`, bytes: r.bytes, mtimeMs: r.mtimeMs,
      read: async () => ({ recordings: await readSeedIvRawRecord(r), montage: 'seed-62', extra: {} }),
    })),
  };
}

function deapSource(folder: string): FeatureSource {
  return {
    layout: 'deap', folder, outDir: SEED_FEATURE_FOLDERS[0]!,
    files: listDeapRecords(folder).map((r) => ({
      path: r.path, file: r.file, bytes: r.bytes, mtimeMs: r.mtimeMs,
      read: async () => {
        const recordings: DeapRecording[] = await readDeapRecord(r, { target: 'valence', baseline: 'drop' });
        // The subject's ratings, 40 x 4 column-major as in the source file.
        const labels = new Float64Array(DEAP_TRIALS * DEAP_RATINGS.length);
        recordings.forEach((rec, t) => DEAP_RATINGS.forEach((name, k) => { labels[t + DEAP_TRIALS * k] = rec.ratings[name]; }));
        return { recordings, montage: 'deap-32', extra: { labels: matNumeric(labels, [DEAP_TRIALS, DEAP_RATINGS.length]) } };
      },
    })),
  };
}

function edfSource(input: string): FeatureSource {
  if (!isDir(input)) return { layout: 'edf', folder: input, outDir: SEED_FEATURE_FOLDERS[0]!, files: [edfFile(input)] };
  const names = readdirSync(input).filter(isEdf).sort();
  const files = names.map((n) => edfFile(join(input, n)));
  const seen = new Map<string, string>();
  for (const f of files) {
    const other = seen.get(f.file);
    if (other) throw new StrnnError('INPUT', `${input}: ${basename(other)} and ${basename(f.path)} would both be written to ${f.file}; expected distinct file names`);
    seen.set(f.file, f.path);
  }
  return { layout: 'edf', folder: input, outDir: SEED_FEATURE_FOLDERS[0]!, files };
}

const EXPECTED_INPUT = 'expected a SEED Preprocessed_EEG tree (or a SEED root holding one), a SEED-IV eeg_raw_data tree, ' +
  'a DEAP data_preprocessed_matlab tree, or EDF/BDF files (one file or a folder)';

/** Finds out which raw layout `input` holds (see the file header) and lists its record files. */
export function detectFeatureSource(input: string): FeatureSource {
  if (!existsSync(input)) throw new StrnnError('NOT_FOUND', `${input}: no such file or folder`);
  if (!isDir(input)) {
    if (isEdf(input)) return edfSource(input);
    throw new StrnnError('INPUT', `${input}: not an .edf or .bdf file; ${EXPECTED_INPUT}`, 'pass the folder of a raw dataset, not one of its .mat files');
  }
  const entries = readdirSync(input);
  if (isDir(join(input, SEED_RAW_FOLDER))) return seedSource(join(input, SEED_RAW_FOLDER));
  if (isDir(join(input, SEED_IV_RAW_FOLDER))) return seedIvSource(join(input, SEED_IV_RAW_FOLDER));
  if (isDir(join(input, 'data_preprocessed_matlab')) || entries.some((f) => /^s\d+\.mat$/.test(f))) return deapSource(findDeapFolder(input));
  if (entries.some((f) => /^\d+_\d{8}\.mat$/.test(f))) return seedSource(input);
  if (['1', '2', '3'].every((s) => isDir(join(input, s)))) return seedIvSource(findSeedIvFolder(input, 'raw'));
  if (entries.some(isEdf)) return edfSource(input);
  const featuresOnly = [...SEED_FEATURE_FOLDERS, SEED_IV_FEATURE_FOLDER].filter((d) => isDir(join(input, d)));
  throw new StrnnError('INPUT', `${input}: no raw EEG found; ${EXPECTED_INPUT}`,
    featuresOnly.length ? `${featuresOnly.join(', ')} already holds features; the raw recordings are in ${SEED_RAW_FOLDER} / ${SEED_IV_RAW_FOLDER}` : undefined);
}

// ---------------------------------------------------------------------------------------------
// Manifest and keys

export const FEATURE_MANIFEST = 'features-manifest.json';
const HEADER_TEXT = 'MATLAB 5.0 MAT-file, written by strnn features (SEED ExtractedFeatures layout)';

interface Manifest {
  format: 'strnn-features/1';
  options: NormalizedFeatureOptions;
  files: Record<string, Omit<FeatureFileSummary, 'reused'>>;
}

function readManifest(path: string): Manifest['files'] {
  if (!existsSync(path)) return {};
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>;
    return m.format === 'strnn-features/1' && m.files ? m.files : {};
  } catch {
    // Ours is written atomically; anything unreadable was not, and only costs a recomputation.
    return {};
  }
}

function fileKey(o: NormalizedFeatureOptions, f: SourceFile): string {
  const key = { format: 'strnn-features/1', options: o, source: { name: f.file, bytes: f.bytes, mtimeMs: Math.round(f.mtimeMs) } };
  return createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32);
}

// ---------------------------------------------------------------------------------------------
// Worker pool

interface TrialJob {
  signal: Float64Array;
  channels: number;
  fsHz: number;
  channelNames: readonly string[];
}

interface WorkerReply {
  id: number;
  result?: TrialFeatureSet;
  error?: { code: ErrorCode; message: string; hint?: string };
}

/** Computes trials on `jobs` worker threads (or inline for jobs = 1), first come first served. */
class TrialPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { id: number; job: TrialJob }[] = [];
  private readonly waiting = new Map<number, { resolve: (r: TrialFeatureSet) => void; reject: (e: Error) => void }>();
  private readonly drained: (() => void)[] = [];
  private nextId = 0;
  inFlight = 0;

  constructor(private readonly jobs: number, private readonly o: NormalizedFeatureOptions) {
    if (jobs === 1) return;
    for (let i = 0; i < jobs; i++) {
      const w = new Worker(new URL('./feature-tree-worker.js', import.meta.url), { workerData: { options: o } });
      w.on('message', (m: WorkerReply) => this.reply(w, m));
      w.on('error', (e) => this.fail(e));
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  run(job: TrialJob): Promise<TrialFeatureSet> {
    this.inFlight++;
    if (this.jobs === 1) {
      try {
        return Promise.resolve(computeTrialFeatureSet(job.signal, job.channels, job.fsHz, this.o, job.channelNames)).finally(() => this.finish());
      } catch (e) {
        this.finish();
        return Promise.reject(e as Error);
      }
    }
    const id = this.nextId++;
    const promise = new Promise<TrialFeatureSet>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.queue.push({ id, job });
    this.dispatch();
    return promise;
  }

  /** Resolves once at most `n` trials are queued or running. */
  async below(n: number): Promise<void> {
    while (this.inFlight > n) await new Promise<void>((r) => this.drained.push(r));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const { id, job } = this.queue.shift()!;
      const w = this.idle.pop()!;
      // Transfer the samples (a whole buffer of their own) instead of copying them.
      const own = job.signal.byteOffset === 0 && job.signal.byteLength === job.signal.buffer.byteLength ? job.signal : Float64Array.from(job.signal);
      w.postMessage({ id, signal: own, channels: job.channels, fsHz: job.fsHz, channelNames: job.channelNames }, [own.buffer as ArrayBuffer]);
    }
  }

  private reply(w: Worker, m: WorkerReply): void {
    const p = this.waiting.get(m.id);
    this.waiting.delete(m.id);
    this.idle.push(w);
    this.finish();
    if (m.error) p?.reject(new StrnnError(m.error.code, m.error.message, m.error.hint));
    else p?.resolve(m.result!);
    this.dispatch();
  }

  /** A worker died (not a StrnnError: those come back as replies): fail everything outstanding. */
  private fail(e: Error): void {
    for (const p of this.waiting.values()) p.reject(e);
    this.waiting.clear();
    this.queue.length = 0;
    this.inFlight = 0;
    for (const r of this.drained.splice(0)) r();
  }

  private finish(): void {
    this.inFlight--;
    for (const r of this.drained.splice(0)) r();
  }
}

// ---------------------------------------------------------------------------------------------
// The pipeline

/** Prefixes an error with the file (and trial) it concerns unless it names the file already; keeps code and hint. */
function inContext(e: unknown, file: string, where = file): Error {
  if (!isStrnnError(e)) return e as Error;
  return e.message.includes(file) ? e : new StrnnError(e.code, `${where}: ${e.message}`, e.hint);
}

/** Refuses what would give no or meaningless features, naming the trial and what was expected. */
function checkRecording(r: Recording, o: NormalizedFeatureOptions): void {
  try {
    checkBands(o.bands, r.fsHz);
  } catch (e) {
    throw new StrnnError('INPUT', `${r.source}: sampling rate ${r.fsHz} Hz is too low for the band table (${(e as Error).message})`,
      'pass --bands a table below half the sampling rate (e.g. --bands deap for 128 Hz data)');
  }
  const plan = planWindows(r.samples, r.fsHz, o.windowSec);
  if (plan.count < 1) {
    throw new StrnnError('INPUT', `${r.source}: trial of ${r.samples} samples (${(r.samples / r.fsHz).toFixed(2)} s at ${r.fsHz} Hz) is shorter than one ${o.windowSec}-s window`);
  }
}

/** label.mat next to the outputs: the input's copied, or SEED's table; left alone when already equal (its mtime too). */
function writeLabelFile(outFolder: string, labels: NonNullable<FeatureSource['labels']>): void {
  const target = join(outFolder, 'label.mat');
  const bytes = labels.copyFrom ? readFileSync(labels.copyFrom) : Buffer.from(encodeMat(seedLabelVars(labels.create), { headerText: HEADER_TEXT }));
  if (!existsSync(target) || !readFileSync(target).equals(bytes)) writeFileAtomic(target, bytes);
}

/**
 * Computes SEED-layout feature files for every record of `input` under `out` (see the file header).
 * Returns what was written or reused; throws a StrnnError naming the file on the first failure
 * (files finished before it stay, and a rerun resumes after them).
 */
export async function extractFeatures(input: string, out: string, options: ExtractOptions = {}, callbacks: ExtractCallbacks = {}): Promise<ExtractReport> {
  const started = performance.now();
  const o = normalizeFeatureOptions(options);
  const jobs = options.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new StrnnError('CONFIG', `jobs must be a positive integer, got ${jobs}`);
  const source = detectFeatureSource(input);
  if (source.files.length === 0) throw new StrnnError('INPUT', `${source.folder}: no record files; ${EXPECTED_INPUT}`);
  const outFolder = join(out, source.outDir);
  const manifestPath = join(outFolder, FEATURE_MANIFEST);
  const entries = readManifest(manifestPath);
  const summaries = new Map<string, FeatureFileSummary>();
  const todo: { f: SourceFile; key: string }[] = [];
  for (const f of source.files) {
    const key = fileKey(o, f);
    const saved = entries[f.file];
    const target = join(outFolder, f.file);
    if (saved?.key === key && existsSync(target)) {
      summaries.set(f.file, { ...saved, reused: true });
      continue;
    }
    // Every file this function writes is in the manifest: anything else is someone's data (e.g. the
    // official ExtractedFeatures when --out is the dataset root), never overwritten.
    if (!saved && existsSync(target)) {
      throw new StrnnError('INPUT', `${target} exists and was not written by strnn features (it is not in ${FEATURE_MANIFEST}); refusing to overwrite it`,
        'choose another output folder (e.g. not the dataset root, whose ExtractedFeatures holds the official features)');
    }
    todo.push({ f, key });
  }
  // The manifest lists the current sources only, each with the key of its output.
  const saveManifest = () => {
    const files: Manifest['files'] = {};
    for (const name of [...summaries.keys()].sort()) {
      const entry: Partial<FeatureFileSummary> = { ...summaries.get(name)! };
      delete entry.reused;
      files[name] = entry as Manifest['files'][string];
    }
    const text = JSON.stringify({ format: 'strnn-features/1', options: o, files } satisfies Manifest, null, 2) + '\n';
    if (!existsSync(manifestPath) || readFileSync(manifestPath, 'utf8') !== text) writeFileAtomic(manifestPath, text);
  };
  // Capped by the cores; the trials per file are known only once read, so the files bound the work from below.
  const usedJobs = todo.length === 0 ? 1 : cappedWorkers(jobs, Infinity);
  callbacks.onStart?.({ layout: source.layout, input, outFolder, files: source.files.length, reused: summaries.size, jobs: usedJobs });
  let done = 0;
  for (const s of summaries.values()) callbacks.onFileDone?.(s, ++done, source.files.length);
  if (source.labels) writeLabelFile(outFolder, source.labels);

  const pool = new TrialPool(usedJobs, o);
  let failure: Error | undefined;
  const pending: Promise<void>[] = [];
  try {
    for (const { f, key } of todo) {
      // Read the next file while the last trials of the previous one are still computing.
      await pool.below(usedJobs);
      if (failure) break;
      let read: Awaited<ReturnType<SourceFile['read']>>;
      try {
        read = await f.read();
        if (read.recordings.length === 0) throw new StrnnError('INPUT', `${f.path}: no trials`);
        for (const r of read.recordings) checkRecording(r, o);
      } catch (e) {
        failure ??= inContext(e, f.path);
        break;
      }
      const { recordings, montage, extra } = read;
      const meta = recordings.map((r) => ({ trial: r.trial, channels: r.channels, channelNames: r.channelNames, fsHz: r.fsHz }));
      const work = recordings.map((r) => {
        const signal = r.data instanceof Float64Array ? r.data : Float64Array.from(r.data);
        return pool.run({ signal, channels: r.channels, fsHz: r.fsHz, channelNames: r.channelNames })
          .catch((e: unknown) => Promise.reject(inContext(e, f.path, r.source)));
      });
      recordings.length = 0; // the samples now belong to the pool
      pending.push(Promise.all(work).then((sets) => {
        const vars: Record<string, MatValue> = {};
        const B = o.bands.length;
        for (const kind of o.kinds) {
          for (const smoothing of o.smoothings) {
            sets.forEach((set, i) => {
              const data = set.arrays.find((a) => a.kind === kind && a.smoothing === smoothing)!.data;
              vars[seedFeatureName(kind, smoothing, meta[i]!.trial)] = seedFeatureArrayFromRows(data, set.windows, meta[i]!.channels, B);
            });
          }
        }
        Object.assign(vars, extra);
        writeMat(join(outFolder, f.file), vars, { compress: true, level: o.zlibLevel, headerText: HEADER_TEXT });
        const summary: FeatureFileSummary = {
          file: f.file, source: f.path, montage, channelNames: [...meta[0]!.channelNames], fsHz: meta[0]!.fsHz,
          trials: sets.length, windows: sets.map((s) => s.windows), key, reused: false,
        };
        summaries.set(f.file, summary);
        saveManifest();
        callbacks.onFileDone?.(summary, ++done, source.files.length);
      }).catch((e: unknown) => {
        failure ??= e as Error;
      }));
    }
    await Promise.all(pending);
  } finally {
    await pool.close();
  }
  if (failure) throw failure;
  saveManifest();

  const files = source.files.map((f) => summaries.get(f.file)!);
  return {
    format: 'strnn-features/1', input, layout: source.layout, outFolder,
    experiment: experimentCommand(source.layout, out, o), options: o, jobs: usedJobs,
    montages: [...new Set(files.map((f) => f.montage))], files,
    computed: files.filter((f) => !f.reused).length, reused: files.filter((f) => f.reused).length,
    wallSeconds: (performance.now() - started) / 1000,
  };
}

function experimentCommand(layout: FeatureLayout, out: string, o: NormalizedFeatureOptions): string | undefined {
  const feature = `${o.kinds.includes('de') ? 'de' : 'psd'}_${o.smoothings.includes('LDS') ? 'LDS' : 'movingAve'}`;
  if (layout === 'seed') return `strnn experiment --dataset seed --root ${out} --feature ${feature}`;
  if (layout === 'seed-iv') return `strnn experiment --dataset seed-iv --root ${out} --feature ${feature}`;
  return undefined;
}

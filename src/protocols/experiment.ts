// runExperiment: one dataset, one protocol, several band selections; every unit of every selection is
// trained and tested, and the results are summarised as the paper-style table (band selection x mean
// ± std accuracy over units).
//
// Resumable: with `out`, each finished unit is written atomically to the folder <out>/units/<key>/
// (unit.json, test predictions, salience and the best-epoch checkpoint: see unit-artifacts.ts), the
// key being a hash of everything that determines the result (dataset, feature, protocol, unit, bands,
// model and training options, seed, backend, and the source files' names, sizes and mtimes). A
// killed run restarts where it stopped. <out>/config.json records the run's settings: a run with
// other settings into the same folder is refused, naming the settings that differ, unless `force`
// replaces the old results. results.json (and the tidy results.csv beside it) are rewritten
// atomically after every unit, marked incomplete until the last one.
//
// Parallel: tasks run on `jobs` worker threads, each with its own backend (one WebAssembly memory per
// model). A unit's seed derives from the run seed, the band selection and the unit id, so the results
// equal those of `jobs: 1`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { getDataset, type DatasetLoadOptions } from '../datasets/registry.js';
import { suggestName } from '../datasets/names.js';
import type { FeatureTrial } from '../datasets/types.js';
import { meanStd } from '../eval/metrics.js';
import { backendFactory, type BackendFactory } from '../kernels/factory.js';
import type { BackendKind } from '../kernels/select.js';
import { makeConfig, type StrnnConfigInput } from '../model/config.js';
import type { Montage } from '../montage/montage.js';
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from '../train/train.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { StrnnError } from '../util/errors.js';
import { cappedWorkers } from '../util/workers.js';
import { runTask, type ExperimentTask } from './experiment-task.js';
import type { UnitSaveOptions } from './unit-artifacts.js';
import { makeProtocol, type ProtocolOptions } from './registry.js';
import type { UnitResult } from './run-unit.js';
import { deriveSeed } from './seeds.js';
import { unitWarnings } from './unit-warnings.js';
import { strnnVersion } from '../util/version.js';
import { resultsCsv } from './results-csv.js';

export interface ExperimentConfig {
  dataset: string;
  root: string;
  /** Protocol id; the dataset's default when absent. */
  protocol?: string;
  load: DatasetLoadOptions;
  protocolOptions?: ProtocolOptions;
  /** Band selections: 'all' (every feature as d_in) or one feature name each (d_in = 1). */
  bands: string[];
  /** Model options; T, dS, kS, ... (dIn and C follow from the data). */
  model: StrnnConfigInput;
  train: Partial<TrainOptions>;
  valFraction: number;
  /** Windows between training sample starts (default 1). */
  stride?: number;
  seed: number;
  backend: BackendKind;
  /** Worker threads (default: the machine's cores); 1 runs in this thread. */
  jobs?: number;
  /** Folder for units/ and results.json; nothing is saved (and nothing resumed) without it. */
  out?: string;
  /** Stop after computing this many new units (a partial run; the rest is resumed later). */
  maxNewUnits?: number;
  /** The command's flags, recorded in results.json (config.flags) so `strnn experiment --config results.json` reruns exactly. */
  flags?: Record<string, unknown>;
  /** Save each unit's best-epoch checkpoint under units/<key>/model/ (default true; needs `out`). */
  saveModels?: boolean;
  /** Replace the results of a run with other settings in `out` instead of refusing. */
  force?: boolean;
}

export interface ExperimentUnit extends Omit<UnitResult, 'confusion'> {
  bands: string;
  /** The test part's subject and session when it has only one, the fold number of k-fold protocols. */
  subject?: string;
  session?: number;
  fold?: number;
  seed: number;
  key: string;
  /** Rows = true class, columns = predicted class, in `classNames` order. */
  confusion: { classNames: string[]; matrix: number[][] };
  /** True when this unit was read back from an earlier (interrupted) run. */
  reused: boolean;
}

export interface BandSummary {
  bands: string;
  units: number;
  accuracy: { mean: number; std: number };
  macroF1: { mean: number; std: number };
}

export interface ExperimentReport {
  format: 'strnn-experiment/1';
  dataset: { id: string; description: string; root: string; feature: string; options: DatasetLoadOptions };
  protocol: { id: string; description: string };
  classNames: string[];
  featureNames: string[];
  config: { model: StrnnConfigInput; train: TrainOptions; valFraction: number; seed: number; backend: string; bands: string[]; stride?: number; flags?: Record<string, unknown> };
  /** Every planned unit was computed or reused. */
  complete: boolean;
  plannedUnits: number;
  computedUnits: number;
  reusedUnits: number;
  units: ExperimentUnit[];
  /** strnn version that wrote the results. */
  strnnVersion: string;
  /** The paper-style table: one row per band selection, mean ± std over units. */
  table: BandSummary[];
  /** Accuracy without learning: uniform guessing, and always the training part's most frequent class (mean ± std over units). */
  baselines: { chance: number; majorityClass: { mean: number; std: number } };
  /** Said once for the run: units without validation, test trials too short to score (unit-warnings.ts). */
  warnings: string[];
  wallSeconds: number;
}

export interface ExperimentCallbacks {
  /** While the dataset's trials load (face datasets: per preprocessed sequence). */
  onLoadProgress?: (done: number, total: number) => void;
  onStart?: (info: { protocol: { id: string; description: string }; tasks: number; cached: number; jobs: number; backend: string }) => void;
  /** A unit finished: `done` of `total` units now have results, `cached` of them read back from an earlier run. */
  onUnitDone?: (unit: ExperimentUnit, done: number, total: number, cached: number) => void;
}

export interface ExperimentPlan {
  trials: FeatureTrial[];
  montage: Montage;
  classNames: string[];
  featureNames: string[];
  protocol: { id: string; description: string };
  tasks: ExperimentTask[];
  feature: string;
}

function bandIndices(selection: string, names: readonly string[], dIn: number): number[] {
  if (selection === 'all') return Array.from({ length: dIn }, (_, i) => i);
  const i = names.indexOf(selection);
  if (i < 0 || i >= dIn) throw new StrnnError('USAGE', `unknown band '${selection}'${suggestName(selection, ['all', ...names])}`, `bands: all, ${names.join(', ')}`);
  return [i];
}

/** The test part's single subject and session (absent when it spans several) and the fold number. */
function unitPlace(unitId: string, test: readonly FeatureTrial[]): { subject?: string; session?: number; fold?: number } {
  const subjects = new Set(test.map((t) => t.subject));
  const sessions = new Set(test.map((t) => t.session));
  const fold = /\bfold (\d+)/.exec(unitId);
  return {
    ...(subjects.size === 1 && { subject: [...subjects][0]! }),
    ...(sessions.size === 1 && { session: [...sessions][0]! }),
    ...(fold && { fold: Number(fold[1]) }),
  };
}

/** Loads the trials and lists every task (protocol unit x band selection) with its seed. */
export async function planExperiment(c: ExperimentConfig, onLoadProgress?: (done: number, total: number) => void): Promise<ExperimentPlan> {
  const dataset = getDataset(c.dataset);
  const protocol = makeProtocol(c.protocol ?? dataset.defaultProtocol, { ...c.protocolOptions, seed: c.protocolOptions?.seed ?? c.seed });
  const montage = dataset.montage(c.load);
  const classNames = [...dataset.classNames(c.load)];
  const featureNames = [...dataset.featureNames(c.load)];
  if (c.bands.length === 0) throw new StrnnError('USAGE', 'no band selection given (e.g. all,delta,theta,alpha,beta,gamma)');
  const trials = await dataset.loadTrials(c.root, { ...c.load, ...(onLoadProgress && { onProgress: onLoadProgress }) });
  if (trials.length === 0) throw new StrnnError('INPUT', `${c.root}: no trials loaded`);
  const dIn = trials[0]!.features;
  if (trials[0]!.nodes !== montage.nodes.length) {
    throw new StrnnError('INPUT', `${c.root}: trials have ${trials[0]!.nodes} nodes, montage ${montage.name} has ${montage.nodes.length}`);
  }
  const index = new Map(trials.map((t, i) => [t, i]));
  const units = protocol.units(trials);
  const tasks: ExperimentTask[] = [];
  for (const bands of c.bands) {
    const featureIndices = bandIndices(bands, featureNames, dIn);
    for (const unit of units) {
      tasks.push({
        index: tasks.length, unitId: unit.id, bands, featureIndices,
        train: unit.train.map((t) => index.get(t)!), test: unit.test.map((t) => index.get(t)!),
        seed: deriveSeed(c.seed, bands, unit.id),
        model: { ...c.model, dIn: featureIndices.length, C: classNames.length },
        trainOptions: c.train, valFraction: c.valFraction, ...(c.stride !== undefined && c.stride !== 1 && { stride: c.stride }), place: unitPlace(unit.id, unit.test),
      });
    }
  }
  return { trials, montage, classNames, featureNames, protocol: { id: protocol.id, description: protocol.description }, tasks, feature: c.load.feature ?? dataset.defaultFeature };
}

/** Hash of everything that determines one unit's result (see the file header). */
function taskKey(c: ExperimentConfig, plan: ExperimentPlan, task: ExperimentTask, backend: string, sources: string): string {
  const key = {
    dataset: c.dataset, load: { ...c.load, feature: plan.feature }, protocol: plan.protocol, unit: task.unitId, bands: task.bands,
    model: makeConfig(task.model), train: { ...DEFAULT_TRAIN_OPTIONS, ...c.train, seed: task.seed }, valFraction: c.valFraction, seed: task.seed,
    backend, sources, ...(task.stride !== undefined && { stride: task.stride }),
  };
  return createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32);
}

function toUnit(result: UnitResult, task: ExperimentTask, key: string, classNames: string[], reused: boolean): ExperimentUnit {
  const { confusion, ...rest } = result;
  return { ...rest, bands: task.bands, ...task.place, seed: task.seed, key, confusion: { classNames, matrix: confusion }, reused };
}

/** The settings that decide a run's results (config.json); jobs and saving do not. */
function runSettings(c: ExperimentConfig, plan: ExperimentPlan, backend: string): Record<string, unknown> {
  return {
    dataset: c.dataset, root: c.root, load: { ...c.load, feature: plan.feature }, protocol: plan.protocol.id, protocolOptions: c.protocolOptions ?? {},
    bands: c.bands, model: c.model, train: { ...DEFAULT_TRAIN_OPTIONS, ...c.train }, valFraction: c.valFraction, seed: c.seed, backend,
  };
}

/** Dotted paths whose values differ between two JSON values (both sides' keys). */
export function differingKeys(a: unknown, b: unknown, prefix = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== undefined || b[k] !== undefined).sort();
    return keys.flatMap((k) => differingKeys(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix || '(root)'];
}

/** Refuses `out` when it holds a run with other settings (or replaces it with force); records ours. */
function claimOutput(out: string, settings: Record<string, unknown>, force: boolean): void {
  const path = join(out, 'config.json');
  if (existsSync(path)) {
    let old: unknown;
    try {
      old = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      throw new StrnnError('INPUT', `${path}: not valid JSON`, 'pass --force to replace that run, or choose another --out');
    }
    const differ = differingKeys(old, settings);
    if (differ.length > 0 && !force) {
      throw new StrnnError('USAGE', `${out} holds a run with other settings (${differ.join(', ')} differ)`, 'choose another --out, or pass --force to replace the old results');
    }
    if (differ.length > 0) for (const name of ['units', 'results.json', 'results.csv', 'config.json']) rmSync(join(out, name), { recursive: true, force: true });
  } else if (existsSync(join(out, 'units')) && force) {
    rmSync(join(out, 'units'), { recursive: true, force: true });
  }
  writeFileAtomic(path, JSON.stringify(settings, null, 2) + '\n');
}

function readCached(path: string, key: string): UnitResult | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { key?: string; result?: UnitResult };
    // A result from before units recorded their validation and baseline is recomputed.
    return saved.key === key && saved.result?.validation !== undefined ? saved.result : undefined;
  } catch {
    // A unit file that does not parse was not written by us (ours are atomic): recompute it.
    return undefined;
  }
}

export function summarizeBands(units: readonly ExperimentUnit[], bands: readonly string[]): BandSummary[] {
  return bands.map((b) => {
    const own = units.filter((u) => u.bands === b);
    return { bands: b, units: own.length, accuracy: meanStd(own.map((u) => u.accuracy)), macroF1: meanStd(own.map((u) => u.macroF1)) };
  });
}

/** Shares each trial's features through a SharedArrayBuffer so workers read them without copies. */
function shareTrials(trials: readonly FeatureTrial[]): FeatureTrial[] {
  return trials.map((t) => {
    const data = new Float32Array(new SharedArrayBuffer(t.data.byteLength));
    data.set(t.data);
    return { ...t, data };
  });
}

/** Runs tasks on worker threads, handing the next task to whichever worker is free. */
async function runOnWorkers(plan: ExperimentPlan, tasks: ExperimentTask[], jobs: number, backend: BackendKind, dtype: 'float32' | 'float64', done: (task: ExperimentTask, r: UnitResult) => void): Promise<void> {
  const trials = shareTrials(plan.trials);
  const queue = [...tasks];
  const workers: Worker[] = [];
  let failure: Error | undefined;
  const runWorker = (): Promise<void> => new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./experiment-worker.js', import.meta.url), { workerData: { trials, montage: plan.montage, backend, dtype } });
    workers.push(worker);
    let current: ExperimentTask | undefined;
    const next = () => {
      const task = failure ? undefined : queue.shift();
      current = task;
      if (!task) {
        void worker.terminate().then(() => resolve());
        return;
      }
      worker.postMessage(task);
    };
    worker.on('message', (m: { ready?: boolean; index?: number; result?: UnitResult; error?: { message: string; code?: string; hint?: string } }) => {
      if (m.ready) return next();
      if (m.error) {
        failure = new StrnnError((m.error.code as 'INPUT') ?? 'INPUT', m.error.message, m.error.hint);
        void worker.terminate();
        return reject(failure);
      }
      done(current!, m.result!);
      next();
    });
    worker.on('error', (e) => {
      failure = e;
      reject(e);
    });
  });
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, runWorker));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export async function runExperiment(c: ExperimentConfig, callbacks: ExperimentCallbacks = {}): Promise<ExperimentReport> {
  const started = performance.now();
  const plan = await planExperiment(c, callbacks.onLoadProgress);
  const dataset = getDataset(c.dataset);
  const factory: BackendFactory = await backendFactory(c.backend);
  const sources = JSON.stringify(dataset.sourceFiles(c.root, c.load).map((f) => [basename(f.path), f.bytes, Math.round(f.mtimeMs)]));
  const keys = plan.tasks.map((t) => taskKey(c, plan, t, factory.name, sources));
  const unitDir = (key: string) => join(c.out!, 'units', key);
  const unitPath = (key: string) => join(unitDir(key), 'unit.json');
  const settings = runSettings(c, plan, factory.name);
  if (c.out) claimOutput(c.out, settings, c.force ?? false);
  const selectedFeatures = (task: ExperimentTask) => task.featureIndices.map((i) => plan.featureNames[i] ?? `feature ${i}`);
  const saveOptions = (task: ExperimentTask): UnitSaveOptions => {
    const key = keys[task.index]!;
    return {
      dir: unitDir(key), saveModel: c.saveModels ?? true, classNames: plan.classNames, featureNames: selectedFeatures(task),
      record: { key, dataset: c.dataset, protocol: plan.protocol.id, unit: task.unitId, bands: task.bands, ...task.place },
      info: {
        source: 'strnn experiment', strnnVersion: strnnVersion(), data: { dataset: c.dataset, root: c.root, feature: plan.feature, load: c.load, sourceFiles: JSON.parse(sources) as unknown },
        protocol: plan.protocol, unitPlace: task.place, bands: task.bands, seed: task.seed,
        hyperparameters: { model: makeConfig(task.model), train: { ...DEFAULT_TRAIN_OPTIONS, ...c.train, seed: task.seed }, valFraction: c.valFraction },
      },
    };
  };

  const results = new Map<number, ExperimentUnit>();
  const todo: ExperimentTask[] = [];
  for (const task of plan.tasks) {
    const cached = c.out ? readCached(unitPath(keys[task.index]!), keys[task.index]!) : undefined;
    if (cached) results.set(task.index, toUnit(cached, task, keys[task.index]!, plan.classNames, true));
    else todo.push(task);
  }
  const limit = c.maxNewUnits ?? Infinity;
  const scheduled = todo.slice(0, Math.max(0, Math.min(todo.length, limit))).map((task) => c.out ? { ...task, save: saveOptions(task) } : task);
  const jobs = cappedWorkers(c.jobs ?? availableParallelism(), scheduled.length || 1);
  callbacks.onStart?.({ protocol: plan.protocol, tasks: plan.tasks.length, cached: results.size, jobs, backend: factory.name });

  let computed = 0;
  const buildReport = (): ExperimentReport => experimentReport({
    dataset: { id: dataset.id, description: dataset.description, root: c.root, feature: plan.feature, options: c.load },
    protocol: plan.protocol, classNames: plan.classNames, featureNames: plan.featureNames,
    config: { model: c.model, train: { ...DEFAULT_TRAIN_OPTIONS, ...c.train }, valFraction: c.valFraction, seed: c.seed, backend: factory.name, bands: c.bands,
      ...(c.stride !== undefined && { stride: c.stride }), ...(c.flags && { flags: c.flags }) },
    units: plan.tasks.flatMap((t) => results.get(t.index) ?? []), plannedUnits: plan.tasks.length, computedUnits: computed,
    wallSeconds: (performance.now() - started) / 1000,
  });
  const finish = (task: ExperimentTask, result: UnitResult) => {
    const unit = toUnit(result, task, keys[task.index]!, plan.classNames, false);
    results.set(task.index, unit);
    computed++;
    if (c.out) writeResults(c.out, buildReport());
    callbacks.onUnitDone?.(unit, results.size, plan.tasks.length, plan.tasks.length - todo.length);
  };
  if (jobs === 1) {
    for (const task of scheduled) finish(task, runTask(plan.trials, task, plan.montage, factory));
  } else {
    await runOnWorkers(plan, scheduled, jobs, c.backend, factory.dtype, finish);
  }
  const report = buildReport();
  if (c.out) writeResults(c.out, report);
  return report;
}

/** What a run folder's results.json is built from; the rest (table, baselines, warnings) follows from the units. */
export interface ExperimentReportParts {
  dataset: ExperimentReport['dataset'];
  protocol: ExperimentReport['protocol'];
  classNames: string[];
  featureNames: string[];
  config: ExperimentReport['config'];
  /** The units with results, in plan order. */
  units: ExperimentUnit[];
  plannedUnits: number;
  computedUnits: number;
  wallSeconds: number;
}

/** results.json of a run folder (strnn experiment and strnn demo). */
export function experimentReport(p: ExperimentReportParts): ExperimentReport {
  const firstBands = p.units.filter((u) => u.bands === p.config.bands[0]);
  return {
    format: 'strnn-experiment/1',
    dataset: p.dataset, protocol: p.protocol, classNames: p.classNames, featureNames: p.featureNames, config: p.config,
    complete: p.units.length === p.plannedUnits,
    plannedUnits: p.plannedUnits,
    computedUnits: p.computedUnits,
    reusedUnits: p.units.filter((u) => u.reused).length,
    units: p.units,
    strnnVersion: strnnVersion(),
    table: summarizeBands(p.units, p.config.bands),
    // Validation, short test trials and the majority class depend on the trials only, not on the
    // band selection: the first selection's units say it once.
    baselines: { chance: 1 / p.classNames.length, majorityClass: meanStd(firstBands.map((u) => u.majorityAccuracy)) },
    warnings: unitWarnings(firstBands),
    wallSeconds: p.wallSeconds,
  };
}

/** results.json and its tidy companion results.csv, each written atomically. */
export function writeResults(out: string, report: ExperimentReport): void {
  writeFileAtomic(join(out, 'results.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileAtomic(join(out, 'results.csv'), resultsCsv(report));
}

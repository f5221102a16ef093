// Feature trials from a dataset of the user's own recordings: each labelled trial's raw EEG (the
// dataset's channels, in montage node order, in µV) goes through the feature pipeline
// (src/signal/pipeline-features.ts; defaults: SEED bands, 1-s windows, Gaussian DE) and becomes a
// FeatureTrial placed on the montage from the channel placement. The pipeline record returned is
// what a checkpoint stores so new recordings are prepared the same way. Features are cached per trial
// under <root>/.strnn-cache/recordings/ (see cachedFeatures), so a second run skips the filtering.
import { join } from 'node:path';
import type { RecordingFile } from '../formats/recording.js';
import { microvoltsPerUnit } from '../formats/units.js';
import type { Montage } from '../montage/montage.js';
import type { FeaturePipeline } from '../signal/feature-pipeline.js';
import { causalFeaturePipeline, causalSmoothingFor } from '../signal/causal-pipeline.js';
import { computePipelineFeatures, defaultPipeline, type PipelineChoices, type PipelineFeatures } from '../signal/pipeline-features.js';
import { planWindows } from '../signal/windows.js';
import { StrnnError } from '../util/errors.js';
import { cacheKey, codeFingerprint, contentDigest, readCache, writeCache, type CacheStats } from '../util/value-cache.js';
import { strnnVersion } from '../util/version.js';
import { parseBandTable } from './feature-tree.js';
import { openRecordingDataset, scanRecordingDataset, throwOnProblems, type DatasetScan, type OpenOptions } from './recording-dataset.js';
import type { FeatureTrial } from './types.js';

/** Feature ids of recording datasets: DE (no smoothing, or SEED's LDS / moving average) or Welch PSD. */
export const RECORDING_FEATURES = ['de', 'de_LDS', 'de_movingAve', 'psd'] as const;
const FEATURE_CHOICES: Readonly<Record<string, PipelineChoices>> = {
  de: { feature: 'de', smoothing: 'none' }, de_LDS: { feature: 'de', smoothing: 'lds' },
  de_movingAve: { feature: 'de', smoothing: 'moving-average' }, psd: { feature: 'psd', smoothing: 'none' },
};

export interface RecordingLoadOptions extends OpenOptions {
  /** One of RECORDING_FEATURES (default: the description's smoothing with DE). */
  feature?: string;
  /** Band table text (named or name:lo-hi,...); overrides the description's. */
  bands?: string;
  T?: number;
  /** Windows between sample starts. */
  stride?: number;
  /** Called after each recording's features (progress). */
  onProgress?: (path: string, done: number, total: number) => void;
  /** Causal features, as `strnn live` computes them (the chosen smoothing's causal counterpart); default false. */
  causal?: boolean;
  /** Feature cache folder (default <dataset root>/.strnn-cache/recordings), or false to always compute. */
  cache?: string | false;
  /** Counts cache hits and misses (one per trial). */
  cacheStats?: CacheStats;
}

export interface LoadedRecordingDataset {
  scan: DatasetScan;
  trials: FeatureTrial[];
  montage: Montage;
  classNames: string[];
  pipeline: FeaturePipeline;
}

/**
 * Channels `indices` of a recording, samples [from, to), in µV when the unit says V, mV or nV (other
 * units are kept as stored): C x (to - from) row-major float64.
 */
export function recordingSignal(file: RecordingFile, indices: readonly number[], from = 0, to = file.samples): Float64Array {
  const S = to - from;
  const out = new Float64Array(indices.length * S);
  indices.forEach((ch, c) => {
    const scale = microvoltsPerUnit(file.channels[ch]!.unit) ?? 1;
    const src = file.data.subarray(ch * file.samples + from, ch * file.samples + to);
    for (let s = 0; s < S; s++) out[c * S + s] = src[s]! * scale;
  });
  return out;
}

/** The pipeline choices of the description's `features` block and the load options (options win). */
export function pipelineChoices(scanDescription: DatasetScan['source']['description'], options: RecordingLoadOptions): PipelineChoices {
  const f = scanDescription.features ?? {};
  const bandText = options.bands ?? (typeof f.bands === 'string' ? f.bands : undefined);
  const feature = options.feature;
  if (feature !== undefined && !(RECORDING_FEATURES as readonly string[]).includes(feature)) {
    throw new StrnnError('USAGE', `recording datasets have no feature '${feature}'`, `features: ${RECORDING_FEATURES.join(', ')}`);
  }
  return {
    ...(bandText !== undefined ? { bands: parseBandTable(bandText) } : Array.isArray(f.bands) ? { bands: f.bands } : {}),
    ...(f.windowSec !== undefined && { windowSec: f.windowSec }),
    ...(f.deMethod && { deMethod: f.deMethod }),
    ...(f.smoothing && { smoothing: f.smoothing }),
    ...(feature !== undefined && FEATURE_CHOICES[feature]),
    T: options.T ?? f.T ?? 9,
    sampleStride: options.stride ?? f.stride ?? 1,
  };
}

/** Opens, checks and computes the features of a recording dataset (a folder or a description file). */
export function loadRecordingDataset(path: string, options: RecordingLoadOptions = {}): LoadedRecordingDataset {
  const source = openRecordingDataset(path, options);
  const choices = pipelineChoices(source.description, options);
  const draft = options.causal
    ? causalFeaturePipeline([], [], { ...choices, smoothing: causalSmoothingFor(choices.smoothing ?? 'none') })
    : defaultPipeline([], [], choices);
  const featureTrials: FeatureTrial[] = [];
  const cache: FeatureCache = {
    dir: options.cache === false ? undefined : (options.cache ?? join(source.root, '.strnn-cache', 'recordings')),
    ...(options.cacheStats && { stats: options.cacheStats }),
  };
  const scan = scanRecordingDataset(source, {
    T: draft.T, windowSec: draft.windowSec, strideSec: draft.strideSec, bands: draft.bands,
    ...(options.onProgress && { onProgress: options.onProgress }),
    onRecording(file, summary, indices, trials) {
      const pipeline = { ...draft, channels: summary.channels };
      for (const t of trials) {
        const from = Math.round(t.startSec * file.fsHz);
        const to = Math.round(t.endSec * file.fsHz);
        let fx;
        try {
          fx = cachedFeatures(cache, recordingSignal(file, indices, from, to), indices.length, file.fsHz, pipeline);
        } catch (e) {
          throw new StrnnError('INPUT', `${file.path}: trial ${t.trial} ('${t.marker}' at ${t.startSec.toFixed(3)} s): ${(e as Error).message}`);
        }
        featureTrials.push({
          dataset: 'recordings', subject: t.record.subject, session: t.record.session, trial: t.trial, label: -1,
          windows: fx.windows, nodes: fx.channels, features: fx.bands, data: fx.data,
        });
      }
    },
  });
  throwOnProblems(scan);
  const longest = Math.max(0, ...scan.trials.map((t) => t.windows));
  if (longest < draft.T) {
    throw new StrnnError('INPUT', `${source.descriptionPath ?? source.root}: no trial has T = ${draft.T} windows of ${draft.windowSec} s (the longest has ${longest}), so there are no samples`,
      `use --T ${Math.max(1, longest)} or less (or features.T in the description)`);
  }
  // Labels are final only after the scan (class names may come from every trial's label text).
  const labelOf = new Map(scan.trials.map((t) => [`${t.record.subject}/${t.record.session}/${t.trial}`, t.label]));
  for (const t of featureTrials) t.label = labelOf.get(`${t.subject}/${t.session}/${t.trial}`)!;
  const pipeline: FeaturePipeline = {
    ...draft, channels: scan.placement.channels, trainingFsHz: [...new Set(scan.recordings.map((r) => r.fsHz))].sort((a, b) => a - b),
  };
  return { scan, trials: featureTrials, montage: scan.placement.montage, classNames: scan.classNames, pipeline };
}

/** The folders of dist/src whose code computes recording features (the cache key fingerprints them). */
const FEATURE_CODE = ['signal', 'kernels', 'util', 'formats', 'datasets'];

interface FeatureCache {
  /** undefined: no caching (asked for, or the folder turned out not writable). */
  dir: string | undefined;
  stats?: CacheStats;
}

/**
 * computePipelineFeatures through the feature cache. The key hashes the trial's samples themselves
 * (they are in memory anyway, and a BrainVision or EEGLAB recording keeps them in a second file), the
 * sampling rate, the whole pipeline, strnn's version and its feature code (codeFingerprint); the
 * values are the float32 features.
 * A folder that cannot be written (a read-only dataset) turns caching off for the rest of the load.
 */
function cachedFeatures(cache: FeatureCache, signal: Float64Array, C: number, fsHz: number, pipeline: FeaturePipeline): PipelineFeatures {
  if (!cache.dir) return computePipelineFeatures(signal, C, fsHz, pipeline);
  const key = cacheKey({ format: 'strnn-recording-features-1', strnn: strnnVersion(), code: codeFingerprint(FEATURE_CODE), fsHz, pipeline, samples: contentDigest(signal) });
  const plan = planWindows(signal.length / C, fsHz, pipeline.windowSec, pipeline.strideSec);
  const data = readCache(cache.dir, key, plan.count * C * pipeline.bands.length);
  if (data) {
    if (cache.stats) cache.stats.hits++;
    return { data, windows: plan.count, channels: C, bands: pipeline.bands.length, lengthSamples: plan.lengthSamples, strideSamples: plan.strideSamples };
  }
  const fx = computePipelineFeatures(signal, C, fsHz, pipeline);
  if (cache.stats) cache.stats.misses++;
  try {
    writeCache(cache.dir, key, fx.data);
  } catch {
    cache.dir = undefined;
  }
  return fx;
}

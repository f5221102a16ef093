// Features of raw EEG exactly as a FeaturePipeline record (feature-pipeline.ts) says: the one function
// training on recordings, `strnn predict --recording` and `strnn live` share, so new data is prepared
// as the training data was. Filters are designed for the rate of the data passed in (fsHz), so a
// recording at another rate than the training ones gets its own filters, not a resampled signal.
//
// Shapes: data C x S row-major (C channels already in the pipeline's node order, S samples);
// result W x C x B row-major (window w, channel c, band b at (w·C + c)·B + b).
import { StrnnError } from '../util/errors.js';
import { SEED_BANDS, checkBands } from './bands.js';
import { FEATURE_PIPELINE_VERSION, type FeaturePipeline } from './feature-pipeline.js';
import { computeCausalFeatures, describeWindowProblems } from './causal-features.js';
import { causalSettingsFromPipeline } from './causal-pipeline.js';
import { computeTrialFeatures, type Smoothing } from './trial-features.js';
import { secondsToSamples } from './windows.js';

export interface PipelineFeatures {
  /** W x C x B. */
  data: Float32Array;
  windows: number;
  channels: number;
  bands: number;
  /** Window i covers samples [i·strideSamples, i·strideSamples + lengthSamples). */
  lengthSamples: number;
  strideSamples: number;
}

/** The non-causal smoothings computeTrialFeatures implements, by their pipeline names. */
const ZERO_PHASE_SMOOTHING: Readonly<Record<string, Smoothing>> = { none: 'none', 'moving-average': 'moving-average', lds: 'lds' };

/** Computes the pipeline's per-window features of one C x S signal sampled at `fsHz`. */
export function computePipelineFeatures(data: Float64Array, channelCount: number, fsHz: number, pipeline: FeaturePipeline): PipelineFeatures {
  if (pipeline.source !== 'computed') {
    throw new StrnnError('UNSUPPORTED', `the pipeline's features were shipped with the dataset (${pipeline.shippedFeature ?? 'unknown'}), so they cannot be computed from raw EEG`);
  }
  if (channelCount !== pipeline.channels.length) {
    throw new StrnnError('INPUT', `signal has ${channelCount} channels, the pipeline expects ${pipeline.channels.length} (${pipeline.channels.join(', ')})`);
  }
  if (pipeline.filtering === 'causal') {
    // The live extractor over the whole recording: the numbers `strnn live` computes from a stream.
    const settings = causalSettingsFromPipeline(pipeline);
    const fx = computeCausalFeatures(data, channelCount, fsHz, settings);
    const bad = fx.invalid[0];
    if (bad) {
      throw new StrnnError('INPUT', `window ${bad.window + 1}: ${describeWindowProblems(bad.problems, pipeline.channels)}; causal features need finite, varying samples in every window`);
    }
    const extractor = { lengthSamples: secondsToSamples(pipeline.windowSec, fsHz, 'window length'), strideSamples: secondsToSamples(pipeline.strideSec, fsHz, 'window stride') };
    return {
      data: Float32Array.from(fx.values[pipeline.feature]!), windows: fx.windows, channels: channelCount, bands: pipeline.bands.length, ...extractor,
    };
  }
  const smoothing = ZERO_PHASE_SMOOTHING[pipeline.smoothing];
  if (smoothing === undefined) {
    throw new StrnnError('UNSUPPORTED', `smoothing '${pipeline.smoothing}' is causal and goes with causal filtering, not with zero-phase filtering`);
  }
  const fx = computeTrialFeatures(data, channelCount, fsHz, {
    bands: pipeline.bands, windowSec: pipeline.windowSec, strideSec: pipeline.strideSec, deMethod: pipeline.deMethod,
    filterOrder: pipeline.filterOrder, smoothing, movingAverageLength: pipeline.movingAverageLength,
    ...(pipeline.lds && { lds: pipeline.lds }), ...(pipeline.feature === 'psd' && { psd: true }), dtype: 'float32',
  });
  const values = pipeline.feature === 'psd' ? fx.psd! : fx.de;
  return {
    data: values as Float32Array, windows: fx.windows.count, channels: channelCount, bands: pipeline.bands.length,
    lengthSamples: fx.windows.lengthSamples, strideSamples: fx.windows.strideSamples,
  };
}

/** Choices of a pipeline that a user may set; the rest follows from the data. */
export type PipelineChoices = Partial<Pick<FeaturePipeline, 'bands' | 'windowSec' | 'strideSec' | 'feature' | 'deMethod' | 'filterOrder' | 'smoothing' | 'movingAverageLength' | 'T' | 'sampleStride'>>;

/**
 * A zero-phase pipeline for recordings: by default SEED's bands, 1-s windows without overlap,
 * Gaussian DE with order-4 Butterworth band-passes, no smoothing, T = 9 windows per sample, stride 1.
 */
export function defaultPipeline(channels: readonly string[], trainingFsHz: readonly number[], choices: PipelineChoices = {}): FeaturePipeline {
  const windowSec = choices.windowSec ?? 1;
  return {
    version: FEATURE_PIPELINE_VERSION, source: 'computed', channels: [...channels], trainingFsHz: [...trainingFsHz],
    bands: (choices.bands ?? SEED_BANDS).map((b) => ({ ...b })), windowSec, strideSec: choices.strideSec ?? windowSec,
    feature: choices.feature ?? 'de', deMethod: choices.deMethod ?? 'gaussian', filterOrder: choices.filterOrder ?? 4,
    filtering: 'zero-phase', smoothing: choices.smoothing ?? 'none', movingAverageLength: choices.movingAverageLength ?? 5,
    T: choices.T ?? 9, sampleStride: choices.sampleStride ?? 1,
  };
}

/** Refuses a pipeline whose bands do not fit below the Nyquist frequency of `fsHz`; `source` names the file. */
export function checkPipelineRate(pipeline: FeaturePipeline, fsHz: number, source: string): void {
  try {
    checkBands(pipeline.bands, fsHz);
  } catch (e) {
    throw new StrnnError('INPUT', `${source}: sampled at ${fsHz} Hz: ${(e as Error).message}`, 'choose bands below half the sampling rate (description "features.bands" or --bands)');
  }
}

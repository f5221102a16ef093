// The bridge between a FeaturePipeline record (what a checkpoint stores) and the causal extractor's
// settings: the causal record a model trained on causal features carries, the settings such a record
// gives, and, for `strnn live --allow-noncausal`, the causal stand-in of a non-causal record with the
// list of what was substituted (the expected train/live mismatch).
import { StrnnError } from '../util/errors.js';
import { SEED_BANDS, type Band } from './bands.js';
import type { CausalFeatureKind, CausalFeatureSettings } from './causal-features.js';
import { DEFAULT_CAUSAL_KALMAN, DEFAULT_CAUSAL_MOVING_AVERAGE, type CausalSmoothingKind } from './causal-smoothing.js';
import { FEATURE_PIPELINE_VERSION, nonCausalReasons, type FeaturePipeline, type PipelineSmoothing } from './feature-pipeline.js';

export interface CausalPipelineChoices {
  bands?: readonly Band[];
  windowSec?: number;
  strideSec?: number;
  feature?: CausalFeatureKind;
  deMethod?: 'gaussian' | 'spectral';
  filterOrder?: number;
  /** Default 'causal-kalman', the causal counterpart of SEED's LDS features. */
  smoothing?: CausalSmoothingKind;
  movingAverageLength?: number;
  T?: number;
  sampleStride?: number;
}

/**
 * The causal pipeline record for a model trained on causal features of `channels` (node order)
 * recorded at `trainingFsHz`. The Kalman noise settings are written out, so the record alone fixes
 * every number.
 */
export function causalFeaturePipeline(channels: readonly string[], trainingFsHz: readonly number[], choices: CausalPipelineChoices = {}): FeaturePipeline {
  const windowSec = choices.windowSec ?? 1;
  const smoothing = choices.smoothing ?? 'causal-kalman';
  return {
    version: FEATURE_PIPELINE_VERSION, source: 'computed', channels: [...channels], trainingFsHz: [...trainingFsHz],
    bands: (choices.bands ?? SEED_BANDS).map((b) => ({ name: b.name, lowHz: b.lowHz, highHz: b.highHz })),
    windowSec, strideSec: choices.strideSec ?? windowSec, feature: choices.feature ?? 'de', deMethod: choices.deMethod ?? 'gaussian',
    filterOrder: choices.filterOrder ?? 4, filtering: 'causal', smoothing,
    movingAverageLength: choices.movingAverageLength ?? DEFAULT_CAUSAL_MOVING_AVERAGE,
    ...(smoothing === 'causal-kalman' && { lds: { ...DEFAULT_CAUSAL_KALMAN, initialMean: 'first' as const } }),
    T: choices.T ?? 9, sampleStride: choices.sampleStride ?? 1,
  };
}

/** The causal counterpart of a smoothing: LDS → forward Kalman filter, centred → trailing moving average. */
export function causalSmoothingFor(s: PipelineSmoothing): CausalSmoothingKind {
  return s === 'lds' ? 'causal-kalman' : s === 'moving-average' ? 'causal-moving-average' : s;
}

/** Fixed Kalman settings of a causal record (absent fields take the documented defaults). */
function kalmanOf(p: FeaturePipeline): CausalFeatureSettings['kalman'] {
  const lds = p.lds ?? {};
  if (lds.initialMean !== undefined && lds.initialMean !== 'first') {
    throw new StrnnError('CHECKPOINT', `causal Kalman smoothing starts at the first window (initialMean 'first'); the record says ${JSON.stringify(lds.initialMean)}`,
      "'mean' needs the whole sequence; retrain with the causal defaults");
  }
  const R = lds.observationNoise ?? DEFAULT_CAUSAL_KALMAN.observationNoise;
  return {
    observationNoise: R,
    processNoise: lds.processNoise ?? (lds.processNoiseRatio !== undefined ? lds.processNoiseRatio * R : DEFAULT_CAUSAL_KALMAN.processNoise),
    initialVariance: lds.initialVariance ?? R,
  };
}

function settingsOf(p: FeaturePipeline, smoothing: CausalSmoothingKind): CausalFeatureSettings {
  return {
    bands: p.bands, windowSec: p.windowSec, strideSec: p.strideSec, kinds: [p.feature], deMethod: p.deMethod,
    filterOrder: p.filterOrder, smoothing, movingAverageLength: p.movingAverageLength,
    kalman: smoothing === 'causal-kalman' ? kalmanOf(p) : { ...DEFAULT_CAUSAL_KALMAN },
  };
}

/** Extractor settings of a causal record; a non-causal record is an error listing why. */
export function causalSettingsFromPipeline(p: FeaturePipeline): CausalFeatureSettings {
  const reasons = nonCausalReasons(p);
  if (reasons.length > 0) throw new StrnnError('UNSUPPORTED', `the feature pipeline is not causal: ${reasons.join('; ')}`);
  if (p.smoothing !== 'none' && p.smoothing !== 'causal-moving-average' && p.smoothing !== 'causal-kalman') {
    throw new StrnnError('UNSUPPORTED', `smoothing '${p.smoothing}' is not causal`);
  }
  return settingsOf(p, p.smoothing);
}

/**
 * The closest causal settings for any record, and what had to change (empty for a causal record):
 * zero-phase → forward-only filtering, LDS → forward Kalman filter (default noise settings),
 * centred → trailing moving average, shipped features → computed with the record's bands.
 */
export function causalStandIn(p: FeaturePipeline): { settings: CausalFeatureSettings; substitutions: string[] } {
  const substitutions: string[] = [];
  if (p.source === 'shipped') substitutions.push(`the dataset's shipped ${p.shippedFeature ?? ''} features are replaced by DE computed here with the record's bands`.replace('  ', ' '));
  if (p.filtering === 'zero-phase') substitutions.push('zero-phase band-pass filtering → forward-only (phase-lagged) filtering');
  const smoothing = causalSmoothingFor(p.smoothing);
  if (p.smoothing === 'lds') substitutions.push('LDS (Kalman filter + RTS smoother, noise from the whole sequence) → forward Kalman filter with fixed noise (R = 1, Q = 0.01)');
  if (p.smoothing === 'moving-average') substitutions.push(`centred moving average of ${p.movingAverageLength} windows → mean of the last ${p.movingAverageLength} windows`);
  const settings = settingsOf({ ...p, ...(p.smoothing === 'lds' && { lds: undefined }) } as FeaturePipeline, smoothing);
  return { settings, substitutions };
}

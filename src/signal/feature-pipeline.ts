// The feature pipeline record: every choice that turns raw EEG into the model's per-window node
// features. A checkpoint trained on computed features carries one (checkpoint field `features`), so
// that `strnn predict --recording` and `strnn live` prepare new data exactly as the training data was
// prepared, and so that `live` can tell whether the features can be computed online at all.
//
// Shapes: raw signal C x S row-major (C recording channels, S samples); features W x N x B row-major
// (W windows, N model nodes in montage order, B bands, so dIn = B for one feature kind).
import { z } from 'zod';
import { StrnnError } from '../util/errors.js';
import type { Band } from './bands.js';
import type { LdsOptions } from './lds-smoother.js';

export const FEATURE_PIPELINE_VERSION = 1;

/** How each band is filtered before DE: over the whole trial forward and backward, or forward only with carried state. */
export type PipelineFiltering = 'zero-phase' | 'causal';

/**
 * Smoothing over windows. 'moving-average' (centred) and 'lds' (Kalman filter + RTS smoother) look
 * at future windows; 'causal-moving-average' (mean of the last L windows) and 'causal-kalman'
 * (forward Kalman filter only) do not.
 */
export type PipelineSmoothing = 'none' | 'moving-average' | 'lds' | 'causal-moving-average' | 'causal-kalman';

export interface FeaturePipeline {
  version: number;
  /** 'computed': strnn computed the features from raw EEG with this record; 'shipped': the dataset's own feature files were used (they cannot be recomputed from new data). */
  source: 'computed' | 'shipped';
  /** With source 'shipped': the variable family read, e.g. 'de_LDS'. */
  shippedFeature?: string;
  /** Recording channel label feeding montage node i (matched case-insensitively, 10-20 aliases allowed). */
  channels: string[];
  /** Sampling rates seen in training; new data at another rate gets filters designed for its own rate. */
  trainingFsHz: number[];
  bands: Band[];
  windowSec: number;
  strideSec: number;
  feature: 'de' | 'psd';
  deMethod: 'gaussian' | 'spectral';
  filterOrder: number;
  filtering: PipelineFiltering;
  smoothing: PipelineSmoothing;
  /** Windows averaged by the (centred or causal) moving average. */
  movingAverageLength: number;
  lds?: LdsOptions;
  /** Windows per model sample and windows between sample starts. */
  T: number;
  sampleStride: number;
}

const bandSchema = z.object({ name: z.string().min(1), lowHz: z.number().positive(), highHz: z.number().positive() });

export const featurePipelineSchema = z.object({
  version: z.number().int(),
  source: z.enum(['computed', 'shipped']),
  shippedFeature: z.string().optional(),
  channels: z.array(z.string().min(1)).min(1),
  trainingFsHz: z.array(z.number().positive()),
  bands: z.array(bandSchema).min(1),
  windowSec: z.number().positive(),
  strideSec: z.number().positive(),
  feature: z.enum(['de', 'psd']),
  deMethod: z.enum(['gaussian', 'spectral']),
  filterOrder: z.number().int().positive(),
  filtering: z.enum(['zero-phase', 'causal']),
  smoothing: z.enum(['none', 'moving-average', 'lds', 'causal-moving-average', 'causal-kalman']),
  movingAverageLength: z.number().int().positive(),
  lds: z
    .object({
      processNoiseRatio: z.number().optional(),
      processNoise: z.number().optional(),
      observationNoise: z.number().optional(),
      initialMean: z.union([z.enum(['first', 'mean']), z.number()]).optional(),
      initialVariance: z.number().optional(),
    })
    .optional(),
  T: z.number().int().positive(),
  sampleStride: z.number().int().positive(),
});

/** Validates a pipeline record read from a file; `where` names the file and field for the error. */
export function parseFeaturePipeline(raw: unknown, where: string): FeaturePipeline {
  const parsed = featurePipelineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StrnnError('CHECKPOINT', `${where}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  if (parsed.data.version !== FEATURE_PIPELINE_VERSION) {
    throw new StrnnError('CHECKPOINT', `${where}: feature pipeline version ${parsed.data.version}; this strnn reads version ${FEATURE_PIPELINE_VERSION}`);
  }
  return parsed.data as FeaturePipeline;
}

/** Why a pipeline cannot be computed online from past samples only (empty when it can). */
export function nonCausalReasons(p: FeaturePipeline): string[] {
  const reasons: string[] = [];
  if (p.source === 'shipped') reasons.push(`the model was trained on the dataset's shipped ${p.shippedFeature ?? ''} features, which cannot be recomputed online`.replace('  ', ' '));
  if (p.filtering === 'zero-phase') reasons.push('zero-phase (forward-backward) band-pass filtering needs the future of each window');
  if (p.smoothing === 'lds') reasons.push('LDS smoothing runs a backward (RTS) pass over future windows');
  if (p.smoothing === 'moving-average') reasons.push('the centred moving average looks at future windows');
  return reasons;
}

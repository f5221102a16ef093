// What a checkpoint needs computed live: its feature pipeline's causal extractor settings and channel
// labels, refusing models whose features cannot be computed online unless the caller accepts the
// causal stand-in (`--allow-noncausal`), with a warning that says what differs from training.
import type { LoadedCheckpoint } from '../formats/checkpoint.js';
import type { CausalFeatureSettings } from '../signal/causal-features.js';
import { causalSettingsFromPipeline, causalStandIn } from '../signal/causal-pipeline.js';
import { nonCausalReasons } from '../signal/feature-pipeline.js';
import { StrnnError } from '../util/errors.js';

export interface LiveModelFeatures {
  settings: CausalFeatureSettings;
  channels: string[];
  /** Set when a non-causal pipeline was accepted: the expected train/live mismatch. */
  warning?: string;
}

export function liveModelFeatures(ckpt: LoadedCheckpoint, where: string, allowNonCausal = false): LiveModelFeatures {
  const p = ckpt.features;
  if (!p) {
    throw new StrnnError('CHECKPOINT', `${where}: the checkpoint records no feature pipeline (it was trained on given feature arrays or faces), so live cannot compute its input`,
      'train on raw EEG with a causal pipeline: strnn live --demo shows one; strnn features --causal writes causal features offline');
  }
  const reasons = nonCausalReasons(p);
  if (reasons.length === 0) return { settings: causalSettingsFromPipeline(p), channels: [...p.channels] };
  if (!allowNonCausal) {
    throw new StrnnError('UNSUPPORTED', `${where}: the model's features cannot be computed online: ${reasons.join('; ')}`,
      'retrain on causal features (causal filtering, causal-kalman or causal-moving-average smoothing), or pass --allow-noncausal to run with causal stand-ins and lower accuracy');
  }
  const { settings, substitutions } = causalStandIn(p);
  return {
    settings, channels: [...p.channels],
    warning: `the model was trained on non-causal features; live computes causal stand-ins (${substitutions.join('; ')}), so its inputs differ from training and predictions will be less accurate than offline`,
  };
}

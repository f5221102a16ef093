// DEAP dataset facts as plain tables (source: ../shared/reference/datasets.md, DEAP section).
import type { Band } from '../signal/bands.js';

export const DEAP_SUBJECTS = 32;
export const DEAP_TRIALS = 40;
/** Channels in data_preprocessed_matlab: 32 EEG, then 8 peripheral. */
export const DEAP_FILE_CHANNELS = 40;
export const DEAP_EEG_CHANNELS = 32;
export const DEAP_PERIPHERAL_CHANNELS: readonly string[] = ['hEOG', 'vEOG', 'zEMG', 'tEMG', 'GSR', 'Respiration', 'Plethysmograph', 'Temperature'];
export const DEAP_FS_HZ = 128;
/** Pre-trial baseline at the start of every trial: 3 s = 384 samples. */
export const DEAP_BASELINE_SAMPLES = 384;
/** Samples per trial in the files: 3 s baseline + 60 s video. */
export const DEAP_TRIAL_SAMPLES = 8064;

/** Columns of `labels` (self-assessment ratings 1..9). */
export const DEAP_RATINGS = ['valence', 'arousal', 'dominance', 'liking'] as const;
export type DeapTarget = 'valence' | 'arousal';
export const DEAP_TARGETS: readonly DeapTarget[] = ['valence', 'arousal'];
/** Binarisation threshold: rating > 5 is high (class 1); a rating of exactly 5 is low (class 0). */
export const DEAP_THRESHOLD = 5;
export const DEAP_CLASSES: Readonly<Record<DeapTarget, readonly string[]>> = {
  valence: ['low-valence', 'high-valence'],
  arousal: ['low-arousal', 'high-arousal'],
};

/**
 * DE bands for DEAP: the files are band-passed 4-45 Hz, so there is no delta band and gamma stops at
 * 45 Hz (below the 64 Hz Nyquist frequency).
 */
export const DEAP_BANDS: readonly Band[] = Object.freeze([
  { name: 'theta', lowHz: 4, highHz: 8 },
  { name: 'alpha', lowHz: 8, highHz: 14 },
  { name: 'beta', lowHz: 14, highHz: 31 },
  { name: 'gamma', lowHz: 31, highHz: 45 },
]);

// SEED-IV dataset facts as plain tables (source: ../shared/reference/datasets.md, SEED-IV section).

/** Class names in class-index order (the files' label values are these indices). */
export const SEED_IV_CLASSES: readonly string[] = ['neutral', 'sad', 'fear', 'happy'];

/** Class index of trials 1..24, one row per session (there is no label file). */
export const SEED_IV_SESSION_LABELS: readonly (readonly number[])[] = [
  [1, 2, 3, 0, 2, 0, 0, 1, 0, 1, 2, 1, 1, 1, 2, 3, 2, 2, 3, 3, 0, 3, 0, 3],
  [2, 1, 3, 0, 0, 2, 0, 2, 3, 3, 2, 3, 2, 0, 1, 1, 2, 1, 0, 3, 0, 1, 3, 1],
  [1, 2, 2, 1, 3, 3, 3, 1, 1, 2, 1, 0, 2, 3, 3, 0, 2, 3, 0, 0, 2, 0, 1, 0],
];

export const SEED_IV_SUBJECTS = 15;
export const SEED_IV_SESSIONS = 3;
export const SEED_IV_TRIALS = 24;
export const SEED_IV_FS_HZ = 200;
/** Window length of eeg_feature_smooth. */
export const SEED_IV_WINDOW_SEC = 4;

export const SEED_IV_FEATURE_FOLDER = 'eeg_feature_smooth';
export const SEED_IV_RAW_FOLDER = 'eeg_raw_data';
/** Feature ids of eeg_feature_smooth (62 x W x 5 each). */
export const SEED_IV_FEATURE_IDS: readonly string[] = ['de_LDS', 'de_movingAve', 'psd_LDS', 'psd_movingAve'];

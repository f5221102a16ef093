// SEED dataset facts as plain tables (source: ../shared/reference/datasets.md, SEED section).

/** Class names in class-index order; SEED's file labels -1 / 0 / 1 map to indices 0 / 1 / 2. */
export const SEED_CLASSES: readonly string[] = ['negative', 'neutral', 'positive'];

/** label.mat: label of trials 1..15 as stored (1 positive, 0 neutral, -1 negative); same every session. */
export const SEED_FILE_LABELS: readonly number[] = [1, 0, -1, -1, 0, 1, -1, 0, 1, 1, 0, -1, 0, 1, -1];

/** Class index of each trial 1..15. */
export const SEED_TRIAL_CLASSES: readonly number[] = SEED_FILE_LABELS.map((l) => l + 1);

/** Trial durations in seconds (= one-second windows per trial); 3394 per session. */
export const SEED_TRIAL_SECONDS: readonly number[] = [235, 233, 206, 238, 185, 195, 237, 216, 265, 237, 235, 233, 235, 238, 206];

/** DE frequency bands, in the order of the feature axis. */
export const SEED_BANDS: readonly string[] = ['delta', 'theta', 'alpha', 'beta', 'gamma'];

export const SEED_SUBJECTS = 15;
export const SEED_SESSIONS = 3;
export const SEED_TRIALS = 15;
export const SEED_FS_HZ = 200;

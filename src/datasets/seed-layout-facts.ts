// SEED file-layout facts as plain tables (source: ../shared/reference/datasets.md, SEED section):
// the real recording dates of the 45 files, the feature variables of ExtractedFeatures and their node
// counts, and the accepted folder spellings.

/** Recording date (yyyymmdd) of subjects 1..15, one row per session; file name `<subject>_<date>.mat`. */
export const SEED_SESSION_DATES: readonly (readonly string[])[] = [
  ['20131027', '20140404', '20140603', '20140621', '20140411', '20130712', '20131027', '20140511', '20140620', '20131130', '20140618', '20131127', '20140527', '20140601', '20130709'],
  ['20131030', '20140413', '20140611', '20140702', '20140418', '20131016', '20131030', '20140514', '20140627', '20131204', '20140625', '20131201', '20140603', '20140615', '20131016'],
  ['20131107', '20140419', '20140629', '20140705', '20140506', '20131113', '20131106', '20140521', '20140704', '20131211', '20140630', '20131207', '20140610', '20140627', '20131105'],
];

/** Feature kinds of ExtractedFeatures and the size of their node axis. */
export const SEED_FEATURE_NODES = { de: 62, psd: 62, dasm: 27, rasm: 27, asm: 54, dcau: 23 } as const;
export type SeedFeatureKind = keyof typeof SEED_FEATURE_NODES;

/** Smoothing suffixes as spelled in the variable names (`de_LDS1`, `de_movingAve1`). */
export const SEED_SMOOTHINGS = ['movingAve', 'LDS'] as const;
export type SeedSmoothing = (typeof SEED_SMOOTHINGS)[number];

/** Every `<kind>_<smoothing>` feature id, e.g. 'de_LDS', in table order. */
export const SEED_FEATURE_IDS: readonly string[] = Object.keys(SEED_FEATURE_NODES).flatMap((k) => SEED_SMOOTHINGS.map((s) => `${k}_${s}`));

/** Folder spellings: features (1-s windows, or 1-s / 4-s variants) and the preprocessed raw EEG. */
export const SEED_FEATURE_FOLDERS: readonly string[] = ['ExtractedFeatures', 'ExtractedFeatures_1s', 'ExtractedFeatures_4s'];
export const SEED_RAW_FOLDER = 'Preprocessed_EEG';

/** Frequency bands of the feature axis (size 5). */
export const SEED_FEATURE_BANDS = 5;

/**
 * Electrode pairs behind the asymmetry features, as described by Zheng & Lu (2015): DASM / RASM take
 * the 27 left-right symmetric pairs of the 62-electrode map (left minus / over right), ASM is DASM
 * followed by RASM (54), DCAU the 23 frontal-posterior pairs (frontal minus posterior). The order of
 * the pairs inside the official files is not documented in our reference, so the reader treats these
 * features as plain arrays (no montage); the synthetic writer uses this order.
 */
export const SEED_LEFT_RIGHT_PAIRS: readonly (readonly [string, string])[] = [
  ['FP1', 'FP2'], ['AF3', 'AF4'],
  ['F7', 'F8'], ['F5', 'F6'], ['F3', 'F4'], ['F1', 'F2'],
  ['FT7', 'FT8'], ['FC5', 'FC6'], ['FC3', 'FC4'], ['FC1', 'FC2'],
  ['T7', 'T8'], ['C5', 'C6'], ['C3', 'C4'], ['C1', 'C2'],
  ['TP7', 'TP8'], ['CP5', 'CP6'], ['CP3', 'CP4'], ['CP1', 'CP2'],
  ['P7', 'P8'], ['P5', 'P6'], ['P3', 'P4'], ['P1', 'P2'],
  ['PO7', 'PO8'], ['PO5', 'PO6'], ['PO3', 'PO4'],
  ['CB1', 'CB2'], ['O1', 'O2'],
];

export const SEED_FRONT_BACK_PAIRS: readonly (readonly [string, string])[] = [
  ['FT7', 'TP7'], ['FC5', 'CP5'], ['FC3', 'CP3'], ['FC1', 'CP1'], ['FCZ', 'CPZ'], ['FC2', 'CP2'], ['FC4', 'CP4'], ['FC6', 'CP6'], ['FT8', 'TP8'],
  ['F7', 'P7'], ['F5', 'P5'], ['F3', 'P3'], ['F1', 'P1'], ['FZ', 'PZ'], ['F2', 'P2'], ['F4', 'P4'], ['F6', 'P6'], ['F8', 'P8'],
  ['FP1', 'O1'], ['FPZ', 'OZ'], ['FP2', 'O2'], ['AF3', 'CB1'], ['AF4', 'CB2'],
];

// SEED ExtractedFeatures variables, built in one place for every writer (the synthetic tree and
// `strnn features`): the variable names `<kind>_<smoothing><trial>` (de_LDS7, psd_movingAve12), the
// array layout SEED ships (MATLAB dims nodes x windows x bands, column-major), and label.mat.
// Source of the layout: ../shared/reference/datasets.md, SEED section; the reader is seed.ts.
import { matNumeric, type MatValue } from '../formats/mat/index.js';
import { SEED_FILE_LABELS } from './seed-facts.js';

/** `<kind>_<smoothing><trial>`, e.g. seedFeatureName('de', 'LDS', 7) = 'de_LDS7'. */
export function seedFeatureName(kind: string, smoothing: string, trial: number): string {
  return `${kind}_${smoothing}${trial}`;
}

/**
 * A feature variable of MATLAB dims C x W x B (nodes x windows x bands) holding value(w, c, b);
 * element (c, w, b) sits at c + C·(w + W·b), MATLAB's column-major order.
 */
export function seedFeatureArray(W: number, C: number, B: number, value: (w: number, c: number, b: number) => number): MatValue {
  const out = new Float64Array(C * W * B);
  for (let b = 0; b < B; b++) for (let w = 0; w < W; w++) for (let c = 0; c < C; c++) out[c + C * (w + W * b)] = value(w, c, b);
  return matNumeric(out, [C, W, B]);
}

/** The same from a row-major W x C x B array (src/signal's layout: (w·C + c)·B + b). */
export function seedFeatureArrayFromRows(rows: ArrayLike<number>, W: number, C: number, B: number): MatValue {
  return seedFeatureArray(W, C, B, (w, c, b) => rows[(w * C + c) * B + b]!);
}

/** label.mat's variables: `label`, 1 x 15 doubles 1 / 0 / -1 (positive / neutral / negative). */
export function seedLabelVars(labels: readonly number[] = SEED_FILE_LABELS): Record<string, MatValue> {
  return { label: matNumeric(Float64Array.from(labels), [1, labels.length]) };
}

// One experiment task = one protocol unit under one band selection. The same function runs it in the
// main thread (--jobs 1) and in worker threads, so results do not depend on where a task runs: the
// task carries its own seed, and every task gets a fresh backend from the factory.
import type { FeatureTrial } from '../datasets/types.js';
import type { BackendFactory } from '../kernels/factory.js';
import type { Montage } from '../montage/montage.js';
import type { StrnnConfigInput } from '../model/config.js';
import type { TrainOptions } from '../train/train.js';
import { runUnit, type UnitResult } from './run-unit.js';

export interface ExperimentTask {
  /** Position in the plan (results are reported in this order). */
  index: number;
  unitId: string;
  /** Band selection label ('all', 'alpha', ...) and the feature indices it keeps. */
  bands: string;
  featureIndices: number[];
  /** Indices into the shared trial list. */
  train: number[];
  test: number[];
  seed: number;
  model: StrnnConfigInput;
  trainOptions: Partial<TrainOptions>;
  valFraction: number;
  /** Windows between training sample starts (default 1). */
  stride?: number;
}

/** Keeps only the selected features of every window (W x N x dIn → W x N x k). */
export function selectFeatures(trial: FeatureTrial, indices: readonly number[]): FeatureTrial {
  if (indices.length === trial.features && indices.every((f, i) => f === i)) return trial;
  const k = indices.length;
  const rows = trial.windows * trial.nodes;
  const data = new Float32Array(rows * k);
  for (let r = 0; r < rows; r++) for (let j = 0; j < k; j++) data[r * k + j] = trial.data[r * trial.features + indices[j]!]!;
  return { ...trial, features: k, data };
}

export function runTask(trials: readonly FeatureTrial[], task: ExperimentTask, montage: Montage, backend: BackendFactory): UnitResult {
  const pick = (ids: number[]) => ids.map((i) => selectFeatures(trials[i]!, task.featureIndices));
  const { result } = runUnit({ id: task.unitId, train: pick(task.train), test: pick(task.test) }, {
    montage, backend, model: task.model, train: { ...task.trainOptions, seed: task.seed }, valFraction: task.valFraction, seed: task.seed,
    ...(task.stride !== undefined && { stride: task.stride }),
  });
  return result;
}

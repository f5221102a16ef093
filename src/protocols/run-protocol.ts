// Runs every unit of a protocol and summarises accuracy as mean ± std over units (the way the SEED
// literature reports subject-dependent results).
import type { FeatureTrial } from '../datasets/types.js';
import { meanStd } from '../eval/metrics.js';
import type { StrnnModel } from '../model/model.js';
import type { Normalization } from '../train/normalize.js';
import type { EpochStats } from '../train/train.js';
import type { Protocol, ProtocolUnit } from './protocol.js';
import { runUnit, type UnitOptions, type UnitOutcome, type UnitResult } from './run-unit.js';
import { unitWarnings } from './unit-warnings.js';

export interface ExperimentSummary {
  units: number;
  accuracy: { mean: number; std: number };
  macroF1: { mean: number; std: number };
  /** The majority-class baseline over the same units (each unit: its training part's most frequent class). */
  majorityAccuracy: { mean: number; std: number };
}

export interface ExperimentResult {
  protocol: { id: string; description: string };
  classNames: string[];
  units: UnitResult[];
  summary: ExperimentSummary;
  /** Said once for the run: units without validation, test trials too short to score (unit-warnings.ts). */
  warnings: string[];
}

export interface ProtocolCallbacks {
  onUnitStart?: (unit: ProtocolUnit, index: number, total: number) => void;
  onEpoch?: (unit: ProtocolUnit, stats: EpochStats) => void;
  onBatch?: (unit: ProtocolUnit, epoch: number, batch: number, batches: number) => void;
  /** Called with each trained model, e.g. to save it (outcome also holds its test samples and probabilities). */
  onUnitDone?: (unit: ProtocolUnit, result: UnitResult, model: StrnnModel, normalization: Normalization, outcome: UnitOutcome) => void;
}

export function summarize(units: readonly UnitResult[]): ExperimentSummary {
  return {
    units: units.length,
    accuracy: meanStd(units.map((u) => u.accuracy)),
    macroF1: meanStd(units.map((u) => u.macroF1)),
    majorityAccuracy: meanStd(units.map((u) => u.majorityAccuracy)),
  };
}

export function runProtocol(
  trials: readonly FeatureTrial[], protocol: Protocol, classNames: string[], options: UnitOptions, callbacks: ProtocolCallbacks = {},
): ExperimentResult {
  const units = protocol.units(trials);
  const results: UnitResult[] = [];
  units.forEach((unit, i) => {
    callbacks.onUnitStart?.(unit, i, units.length);
    const outcome = runUnit(unit, options, {
      onEpoch: (s) => callbacks.onEpoch?.(unit, s),
      onBatch: (e, b, n) => callbacks.onBatch?.(unit, e, b, n),
    });
    results.push(outcome.result);
    callbacks.onUnitDone?.(unit, outcome.result, outcome.model, outcome.normalization, outcome);
  });
  return { protocol: { id: protocol.id, description: protocol.description }, classNames, units: results, summary: summarize(results), warnings: unitWarnings(results) };
}

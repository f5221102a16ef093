// DEAP subject-dependent protocol ('deap-sd'): per subject, trial-level k-fold cross-validation.
// Trials (never windows) are dealt into k folds, stratified by class so every fold tests both
// classes when possible, in an order shuffled by the seed. Each fold is one unit: train on the
// other k-1 folds of that subject, test on this fold.
import { StrnnError } from '../util/errors.js';
import { Rng } from '../util/random.js';
import type { FeatureTrial } from '../datasets/types.js';
import { groupBy, type Protocol, type ProtocolUnit } from './protocol.js';
import { deriveSeed } from './seeds.js';

export interface KFoldOptions {
  folds?: number;
  seed?: number;
}

/** Fold index of each trial (same order as `trials`): stratified by label, shuffled by `rng`. */
export function stratifiedFolds(trials: readonly FeatureTrial[], folds: number, rng: Rng): number[] {
  const fold = new Array<number>(trials.length).fill(0);
  let next = 0;
  for (const members of groupBy(trials.map((t, i) => ({ t, i })), ({ t }) => String(t.label)).values()) {
    const order = members.map((m) => m.i);
    rng.shuffle(order);
    // Continue dealing where the previous class stopped, so folds stay equal in size.
    for (const i of order) fold[i] = next++ % folds;
  }
  return fold;
}

export function deapSubjectDependent(opts: KFoldOptions = {}): Protocol {
  const k = opts.folds ?? 10;
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(k) || k < 2) throw new StrnnError('CONFIG', `deap-sd: folds must be an integer >= 2, found ${k}`);
  return {
    id: 'deap-sd',
    description: `subject-dependent: per subject, ${k}-fold cross-validation over trials (stratified by class, seed ${seed})`,
    units(trials) {
      const units: ProtocolUnit[] = [];
      for (const [subject, own] of groupBy(trials, (t) => t.subject)) {
        if (own.length < k) throw new StrnnError('INPUT', `deap-sd: subject ${subject} has ${own.length} trials, fewer than ${k} folds`);
        // One stream per subject, derived from the seed and the subject alone: adding subjects does not move folds.
        const rng = new Rng(deriveSeed('deap-sd', seed, subject));
        const fold = stratifiedFolds(own, k, rng);
        for (let f = 0; f < k; f++) {
          units.push({
            id: `subject ${subject} / fold ${f + 1}`,
            train: own.filter((_, i) => fold[i] !== f),
            test: own.filter((_, i) => fold[i] === f),
          });
        }
      }
      return units;
    },
  };
}

// Face expression protocol ('face-10fold'): k-fold cross-validation (10 folds by default) with
// subjects disjoint across folds, the usual protocol for CK+ and MMI. Every sequence is tested exactly
// once, by the model of the fold that holds its subject, trained on the other folds' subjects only.
//
// Subjects are assigned to folds by a seeded greedy balance of sequence counts: subjects are shuffled
// (seeded), stably sorted by sequence count (largest first), and each goes to the fold with the fewest
// sequences so far (the lowest fold index on ties). Fold sizes then differ by at most the largest
// subject's count.
import { StrnnError } from '../util/errors.js';
import { Rng } from '../util/random.js';
import type { FeatureTrial } from '../datasets/types.js';
import { groupBy, type Protocol } from './protocol.js';

export interface FaceTenFoldOptions {
  /** Number of folds (default 10). */
  folds?: number;
  /** Seed of the subject-to-fold assignment (default 1). */
  seed?: number;
}

/** Fold index (0-based) of every subject, keyed by subject id. */
export function assignSubjectFolds(trials: readonly FeatureTrial[], folds: number, seed: number, protocolId = 'face-10fold'): Map<string, number> {
  const groups = [...groupBy(trials, (t) => t.subject).entries()].map(([subject, list]) => ({ subject, count: list.length }));
  if (groups.length < folds) {
    throw new StrnnError('INPUT', `${protocolId}: ${folds} subject-disjoint folds need at least ${folds} subjects, found ${groups.length}`, 'use fewer folds or more subjects');
  }
  new Rng(seed).shuffle(groups);
  groups.sort((a, b) => b.count - a.count); // Array.prototype.sort is stable: equal counts keep the shuffled order
  const sizes = new Array<number>(folds).fill(0);
  const fold = new Map<string, number>();
  for (const g of groups) {
    let best = 0;
    for (let f = 1; f < folds; f++) if (sizes[f]! < sizes[best]!) best = f;
    sizes[best]! += g.count;
    fold.set(g.subject, best);
  }
  return fold;
}

export function faceTenFold(opts: FaceTenFoldOptions = {}): Protocol {
  const folds = opts.folds ?? 10;
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(folds) || folds < 2) throw new StrnnError('CONFIG', `face-10fold: folds must be an integer >= 2, found ${folds}`);
  return {
    id: 'face-10fold',
    description: `${folds}-fold cross-validation, subjects disjoint across folds (seeded balanced assignment, seed ${seed}); every sequence tested once`,
    units(trials) {
      if (trials.length === 0) throw new StrnnError('INPUT', 'face-10fold: no trials');
      const fold = assignSubjectFolds(trials, folds, seed);
      return Array.from({ length: folds }, (_, f) => ({
        id: `fold ${f + 1}/${folds}`,
        train: trials.filter((t) => fold.get(t.subject) !== f),
        test: trials.filter((t) => fold.get(t.subject) === f),
      }));
    },
  };
}

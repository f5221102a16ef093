// Protocols for any dataset, in particular the user's own recordings: subject-dependent over trials
// ('sd-first-k': the first k trials of each subject and session train, the rest test; 'sd-kfold':
// class-stratified k-fold over each subject-session's trials) and subject-independent k-fold
// ('subject-kfold': subjects disjoint across folds). 'loso' and 'cross-session' (their own files)
// apply to any dataset as they are. Splits are by trial or subject, never by window.
import { StrnnError } from '../util/errors.js';
import { Rng } from '../util/random.js';
import { stratifiedFolds } from './deap-sd.js';
import { assignSubjectFolds } from './face-10fold.js';
import { groupBy, type Protocol, type ProtocolUnit } from './protocol.js';
import { deriveSeed } from './seeds.js';

const bySubjectSession = (t: { subject: string; session: number }) => `${t.subject}\u0000${t.session}`;

function checkFolds(id: string, folds: number): void {
  if (!Number.isInteger(folds) || folds < 2) throw new StrnnError('CONFIG', `${id}: folds must be an integer >= 2, found ${folds}`);
}

/** Per subject and session: trials 1..k (by trial number) train, the later ones test. */
export function firstTrialsSubjectDependent(opts: { trainTrials?: number } = {}): Protocol {
  const k = opts.trainTrials;
  if (k === undefined || !Number.isInteger(k) || k < 1) throw new StrnnError('USAGE', `sd-first-k: the number of training trials must be an integer >= 1, found ${String(k)}`, 'pass --train-trials k');
  return {
    id: 'sd-first-k',
    description: `subject-dependent: per subject and session, train on the first ${k} trials, test on the later ones`,
    units(trials) {
      const units: ProtocolUnit[] = [];
      for (const own of groupBy(trials, bySubjectSession).values()) {
        const sorted = [...own].sort((a, b) => a.trial - b.trial);
        const { subject, session } = sorted[0]!;
        if (sorted.length <= k) throw new StrnnError('INPUT', `sd-first-k: subject ${subject} session ${session} has ${sorted.length} trials; training on the first ${k} leaves none to test`, 'use a smaller --train-trials');
        units.push({ id: `subject ${subject} / session ${session}`, train: sorted.slice(0, k), test: sorted.slice(k) });
      }
      return units;
    },
  };
}

/** Per subject and session: class-stratified k-fold over trials, seeded per subject-session. */
export function kFoldSubjectDependent(opts: { folds?: number; seed?: number } = {}): Protocol {
  const folds = opts.folds ?? 5;
  const seed = opts.seed ?? 1;
  checkFolds('sd-kfold', folds);
  return {
    id: 'sd-kfold',
    description: `subject-dependent: per subject and session, ${folds}-fold cross-validation over trials (stratified by class, seed ${seed})`,
    units(trials) {
      const units: ProtocolUnit[] = [];
      for (const own of groupBy(trials, bySubjectSession).values()) {
        const { subject, session } = own[0]!;
        if (own.length < folds) throw new StrnnError('INPUT', `sd-kfold: subject ${subject} session ${session} has ${own.length} trials, fewer than ${folds} folds`, 'use fewer --folds');
        const fold = stratifiedFolds(own, folds, new Rng(deriveSeed('sd-kfold', seed, subject, session)));
        for (let f = 0; f < folds; f++) {
          units.push({ id: `subject ${subject} / session ${session} / fold ${f + 1}`, train: own.filter((_, i) => fold[i] !== f), test: own.filter((_, i) => fold[i] === f) });
        }
      }
      return units;
    },
  };
}

/** k folds of whole subjects (seeded, balanced by trial count); every subject tested once. */
export function subjectKFold(opts: { folds?: number; seed?: number } = {}): Protocol {
  const folds = opts.folds ?? 5;
  const seed = opts.seed ?? 1;
  checkFolds('subject-kfold', folds);
  return {
    id: 'subject-kfold',
    description: `cross-subject: ${folds}-fold cross-validation over subjects (subjects disjoint across folds, seeded balanced assignment, seed ${seed})`,
    units(trials) {
      const fold = assignSubjectFolds(trials, folds, seed, 'subject-kfold');
      return Array.from({ length: folds }, (_, f) => ({
        id: `subject fold ${f + 1}/${folds}`,
        train: trials.filter((t) => fold.get(t.subject) !== f),
        test: trials.filter((t) => fold.get(t.subject) === f),
      }));
    },
  };
}

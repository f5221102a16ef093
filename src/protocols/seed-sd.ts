// SEED subject-dependent protocol ('seed-sd'): for every subject and session, train on trials 1-9 and
// test on trials 10-15 of that subject-session (the classic first-9 / last-6 split).
import { StrnnError } from '../util/errors.js';
import type { FeatureTrial } from '../datasets/types.js';
import { groupBy, type Protocol } from './protocol.js';

export interface SeedSdOptions {
  /** Sessions to include (the literature reports 1-2 or all three). */
  sessions?: readonly number[];
  /** Last training trial; trials after it are test trials. */
  lastTrainTrial?: number;
}

export function seedSubjectDependent(opts: SeedSdOptions = {}): Protocol {
  const last = opts.lastTrainTrial ?? 9;
  const sessions = opts.sessions;
  return {
    id: 'seed-sd',
    description: `subject-dependent: per subject and session, train on trials 1-${last}, test on trials ${last + 1}+` +
      (sessions ? ` (sessions ${sessions.join(', ')})` : ' (all sessions)'),
    units(trials) {
      const selected = sessions ? trials.filter((t) => sessions.includes(t.session)) : trials;
      const groups = groupBy(selected, (t) => `${t.subject}\u0000${t.session}`);
      const units = [...groups.values()].map((group: FeatureTrial[]) => {
        const { subject, session } = group[0]!;
        const train = group.filter((t) => t.trial <= last).sort((a, b) => a.trial - b.trial);
        const test = group.filter((t) => t.trial > last).sort((a, b) => a.trial - b.trial);
        if (train.length === 0 || test.length === 0) {
          throw new StrnnError('INPUT', `seed-sd: subject ${subject} session ${session} has ${train.length} training and ${test.length} test trials; both must be non-empty`);
        }
        return { id: `subject ${subject} / session ${session}`, train, test };
      });
      if (units.length === 0) throw new StrnnError('INPUT', 'seed-sd: no trials match the selected sessions');
      return units;
    },
  };
}

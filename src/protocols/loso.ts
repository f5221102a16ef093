// Leave-one-subject-out protocol ('loso', cross-subject): one unit per subject, trained on every other
// subject's trials and tested on all of that subject's trials. No trial of the test subject reaches
// training, validation or normalisation.
import { StrnnError } from '../util/errors.js';
import { groupBy, type Protocol } from './protocol.js';

export interface SessionFilter {
  /** Sessions to include (default all). */
  sessions?: readonly number[];
}

export function leaveOneSubjectOut(opts: SessionFilter = {}): Protocol {
  const sessions = opts.sessions;
  return {
    id: 'loso',
    description: 'cross-subject: leave one subject out (train on all other subjects, test on the held-out subject)' +
      (sessions ? ` (sessions ${sessions.join(', ')})` : ' (all sessions)'),
    units(trials) {
      const selected = sessions ? trials.filter((t) => sessions.includes(t.session)) : [...trials];
      const subjects = [...groupBy(selected, (t) => t.subject).keys()];
      if (subjects.length < 2) throw new StrnnError('INPUT', `loso needs at least two subjects, found ${subjects.length}`);
      return subjects.map((subject) => ({
        id: `subject ${subject}`,
        train: selected.filter((t) => t.subject !== subject),
        test: selected.filter((t) => t.subject === subject),
      }));
    },
  };
}

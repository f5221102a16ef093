// Cross-session protocol ('cross-session'): for every subject and every session, train on the
// subject's other sessions and test on that session. Same subject, disjoint sessions.
import { StrnnError } from '../util/errors.js';
import { groupBy, type Protocol } from './protocol.js';

export function crossSession(): Protocol {
  return {
    id: 'cross-session',
    description: 'cross-session: per subject, train on two sessions and test on the third (every session tested once)',
    units(trials) {
      const units = [];
      for (const [subject, own] of groupBy(trials, (t) => t.subject)) {
        const sessions = [...new Set(own.map((t) => t.session))].sort((a, b) => a - b);
        if (sessions.length < 2) throw new StrnnError('INPUT', `cross-session: subject ${subject} has ${sessions.length} session; at least two are needed`);
        for (const session of sessions) {
          units.push({
            id: `subject ${subject} / test session ${session}`,
            train: own.filter((t) => t.session !== session),
            test: own.filter((t) => t.session === session),
          });
        }
      }
      return units;
    },
  };
}

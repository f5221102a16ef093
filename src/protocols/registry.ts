// Protocols by id (the CLI's --protocol values), each with the options it takes.
import { StrnnError } from '../util/errors.js';
import { suggestName } from '../datasets/names.js';
import { crossSession } from './cross-session.js';
import { deapSubjectDependent } from './deap-sd.js';
import { leaveOneSubjectOut } from './loso.js';
import type { Protocol } from './protocol.js';
import { seedIvSubjectDependent } from './seed-iv-sd.js';
import { seedSubjectDependent } from './seed-sd.js';
import { faceTenFold } from './face-10fold.js';
import { firstTrialsSubjectDependent, kFoldSubjectDependent, subjectKFold } from './recording-protocols.js';

export interface ProtocolOptions {
  sessions?: readonly number[];
  folds?: number;
  seed?: number;
  /** sd-first-k: training trials per subject and session. */
  trainTrials?: number;
}

export const PROTOCOLS: Readonly<Record<string, (o: ProtocolOptions) => Protocol>> = {
  'seed-sd': (o) => seedSubjectDependent(o.sessions ? { sessions: o.sessions } : {}),
  'seed-iv-sd': (o) => seedIvSubjectDependent(o.sessions ? { sessions: o.sessions } : {}),
  loso: (o) => leaveOneSubjectOut(o.sessions ? { sessions: o.sessions } : {}),
  'cross-session': () => crossSession(),
  'deap-sd': (o) => deapSubjectDependent({ ...(o.folds !== undefined && { folds: o.folds }), ...(o.seed !== undefined && { seed: o.seed }) }),
  'sd-first-k': (o) => firstTrialsSubjectDependent(o.trainTrials !== undefined ? { trainTrials: o.trainTrials } : {}),
  'sd-kfold': (o) => kFoldSubjectDependent({ ...(o.folds !== undefined && { folds: o.folds }), ...(o.seed !== undefined && { seed: o.seed }) }),
  'subject-kfold': (o) => subjectKFold({ ...(o.folds !== undefined && { folds: o.folds }), ...(o.seed !== undefined && { seed: o.seed }) }),
  'face-10fold': (o) => faceTenFold({ ...(o.folds !== undefined && { folds: o.folds }), ...(o.seed !== undefined && { seed: o.seed }) }),
};

/** The protocol named `id`; an unknown id is a usage error with a did-you-mean suggestion. */
export function makeProtocol(id: string, options: ProtocolOptions = {}): Protocol {
  const make = PROTOCOLS[id];
  if (!make) throw new StrnnError('USAGE', `unknown protocol '${id}'${suggestName(id, Object.keys(PROTOCOLS))}`, `protocols: ${Object.keys(PROTOCOLS).join(', ')}`);
  return make(options);
}

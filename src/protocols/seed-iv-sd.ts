// SEED-IV subject-dependent protocol ('seed-iv-sd'): for every subject and session, train on trials
// 1-16 and test on trials 17-24 of that subject-session (the split of the SEED-IV paper).
import { seedSubjectDependent, type SeedSdOptions } from './seed-sd.js';
import type { Protocol } from './protocol.js';

export function seedIvSubjectDependent(opts: Omit<SeedSdOptions, 'lastTrainTrial'> = {}): Protocol {
  const base = seedSubjectDependent({ ...opts, lastTrainTrial: 16 });
  return { ...base, id: 'seed-iv-sd', description: base.description.replace(/^subject-dependent/, 'SEED-IV subject-dependent') };
}

// The demo: a small synthetic SEED-shaped set, the SEED subject-dependent protocol on a few
// subject-sessions, and one saved model, in well under two minutes on two cores.
import type { BackendFactory } from '../kernels/factory.js';
import { SEED_62 } from '../montage/seed62.js';
import { SEED_CLASSES } from '../datasets/seed-facts.js';
import { syntheticSeedTrials } from '../datasets/synthetic-seed.js';
import { checkCheckpointOut, saveCheckpoint } from '../formats/checkpoint.js';
import { runProtocol, type ExperimentResult, type ProtocolCallbacks } from './run-protocol.js';
import { seedSubjectDependent } from './seed-sd.js';

export interface DemoOptions {
  subjects: number;
  /** Multiplies SEED's trial lengths (0.25: about 850 one-second windows per session). */
  durationScale: number;
  epochs: number;
  seed: number;
  backend: BackendFactory;
  /** Where the first subject-session's model is saved; nothing is saved when absent. */
  out?: string;
  /** Threads for data-parallel training. */
  threads?: number;
}

export const DEFAULT_DEMO = { subjects: 3, durationScale: 0.25, epochs: 15, seed: 1 };

export function runDemo(o: DemoOptions, callbacks: ProtocolCallbacks = {}): ExperimentResult & { modelDir?: string } {
  // Refuse a bad --out before training, not after (saveCheckpoint would refuse it too).
  if (o.out) checkCheckpointOut(o.out);
  const trials = syntheticSeedTrials({ subjects: o.subjects, sessions: 1, durationScale: o.durationScale, seed: o.seed });
  let saved = false;
  const result = runProtocol(trials, seedSubjectDependent(), [...SEED_CLASSES], {
    montage: SEED_62, backend: o.backend, model: {}, train: { epochs: o.epochs, seed: o.seed, patience: 5 }, valFraction: 0.2, seed: o.seed, threads: o.threads ?? 1,
  }, {
    ...callbacks,
    onUnitDone: (unit, r, model, normalization) => {
      if (o.out && !saved) {
        saveCheckpoint(o.out, model, { classNames: [...SEED_CLASSES], normalization, info: { source: 'strnn demo', unit: unit.id, protocol: 'seed-sd', seed: o.seed } });
        saved = true;
      }
      callbacks.onUnitDone?.(unit, r, model, normalization);
    },
  });
  return { ...result, ...(o.out && { modelDir: o.out }) };
}

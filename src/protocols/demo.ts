// The demo: a small synthetic SEED-shaped set, the SEED subject-dependent protocol on a few
// subject-sessions, and one saved model, in well under two minutes on two cores. With `runDir` it
// also leaves a run folder in the layout of `strnn experiment` (results.json, results.csv,
// units/<unit>/ with predictions and salience) that `strnn report` draws.
import { join } from 'node:path';
import type { BackendFactory } from '../kernels/factory.js';
import { SEED_62 } from '../montage/seed62.js';
import { SEED_BANDS, SEED_CLASSES } from '../datasets/seed-facts.js';
import { syntheticSeedTrials } from '../synthetic/seed.js';
import { checkCheckpointOut, saveCheckpoint } from '../formats/checkpoint.js';
import { DEFAULT_TRAIN_OPTIONS } from '../train/train.js';
import { strnnVersion } from '../util/version.js';
import { experimentReport, writeResults, type ExperimentUnit } from './experiment.js';
import { runProtocol, type ExperimentResult, type ProtocolCallbacks } from './run-protocol.js';
import { seedSubjectDependent } from './seed-sd.js';
import { trainingRecord, writeUnitDir } from './unit-artifacts.js';

export interface DemoOptions {
  subjects: number;
  /** Multiplies SEED's trial lengths (0.25: about 850 one-second windows per session). */
  durationScale: number;
  epochs: number;
  seed: number;
  backend: BackendFactory;
  /** Where the first subject-session's model is saved; nothing is saved when absent. */
  out?: string;
  /** Where the run folder for `strnn report` goes; none when absent. */
  runDir?: string;
  /** Threads for data-parallel training. */
  threads?: number;
}

export const DEFAULT_DEMO = { subjects: 3, durationScale: 0.25, epochs: 15, seed: 1 };

const unitKey = (id: string) => id.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function runDemo(o: DemoOptions, callbacks: ProtocolCallbacks = {}): ExperimentResult & { modelDir?: string; runDir?: string } {
  // Refuse a bad --out before training, not after (saveCheckpoint would refuse it too).
  if (o.out) checkCheckpointOut(o.out);
  const started = performance.now();
  const trials = syntheticSeedTrials({ subjects: o.subjects, sessions: 1, durationScale: o.durationScale, seed: o.seed });
  let saved = false;
  const train = { epochs: o.epochs, seed: o.seed, patience: 5 };
  const units: ExperimentUnit[] = [];
  const result = runProtocol(trials, seedSubjectDependent(), [...SEED_CLASSES], {
    montage: SEED_62, backend: o.backend, model: {}, train, valFraction: 0.2, seed: o.seed, threads: o.threads ?? 1,
  }, {
    ...callbacks,
    onUnitDone: (unit, r, model, normalization, outcome) => {
      if (o.out && !saved) {
        saveCheckpoint(o.out, model, { classNames: [...SEED_CLASSES], normalization, info: {
          source: 'strnn demo', strnnVersion: strnnVersion(), data: { dataset: 'synthetic-seed', subjects: o.subjects, durationScale: o.durationScale, seed: o.seed },
          unit: unit.id, protocol: 'seed-sd', seed: o.seed, featureNames: [...SEED_BANDS],
          hyperparameters: { model: model.config, train: { ...DEFAULT_TRAIN_OPTIONS, ...train }, valFraction: 0.2 }, ...trainingRecord(r),
        } });
        saved = true;
      }
      if (o.runDir) {
        const key = unitKey(unit.id);
        const place = { subject: unit.test[0]!.subject, session: unit.test[0]!.session };
        // Fewer explained samples and path steps than an experiment's default keep the demo fast.
        writeUnitDir(unit, outcome, {
          dir: join(o.runDir, 'units', key), saveModel: false, classNames: [...SEED_CLASSES], featureNames: [...SEED_BANDS],
          record: { key, dataset: 'synthetic-seed', protocol: 'seed-sd', unit: unit.id, bands: 'all', ...place }, info: {}, salience: { maxSamples: 32, steps: 8 },
        });
        const { confusion, ...rest } = r;
        units.push({ ...rest, bands: 'all', ...place, seed: o.seed, key, confusion: { classNames: [...SEED_CLASSES], matrix: confusion }, reused: false });
      }
      callbacks.onUnitDone?.(unit, r, model, normalization, outcome);
    },
  });
  if (o.runDir) {
    writeResults(o.runDir, experimentReport({
      dataset: { id: 'synthetic-seed', description: 'synthetic SEED-shaped DE features (strnn demo)', root: '(generated in memory)', feature: 'de', options: {} },
      protocol: result.protocol, classNames: result.classNames, featureNames: [...SEED_BANDS],
      config: { model: {}, train: { ...DEFAULT_TRAIN_OPTIONS, ...train }, valFraction: 0.2, seed: o.seed, backend: '', bands: ['all'] },
      units, plannedUnits: units.length, computedUnits: units.length, wallSeconds: (performance.now() - started) / 1000,
    }));
  }
  return { ...result, ...(o.out && { modelDir: o.out }), ...(o.runDir && { runDir: o.runDir }) };
}

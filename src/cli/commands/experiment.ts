// `strnn experiment`: every unit of a protocol on a dataset folder, for each band selection; prints
// the paper-style table and writes results.json. Resumable and parallel (see src/protocols/experiment.ts).
import { basename, join, resolve } from 'node:path';
import { StrnnError } from '../../util/errors.js';
import type { CommandSpec } from '../command.js';
import { printResult } from '../command.js';
import { MODEL_FLAGS, TRAIN_FLAGS, trainOptionsFromFlags } from '../inputs.js';
import { mergeConfigFlags, recordedFlags } from '../config-file.js';
import type { FlagName } from '../options.js';
import type { FaceAlignmentMode } from '../../face/detect-landmarks.js';

const EXPERIMENT_FLAGS: FlagName[] = [
  'config', 'dataset', 'root', 'protocol', 'feature', 'bands', 'sessions', 'target', 'baseline', 'faceAlignment', 'labelColumn',
  'folds', 'trainTrials', 'T', 'stride', 'jobs', 'out', ...TRAIN_FLAGS, ...MODEL_FLAGS, 'seed', 'backend', 'json',
];

export const experimentCommand: CommandSpec = {
  name: 'experiment',
  summary: 'run a named protocol on a dataset folder for several band selections; resumable, parallel, results.json + table',
  examples: [
    'strnn experiment --dataset seed --root data/SEED --protocol seed-sd --feature de_LDS --bands all,delta,theta,alpha,beta,gamma --out runs/seed-sd',
    'strnn experiment --dataset seed --root data/SEED --protocol seed-sd --sessions 1,2 --epochs 10 --jobs 2',
    'strnn experiment --dataset deap --root data/DEAP --protocol deap-sd --target arousal --folds 5 --json',
    'strnn experiment --dataset my-bids-study/ --protocol loso --T 5 --out runs/mine',
    'strnn experiment --config runs/mine/results.json --epochs 40',
  ],
  flags: EXPERIMENT_FLAGS,
  defaults: { epochs: 30 },
  async run(flags, given) {
    const f = mergeConfigFlags(flags, given, EXPERIMENT_FLAGS);
    if (!f.dataset) throw new StrnnError('USAGE', 'experiment needs --dataset (seed, seed-iv, deap, ckplus, mmi, or a folder of your recordings)', 'see strnn experiment --help');
    const { isRecordingDatasetPath, describedSampling } = await import('../../datasets/recording-dataset-entry.js');
    const recordings = isRecordingDatasetPath(f.dataset as string);
    // A description's features.T / features.stride apply unless --T / --stride say otherwise.
    if (recordings) Object.assign(f, { ...describedSampling(f.dataset as string), ...(f.T !== undefined && { T: f.T }), ...(f.stride !== undefined && { stride: f.stride }) });
    if (!f.root && !recordings) throw new StrnnError('USAGE', 'experiment needs --root <dir>, the dataset folder', 'write one with strnn synth');
    const { getDataset } = await import('../../datasets/registry.js');
    const dataset = getDataset(f.dataset as string);
    const protocol = (f.protocol as string | undefined) ?? dataset.defaultProtocol;
    const sessions = f.sessions as number[] | undefined;
    const load = {
      ...(f.feature !== undefined && { feature: f.feature as string }), ...(sessions && { sessions }),
      ...(dataset.id === 'deap' && { target: f.target as string, baseline: f.baseline as 'drop' }),
      ...(dataset.id === 'mmi' && { faceAlignment: f.faceAlignment as FaceAlignmentMode }),
      ...(recordings && f.labelColumn !== undefined && { labelColumn: f.labelColumn as string }),
      ...(recordings && f.T !== undefined && { T: f.T as number }),
    };
    for (const notice of dataset.notices?.(load) ?? []) process.stderr.write(`strnn experiment: ${notice}\n`);
    const out = (f.out as string | undefined) ?? join('runs', `experiment-${recordings ? basename(resolve(dataset.id)) : dataset.id}-${protocol}`);
    const { runExperiment } = await import('../../protocols/experiment.js');
    const { formatExperimentReport } = await import('../../report/experiment.js');
    const report = await runExperiment({
      dataset: dataset.id, root: recordings ? dataset.id : f.root as string, protocol,
      load,
      protocolOptions: { ...(sessions && { sessions }), folds: f.folds as number, ...(f.trainTrials !== undefined && { trainTrials: f.trainTrials as number }) },
      bands: String(f.bands).split(',').map((b) => b.trim()).filter(Boolean),
      model: {
        ...(f.T !== undefined && { T: f.T as number }),
        dS: f.dS as number, kS: f.kS as number, dT: f.dT as number, kT: f.kT as number,
        spatialActivation: f.activation as 'tanh', temporalActivation: f.activation as 'tanh',
        lambdaS: f.lambdaS as number, lambdaT: f.lambdaT as number, lambdaW: f.lambdaW as number, init: f.init as 'fan-in-uniform',
      },
      train: trainOptionsFromFlags(f), valFraction: f.valFraction as number, seed: f.seed as number,
      backend: f.backend as 'auto', ...(f.jobs !== undefined && { jobs: f.jobs as number }), out,
      ...(f.stride !== undefined && { stride: f.stride as number }), flags: recordedFlags(f, EXPERIMENT_FLAGS),
    }, {
      onStart: (s) => process.stderr.write(`strnn experiment: protocol ${s.protocol.id} — ${s.protocol.description}\n` +
        `  ${s.tasks} units (${s.cached} already done in ${out}), ${s.jobs} parallel job(s), backend ${s.backend}\n`),
      onUnitDone: (u, done, total) => process.stderr.write(`[${done}/${total}] bands ${u.bands} / ${u.id}: accuracy ${(100 * u.accuracy).toFixed(2)} % (${u.seconds.toFixed(1)} s)\n`),
    });
    printResult(f, report, () => formatExperimentReport(report, join(out, 'results.json')));
  },
};

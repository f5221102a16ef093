// `strnn experiment`: every unit of a protocol on a dataset folder, for each band selection; prints
// the paper-style table and writes results.json. Resumable and parallel (see src/protocols/experiment.ts).
import { join } from 'node:path';
import { StrnnError } from '../../util/errors.js';
import type { CommandSpec } from '../command.js';
import { printResult } from '../command.js';
import { MODEL_FLAGS, TRAIN_FLAGS, trainOptionsFromFlags } from '../inputs.js';
import { countProgress, etaText } from '../progress.js';
import type { FaceAlignmentMode } from '../../face/detect-landmarks.js';

export const experimentCommand: CommandSpec = {
  name: 'experiment',
  summary: 'run a named protocol on a dataset folder for several band selections; resumable, parallel, results.json + table',
  examples: [
    'strnn experiment --dataset seed --root data/SEED --protocol seed-sd --feature de_LDS --bands all,delta,theta,alpha,beta,gamma --out runs/seed-sd',
    'strnn experiment --dataset seed --root data/SEED --protocol seed-sd --sessions 1,2 --epochs 10 --jobs 2',
    'strnn experiment --dataset deap --root data/DEAP --protocol deap-sd --target arousal --folds 5 --json',
  ],
  flags: ['dataset', 'root', 'protocol', 'feature', 'bands', 'sessions', 'target', 'baseline', 'faceAlignment', 'folds', 'jobs', 'out', ...TRAIN_FLAGS, ...MODEL_FLAGS, 'seed', 'backend', 'json'],
  defaults: { epochs: 30 },
  async run(f) {
    if (!f.dataset) throw new StrnnError('USAGE', 'experiment needs --dataset (seed, seed-iv, deap)', 'see strnn experiment --help');
    if (!f.root) throw new StrnnError('USAGE', 'experiment needs --root <dir>, the dataset folder', 'write one with strnn synth');
    const { getDataset } = await import('../../datasets/registry.js');
    const dataset = getDataset(f.dataset as string);
    const protocol = (f.protocol as string | undefined) ?? dataset.defaultProtocol;
    const out = (f.out as string | undefined) ?? join('runs', `experiment-${dataset.id}-${protocol}`);
    const { runExperiment } = await import('../../protocols/experiment.js');
    const { formatExperimentReport } = await import('../../report/experiment.js');
    const sessions = f.sessions as number[] | undefined;
    const loading = countProgress('strnn experiment: preparing trials', 'sequences');
    const units = countProgress('strnn experiment', 'units');
    const started = performance.now();
    let computed = 0;
    const report = await runExperiment({
      dataset: dataset.id, root: f.root as string, protocol,
      load: {
        ...(f.feature !== undefined && { feature: f.feature as string }), ...(sessions && { sessions }),
        ...(dataset.id === 'deap' && { target: f.target as string, baseline: f.baseline as 'drop' }),
        ...(dataset.id === 'mmi' && { faceAlignment: f.faceAlignment as FaceAlignmentMode }),
      },
      protocolOptions: { ...(sessions && { sessions }), folds: f.folds as number },
      bands: String(f.bands).split(',').map((b) => b.trim()).filter(Boolean),
      model: {
        dS: f.dS as number, kS: f.kS as number, dT: f.dT as number, kT: f.kT as number,
        spatialActivation: f.activation as 'tanh', temporalActivation: f.activation as 'tanh',
        lambdaS: f.lambdaS as number, lambdaT: f.lambdaT as number, lambdaW: f.lambdaW as number, init: f.init as 'fan-in-uniform',
      },
      train: trainOptionsFromFlags(f), valFraction: f.valFraction as number, seed: f.seed as number,
      backend: f.backend as 'auto', ...(f.jobs !== undefined && { jobs: f.jobs as number }), out,
    }, {
      onLoadProgress: (done, total) => loading.update(done, total),
      onStart: (s) => {
        loading.done();
        process.stderr.write(`strnn experiment: protocol ${s.protocol.id} — ${s.protocol.description}\n` +
          `  ${s.tasks} units (${s.cached} already done in ${out}), ${s.jobs} parallel job(s), backend ${s.backend}\n`);
      },
      onUnitDone: (u, done, total, cached) => {
        computed++;
        const line = `bands ${u.bands} / ${u.id}: accuracy ${(100 * u.accuracy).toFixed(2)} % (${u.seconds.toFixed(1)} s)`;
        if (process.stderr.isTTY) units.update(done, total, line);
        else process.stderr.write(`[${done}/${total}] ${line}, ETA ${etaText((performance.now() - started) / 1000, computed, total - cached)}\n`);
      },
    });
    units.done();
    // The text report ends with the warnings; with --json they go to stderr as well, once.
    if (f.json) for (const w of report.warnings) process.stderr.write(`strnn experiment: warning: ${w}\n`);
    printResult(f, report, () => formatExperimentReport(report, join(out, 'results.json')));
  },
};

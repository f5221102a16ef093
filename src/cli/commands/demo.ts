// `strnn demo`: synthetic SEED-shaped data, the seed-sd protocol on a few subject-sessions, one saved
// model, and as its last step the run's report (demo-run/ and demo-report/ beside the model folder).
import { dirname, join, resolve } from 'node:path';
import type { CommandSpec } from '../command.js';
import { printResult } from '../command.js';
import { trainingProgress } from '../progress.js';

export const demoCommand: CommandSpec = {
  name: 'demo',
  summary: 'train and test STRNN on synthetic SEED-shaped EEG (subject-dependent protocol) and save a model',
  examples: ['strnn demo', 'strnn demo --subjects 5 --epochs 20 --out runs/demo-model', 'strnn demo --json > demo.json'],
  flags: ['subjects', 'durationScale', 'epochs', 'seed', 'backend', 'threads', 'out', 'json'],
  defaults: { subjects: 3, durationScale: 0.25, epochs: 15, out: 'runs/demo-model' },
  async run(f) {
    const started = performance.now();
    const { backendFactory } = await import('../../kernels/factory.js');
    const { runDemo } = await import('../../protocols/demo.js');
    const { formatExperiment } = await import('../../report/text.js');
    const backend = await backendFactory(f.backend as 'auto');
    const { defaultThreads } = await import('../../train/parallel.js');
    const threads = (f.threads as number | undefined) ?? defaultThreads();
    const backendName = backend.name;
    const progress = trainingProgress(false);
    process.stderr.write(`strnn demo: ${f.subjects} synthetic subjects, SEED montage (62 electrodes, 5 DE bands), backend ${backendName}, ${threads} thread(s)\n`);
    const runDir = join(dirname(f.out as string), 'demo-run');
    const result = runDemo(
      { subjects: f.subjects as number, durationScale: f.durationScale as number, epochs: f.epochs as number, seed: f.seed as number, backend, out: f.out as string, runDir, threads },
      {
        onUnitStart: (u, i, n) => progress.unit(`[${i + 1}/${n}] ${u.id}`),
        onBatch: (_u, e, b, n) => progress.batch(e, b, n),
        onEpoch: (_u, s) => progress.epoch(s),
        onUnitDone: (_u, r) => progress.stop(r.stop),
      },
    );
    progress.done();
    const { writeReport } = await import('../../report/build-report.js');
    const report = await writeReport([runDir], { out: join(dirname(f.out as string), 'demo-report', 'report.html') });
    const seconds = (performance.now() - started) / 1000;
    printResult(f, { ...result, report: report.html, backend: backendName, wallSeconds: seconds }, () =>
      `${formatExperiment(result)}\nmodel saved to ${result.modelDir}\nreport written to ${resolve(report.html)}\nwall time ${seconds.toFixed(1)} s (backend ${backendName})`);
  },
};

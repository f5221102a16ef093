// `strnn inspect`: the salience figures of one checkpoint (see src/report/inspect-model.ts).
import type { CommandSpec } from '../command.js';
import { printResult } from '../command.js';
import { readSamples } from '../inputs.js';
import { fileProgress } from '../progress.js';

export const inspectCommand: CommandSpec = {
  name: 'inspect',
  summary: "draw a checkpoint's salience maps (projection |G|/|H|; with --samples also input x gradient and integrated gradients) as SVG and PNG",
  examples: ['strnn inspect --model runs/demo-model', 'strnn inspect --model model/ --samples x.npy --out inspect/'],
  flags: ['model', 'samples', 'out', 'backend', 'json'],
  defaults: { out: 'inspect' },
  async run(f) {
    const { requireFlags, loadModel } = await import('./shared.js');
    requireFlags(f, ['model'], 'inspect');
    const { inspectModel } = await import('../../report/inspect-model.js');
    const ckpt = await loadModel(f);
    const { config } = ckpt.model;
    const samples = f.samples === undefined ? undefined : await readSamples(f.samples as string, { T: config.T, N: ckpt.model.nodes, dIn: config.dIn });
    let progress: ReturnType<typeof fileProgress> | undefined;
    const result = await inspectModel(ckpt, {
      out: f.out as string, ...(samples && { samples: { x: samples.x, count: samples.count } }),
      onFigure: (id, done, total) => {
        progress ??= fileProgress('strnn inspect: figures', total);
        progress.file(id, false, done, total);
      },
    });
    progress?.done();
    printResult(f, result, () => `${result.figures.length / 2} figures (SVG and PNG) and ${result.salience} written to ${f.out as string}`);
  },
};

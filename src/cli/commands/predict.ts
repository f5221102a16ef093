// `strnn predict`: class probabilities of a checkpoint on new samples, as JSON (one row per sample).
import type { CommandSpec } from '../command.js';
import { readSamples } from '../inputs.js';

export const predictCommand: CommandSpec = {
  name: 'predict',
  summary: 'class probabilities for new samples as JSON, one row per sample',
  examples: ['strnn predict --model model/ --samples x.npy', 'strnn predict --model model/ --samples x.npy > predictions.json'],
  flags: ['model', 'samples', 'backend'],
  async run(f) {
    const { requireFlags, loadModel } = await import('./shared.js');
    requireFlags(f, ['model', 'samples'], 'predict');
    const { predictProbabilities } = await import('../../eval/predict.js');
    const ckpt = await loadModel(f);
    const { config } = ckpt.model;
    const samples = await readSamples(f.samples as string, { T: config.T, N: ckpt.model.nodes, dIn: config.dIn });
    const probs = predictProbabilities(ckpt, samples.x, samples.count);
    const rows = Array.from({ length: samples.count }, (_, i) => {
      const p = Array.from(probs.subarray(i * config.C, (i + 1) * config.C));
      const best = p.indexOf(Math.max(...p));
      return { index: i, predicted: ckpt.classNames[best], probabilities: Object.fromEntries(ckpt.classNames.map((c, j) => [c, p[j]])) };
    });
    process.stdout.write(JSON.stringify({ model: f.model, classNames: ckpt.classNames, predictions: rows }, null, 2) + '\n');
  },
};

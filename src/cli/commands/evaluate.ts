// `strnn evaluate`: score a checkpoint on labelled samples.
import type { CommandSpec } from '../command.js';
import { printResult } from '../command.js';
import { readIntVector, readSamples } from '../inputs.js';

export const evaluateCommand: CommandSpec = {
  name: 'evaluate',
  summary: 'accuracy, macro-F1 and confusion matrix of a checkpoint on labelled samples',
  examples: ['strnn evaluate --model model/ --samples x.npy --labels y.npy', 'strnn evaluate --model model/ --samples x.npy --labels y.npy --json'],
  flags: ['model', 'samples', 'labels', 'backend', 'json'],
  async run(f) {
    const { requireFlags, loadModel } = await import('./shared.js');
    requireFlags(f, ['model', 'samples', 'labels'], 'evaluate');
    const { predictProbabilities } = await import('../../eval/predict.js');
    const { argmaxRows, classificationMetrics } = await import('../../eval/metrics.js');
    const { formatConfusion } = await import('../../report/text.js');
    const ckpt = await loadModel(f);
    const { config } = ckpt.model;
    const samples = await readSamples(f.samples as string, { T: config.T, N: ckpt.model.nodes, dIn: config.dIn });
    const labels = await readIntVector(f.labels as string, samples.count, 'labels');
    const probs = predictProbabilities(ckpt, samples.x, samples.count);
    const m = classificationMetrics(labels, argmaxRows(probs, samples.count, config.C), config.C);
    printResult(f, { samples: samples.count, classNames: ckpt.classNames, ...m }, () =>
      [`${samples.count} samples: accuracy ${(100 * m.accuracy).toFixed(2)} %, macro-F1 ${(100 * m.macroF1).toFixed(2)} %`, '', formatConfusion(m.confusion, ckpt.classNames)].join('\n'));
  },
};

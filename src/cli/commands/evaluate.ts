// `strnn evaluate`: score a checkpoint on labelled samples, read and predicted in chunks (as predict).
// Non-finite samples are refused, or left out with --skip-invalid (counted and listed); labels must be
// the model's classes 0..C-1, or mapped onto its class names with --label-map.
import type { CommandSpec } from '../command.js';
import { printResult } from '../command.js';
import { openSamples, readIntVector } from '../inputs.js';

export const evaluateCommand: CommandSpec = {
  name: 'evaluate',
  summary: 'accuracy, macro-F1 and confusion matrix of a checkpoint on labelled samples',
  examples: [
    'strnn evaluate --model model/ --samples x.npy --labels y.npy',
    'strnn evaluate --model model/ --samples x.npy --labels y.npy --json',
    'strnn evaluate --model model/ --samples x.mat --labels x.mat --label-map -1:negative,0:neutral,1:positive --skip-invalid',
  ],
  flags: ['model', 'samples', 'labels', 'labelMap', 'skipInvalid', 'backend', 'json'],
  async run(f) {
    const { requireFlags, loadModel } = await import('./shared.js');
    requireFlags(f, ['model', 'samples', 'labels'], 'evaluate');
    const { predictInChunks } = await import('../../eval/predict.js');
    const { scorePredictions } = await import('../../eval/evaluate.js');
    const { argmaxRows } = await import('../../eval/metrics.js');
    const { formatConfusion } = await import('../../report/text.js');
    const { resolveModelLabels } = await import('../labels.js');
    const ckpt = await loadModel(f);
    const { config } = ckpt.model;
    const source = await openSamples(f.samples as string, { T: config.T, N: ckpt.model.nodes, dIn: config.dIn });
    const truth: number[] = [];
    const predicted: number[] = [];
    const skipped: number[] = [];
    try {
      const raw = await readIntVector(f.labels as string, source.count, 'labels');
      const labels = resolveModelLabels(raw, String(f.labels), ckpt.classNames, f.labelMap as string | undefined);
      const { skipped: left } = predictInChunks(ckpt, (first, n) => source.read(first, n), source.count, (_first, _n, p) => {
        p.kept.forEach((i) => truth.push(labels[i]!));
        predicted.push(...argmaxRows(p.probabilities, p.kept.length, config.C));
      }, { skipInvalid: Boolean(f.skipInvalid), source: source.path });
      skipped.push(...left);
    } finally {
      source.close();
    }
    const m = scorePredictions(truth, predicted, config.C, skipped);
    const count = truth.length;
    const note = skipped.length
      ? [`left out ${skipped.length} sample${skipped.length === 1 ? '' : 's'} holding NaN or Inf (--skip-invalid): ${skipped.slice(0, 20).join(', ')}${skipped.length > 20 ? ', ...' : ''}`]
      : [];
    printResult(f, { samples: count, classNames: ckpt.classNames, ...m }, () =>
      [`${count} samples: accuracy ${(100 * m.accuracy).toFixed(2)} %, macro-F1 ${(100 * m.macroF1).toFixed(2)} %`, ...note, '', formatConfusion(m.confusion, ckpt.classNames)].join('\n'));
  },
};

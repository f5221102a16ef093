// Face datasets bring their own training defaults (src/datasets/ckplus-dataset.ts, chosen by the
// README's sweep): they apply to every training flag not given, and a flag given always wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FACE_TRAINING_DEFAULTS } from '../../src/datasets/ckplus-dataset.js';
import { getDataset } from '../../src/datasets/registry.js';
import { withTempDir } from '../helpers.js';
import { runCli } from './run-cli.js';

const TINY = ['--d-s', '3', '--k-s', '2', '--d-t', '3', '--k-t', '2', '--backend', 'reference'];

test('the face datasets carry the face training defaults; EEG datasets keep the general ones', () => {
  assert.deepEqual(getDataset('ckplus').trainingDefaults, FACE_TRAINING_DEFAULTS);
  assert.deepEqual(getDataset('mmi').trainingDefaults, FACE_TRAINING_DEFAULTS);
  assert.equal(getDataset('seed').trainingDefaults, undefined);
});

test('train and experiment --dataset ckplus use the face defaults unless a flag is given', async () => {
  await withTempDir((dir) => {
    assert.equal(runCli(['synth', '--format', 'ckplus', '--out', 'CK', '--subjects', '4', '--sequences', '1'], dir).status, 0);
    const train = (extra: string[]) => {
      const r = runCli(['train', '--dataset', 'ckplus', '--root', 'CK', '--out', `m${extra.length}`, '--json', ...TINY, ...extra], dir);
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as { curves: unknown[]; valSamples: number };
    };
    const byDefault = train([]);
    assert.equal(byDefault.curves.length, FACE_TRAINING_DEFAULTS.epochs);
    assert.equal(byDefault.valSamples, 0, 'faces train on every subject by default (val-fraction 0)');
    const given = train(['--epochs', '2', '--val-fraction', '0.3']);
    assert.equal(given.curves.length, 2);
    assert.ok(given.valSamples > 0, 'a given --val-fraction holds out subjects');

    const r = runCli(['experiment', '--dataset', 'ckplus', '--root', 'CK', '--folds', '2', '--jobs', '1', '--epochs', '1', '--json', ...TINY], dir);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { config: { train: { epochs: number; patience: number; learningRate: number; batchSize: number }; valFraction: number } };
    assert.equal(report.config.train.epochs, 1);
    assert.equal(report.config.train.patience, FACE_TRAINING_DEFAULTS.patience);
    assert.equal(report.config.train.learningRate, FACE_TRAINING_DEFAULTS.learningRate);
    assert.equal(report.config.train.batchSize, FACE_TRAINING_DEFAULTS.batchSize);
    assert.equal(report.config.valFraction, FACE_TRAINING_DEFAULTS.valFraction);
  });
});

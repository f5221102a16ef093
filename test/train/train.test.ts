import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeConfig } from '../../src/model/config.js';
import { StrnnModel } from '../../src/model/model.js';
import { referenceBackend } from '../../src/kernels/ref/index.js';
import { gridMontage } from '../../src/montage/montage.js';
import { windowTrials, type SampleSet } from '../../src/datasets/samples.js';
import type { FeatureTrial } from '../../src/datasets/types.js';
import { fitNormalization, normalized } from '../../src/train/normalize.js';
import { evaluateLoss, trainModel } from '../../src/train/train.js';
import { Rng } from '../../src/util/random.js';

const MONTAGE = gridMontage(2, 3);
const CFG = makeConfig({ T: 3, dIn: 2, C: 2, dS: 4, kS: 2, dT: 4, kT: 2 });

/** Two classes that differ in node 0's first feature (a property any working model must learn). */
function planted(seed: number, trialsPerClass: number): FeatureTrial[] {
  const rng = new Rng(seed);
  const out: FeatureTrial[] = [];
  for (let i = 0; i < 2 * trialsPerClass; i++) {
    const label = i % 2;
    const windows = 12;
    const data = Float32Array.from({ length: windows * 6 * 2 }, (_, j) => rng.normal() + (j % 12 === 0 ? 2 * label : 0));
    out.push({ dataset: 't', subject: '1', session: 1, trial: i + 1, label, windows, nodes: 6, features: 2, data });
  }
  return out;
}

function train(seed: number, set: SampleSet, epochs = 4) {
  const model = new StrnnModel(CFG, MONTAGE, { backend: referenceBackend('float32'), maxBatch: 8 });
  model.initialize(seed);
  const result = trainModel(model, set, undefined, { epochs, batchSize: 8, seed });
  return { model, result };
}

test('training learns a planted signal: held-out accuracy well above chance', () => {
  const trainSet = windowTrials(planted(1, 6), { T: 3 });
  const norm = fitNormalization(trainSet);
  const testSet = normalized(windowTrials(planted(2, 3), { T: 3 }), norm);
  const { model, result } = train(1, normalized(trainSet, norm), 15);
  assert.ok(result.curves.at(-1)!.trainLoss < result.curves[0]!.trainLoss);
  assert.ok(evaluateLoss(model, testSet).accuracy > 0.8);
});

test('same seed, same data: identical weights after training; another seed differs', () => {
  const set = windowTrials(planted(1, 2), { T: 3 });
  const a = train(7, set).model.params;
  const b = train(7, set).model.params;
  assert.deepEqual(a, b);
  assert.notDeepEqual(train(8, set).model.params, a);
});

test('NaN in the inputs stops training with an error naming the sample, time slice, node and feature', () => {
  const set = windowTrials(planted(1, 2), { T: 3 });
  set.x[5 * 3 * 12 + 4] = NaN; // sample 5, time slice 0, value 4 of 12 = node 2 (2 features a node), feature 0
  assert.throws(() => train(1, set), /training samples: sample 5, time slice 0, node 2, feature 0 holds a non-finite value \(NaN\)/);
});

test('a non-finite loss stops training with an error naming epoch and batch', () => {
  const set = windowTrials(planted(1, 2), { T: 3 });
  const model = new StrnnModel(CFG, MONTAGE, { backend: referenceBackend('float32'), maxBatch: 8 });
  model.initialize(1);
  // An infinite bias makes a logit infinite, so the softmax yields NaN on the first batch.
  model.param('head.c')[0] = Infinity;
  assert.throws(() => trainModel(model, set, undefined, { epochs: 2, batchSize: 8, seed: 1 }), /training diverged: loss is NaN at epoch 1, batch 1 of \d/);
});

test('early stopping restores the weights of the best validation epoch', () => {
  const trainSet = windowTrials(planted(1, 2), { T: 3 });
  const val = windowTrials(planted(3, 2), { T: 3 });
  const model = new StrnnModel(CFG, MONTAGE, { backend: referenceBackend('float32'), maxBatch: 8 });
  model.initialize(1);
  const result = trainModel(model, trainSet, val, { epochs: 12, batchSize: 8, seed: 1, patience: 2, learningRate: 0.05 });
  const best = result.curves.find((c) => c.epoch === result.bestEpoch)!;
  assert.equal(best.valLoss, Math.min(...result.curves.map((c) => c.valLoss!)));
  assert.ok(Math.abs(evaluateLoss(model, val).loss - best.valLoss!) < 1e-9);
  // The result says when and why it stopped (the CLI prints this as training's last line).
  const { stop } = result;
  assert.equal(stop.bestEpoch, result.bestEpoch);
  assert.equal(stop.bestValAccuracy, best.valAccuracy);
  assert.equal(stop.epochsRun, result.curves.length);
  assert.equal(stop.reason, result.stoppedEarly ? 'early-stop' : 'max-epochs');
  if (result.stoppedEarly) assert.equal(result.curves.length, result.bestEpoch + 2, 'patience 2: two epochs without improvement');
  assert.match(stop.message, new RegExp(`kept epoch ${result.bestEpoch}: validation accuracy ${best.valAccuracy!.toFixed(3)}`));
  assert.ok(result.curves.every((c) => c.maxEpochs === 12));
});

test('normalisation statistics come from the training part only', () => {
  const trainSet = windowTrials(planted(1, 2), { T: 3 });
  const shifted = planted(1, 2).map((t) => ({ ...t, data: t.data.map((v) => v + 100) }));
  const norm = fitNormalization(trainSet);
  const shiftedNorm = fitNormalization(windowTrials(shifted, { T: 3 }));
  assert.ok(Math.abs(shiftedNorm.mean[3]! - norm.mean[3]! - 100) < 1e-3);
  // Applying the training statistics to other data does not refit them.
  const applied = normalized(windowTrials(shifted, { T: 3 }), norm);
  assert.ok(applied.x[3]! > 50);
});

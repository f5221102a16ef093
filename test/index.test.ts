import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as strnn from '../src/index.js';

test('the public API loads and trains a model through `strnn` exports alone', () => {
  const trials = strnn.syntheticSeedTrials({ subjects: 1, sessions: 1, durationScale: 0.05, seed: 3 });
  const set = strnn.windowTrials(trials.slice(0, 3), { T: 2 });
  const model = new strnn.StrnnModel(strnn.makeConfig({ T: 2, dS: 3, kS: 2, dT: 3, kT: 2 }), strnn.SEED_62, { backend: strnn.referenceBackend(), maxBatch: 8 });
  model.initialize(1);
  const result = strnn.trainModel(model, strnn.normalized(set, strnn.fitNormalization(set)), undefined, { epochs: 1, batchSize: 8 });
  assert.equal(result.curves.length, 1);
  assert.equal(strnn.spatialSalience(model).length, 62);
});

// The library refuses what would train or predict silently wrong: a model whose config disagrees
// with the data (naming both shapes), labels outside 0..C-1, unknown train options ('epoch', 'lr'),
// a never-initialised model, and a second model on a backend that holds one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeConfig } from '../../src/model/config.js';
import { StrnnModel } from '../../src/model/model.js';
import { referenceBackend } from '../../src/kernels/ref/index.js';
import { wasmBackend } from '../../src/kernels/wasm/index.js';
import { gridMontage } from '../../src/montage/montage.js';
import type { SampleSet } from '../../src/datasets/samples.js';
import { makeTrainOptions, trainModel } from '../../src/train/train.js';
import { StrnnError } from '../../src/util/errors.js';
import { Rng } from '../../src/util/random.js';

const CFG = makeConfig({ T: 3, dIn: 2, C: 2, dS: 3, kS: 2, dT: 3, kT: 2 });
const MONTAGE = gridMontage(2, 3);

function model(): StrnnModel {
  const m = new StrnnModel(CFG, MONTAGE, { backend: referenceBackend('float32'), maxBatch: 8 });
  m.initialize(1);
  return m;
}

function set(count: number, T: number, N: number, dIn: number, label = (i: number) => i % 2): SampleSet {
  const rng = new Rng(2);
  return {
    count, T, N, dIn, x: Float32Array.from({ length: count * T * N * dIn }, () => rng.normal()),
    y: Int32Array.from({ length: count }, (_, i) => label(i)), trial: new Int32Array(count), start: Int32Array.from({ length: count }, (_, i) => i),
  };
}

test('trainModel: data that disagrees with the config fails at the first call naming both shapes', () => {
  assert.throws(() => trainModel(model(), set(8, 3, 6, 5), undefined, { epochs: 1, batchSize: 4 }),
    /training samples: samples have T x N x dIn = 3 x 6 x 5, the model expects T x N x dIn = 3 x 6 x 2/);
  assert.throws(() => trainModel(model(), set(8, 4, 6, 2), undefined, { epochs: 1, batchSize: 4 }), /T x N x dIn = 4 x 6 x 2, the model expects T x N x dIn = 3 x 6 x 2/);
  assert.throws(() => trainModel(model(), set(8, 3, 6, 2), set(4, 3, 5, 2), { epochs: 1, batchSize: 4 }), /validation samples: samples have T x N x dIn = 3 x 5 x 2/);
  const misread = set(8, 3, 6, 2);
  misread.x = misread.x.subarray(0, 100);
  assert.throws(() => trainModel(model(), misread, undefined, { epochs: 1, batchSize: 4 }), /x holds 100 values, 8 samples of 3 x 6 x 2 need 288/);
  assert.throws(() => trainModel(model(), set(8, 3, 6, 2, (i) => i % 3), undefined, { epochs: 1, batchSize: 4 }), /training samples: label 2 of sample 2 is outside 0\.\.1 \(the model has C = 2 classes\)/);
  assert.throws(() => trainModel(model(), set(8, 3, 6, 2, (i) => i - 1), undefined, { epochs: 1, batchSize: 4 }), /label -1 of sample 0 is outside 0\.\.1/);
});

test('trainModel options: unknown keys are refused like makeConfig refuses them, with the option meant', () => {
  const s = set(8, 3, 6, 2);
  assert.throws(() => trainModel(model(), s, undefined, { epoch: 3 } as never), /train options: unknown option "epoch" \(did you mean "epochs"\?\)/);
  assert.throws(() => trainModel(model(), s, undefined, { lr: 0.1 } as never), /unknown option "lr" \(did you mean "learningRate"\?\)/);
  assert.throws(() => makeTrainOptions({ epochs: 0 }), /train options: epochs: /);
  assert.throws(() => makeTrainOptions({ learningRate: -1 }), /train options: learningRate: /);
  assert.equal(makeTrainOptions({ epochs: 4, seed: undefined } as never).seed, 1);
  assert.throws(() => makeConfig({ dS: 0 }), /model config: dS: /);
});

test('a never-initialised model is refused; a loaded or copied-in one is not', () => {
  const fresh = new StrnnModel(CFG, MONTAGE, { backend: referenceBackend('float32'), maxBatch: 8 });
  const s = set(4, 3, 6, 2);
  assert.throws(() => fresh.predict(s.x, 4), (e: StrnnError) => e.code === 'CONFIG' && /never initialised: every parameter is 0/.test(e.message) && /initialize\(seed\)/.test(e.hint ?? ''));
  assert.throws(() => trainModel(fresh, s, undefined, { epochs: 1, batchSize: 4 }), /never initialised/);
  fresh.params.set(model().params);
  assert.equal(fresh.predict(s.x, 4).length, 8);
  assert.throws(() => model().predict(s.x, 3), /predict: 144 values are not 3 samples of T x N x dIn = 3 x 6 x 2/);
});

test('one wasm backend holds several models: each predicts what it predicts on a backend of its own, calls interleaved', async () => {
  const backend = await wasmBackend();
  const s = set(4, 3, 6, 2);
  const models = [1, 2].map((seed) => {
    const m = new StrnnModel(CFG, MONTAGE, { backend, maxBatch: 4 });
    m.initialize(seed);
    return m;
  });
  const alone = await Promise.all([1, 2].map(async (seed) => {
    const m = new StrnnModel(CFG, MONTAGE, { backend: await wasmBackend(), maxBatch: 4 });
    m.initialize(seed);
    return m.predict(s.x, 4);
  }));
  for (let round = 0; round < 2; round++) {
    assert.deepEqual(models.map((m) => m.predict(s.x, 4)), alone);
  }
  assert.notDeepEqual(alone[0], alone[1]);
});

// The library's inference and scoring entry points are as careful as the CLI: non-finite samples
// refused (naming sample, time slice, node, feature) or skipped and listed; chunked prediction equals
// whole-set prediction; a bare model, out-of-range labels and zero samples get explanations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeConfig } from '../../src/model/config.js';
import { StrnnModel } from '../../src/model/model.js';
import { referenceBackend } from '../../src/kernels/ref/index.js';
import { gridMontage } from '../../src/montage/montage.js';
import { predictInChunks, predictProbabilities, predictSamples } from '../../src/eval/predict.js';
import { evaluateSamples } from '../../src/eval/evaluate.js';
import { classificationMetrics } from '../../src/eval/metrics.js';
import { formatConfusion } from '../../src/report/text.js';
import type { LoadedCheckpoint } from '../../src/formats/checkpoint.js';
import { StrnnError } from '../../src/util/errors.js';
import { Rng } from '../../src/util/random.js';

const CFG = makeConfig({ T: 2, dIn: 2, C: 3, dS: 3, kS: 2, dT: 3, kT: 2 });
const PER = 2 * 4 * 2;

function checkpoint(): LoadedCheckpoint {
  const model = new StrnnModel(CFG, gridMontage(2, 2), { backend: referenceBackend('float32'), maxBatch: 8 });
  model.initialize(5);
  return { model, classNames: ['a', 'b', 'c'], normalization: { mean: new Float32Array(8).fill(0.5), std: new Float32Array(8).fill(2) } };
}

const samples = (count: number) => {
  const rng = new Rng(9);
  return Float32Array.from({ length: count * PER }, () => rng.normal());
};

test('non-finite samples: refused naming the first sample, slice, node and feature; skipInvalid leaves them out and lists them', () => {
  const ckpt = checkpoint();
  const x = samples(10);
  x[3 * PER + 1 * 8 + 1 * 2 + 1] = -Infinity; // sample 3, time slice 1 (8 values a slice), node 1, feature 1
  x[7 * PER] = NaN;
  assert.throws(() => predictProbabilities(ckpt, x, 10), (e: StrnnError) => e.code === 'NUMERIC' && /^sample 3 holds a non-finite value \(-Infinity at time slice 1, node 1, feature 1\)/.test(e.message));
  const p = predictSamples(ckpt, x, 10, { skipInvalid: true });
  assert.deepEqual(p.skipped, [3, 7]);
  assert.deepEqual(p.kept, [0, 1, 2, 4, 5, 6, 8, 9]);
  assert.equal(p.probabilities.length, 8 * 3);
  // The kept rows are exactly what the clean samples predict alone.
  const alone = predictProbabilities(ckpt, x.slice(4 * PER, 5 * PER), 1);
  assert.deepEqual(Array.from(p.probabilities.subarray(3 * 3, 4 * 3)), Array.from(alone));
});

test('finite samples that the checkpoint\'s normalisation overflows (a std of 1e-44) are refused, or left out with skipInvalid: never a NaN probability', () => {
  const ckpt = checkpoint();
  ckpt.normalization!.std[5] = 1e-44;
  const x = samples(4);
  // Value 5 of every slice (node 2, feature 1): (x − 0.5) / 1e-44 overflows float32 except where x = 0.5 (sample 2).
  for (let s = 0; s < 4; s++) for (let t = 0; t < 2; t++) x[s * PER + t * 8 + 5] = s === 2 ? 0.5 : 3;
  assert.throws(() => predictSamples(ckpt, x, 4), (e: StrnnError) => e.code === 'NUMERIC' && /^sample 0 is finite, but the checkpoint's normalisation makes it non-finite/.test(e.message) && /std near 0/.test(e.hint ?? ''));
  const p = predictSamples(ckpt, x, 4, { skipInvalid: true });
  assert.deepEqual([p.kept, p.skipped], [[2], [0, 1, 3]]);
  assert.ok(Array.from(p.probabilities).every(Number.isFinite));
});

test('predictInChunks gives the whole-set probabilities for any chunk size, and refuses before the first chunk is handed out', () => {
  const ckpt = checkpoint();
  const x = samples(23);
  const whole = predictProbabilities(ckpt, x, 23);
  for (const chunkSamples of [1, 5, 8, 23, 50]) {
    const got = new Float32Array(23 * 3);
    predictInChunks(ckpt, (first, n) => x.slice(first * PER, (first + n) * PER), 23, (first, _n, p) => got.set(p.probabilities, first * 3), { chunkSamples });
    assert.deepEqual(got, whole, `chunks of ${chunkSamples}`);
  }
  x[20 * PER + 1] = NaN;
  let handed = 0;
  assert.throws(() => predictInChunks(ckpt, (first, n) => x.slice(first * PER, (first + n) * PER), 23, () => handed++, { chunkSamples: 5, source: 'x.npy' }),
    /^StrnnError: x\.npy: sample 20 holds a non-finite value/);
  assert.equal(handed, 0);
});

test('a bare StrnnModel, a mis-sized buffer, labels outside 0..C-1 and zero samples are explained', () => {
  const ckpt = checkpoint();
  assert.throws(() => predictProbabilities(ckpt.model as unknown as LoadedCheckpoint, samples(1), 1), /predictProbabilities takes a loaded checkpoint \{ model, classNames, normalization\? \}, not a bare StrnnModel/);
  assert.throws(() => predictProbabilities(ckpt, samples(2).subarray(1), 2), /31 values are not 2 samples of T x N x dIn = 2 x 4 x 2/);
  assert.throws(() => evaluateSamples(ckpt, samples(3), [0, 3, 1], 3), /labels: label 3 of sample 1 is outside 0\.\.2 \(the model has 3 classes\)/);
  assert.throws(() => evaluateSamples(ckpt, new Float32Array(0), [], 0), /no samples to evaluate/);
  const x = samples(2);
  x.fill(NaN);
  assert.throws(() => evaluateSamples(ckpt, x, [0, 1], 2, { skipInvalid: true }), /no samples to evaluate \(all 2 were left out as non-finite\)/);
  // classificationMetrics once crashed with "Cannot read properties of undefined" on label -1.
  assert.throws(() => classificationMetrics([0, -1], [0, 0], 3), (e: unknown) => e instanceof StrnnError && /true label -1 of sample 1 is outside 0\.\.2/.test(e.message));
});

test('formatConfusion: the header columns line up with the counts', () => {
  const text = formatConfusion([[12, 3], [4, 1000]], ['negative', 'pos']);
  assert.equal(text, [
    'true \\ predicted  negative   pos',
    'negative                12     3',
    'pos                      4  1000',
  ].join('\n'));
});

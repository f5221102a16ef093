// Protocol splits and leakage: every unit's test trials are disjoint from its training trials, and
// nothing of a test trial reaches training, validation or the normalisation statistics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FeatureTrial } from '../../src/datasets/types.js';
import { syntheticSeedTrials } from '../../src/synthetic/seed.js';
import { carveValidation } from '../../src/datasets/samples.js';
import { fitNormalization } from '../../src/train/normalize.js';
import { backendFactory } from '../../src/kernels/factory.js';
import { SEED_62 } from '../../src/montage/seed62.js';
import { runUnit } from '../../src/protocols/run-unit.js';
import { makeProtocol, PROTOCOLS } from '../../src/protocols/registry.js';
import { deapSubjectDependent } from '../../src/protocols/deap-sd.js';
import { selectFeatures } from '../../src/protocols/experiment-task.js';
import type { ProtocolUnit } from '../../src/protocols/protocol.js';

const id = (t: FeatureTrial) => `${t.subject}/${t.session}/${t.trial}`;

function seedIvLike(): FeatureTrial[] {
  // 24 trials per subject-session, labels cycling through 4 classes.
  const base = syntheticSeedTrials({ subjects: 3, sessions: 3, durationScale: 0.05, seed: 2 });
  return base.flatMap((t) => (t.trial <= 12 ? [t, { ...t, trial: t.trial + 12, label: (t.trial + 12) % 4 }] : []));
}

function checkDisjoint(units: ProtocolUnit[], what: string): void {
  for (const u of units) {
    const train = new Set(u.train.map(id));
    assert.ok(u.train.length > 0 && u.test.length > 0, `${what} ${u.id}: empty side`);
    for (const t of u.test) assert.ok(!train.has(id(t)), `${what} ${u.id}: test trial ${id(t)} is also a training trial`);
  }
}

test('seed-sd, seed-iv-sd: trials 1-9 / 1-16 train, the rest test, per subject-session; sessions selectable', () => {
  const trials = syntheticSeedTrials({ subjects: 2, sessions: 3, durationScale: 0.05, seed: 1 });
  const sd = makeProtocol('seed-sd', { sessions: [1, 2] }).units(trials);
  assert.equal(sd.length, 4);
  checkDisjoint(sd, 'seed-sd');
  const iv = makeProtocol('seed-iv-sd').units(seedIvLike());
  assert.equal(iv.length, 9);
  checkDisjoint(iv, 'seed-iv-sd');
  for (const u of iv) {
    assert.deepEqual(u.train.map((t) => t.trial), Array.from({ length: 16 }, (_, i) => i + 1));
    assert.deepEqual(u.test.map((t) => t.trial), [17, 18, 19, 20, 21, 22, 23, 24]);
  }
});

test('loso: one unit per subject; no trial of the test subject in training', () => {
  const trials = syntheticSeedTrials({ subjects: 3, sessions: 2, durationScale: 0.05, seed: 1 });
  const units = makeProtocol('loso').units(trials);
  assert.deepEqual(units.map((u) => u.id), ['subject 1', 'subject 2', 'subject 3']);
  checkDisjoint(units, 'loso');
  for (const u of units) {
    const subject = u.test[0]!.subject;
    assert.ok(u.test.every((t) => t.subject === subject));
    assert.ok(u.train.every((t) => t.subject !== subject));
    assert.equal(u.train.length + u.test.length, trials.length);
  }
});

test('cross-session: per subject, two sessions train and the third tests, each session tested once', () => {
  const trials = syntheticSeedTrials({ subjects: 2, sessions: 3, durationScale: 0.05, seed: 1 });
  const units = makeProtocol('cross-session').units(trials);
  assert.equal(units.length, 6);
  checkDisjoint(units, 'cross-session');
  for (const u of units) {
    const session = u.test[0]!.session;
    assert.ok(u.test.every((t) => t.session === session && t.subject === u.train[0]!.subject));
    assert.deepEqual([...new Set(u.train.map((t) => t.session))].sort(), [1, 2, 3].filter((s) => s !== session));
  }
});

test('deap-sd: k folds per subject partition the trials, stratified, seeded, reproducible', () => {
  const trials = syntheticSeedTrials({ subjects: 2, sessions: 3, durationScale: 0.05, seed: 1 }).filter((t) => t.label !== 1);
  const units = deapSubjectDependent({ folds: 5, seed: 7 }).units(trials);
  assert.equal(units.length, 10);
  checkDisjoint(units, 'deap-sd');
  for (const subject of ['1', '2']) {
    const own = units.filter((u) => u.test[0]!.subject === subject);
    const tested = own.flatMap((u) => u.test.map(id)).sort();
    assert.deepEqual(tested, trials.filter((t) => t.subject === subject).map(id).sort(), 'every trial tested exactly once');
    for (const u of own) assert.equal(new Set(u.test.map((t) => t.label)).size, 2, `${u.id}: both classes in the test fold`);
  }
  const again = deapSubjectDependent({ folds: 5, seed: 7 }).units(trials);
  assert.deepEqual(again.map((u) => u.test.map(id)), units.map((u) => u.test.map(id)));
  const other = deapSubjectDependent({ folds: 5, seed: 8 }).units(trials);
  assert.notDeepEqual(other.map((u) => u.test.map(id)), units.map((u) => u.test.map(id)));
});

test('unknown protocol ids get a did-you-mean suggestion', () => {
  assert.throws(() => makeProtocol('loso-'), /unknown protocol 'loso-'; did you mean 'loso'\?/);
  assert.throws(() => makeProtocol('crosssession'), /did you mean 'cross-session'\?/);
  assert.deepEqual(Object.keys(PROTOCOLS).sort(), ['cross-session', 'deap-sd', 'face-10fold', 'loso', 'sd-first-k', 'sd-kfold', 'seed-iv-sd', 'seed-sd', 'subject-kfold']);
});

test('leakage: with test trials poisoned, the unit\'s normalisation equals the fit on training windows alone', async () => {
  const trials = syntheticSeedTrials({ subjects: 1, sessions: 1, durationScale: 0.25, seed: 4 });
  const [unit] = makeProtocol('seed-sd').units(trials);
  // Poison the test trials: any of their values reaching normalisation would move the statistics by ~1e6.
  const poisoned = { ...unit!, test: unit!.test.map((t) => ({ ...t, data: new Float32Array(t.data.length).fill(1e6) })) };
  const backend = await backendFactory('reference');
  const model = { T: 9, dS: 3, kS: 2, dT: 3, kT: 2 };
  const { result, normalization } = runUnit(poisoned, { montage: SEED_62, backend, model, train: { epochs: 1, seed: 1 }, valFraction: 0.2, seed: 1 });
  const expected = fitNormalization(carveValidation(unit!.train, 9, 0.2).train);
  assert.deepEqual(normalization.mean, expected.mean);
  assert.deepEqual(normalization.std, expected.std);
  assert.ok(Math.max(...normalization.mean) < 100, 'no poisoned value in the statistics');
  // Validation samples come from the training trials' tails only.
  const { val } = carveValidation(unit!.train, 9, 0.2);
  assert.ok(result.valSamples === val.count && val.count > 0);
  for (let k = 0; k < val.count; k++) assert.ok(unit!.train[val.trial[k]!]!.trial <= 9);
  // Band selection keeps trial identities and picks the right feature.
  const gamma = selectFeatures(unit!.train[0]!, [4]);
  assert.equal(gamma.trial, unit!.train[0]!.trial);
  assert.equal(gamma.data[3], unit!.train[0]!.data[3 * 5 + 4]);
});

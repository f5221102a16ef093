import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { withTempDir } from '../helpers.js';
import { assignSubjectFolds, faceTenFold } from '../../src/protocols/face-10fold.js';
import { runProtocol } from '../../src/protocols/run-protocol.js';
import { backendFactory } from '../../src/kernels/factory.js';
import { loadCkPlusTrials } from '../../src/datasets/ckplus.js';
import { CKPLUS_CLASSES } from '../../src/datasets/ckplus-facts.js';
import { writeSyntheticFaces } from '../../src/synthetic/faces.js';
import { faceMontage } from '../../src/face/preprocess.js';
import type { FeatureTrial } from '../../src/datasets/types.js';

/** Trials of 23 subjects with 1..5 sequences each (uneven on purpose). */
function fakeTrials(): FeatureTrial[] {
  const trials: FeatureTrial[] = [];
  for (let s = 0; s < 23; s++) {
    for (let q = 1; q <= 1 + ((s * 7) % 5); q++) {
      trials.push({ dataset: 'ckplus', subject: `S${100 + s}`, session: 1, trial: q, label: (s + q) % 7, windows: 1, nodes: 1, features: 1, data: new Float32Array(1) });
    }
  }
  return trials;
}

test('face-10fold: subjects disjoint across folds, every sequence tested exactly once, folds balanced', () => {
  const trials = fakeTrials();
  const units = faceTenFold({ seed: 3 }).units(trials);
  assert.equal(units.length, 10);
  const testedTimes = new Map<FeatureTrial, number>();
  const foldOfSubject = new Map<string, number>();
  units.forEach((u, f) => {
    assert.equal(u.train.length + u.test.length, trials.length);
    const trainSubjects = new Set(u.train.map((t) => t.subject));
    for (const t of u.test) {
      assert.ok(!trainSubjects.has(t.subject), `${u.id}: subject ${t.subject} in train and test`);
      testedTimes.set(t, (testedTimes.get(t) ?? 0) + 1);
      const seen = foldOfSubject.get(t.subject);
      assert.ok(seen === undefined || seen === f, `subject ${t.subject} tested in folds ${seen} and ${f}`);
      foldOfSubject.set(t.subject, f);
    }
  });
  assert.equal(testedTimes.size, trials.length);
  assert.ok([...testedTimes.values()].every((n) => n === 1));
  // greedy balance: fold sizes differ by at most the largest subject's count (5)
  const sizes = units.map((u) => u.test.length);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 5, `fold sizes ${sizes}`);
  assert.equal(sizes.reduce((a, b) => a + b, 0), trials.length);
});

test('face-10fold: the assignment is seeded: same seed same folds, another seed differs', () => {
  const trials = fakeTrials();
  assert.deepEqual(assignSubjectFolds(trials, 10, 7), assignSubjectFolds(trials, 10, 7));
  assert.notDeepEqual([...assignSubjectFolds(trials, 10, 7)], [...assignSubjectFolds(trials, 10, 8)]);
  assert.throws(() => faceTenFold().units(trials.filter((t) => t.subject < 'S105')), {
    message: 'face-10fold: 10 subject-disjoint folds need at least 10 subjects, found 5',
  });
});

test('face-10fold: STRNN trains end to end on a tiny synthetic CK+ tree through runProtocol', async () => {
  await withTempDir(async (dir) => {
    const root = join(dir, 'ck');
    await writeSyntheticFaces('ckplus', root, { subjects: 10, sequencesPerSubject: 1, frames: [3, 4], seed: 4 });
    const trials = await loadCkPlusTrials(root, { preprocess: { T: 3 } });
    assert.equal(trials.length, 10);
    const result = runProtocol(trials, faceTenFold({ seed: 1 }), [...CKPLUS_CLASSES], {
      montage: faceMontage(), backend: await backendFactory('auto'), model: { T: 3, dIn: 64, C: 7, dS: 4, kS: 2, dT: 4, kT: 2 },
      train: { epochs: 2, batchSize: 8, seed: 1, patience: 0 }, valFraction: 0, seed: 1,
    });
    assert.equal(result.protocol.id, 'face-10fold');
    assert.equal(result.units.length, 10);
    assert.deepEqual(result.units.map((u) => [u.trainSamples, u.testSamples]), Array(10).fill([9, 1]));
    for (const u of result.units) {
      assert.equal(u.curves.length, 2);
      assert.ok(u.accuracy === 0 || u.accuracy === 1);
      assert.ok(u.curves.every((c) => Number.isFinite(c.trainLoss)));
    }
    assert.equal(result.summary.units, 10);
    assert.ok(result.summary.accuracy.mean >= 0 && result.summary.accuracy.mean <= 1);
    assert.deepEqual(result.classNames, [...CKPLUS_CLASSES]);
  });
});

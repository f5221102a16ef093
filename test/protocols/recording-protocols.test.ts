// The protocols for any dataset (sd-first-k, sd-kfold, subject-kfold): splits disjoint by trial or
// subject, every trial tested exactly once by the k-fold ones, seeded folds reproducible, and
// refusals naming the subject-session that cannot be split.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FeatureTrial } from '../../src/datasets/types.js';
import { makeProtocol } from '../../src/protocols/registry.js';
import type { ProtocolUnit } from '../../src/protocols/protocol.js';
import { StrnnError } from '../../src/util/errors.js';

const id = (t: FeatureTrial) => `${t.subject}/${t.session}/${t.trial}`;

/** subjects x sessions x trials, label alternating 0/1 (trial order shuffled per subject-session). */
function trials(subjects: number, sessions: number, perSession: number): FeatureTrial[] {
  const out: FeatureTrial[] = [];
  for (let s = 1; s <= subjects; s++) {
    for (let e = 1; e <= sessions; e++) {
      const order = Array.from({ length: perSession }, (_, i) => i + 1).reverse();
      for (const trial of order) out.push({ dataset: 'x', subject: String(s), session: e, trial, label: trial % 2, windows: 1, nodes: 1, features: 1, data: new Float32Array(1) });
    }
  }
  return out;
}

function testedOnce(units: ProtocolUnit[], all: FeatureTrial[]): void {
  const count = new Map<string, number>();
  for (const u of units) {
    const train = new Set(u.train.map(id));
    for (const t of u.test) {
      assert.ok(!train.has(id(t)), `${u.id}: ${id(t)} in train and test`);
      count.set(id(t), (count.get(id(t)) ?? 0) + 1);
    }
  }
  for (const t of all) assert.equal(count.get(id(t)), 1, `${id(t)} tested ${count.get(id(t)) ?? 0} times`);
  assert.equal([...count.values()].reduce((a, b) => a + b, 0), all.length, 'only the expected trials are tested');
}

test('sd-first-k: per subject and session, the first k trials by number train, the rest test', () => {
  const all = trials(2, 2, 6);
  const units = makeProtocol('sd-first-k', { trainTrials: 4 }).units(all);
  assert.equal(units.length, 4);
  assert.equal(units[0]!.id, 'subject 1 / session 1');
  assert.deepEqual(units[0]!.train.map((t) => t.trial), [1, 2, 3, 4]);
  assert.deepEqual(units[0]!.test.map((t) => t.trial), [5, 6]);
  for (const u of units) assert.ok(u.train.concat(u.test).every((t) => `subject ${t.subject} / session ${t.session}` === u.id));
  // Trials 5-6 of each subject-session are tested once; trials 1-4 only train.
  testedOnce(units, all.filter((t) => t.trial > 4));
  assert.match(makeProtocol('sd-first-k', { trainTrials: 4 }).description, /train on the first 4 trials, test on the later ones/);
  assert.throws(() => makeProtocol('sd-first-k', { trainTrials: 6 }).units(all), /subject 1 session 1 has 6 trials; training on the first 6 leaves none to test/);
  assert.throws(() => makeProtocol('sd-first-k'), (e: unknown) => e instanceof StrnnError && e.code === 'USAGE' && /--train-trials/.test(e.hint ?? ''));
});

test('sd-kfold: stratified folds within each subject-session, every trial tested once, same seed same folds', () => {
  const all = trials(2, 2, 10);
  const units = makeProtocol('sd-kfold', { folds: 5, seed: 3 }).units(all);
  assert.equal(units.length, 2 * 2 * 5);
  testedOnce(units, all);
  for (const u of units) assert.deepEqual([...new Set(u.test.map((t) => t.label))].sort(), [0, 1], `${u.id} tests both classes`);
  const again = makeProtocol('sd-kfold', { folds: 5, seed: 3 }).units(all);
  assert.deepEqual(again.map((u) => u.test.map(id)), units.map((u) => u.test.map(id)));
  const other = makeProtocol('sd-kfold', { folds: 5, seed: 4 }).units(all);
  assert.notDeepEqual(other.map((u) => u.test.map(id)), units.map((u) => u.test.map(id)));
  assert.throws(() => makeProtocol('sd-kfold', { folds: 11 }).units(all), /subject 1 session 1 has 10 trials, fewer than 11 folds/);
});

test('subject-kfold: subjects disjoint across folds, every trial tested once', () => {
  const all = trials(5, 2, 3);
  const units = makeProtocol('subject-kfold', { folds: 3, seed: 1 }).units(all);
  assert.equal(units.length, 3);
  testedOnce(units, all);
  for (const u of units) {
    const testSubjects = new Set(u.test.map((t) => t.subject));
    assert.ok(u.train.every((t) => !testSubjects.has(t.subject)), `${u.id}: a test subject is in training`);
  }
  assert.match(units[0]!.id, /^subject fold 1\/3$/);
  assert.throws(() => makeProtocol('subject-kfold', { folds: 6 }).units(all), /subject-kfold: 6 subject-disjoint folds need at least 6 subjects, found 5/);
});

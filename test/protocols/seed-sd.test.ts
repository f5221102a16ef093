import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedSubjectDependent } from '../../src/protocols/seed-sd.js';
import { syntheticSeedTrials } from '../../src/synthetic/seed.js';

test('seed-sd: one unit per subject-session, trials 1-9 train and 10-15 test, disjoint', () => {
  const trials = syntheticSeedTrials({ subjects: 3, sessions: 2, durationScale: 0.05, seed: 1 });
  const units = seedSubjectDependent().units(trials);
  assert.equal(units.length, 6);
  for (const u of units) {
    assert.deepEqual(u.train.map((t) => t.trial), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(u.test.map((t) => t.trial), [10, 11, 12, 13, 14, 15]);
    const owners = new Set([...u.train, ...u.test].map((t) => `${t.subject}/${t.session}`));
    assert.equal(owners.size, 1, `${u.id} mixes subject-sessions`);
    for (const t of u.test) assert.ok(!u.train.includes(t));
  }
  assert.equal(seedSubjectDependent({ sessions: [2] }).units(trials).length, 3);
});

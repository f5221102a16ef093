import { test } from 'node:test';
import assert from 'node:assert/strict';
import { carveValidation, windowTrials } from '../../src/datasets/samples.js';
import type { FeatureTrial } from '../../src/datasets/types.js';
import { syntheticSeedTrials } from '../../src/synthetic/seed.js';
import { SEED_TRIAL_CLASSES, SEED_TRIAL_SECONDS } from '../../src/datasets/seed-facts.js';

function ramp(trial: number, windows: number, label = 0): FeatureTrial {
  // value = trial * 1000 + window: lets a test read back where every sample came from
  const data = Float32Array.from({ length: windows * 2 }, (_, i) => trial * 1000 + Math.floor(i / 2));
  return { dataset: 't', subject: '1', session: 1, trial, label, windows, nodes: 2, features: 1, data };
}

test('windowing: W - T + 1 samples per trial, consecutive windows, never crossing trials', () => {
  const set = windowTrials([ramp(1, 12), ramp(2, 9)], { T: 9 });
  assert.equal(set.count, 4 + 1);
  for (let k = 0; k < set.count; k++) {
    const trial = set.trial[k] === 0 ? 1 : 2;
    for (let t = 0; t < 9; t++) assert.equal(set.x[(k * 9 + t) * 2], trial * 1000 + set.start[k]! + t);
  }
  assert.equal(windowTrials([ramp(1, 12)], { T: 3, stride: 4 }).count, 3); // starts 0, 4, 8
});

test('validation carve-out: no training sample shares a window with a validation sample', () => {
  const trials = [ramp(1, 40), ramp(2, 33)];
  const { train, val } = carveValidation(trials, 9, 0.3);
  assert.ok(val.count > 0 && train.count > 0);
  for (let trial = 0; trial < 2; trial++) {
    const trainWindows = new Set<number>();
    const valWindows = new Set<number>();
    for (let k = 0; k < train.count; k++) if (train.trial[k] === trial) for (let t = 0; t < 9; t++) trainWindows.add(train.start[k]! + t);
    for (let k = 0; k < val.count; k++) if (val.trial[k] === trial) for (let t = 0; t < 9; t++) valWindows.add(val.start[k]! + t);
    for (const w of valWindows) assert.ok(!trainWindows.has(w), `trial ${trial}: window ${w} in both parts`);
  }
});

test('synthetic SEED: SEED label order and trial lengths, 62 x 5 DE-like values', () => {
  const trials = syntheticSeedTrials({ subjects: 2, sessions: 1, durationScale: 1, seed: 4 });
  assert.equal(trials.length, 30);
  assert.deepEqual(trials.slice(0, 15).map((t) => t.label), [...SEED_TRIAL_CLASSES]);
  assert.deepEqual(trials.slice(0, 15).map((t) => t.windows), [...SEED_TRIAL_SECONDS]);
  const all = trials.flatMap((t) => Array.from(t.data));
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  assert.ok(mean > 14 && mean < 22, `mean DE ${mean}`);
  const sorted = all.sort((a, b) => a - b);
  assert.ok(sorted[Math.floor(sorted.length * 0.01)]! > 8 && sorted[Math.floor(sorted.length * 0.99)]! < 30);
  // Seeded: same seed, same data; other seed, other data.
  const again = syntheticSeedTrials({ subjects: 2, sessions: 1, durationScale: 1, seed: 4 });
  assert.deepEqual(again[3]!.data, trials[3]!.data);
  assert.notDeepEqual(syntheticSeedTrials({ subjects: 1, sessions: 1, seed: 5 })[3]!.data, trials[3]!.data);
});

test('short trials: validation holds out whole subjects, seeded; one subject gets none', async () => {
  const { holdOutTrials, validationSplit } = await import('../../src/datasets/samples.js');
  const faces = Array.from({ length: 20 }, (_, i) => ({ ...ramp(i + 1, 3, i % 2), subject: `S${i % 5}` }));
  const { train, val } = holdOutTrials(faces, 0.2, 1);
  assert.equal(train.length + val.length, 20);
  const valSubjects = new Set(val.map((t) => t.subject));
  assert.equal(valSubjects.size, 1);
  for (const t of train) assert.ok(!valSubjects.has(t.subject));
  assert.deepEqual(holdOutTrials(faces, 0.2, 1).val, val);
  const split = validationSplit(faces, 3, 0.2, 1);
  assert.equal(split.method, 'held-out-trials');
  assert.equal(split.val.count, val.length);
  // One subject: no validation; long trials keep the window-tail carve-out.
  const one = holdOutTrials(faces.map((t) => ({ ...t, subject: 'S0' })), 0.2, 1);
  assert.equal(one.val.length, 0);
  assert.equal(validationSplit(faces.map((t) => ({ ...t, subject: 'S0' })), 3, 0.2, 1).method, 'none');
  assert.equal(validationSplit([ramp(1, 40), ramp(2, 40)], 9, 0.3, 1).method, 'window-tail');
});

// What a protocol run must say and record: a unit with no validation samples (warned once per run),
// test trials shorter than T that give no sample (named, not silently dropped), and the
// majority-class baseline next to chance in the summary and the text report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referenceBackend } from '../../src/kernels/ref/index.js';
import type { BackendFactory } from '../../src/kernels/factory.js';
import { gridMontage } from '../../src/montage/montage.js';
import type { FeatureTrial } from '../../src/datasets/types.js';
import { runProtocol } from '../../src/protocols/run-protocol.js';
import type { Protocol } from '../../src/protocols/protocol.js';
import { formatExperiment } from '../../src/report/text.js';
import { Rng } from '../../src/util/random.js';

const backend: BackendFactory = { name: 'reference', dtype: 'float32', create: () => referenceBackend('float32') };

function trial(rng: Rng, n: number, label: number, windows: number): FeatureTrial {
  const data = Float32Array.from({ length: windows * 6 * 2 }, (_, j) => rng.normal() + (j % 12 === 0 ? 2 * label : 0));
  return { dataset: 't', subject: '1', session: 1, trial: n, label, windows, nodes: 6, features: 2, data };
}

test('no validation, a too-short test trial and the majority baseline are reported once and recorded per unit', () => {
  const rng = new Rng(4);
  // 4-window training trials: a validation tail of T = 3 windows at fraction 0.2 does not fit, and
  // one subject cannot be held out, so the unit trains without validation. Labels 0,0,1 (majority 0).
  const train = [trial(rng, 1, 0, 4), trial(rng, 2, 0, 4), trial(rng, 3, 1, 4), trial(rng, 4, 0, 4), trial(rng, 5, 0, 4), trial(rng, 6, 1, 4)];
  const test = [trial(rng, 7, 0, 5), trial(rng, 8, 1, 4), trial(rng, 9, 1, 2)];
  const units = [{ id: 'unit A', train, test }, { id: 'unit B', train, test: test.slice(0, 2) }];
  const protocol: Protocol = { id: 'fixed', description: 'two fixed units', units: () => units };
  const r = runProtocol([...train, ...test], protocol, ['low', 'high'], {
    montage: gridMontage(2, 3), backend, model: { T: 3, dIn: 2, C: 2, dS: 4, kS: 2, dT: 4, kT: 2 },
    train: { epochs: 3, batchSize: 8, seed: 1 }, valFraction: 0.2, seed: 1,
  });
  const [a, b] = r.units;
  assert.equal(a!.validation, 'none');
  assert.equal(a!.valSamples, 0);
  assert.equal(a!.stop.reason, 'no-validation');
  assert.deepEqual(a!.droppedTestTrials, ['t subject 1 session 1 trial 9 (2 windows, T = 3)']);
  assert.deepEqual(b!.droppedTestTrials, []);
  // Test samples: trial 7 gives 3 (class 0), trial 8 gives 2 (class 1); the majority class 0 scores 3/5.
  assert.equal(a!.testSamples, 5);
  assert.equal(a!.majorityClass, 0);
  assert.equal(a!.majorityAccuracy, 3 / 5);
  assert.equal(r.summary.majorityAccuracy.mean, 3 / 5);

  assert.equal(r.warnings.length, 2);
  assert.match(r.warnings[0]!, /^2 of 2 units had no validation samples, so they trained every epoch without early stopping \(unit A; unit B\)/);
  assert.match(r.warnings[1]!, /^1 test trials are shorter than T windows and give no test sample, so the accuracy leaves them out \(unit A: t subject 1 session 1 trial 9 \(2 windows, T = 3\)\)/);
  const text = formatExperiment(r);
  assert.match(text, /chance 50\.00 %, majority class 60\.00 %\)/);
  assert.equal(text.split('\n').filter((l) => l.startsWith('warning: ')).length, 2, 'each warning once');
});

// What experiment units keep: the best-epoch checkpoint reproduces the saved test predictions and
// the unit's accuracy, it records how it was trained, predictions name subject/session/trial/window,
// results.json units carry subject and session, results.csv holds the same numbers, and
// saveModels: false keeps everything but the model.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticDataset } from '../../src/synthetic/tree.js';
import { planExperiment, runExperiment, type ExperimentConfig, type ExperimentReport } from '../../src/protocols/experiment.js';
import { loadCheckpoint } from '../../src/formats/checkpoint.js';
import { referenceBackend } from '../../src/kernels/ref/index.js';
import { windowTrials } from '../../src/datasets/samples.js';
import { predictProbabilities } from '../../src/eval/predict.js';
import type { PredictionRow, UnitSalience } from '../../src/protocols/unit-artifacts.js';

let dir: string;
let config: ExperimentConfig;
let report: ExperimentReport;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strnn-units-'));
  writeSyntheticDataset('seed', join(dir, 'SEED'), { subjects: 2, durationScale: 0.08, seed: 4 });
  config = {
    dataset: 'seed', root: join(dir, 'SEED'), protocol: 'seed-sd', load: { feature: 'de_LDS', sessions: [1] }, protocolOptions: { sessions: [1] },
    bands: ['all'], model: { dS: 4, kS: 3, dT: 4, kT: 2 }, train: { epochs: 3 }, valFraction: 0.2, seed: 3, backend: 'auto', jobs: 1,
  };
  report = await runExperiment({ ...config, out: join(dir, 'run') });
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('each unit folder holds unit.json, predictions, salience and a checkpoint that reproduces the predictions', async () => {
  const plan = await planExperiment(config);
  assert.equal(report.units.length, 2);
  for (const [i, u] of report.units.entries()) {
    const unitDir = join(dir, 'run', 'units', u.key);
    assert.deepEqual(readdirSync(unitDir).sort(), ['model', 'predictions.json', 'salience.json', 'unit.json']);
    const { rows } = JSON.parse(readFileSync(join(unitDir, 'predictions.json'), 'utf8')) as { rows: PredictionRow[] };
    assert.equal(rows.length, u.testSamples);
    assert.ok(rows.every((r) => r.subject === u.subject && r.session === 1 && r.trial >= 10 && r.window >= 0));
    const correct = rows.filter((r) => r.label === r.predicted).length;
    assert.equal(correct / rows.length, u.accuracy, 'accuracy recomputed from the saved predictions');

    const ckpt = loadCheckpoint(join(unitDir, 'model'), referenceBackend('float32'));
    const test = windowTrials(plan.tasks[i]!.test.map((t) => plan.trials[t]!), { T: ckpt.model.config.T });
    const probs = predictProbabilities(ckpt, test.x, test.count);
    rows.forEach((r, k) => r.probabilities.forEach((p, c) => assert.ok(Math.abs(p - probs[k * 3 + c]!) < 1e-5, `sample ${k} class ${c}: ${p} vs ${probs[k * 3 + c]}`)));
    const info = ckpt.info as Record<string, unknown>;
    assert.equal(info.bestEpoch, u.bestEpoch);
    assert.deepEqual(info.curves, u.curves);
    assert.ok(typeof info.strnnVersion === 'string' && (info.data as { dataset: string }).dataset === 'seed');
    assert.equal((info.hyperparameters as { model: { dS: number } }).model.dS, 4);
    assert.deepEqual(info.featureNames, ['delta', 'theta', 'alpha', 'beta', 'gamma']);

    const salience = JSON.parse(readFileSync(join(unitDir, 'salience.json'), 'utf8')) as UnitSalience;
    assert.equal(salience.projection.node.length, 62);
    assert.equal(salience.integratedGradients.perClass.length, 3);
    assert.ok(salience.integratedGradients.all.node.every((v) => Number.isFinite(v) && v >= 0));
  }
});

test('results.json units carry subject and session; results.csv has one row per unit with the same numbers', () => {
  const saved = JSON.parse(readFileSync(join(dir, 'run', 'results.json'), 'utf8')) as ExperimentReport;
  assert.deepEqual(saved.units.map((u) => [u.subject, u.session, u.fold]), [['1', 1, undefined], ['2', 1, undefined]]);
  const [header, ...rows] = readFileSync(join(dir, 'run', 'results.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  assert.equal(rows.length, 2);
  const col = (name: string) => header!.indexOf(name);
  rows.forEach((r, i) => {
    assert.equal(Number(r[col('accuracy')]), saved.units[i]!.accuracy);
    assert.equal(r[col('subject')], saved.units[i]!.subject);
    assert.equal(r[col('fold')], '');
    assert.equal(Number(r[col('f1_neutral')]), saved.units[i]!.perClass[1]!.f1);
  });
});

test('saveModels: false keeps predictions and salience but no checkpoint', async () => {
  const r = await runExperiment({ ...config, out: join(dir, 'no-models'), saveModels: false, maxNewUnits: 1 });
  const unitDir = join(dir, 'no-models', 'units', r.units[0]!.key);
  assert.ok(existsSync(join(unitDir, 'salience.json')) && existsSync(join(unitDir, 'predictions.json')));
  assert.ok(!existsSync(join(unitDir, 'model')));
  assert.equal(r.complete, false);
  assert.equal((JSON.parse(readFileSync(join(dir, 'no-models', 'results.json'), 'utf8')) as ExperimentReport).complete, false, 'results.json is written after each unit, marked incomplete');
});

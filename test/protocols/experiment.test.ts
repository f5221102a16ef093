// runExperiment: resume after a partial run recomputes nothing and gives the same results as an
// uninterrupted run; worker threads give the same numbers as --jobs 1; unit task splits never leak.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticDataset } from '../../src/synthetic/tree.js';
import { planExperiment, runExperiment, type ExperimentConfig, type ExperimentReport } from '../../src/protocols/experiment.js';

let dir: string;
let config: ExperimentConfig;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'strnn-experiment-'));
  writeSyntheticDataset('seed', join(dir, 'SEED'), { subjects: 2, durationScale: 0.06, seed: 5 });
  config = {
    dataset: 'seed', root: join(dir, 'SEED'), protocol: 'seed-sd', load: { feature: 'de_LDS', sessions: [1, 2] }, protocolOptions: { sessions: [1, 2] },
    bands: ['all', 'gamma'], model: { dS: 3, kS: 2, dT: 3, kT: 2 }, train: { epochs: 2 }, valFraction: 0.2, seed: 11, backend: 'auto', jobs: 1,
  };
});
after(() => rmSync(dir, { recursive: true, force: true }));

// Everything but wall-clock times.
const numbers = (r: ExperimentReport) => r.units.map((u) => ({
  id: u.id, bands: u.bands, seed: u.seed, key: u.key, accuracy: u.accuracy, macroF1: u.macroF1, confusion: u.confusion,
  curves: u.curves.map(({ seconds: _s, ...rest }) => rest),
}));

test('plan: 4 units x 2 band selections, disjoint trial indices, d_in 5 for all and 1 for a band', async () => {
  const plan = await planExperiment(config);
  assert.equal(plan.tasks.length, 8);
  for (const t of plan.tasks) {
    const train = new Set(t.train);
    assert.ok(t.test.every((i) => !train.has(i)), `${t.unitId}: a test trial is in training`);
    assert.equal(t.model.dIn, t.bands === 'all' ? 5 : 1);
  }
  assert.equal(new Set(plan.tasks.map((t) => t.seed)).size, 8, 'one seed per unit and band selection');
});

test('resume: a partial run, then a resumed run, recompute nothing and equal an uninterrupted run; --jobs 2 equals --jobs 1', async () => {
  const resumed = join(dir, 'resumed');
  const partial = await runExperiment({ ...config, out: resumed, maxNewUnits: 3 });
  assert.equal(partial.complete, false);
  assert.equal(partial.computedUnits, 3);
  assert.equal(readdirSync(join(resumed, 'units')).length, 3);
  const unitFile = (key: string) => join(resumed, 'units', key, 'unit.json');
  const firstFiles = Object.fromEntries(readdirSync(join(resumed, 'units')).map((key) => [key, readFileSync(unitFile(key), 'utf8')]));

  const rest = await runExperiment({ ...config, out: resumed });
  assert.equal(rest.complete, true);
  assert.equal(rest.reusedUnits, 3);
  assert.equal(rest.computedUnits, 5, 'only the missing units are computed');
  for (const [key, text] of Object.entries(firstFiles)) assert.equal(readFileSync(unitFile(key), 'utf8'), text, `${key} rewritten`);

  const again = await runExperiment({ ...config, out: resumed });
  assert.equal(again.computedUnits, 0);

  const straight = await runExperiment({ ...config, out: join(dir, 'straight') });
  assert.deepEqual(numbers(rest), numbers(straight));
  const parallel = await runExperiment({ ...config, jobs: 2, out: join(dir, 'parallel') });
  assert.deepEqual(numbers(parallel), numbers(straight));

  const saved = JSON.parse(readFileSync(join(resumed, 'results.json'), 'utf8')) as ExperimentReport;
  assert.equal(saved.table.length, 2);
  assert.equal(saved.table[0]!.units, 4);
  assert.deepEqual(saved.units[0]!.confusion.classNames, ['negative', 'neutral', 'positive']);

  // A changed setting into the same folder is refused, naming what differs; force replaces the old
  // results, and nothing stale is reused (every key changes).
  await assert.rejects(runExperiment({ ...config, seed: 12, bands: ['all'], out: resumed, maxNewUnits: 1 }),
    (e: Error & { code?: string }) => e.code === 'USAGE' && /other settings \(bands, seed differ\)/.test(e.message));
  const other = await runExperiment({ ...config, seed: 12, bands: ['all'], out: resumed, maxNewUnits: 1, force: true });
  assert.equal(other.reusedUnits, 0);
  assert.equal(readdirSync(join(resumed, 'units')).length, 1, 'the old units were removed');
});

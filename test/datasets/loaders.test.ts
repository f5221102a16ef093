// Every loader on trees written by writeSyntheticDataset (the real layouts), plus degenerate inputs.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, renameSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticDataset } from '../../src/synthetic/tree.js';
import { listSeedRecords, loadSeedFeatureTrials, loadSeedRecordings, readSeedFeatureRecord, readSeedLabels, parseSeedFeature } from '../../src/datasets/seed.js';
import { listSeedIvRecords, loadSeedIvFeatureTrials, loadSeedIvRecordings } from '../../src/datasets/seed-iv.js';
import { deapClass, deapFeatureTrials, listDeapRecords, readDeapRecord } from '../../src/datasets/deap.js';
import { SEED_FILE_LABELS, SEED_TRIAL_CLASSES } from '../../src/datasets/seed-facts.js';
import { SEED_IV_SESSION_LABELS } from '../../src/datasets/seed-iv-facts.js';
import { syntheticSeedTrials } from '../../src/synthetic/seed.js';
import { matNumeric, openMat, writeMat } from '../../src/formats/mat/index.js';
import { DEAP_32 } from '../../src/montage/deap32.js';
import { SEED_62 } from '../../src/montage/seed62.js';
import { getDataset } from '../../src/datasets/registry.js';
import { repoPath } from '../helpers.js';
import type { Recording } from '../../src/datasets/types.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'strnn-loaders-'));
  writeSyntheticDataset('seed', join(dir, 'SEED'), { subjects: 2, durationScale: 0.05, seed: 3, raw: true, rawSubjects: 1 });
  writeSyntheticDataset('seed-iv', join(dir, 'SEED_IV'), { subjects: 2, durationScale: 0.05, seed: 3, raw: true, rawSubjects: 1 });
  writeSyntheticDataset('deap', join(dir, 'DEAP'), { subjects: 2, durationScale: 0.05, seed: 3 });
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('SEED features: real names, 3 sessions per subject by date, 15 trials by number, values equal the generator', async () => {
  const folder = join(dir, 'SEED', 'ExtractedFeatures');
  const records = listSeedRecords(folder);
  assert.deepEqual(records.map((r) => `${r.file}:${r.session}`), [
    '1_20131027.mat:1', '1_20131030.mat:2', '1_20131107.mat:3', '2_20140404.mat:1', '2_20140413.mat:2', '2_20140419.mat:3',
  ]);
  const trials = await loadSeedFeatureTrials(join(dir, 'SEED'), { feature: 'de_LDS' });
  assert.equal(trials.length, 2 * 3 * 15);
  // Source of the expected values: the generator the writer used (same seed, same scale).
  const expected = syntheticSeedTrials({ subjects: 2, sessions: 3, durationScale: Math.max(0.05, 13 / 185), seed: 3 });
  trials.forEach((t, i) => {
    const e = expected[i]!;
    assert.deepEqual([t.subject, t.session, t.trial, t.label, t.windows, t.nodes, t.features], [e.subject, e.session, e.trial, e.label, e.windows, 62, 5]);
    assert.deepEqual(t.data, e.data);
  });
  assert.deepEqual(trials.slice(0, 15).map((t) => t.label), [...SEED_TRIAL_CLASSES]);
  // The other features read as arrays of their own node counts.
  for (const [id, nodes] of [['psd_movingAve', 62], ['dasm_LDS', 27], ['rasm_movingAve', 27], ['asm_LDS', 54], ['dcau_LDS', 23]] as const) {
    const [first] = await readSeedFeatureRecord(records[0]!, parseSeedFeature(id), SEED_TRIAL_CLASSES);
    assert.equal(first!.nodes, nodes, id);
    assert.equal(first!.trial, 1);
  }
  assert.deepEqual(await readSeedLabels(folder), SEED_FILE_LABELS.map((l) => l + 1));
  assert.throws(() => getDataset('seed').montage({ feature: 'dasm_LDS' }), /dasm_LDS has 27 nodes .* no grid montage/);
  assert.equal(getDataset('seed').montage({ feature: 'psd_LDS' }), SEED_62);
});

test('SEED label.mat written by an independent tool (double stored as int8) maps -1/0/1 to 0/1/2', async () => {
  const labels = await readSeedLabels(repoPath('test', 'fixtures', 'mat'));
  assert.deepEqual(labels, SEED_FILE_LABELS.map((l) => l + 1));
});

test('SEED raw: <initials>_eeg<n> sorted by number, 62 x (200·W + 1) at 200 Hz, labels from label.mat', async () => {
  const gen = loadSeedRecordings(join(dir, 'SEED'));
  const first = (await gen.next()).value as Recording[];
  assert.equal(first.length, 15);
  assert.deepEqual(first.map((r) => r.trial), Array.from({ length: 15 }, (_, i) => i + 1));
  const features = await loadSeedFeatureTrials(join(dir, 'SEED'), { feature: 'de_LDS', subjects: [1], sessions: [1] });
  first.forEach((r, i) => {
    assert.equal(r.channels, 62);
    assert.equal(r.fsHz, 200);
    assert.equal(r.samples, 200 * features[i]!.windows + 1);
    assert.equal(r.label, SEED_TRIAL_CLASSES[i]);
    assert.match(r.source, /1_20131027\.mat:djc_eeg\d+$/);
  });
  let count = 1;
  while (!(await gen.next()).done) count++;
  assert.equal(count, 3, 'raw tree holds one subject x 3 sessions');
});

test('SEED-IV: session = folder, 24 trials with the per-session label table, 4 classes; raw 62 x samples', async () => {
  const records = listSeedIvRecords(join(dir, 'SEED_IV', 'eeg_feature_smooth'));
  assert.deepEqual(records.map((r) => `${r.subject}/${r.session}`), ['1/1', '1/2', '1/3', '2/1', '2/2', '2/3']);
  const trials = await loadSeedIvFeatureTrials(join(dir, 'SEED_IV'), { feature: 'de_movingAve' });
  assert.equal(trials.length, 2 * 3 * 24);
  for (const t of trials) assert.equal(t.label, SEED_IV_SESSION_LABELS[t.session - 1]![t.trial - 1]);
  assert.ok(trials.every((t) => t.nodes === 62 && t.features === 5 && t.windows >= 13));
  const raw = (await loadSeedIvRecordings(join(dir, 'SEED_IV')).next()).value as Recording[];
  assert.equal(raw.length, 24);
  assert.equal(raw[23]!.trial, 24);
  await assert.rejects(loadSeedIvFeatureTrials(join(dir, 'SEED_IV'), { feature: 'dasm_LDS' }), /unknown SEED-IV feature 'dasm_LDS'/);
});

test('DEAP: 40 trials of 32 EEG channels, baseline dropped (or subtracted), valence > 5 high and 5 itself low; DE on the deap-32 montage', async () => {
  const [record] = listDeapRecords(join(dir, 'DEAP', 'data_preprocessed_matlab'));
  const trials = await readDeapRecord(record!, { target: 'valence' });
  assert.equal(trials.length, 40);
  const W = 15; // max(15, 60 · 0.05) seconds
  assert.ok(trials.every((t) => t.channels === 32 && t.samples === 128 * W && t.fsHz === 128));
  assert.equal(trials[0]!.channelNames[16], 'Fp2');
  for (const t of trials) assert.equal(t.label, t.ratings.valence > 5 ? 1 : 0);
  assert.ok(trials.some((t) => t.ratings.valence === 5 && t.label === 0), 'the tie rating 5 is present and counts as low');
  assert.equal(deapClass(5), 0);
  assert.equal(deapClass(5.01), 1);
  assert.equal(trials.filter((t) => t.label === 1).length, 20);
  const subtracted = await readDeapRecord(record!, { target: 'arousal', baseline: 'subtract' });
  assert.notDeepEqual(subtracted[0]!.data, trials[0]!.data);
  const features = deapFeatureTrials(trials.slice(0, 2));
  assert.deepEqual([features[0]!.windows, features[0]!.nodes, features[0]!.features], [W, 32, 4]);
  assert.equal(DEAP_32.nodes.length, 32);
  assert.deepEqual(DEAP_32.nodes.find((n) => n.name === 'Oz'), { name: 'Oz', row: 8, col: 4 });
});

test('degenerate input: one class only, missing trial variable, wrong shapes, missing session file are refused naming the file', async () => {
  const work = mkdtempSync(join(tmpdir(), 'strnn-bad-'));
  try {
    const src = join(dir, 'SEED', 'ExtractedFeatures');
    const bad = join(work, 'ExtractedFeatures');
    writeSyntheticDataset('seed', work, { subjects: 1, durationScale: 0.05, seed: 9 });
    writeMat(join(bad, 'label.mat'), { label: matNumeric(new Float64Array(15).fill(1), [1, 15]) });
    await assert.rejects(loadSeedFeatureTrials(work, { feature: 'de_LDS' }), /label\.mat: variable "label": every trial has the same class \(negative 0, neutral 0, positive 15\)/);
    copyFileSync(join(src, 'label.mat'), join(bad, 'label.mat'));

    // A feature file whose de_LDS7 is missing and whose de_LDS3 has the wrong node count.
    const f = await openMat(join(bad, '1_20131027.mat'));
    const vars: Record<string, ReturnType<typeof matNumeric>> = {};
    for (const n of f.names()) if (/^de_LDS\d+$/.test(n) && n !== 'de_LDS7') vars[n] = f.read(n) as ReturnType<typeof matNumeric>;
    f.close();
    writeMat(join(bad, '1_20131027.mat'), vars);
    await assert.rejects(loadSeedFeatureTrials(work, { feature: 'de_LDS' }), /1_20131027\.mat: expected variables de_LDS<trial> numbered 1\.\.15, found 14/);
    vars.de_LDS7 = vars.de_LDS1!;
    vars.de_LDS3 = matNumeric(new Float64Array(61 * 4 * 5), [61, 4, 5]);
    writeMat(join(bad, '1_20131027.mat'), vars);
    await assert.rejects(loadSeedFeatureTrials(work, { feature: 'de_LDS' }), /variable "de_LDS3": expected one axis of 62 nodes and one of 5 bands .* found 61x4x5/);
    // Transposed storage (W x 5 x 62) is found by its axis sizes.
    vars.de_LDS3 = matNumeric(new Float64Array(7 * 5 * 62).fill(12), [7, 5, 62]);
    writeMat(join(bad, '1_20131027.mat'), vars);
    const trials = await loadSeedFeatureTrials(work, { feature: 'de_LDS', sessions: [1] });
    assert.equal(trials[2]!.windows, 7);
    // A subject with a missing session file.
    renameSync(join(bad, '1_20131030.mat'), join(work, 'moved.mat'));
    await assert.rejects(loadSeedFeatureTrials(work, { feature: 'de_LDS' }), /subject 1 has 2 files .*SEED has 3 sessions per subject/);
    assert.ok(readdirSync(bad).length > 0);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('DEAP degenerate input: all ratings on one side of 5 is refused naming the variable', async () => {
  const work = mkdtempSync(join(tmpdir(), 'strnn-bad-deap-'));
  try {
    writeMat(join(work, 's01.mat'), {
      data: matNumeric(new Float64Array(40 * 40 * 400), [40, 40, 400]),
      labels: matNumeric(new Float64Array(160).fill(3), [40, 4]),
    });
    const [record] = listDeapRecords(work);
    await assert.rejects(readDeapRecord(record!, { target: 'valence' }), /s01\.mat: variable "labels" \(valence > 5\): every trial has the same class \(low-valence 40, high-valence 0\)/);
    writeMat(join(work, 's01.mat'), { data: matNumeric(new Float64Array(40 * 32 * 400), [40, 32, 400]), labels: matNumeric(new Float64Array(160).fill(3), [40, 4]) });
    await assert.rejects(readDeapRecord(record!, { target: 'valence' }), /variable "data": expected 40 trials x 40 channels x samples .* found 40x32x400/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

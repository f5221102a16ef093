// extractFeatures (src/datasets/feature-tree.ts) on a tiny synthetic raw SEED tree: outputs equal a
// direct computeTrialFeatures call, per-file resume (rerun, touched source, changed option), identical
// bytes for any job count, refusals naming the file and trial. Other layouts: feature-tree-inputs.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMat } from '../../src/formats/mat/index.js';
import { readFeature } from './feature-files.js';
import { computeTrialFeatures } from '../../src/signal/trial-features.js';
import { extractFeatures, parseBandTable, type ExtractOptions } from '../../src/datasets/feature-tree.js';
import { readSeedRawRecord, listSeedRecords, readSeedLabels } from '../../src/datasets/seed.js';
import { writeSyntheticDataset } from '../../src/synthetic/tree.js';
import { withTempDir } from '../helpers.js';

const TINY = { subjects: 1, durationScale: 0.01, raw: true, rawSubjects: 1, compress: false };

// One tiny raw SEED tree (1 subject x 3 sessions x 15 trials of 13 s) shared by the tests of this file.
let shared: string;
before(() => {
  shared = mkdtempSync(join(tmpdir(), 'strnn-features-'));
  writeSyntheticDataset('seed', join(shared, 'SEED'), TINY);
});
after(() => rmSync(shared, { recursive: true, force: true }));


const mtimes = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, statSync(join(dir, f)).mtimeMs]));

test('SEED raw tree: values equal computeTrialFeatures, label.mat copied, resume per file, option change recomputes all', async () => {
  await withTempDir(async (dir) => {
    // A copy: this test touches a source file.
    cpSync(join(shared, 'SEED'), join(dir, 'SEED'), { recursive: true });
    const out = join(dir, 'F');
    const first = await extractFeatures(join(dir, 'SEED'), out, { jobs: 1 });
    assert.equal(first.layout, 'seed');
    assert.deepEqual([first.computed, first.reused], [3, 0]);
    assert.deepEqual(first.montages, ['seed-62']);
    const folder = join(out, 'ExtractedFeatures');
    assert.equal(first.outFolder, folder);
    assert.deepEqual(readdirSync(folder).sort(), ['1_20131027.mat', '1_20131030.mat', '1_20131107.mat', 'features-manifest.json', 'label.mat']);
    assert.ok(readFileSync(join(folder, 'label.mat')).equals(readFileSync(join(dir, 'SEED', 'Preprocessed_EEG', 'label.mat'))));

    // Values: trial 7 of session 2 against a direct call (property: same code path, exact equality).
    const record = listSeedRecords(join(dir, 'SEED', 'Preprocessed_EEG'))[1]!;
    const trial = (await readSeedRawRecord(record, await readSeedLabels(join(dir, 'SEED', 'Preprocessed_EEG'))))[6]!;
    const path = join(folder, record.file);
    for (const [name, smoothing, psd] of [['de_LDS7', 'lds', false], ['de_movingAve7', 'moving-average', false], ['psd_LDS7', 'lds', true]] as const) {
      const direct = computeTrialFeatures(trial.data as Float64Array, 62, 200, { smoothing, psd });
      const got = await readFeature(path, name);
      assert.deepEqual(got.dims, [62, direct.windows.count, 5], name);
      assert.deepEqual(got.data, psd ? direct.psd : direct.de, name);
    }
    const file = await openMat(path);
    assert.deepEqual(file.names().filter((n) => /\D1$/.test(n)).sort(), ['de_LDS1', 'de_movingAve1', 'psd_LDS1', 'psd_movingAve1']);
    assert.equal(file.names().length, 60);
    file.close();

    const before = mtimes(folder);
    const again = await extractFeatures(join(dir, 'SEED'), out, { jobs: 1 });
    assert.deepEqual([again.computed, again.reused], [0, 3]);
    assert.deepEqual(mtimes(folder), before, 'a rerun touches nothing');

    const touched = join(dir, 'SEED', 'Preprocessed_EEG', '1_20131030.mat');
    const later = new Date(statSync(touched).mtimeMs + 5000);
    utimesSync(touched, later, later);
    const third = await extractFeatures(join(dir, 'SEED'), out, { jobs: 1 });
    assert.deepEqual(third.files.map((f) => [f.file, f.reused]), [['1_20131027.mat', true], ['1_20131030.mat', false], ['1_20131107.mat', true]]);

    const lds = await extractFeatures(join(dir, 'SEED'), out, { jobs: 1, smoothings: ['LDS'], kinds: ['de'], });
    assert.deepEqual([lds.computed, lds.reused], [3, 0]);
    const only = await openMat(path);
    assert.deepEqual(only.names().length, 15);
    assert.ok(only.names().every((n) => /^de_LDS\d+$/.test(n)));
    only.close();
  });
});

test('identical bytes for jobs 1 and jobs 3; a failing trial names its file and variable', async () => {
  await withTempDir(async (dir) => {
    const seed = join(shared, 'SEED');
    const options: ExtractOptions = { kinds: ['de'], smoothings: ['LDS'] };
    const a = await extractFeatures(seed, join(dir, 'A'), { ...options, jobs: 1 });
    const b = await extractFeatures(seed, join(dir, 'B'), { ...options, jobs: 3 });
    assert.equal(b.jobs, Math.min(3, availableParallelism())); // capped by the cores (src/util/workers.ts)
    for (const f of readdirSync(join(dir, 'A', 'ExtractedFeatures'))) {
      assert.ok(readFileSync(join(dir, 'A', 'ExtractedFeatures', f)).equals(readFileSync(join(dir, 'B', 'ExtractedFeatures', f))), f);
    }
    assert.deepEqual(a.files.map((f) => f.key), b.files.map((f) => f.key));

    // 75 Hz: gamma (31-50 Hz) does not fit below Nyquist.
    await assert.rejects(extractFeatures(seed, join(dir, 'C'), { jobs: 2, bands: parseBandTable('low:1-3,high:60-120') }),
      /Preprocessed_EEG\/1_20131027\.mat:\w+_eeg1: sampling rate 200 Hz is too low for the band table .*band 'high' \[60, 120\] Hz/);
    await assert.rejects(extractFeatures(seed, seed, { jobs: 2 }),
      /SEED\/ExtractedFeatures\/1_20131027\.mat exists and was not written by strnn features \(it is not in features-manifest\.json\); refusing to overwrite it/);
    await assert.rejects(extractFeatures(seed, join(dir, 'C'), { jobs: 2, windowSec: 30 }),
      /1_20131027\.mat:\w+_eeg1: trial of \d+ samples \([\d.]+ s at 200 Hz\) is shorter than one 30-s window/);
  });
});


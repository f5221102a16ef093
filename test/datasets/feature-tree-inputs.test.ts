// extractFeatures on every input layout but SEED's (feature-tree.test.ts): SEED-IV eeg_raw_data,
// DEAP data_preprocessed_matlab, EDF/BDF files (SEED names matched in any case and order, DEAP names,
// own names); refusals name the file and what was expected (sampling rate, trial length, flat channel).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { matNumeric, openMat, writeMat, type MatValue } from '../../src/formats/mat/index.js';
import { readFeature } from './feature-files.js';
import { readEdf, writeEdf } from '../../src/formats/edf/index.js';
import { SEED_CHANNELS } from '../../src/montage/seed62.js';
import { DEAP_CHANNELS } from '../../src/montage/deap32.js';
import { computeTrialFeatures } from '../../src/signal/trial-features.js';
import { SEED_BANDS } from '../../src/signal/bands.js';
import { extractFeatures, parseBandTable } from '../../src/datasets/feature-tree.js';
import { writeSyntheticDataset } from '../../src/synthetic/tree.js';
import type { StrnnError } from '../../src/util/errors.js';
import { Rng } from '../../src/util/random.js';
import { withTempDir } from '../helpers.js';

/** A SEED-IV eeg_raw_data tree of one subject: 3 sessions x 24 trials of 62 x 401 samples (2 s at 200 Hz). */
function writeTinySeedIv(root: string): void {
  const rng = new Rng(5);
  ['20180105', '20180119', '20180202'].forEach((date, s) => {
    const vars: Record<string, MatValue> = {};
    for (let t = 24; t >= 1; t--) vars[`abc_eeg${t}`] = matNumeric(Float64Array.from({ length: 62 * 401 }, () => 20 * rng.normal()), [62, 401]);
    writeMat(join(root, 'eeg_raw_data', String(s + 1), `1_${date}.mat`), vars, { compress: false });
  });
}


test('SEED-IV raw → eeg_feature_smooth/{1,2,3}; DEAP → 32 channels with labels; EDF/BDF channel matching and refusals', async () => {
  await withTempDir(async (dir) => {
    writeTinySeedIv(join(dir, 'IV'));
    const iv = await extractFeatures(join(dir, 'IV'), join(dir, 'IVF'), { jobs: 2, kinds: ['de'], smoothings: ['LDS'], deMethod: 'spectral' });
    assert.equal(iv.layout, 'seed-iv');
    assert.equal(iv.outFolder, join(dir, 'IVF', 'eeg_feature_smooth'));
    assert.equal(iv.files.length, 3);
    assert.deepEqual(iv.files.map((f) => [f.file, f.trials, f.windows[0]]), [['1/1_20180105.mat', 24, 2], ['2/1_20180119.mat', 24, 2], ['3/1_20180202.mat', 24, 2]]);

    writeSyntheticDataset('deap', join(dir, 'DEAP'), { subjects: 1, durationScale: 0.01, compress: false });
    const deap = await extractFeatures(join(dir, 'DEAP'), join(dir, 'DF'), { jobs: 2, kinds: ['de'], smoothings: ['movingAve'], bands: parseBandTable('deap') });
    assert.deepEqual([deap.layout, deap.montages, deap.files[0]!.file, deap.files[0]!.trials, deap.files[0]!.fsHz], ['deap', ['deap-32'], 's01.mat', 40, 128]);
    assert.deepEqual(deap.files[0]!.channelNames, DEAP_CHANNELS);
    const f = await openMat(join(dir, 'DF', 'ExtractedFeatures', 's01.mat'));
    assert.deepEqual(f.info('de_movingAve40').dims, [32, 15, 4]);
    assert.deepEqual(f.info('labels').dims, [40, 4]);
    f.close();

    // EDF: SEED names in other spellings and order, plus an EOG channel → seed-62 in SEED order.
    const rng = new Rng(3);
    const noise = (n: number) => Float64Array.from({ length: n }, () => 20 * rng.normal());
    const fs = 200;
    const seedSignals = [...SEED_CHANNELS].reverse().map((n) => ({ label: `EEG ${n.charAt(0)}${n.slice(1).toLowerCase()}-REF`, fsHz: fs, data: noise(3 * fs), physicalDimension: 'uV' }));
    writeEdf(join(dir, 'edf', 'a.edf'), { format: 'edf', recordDurationSec: 1, signals: [{ label: 'EOG left', fsHz: fs, data: noise(3 * fs) }, ...seedSignals] });
    writeEdf(join(dir, 'edf', 'b.BDF'), { format: 'bdf', recordDurationSec: 1, signals: ['Fz', 'Cz', 'Pz', 'Status'].map((label) => ({ label, fsHz: 256, data: noise(3 * 256), physicalDimension: 'uV' })) });
    const edf = await extractFeatures(join(dir, 'edf'), join(dir, 'EF'), { jobs: 1, kinds: ['de'], smoothings: ['LDS'] });
    assert.deepEqual(edf.files.map((x) => [x.file, x.montage, x.channelNames.length, x.fsHz, x.windows]), [['a.mat', 'seed-62', 62, 200, [3]], ['b.mat', 'own', 3, 256, [3]]]);
    assert.deepEqual(edf.files[1]!.channelNames, ['Fz', 'Cz', 'Pz']);
    // SEED order: the first output channel is FP1, the last signal written.
    const single = await extractFeatures(join(dir, 'edf', 'a.edf'), join(dir, 'EF1'), { jobs: 1, kinds: ['de'], smoothings: ['LDS'] });
    assert.deepEqual(single.files.map((x) => x.file), ['a.mat']);
    const got = await readFeature(join(dir, 'EF1', 'ExtractedFeatures', 'a.mat'), 'de_LDS1');
    const fp1 = seedSignals.at(-1)!;
    assert.equal(fp1.label, 'EEG Fp1-REF');
    const back = readEdf(join(dir, 'edf', 'a.edf')).signals.find((s) => s.label === 'EEG Fp1-REF')!.data;
    const direct = computeTrialFeatures(back, 1, fs, { smoothing: 'lds', bands: SEED_BANDS });
    assert.deepEqual(Array.from({ length: 3 * 5 }, (_, i) => got.data[Math.floor(i / 5) * 62 * 5 + (i % 5)]), Array.from(direct.de));

    writeEdf(join(dir, 'slow', 'c.edf'), { format: 'edf', recordDurationSec: 1, signals: [{ label: 'Cz', fsHz: 64, data: noise(640) }] });
    await assert.rejects(extractFeatures(join(dir, 'slow'), join(dir, 'X'), { jobs: 1 }), /slow\/c\.edf: sampling rate 64 Hz is too low for the band table/);
    writeEdf(join(dir, 'short', 'd.edf'), { format: 'edf', recordDurationSec: 0.5, signals: [{ label: 'Cz', fsHz: 200, data: noise(100) }] });
    await assert.rejects(extractFeatures(join(dir, 'short'), join(dir, 'X'), { jobs: 1 }), /short\/d\.edf: trial of 100 samples \(0\.50 s at 200 Hz\) is shorter than one 1-s window/);
    writeEdf(join(dir, 'mixed', 'e.edf'), { format: 'edf', recordDurationSec: 1, signals: [{ label: 'Cz', fsHz: 200, data: noise(400) }, { label: 'Pz', fsHz: 100, data: noise(200) }] });
    await assert.rejects(extractFeatures(join(dir, 'mixed'), join(dir, 'X'), { jobs: 1 }), /mixed\/e\.edf: the EEG channels have different sampling rates \(Cz 200 Hz, Pz 100 Hz\)/);
    writeEdf(join(dir, 'flat', 'f.edf'), { format: 'edf', recordDurationSec: 1, signals: [{ label: 'Cz', fsHz: 200, data: noise(400) }, { label: 'Pz', fsHz: 200, data: new Float64Array(400) }] });
    await assert.rejects(extractFeatures(join(dir, 'flat'), join(dir, 'X'), { jobs: 2 }), /flat\/f\.edf: de of channel Pz in window 1 is -Infinity; the channel is flat/);

    await assert.rejects(extractFeatures(join(dir, 'nowhere'), join(dir, 'X')), /nowhere: no such file or folder/);
    await assert.rejects(extractFeatures(join(dir, 'DF'), join(dir, 'X')), (e: StrnnError) =>
      /DF: no raw EEG found; expected a SEED Preprocessed_EEG tree/.test(e.message) && /ExtractedFeatures already holds features/.test(e.hint ?? ''));
    await assert.rejects(extractFeatures(join(dir, 'edf', 'a.edf.txt'), join(dir, 'X')), /no such file or folder/);
  });
});

test('parseBandTable: named tables and name:low-high lists; refuses malformed entries', () => {
  assert.deepEqual(parseBandTable('seed'), SEED_BANDS.map((b) => ({ ...b })));
  assert.deepEqual(parseBandTable('deap').map((b) => b.name), ['theta', 'alpha', 'beta', 'gamma']);
  assert.deepEqual(parseBandTable('delta:1-4, theta:4-8,alpha:8-14,beta:14-31,gamma:31-50').map((b) => [b.name, b.lowHz, b.highHz]),
    [['delta', 1, 4], ['theta', 4, 8], ['alpha', 8, 14], ['beta', 14, 31], ['gamma', 31, 50]]);
  assert.deepEqual(parseBandTable('mu:7.5-12.5'), [{ name: 'mu', lowHz: 7.5, highHz: 12.5 }]);
  assert.throws(() => parseBandTable('alpha:8'), /band table entry 'alpha:8' is not name:lowHz-highHz/);
  assert.throws(() => parseBandTable('alpha:13-8'), /band alpha: expected 0 < low < high, got 13-8 Hz/);
  assert.throws(() => parseBandTable('a:1-3,a:4-7'), /band 'a' appears twice/);
});

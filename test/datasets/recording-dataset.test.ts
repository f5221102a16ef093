// Recording datasets piece by piece: file globs, the description schema's errors (naming the key),
// subjects and sessions from paths, BIDS events.tsv / channels.tsv, labels from a CSV table, channel
// names matched with 10-20 aliases, and features equal to computeTrialFeatures on the same samples.
import { computeCausalFeatures } from '../../src/signal/causal-features.js';
import { causalSettingsFromPipeline } from '../../src/signal/causal-pipeline.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { channelKey, matchChannels } from '../../src/datasets/channel-names.js';
import { parseDatasetDescription } from '../../src/datasets/dataset-description.js';
import { globFiles, globToRegExp } from '../../src/datasets/path-glob.js';
import { listRecordingRecords, openRecordingDataset, scanRecordingDataset } from '../../src/datasets/recording-dataset.js';
import { loadRecordingDataset, recordingSignal } from '../../src/datasets/recording-features.js';
import { readRecordingFile } from '../../src/datasets/recording-file.js';
import { SEED_BANDS } from '../../src/signal/bands.js';
import { computeTrialFeatures } from '../../src/signal/trial-features.js';
import { computePipelineFeatures, defaultPipeline } from '../../src/signal/pipeline-features.js';
import { repoPath, withTempDir } from '../helpers.js';

const FIXTURES = repoPath('test', 'fixtures', 'recordings');

test('globs: * and ? stay in one segment, **/ spans zero or more, {a,b} alternates; natural order', async () => {
  const re = globToRegExp('sub-*/eeg/*_eeg.{edf,bdf}');
  assert.ok(re.test('sub-01/eeg/sub-01_task-a_eeg.edf'));
  assert.ok(re.test('sub-01/eeg/sub-01_task-a_eeg.bdf'));
  assert.ok(!re.test('sub-01/ses-1/eeg/sub-01_task-a_eeg.edf'));
  assert.ok(!re.test('sub-01/eeg/sub-01_task-a_eeg.edf.bak'));
  assert.ok(globToRegExp('data/**/*.edf').test('data/a.edf'));
  assert.ok(globToRegExp('data/**/*.edf').test('data/x/y/a.edf'));
  assert.ok(globToRegExp('s?.edf').test('s1.edf') && !globToRegExp('s?.edf').test('s10.edf'));
  await withTempDir((dir) => {
    for (const n of ['s10.edf', 's2.edf', 's1.edf', 'notes.txt']) writeFileSync(join(dir, n), '');
    assert.deepEqual(globFiles(dir, ['*.edf']), ['s1.edf', 's2.edf', 's10.edf']);
  });
});

test('description: errors name the file and the key', () => {
  const bad: [object, RegExp][] = [
    [{ files: 'x', trials: { start: 'a' }, colour: 1 }, /d\.json: key \(root\): .*'colour'/],
    [{ files: 'x', trials: { start: 'a', durationSec: 0 } }, /d\.json: key trials\.durationSec: /],
    [{ files: 'x', trials: { start: { regex: '(' } } }, /d\.json: key trials\.start\.regex: not a valid regular expression/],
    [{ files: 'x', trials: { start: 'a', end: 'b', durationSec: 3 } }, /keys trials\.end and trials\.durationSec/],
    [{ files: 'x', label: { from: 'marker' } }, /d\.json: key trials: missing/],
    [{ files: 'x', trials: { start: 'a' }, label: { from: 'column' } }, /d\.json: key label\.from: /],
    [{ files: 'x', trials: { start: 'a' }, classes: ['only'] }, /d\.json: key classes: /],
    [{ files: 'x', trials: { start: 'a' }, subject: '(?<subject>' }, /d\.json: key subject: not a valid regular expression/],
  ];
  for (const [raw, message] of bad) assert.throws(() => parseDatasetDescription(raw, 'd.json'), message, JSON.stringify(raw));
  const ok = parseDatasetDescription({ files: ['a/*.edf'], trials: { start: 'go', durationSec: 10 }, label: { from: 'csv', file: 'l.csv' } }, 'd.json');
  assert.deepEqual(ok.trials, { start: 'go', durationSec: 10 });
});

test('channel names: case, EEG prefix, reference suffix and T3/T4/T5/T6 as T7/T8/P7/P8', () => {
  assert.equal(channelKey('EEG t3-REF'), 'T7');
  assert.equal(channelKey('fp1'), 'FP1');
  assert.equal(channelKey('T6'), 'P8');
  assert.deepEqual(matchChannels(['Fp1', 'T3', 'O2'], ['O2', 'FP1', 'T7']), { indices: [1, 2, 0], missing: [] });
  assert.deepEqual(matchChannels(['Fp1', 'Cz'], ['FP1']).missing, ['Cz']);
});

test('BIDS: subjects and sessions from sub-/ses- names, sessions ranked naturally, events.tsv and channels.tsv found', async () => {
  await withTempDir((dir) => {
    const edf = join(FIXTURES, 'bids', 'sub-01', 'eeg', 'sub-01_task-emotion');
    for (const ses of ['10', '2']) {
      const eeg = join(dir, 'sub-A', `ses-${ses}`, 'eeg');
      mkdirSync(eeg, { recursive: true });
      for (const suffix of ['_eeg.edf', '_events.tsv', '_channels.tsv']) cpSync(edf + suffix, join(eeg, `sub-A_ses-${ses}_task-emotion${suffix}`));
    }
    const records = listRecordingRecords(openRecordingDataset(dir));
    assert.deepEqual(records.map((r) => [r.subject, r.sessionName, r.session]), [['A', '2', 1], ['A', '10', 2]]);
    assert.ok(records.every((r) => r.eventsTsv?.endsWith('_events.tsv') && r.channelsTsv?.endsWith('_channels.tsv')));
    // The default label column is trial_type: here it is 'film' for every trial and 'fixation' for the rest.
    const scan = scanRecordingDataset(openRecordingDataset(dir), { T: 4, windowSec: 1, strideSec: 1, bands: SEED_BANDS });
    assert.deepEqual(scan.classNames, ['film', 'fixation']);
    const byColumn = scanRecordingDataset(openRecordingDataset(dir, { labelColumn: 'emotion' }), { T: 4, windowSec: 1, strideSec: 1, bands: SEED_BANDS });
    assert.deepEqual(byColumn.classNames, ['calm', 'excited']);
    assert.deepEqual(byColumn.trials.map((t) => [t.record.session, t.trial, t.startSec, t.endSec, t.windows]).slice(0, 2), [[1, 1, 2, 10, 8], [1, 2, 12, 20, 8]]);
  });
});

test('labels from a CSV table of subject,session,trial,label; a missing row is reported with the table', async () => {
  await withTempDir((dir) => {
    cpSync(join(FIXTURES, 'described', 'rec'), join(dir, 'rec'), { recursive: true });
    const rows = ['subject,session,trial,label'];
    for (const s of ['1', '2']) for (let t = 1; t <= 4; t++) rows.push(`${s},day1,${t},${t <= 2 ? 'low' : 'high'}`);
    writeFileSync(join(dir, 'labels.csv'), rows.slice(0, -1).join('\n') + '\n');
    const description = { files: 'rec/*.edf', subject: '^rec/s(?<subject>\\d+)_(?<session>day\\d+)', trials: { start: { regex: '^stim/' }, end: 'stim-end' }, label: { from: 'csv', file: 'labels.csv' } };
    writeFileSync(join(dir, 'strnn.dataset.json'), JSON.stringify(description));
    const scan = scanRecordingDataset(openRecordingDataset(dir), { T: 4, windowSec: 1, strideSec: 1, bands: SEED_BANDS });
    assert.deepEqual(scan.problems.map((p) => [p.severity, p.file.endsWith('labels.csv'), p.message]), [['error', true, 'no label for subject 2, session day1, trial 4 (' + join(dir, 'rec', 's2_day1.edf') + ", event 'stim/calm' at 32.000 s)"]]);
    writeFileSync(join(dir, 'labels.csv'), rows.join('\n') + '\n');
    const loaded = loadRecordingDataset(dir, { T: 4 });
    assert.deepEqual(loaded.classNames, ['high', 'low']);
    assert.deepEqual(loaded.trials.map((t) => loaded.classNames[t.label]), ['low', 'low', 'high', 'high', 'low', 'low', 'high', 'high']);
  });
});

test('trial features are the pipeline applied to the trial samples in µV, in montage node order', () => {
  const loaded = loadRecordingDataset(join(FIXTURES, 'bids'), { labelColumn: 'emotion', T: 4 });
  assert.equal(loaded.trials.length, 18);
  const file = readRecordingFile(join(FIXTURES, 'bids', 'sub-02', 'eeg', 'sub-02_task-emotion_eeg.edf'));
  const indices = matchChannels(loaded.pipeline.channels, file.channels.map((c) => c.label)).indices;
  const trial = loaded.scan.trials.find((t) => t.record.subject === '02' && t.trial === 3)!;
  const signal = recordingSignal(file, indices, Math.round(trial.startSec * 128), Math.round(trial.endSec * 128));
  const expected = computeTrialFeatures(signal, indices.length, 128, { bands: SEED_BANDS, windowSec: 1, dtype: 'float32' }).de;
  const got = loaded.trials.find((t) => t.subject === '02' && t.trial === 3)!;
  assert.deepEqual([got.windows, got.nodes, got.features], [8, 8, 5]);
  assert.deepEqual(Array.from(got.data), Array.from(expected));
  assert.deepEqual(loaded.montage.nodes.map((n) => n.name), loaded.pipeline.channels.map(channelKey));
});

test('computePipelineFeatures: PSD picks the Welch output; a causal pipeline runs the live extractor', () => {
  const fs = 128;
  const x = Float64Array.from({ length: 2 * 512 }, (_, i) => Math.sin(i * 0.7) + Math.cos(i * 0.13));
  const p = defaultPipeline(['C3', 'C4'], [fs], { feature: 'psd', T: 2 });
  const psd = computePipelineFeatures(x, 2, fs, p);
  const ref = computeTrialFeatures(x, 2, fs, { psd: true, dtype: 'float32' });
  assert.deepEqual(Array.from(psd.data), Array.from(ref.psd!));
  assert.equal(psd.windows, 4);
  // Causal PSD without smoothing needs no filter, so it equals the zero-phase path's; causal DE is the live extractor's.
  assert.deepEqual(Array.from(computePipelineFeatures(x, 2, fs, { ...p, filtering: 'causal' }).data), Array.from(ref.psd!));
  const causalDe = computePipelineFeatures(x, 2, fs, { ...p, feature: 'de', filtering: 'causal', smoothing: 'causal-kalman' });
  const live = computeCausalFeatures(x, 2, fs, causalSettingsFromPipeline({ ...p, feature: 'de', filtering: 'causal', smoothing: 'causal-kalman' }));
  assert.deepEqual(Array.from(causalDe.data), Array.from(Float32Array.from(live.values.de!)));
  assert.throws(() => computePipelineFeatures(x, 3, fs, p), /signal has 3 channels, the pipeline expects 2 \(C3, C4\)/);
});

// readRecordingFile: the extension picks the reader; EDF/BDF signals become channels, EDF+/BDF+
// annotations become events timed from the first sample, channels at another rate are omitted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readRecordingFile } from '../../src/datasets/recording-file.js';
import { writeEdf } from '../../src/formats/edf/write-edf.js';
import { StrnnError } from '../../src/util/errors.js';
import { repoPath, withTempDir } from '../helpers.js';

const ramp = (n: number, scale: number): Float64Array => Float64Array.from({ length: n }, (_, i) => (i - n / 2) * scale);

test('EDF+C: channels, units, types, data and annotation events', async () => {
  await withTempDir((dir) => {
    const path = join(dir, 'rec.edf');
    const fp1 = ramp(200, 0.5), eog = ramp(200, -2);
    writeEdf(path, {
      format: 'edf', recordDurationSec: 1,
      signals: [
        { label: 'EEG Fp1', fsHz: 100, data: fp1, physicalDimension: 'uV', physicalMin: -100, physicalMax: 100, digitalMin: -20000, digitalMax: 20000 },
        { label: 'EOG left', fsHz: 100, data: eog, physicalDimension: 'uV', physicalMin: -400, physicalMax: 400, digitalMin: -20000, digitalMax: 20000 },
        { label: 'Temp', fsHz: 2, data: new Float64Array(4), physicalDimension: 'degC' },
      ],
      annotations: [{ onsetSec: 0.25, durationSec: 1.5, text: 'happy' }, { onsetSec: 1.5, durationSec: undefined, text: 'end' }],
    });
    const rec = readRecordingFile(path);
    assert.equal(rec.format, 'edf');
    assert.equal(rec.fsHz, 100);
    assert.equal(rec.samples, 200);
    assert.deepEqual(rec.channels, [
      { label: 'EEG Fp1', unit: 'uV', type: 'EEG' },
      { label: 'EOG left', unit: 'uV', type: 'EOG' },
    ]);
    assert.deepEqual(rec.omitted, [{ label: 'Temp', reason: 'sampled at 2 Hz, the recording at 100 Hz' }]);
    // 200 µV over 40000 steps: the physical values above are exact multiples of the 0.005 µV step.
    for (let i = 0; i < 200; i++) {
      assert.ok(Math.abs(rec.data[i]! - fp1[i]!) < 1e-9, `Fp1 sample ${i}`);
      assert.ok(Math.abs(rec.data[200 + i]! - eog[i]!) < 1e-9, `EOG sample ${i}`);
    }
    assert.deepEqual(rec.events, [
      { onsetSec: 0.25, durationSec: 1.5, text: 'happy' },
      { onsetSec: 1.5, durationSec: 0, text: 'end' },
    ]);
  });
});

test('EDF+D is refused, an unknown extension names the accepted ones', () => {
  const plusD = repoPath('test', 'fixtures', 'edf', 'annotations-plus-d.edf');
  assert.throws(() => readRecordingFile(plusD), (e: unknown) => e instanceof StrnnError && e.code === 'UNSUPPORTED' && e.message.includes('EDF+D'));
  assert.throws(() => readRecordingFile('x.wav'), (e: unknown) => e instanceof StrnnError && /unknown recording file extension '\.wav'/.test(e.message));
});

test('BDF without annotations: Status is typed TRIG, no events', () => {
  const rec = readRecordingFile(repoPath('test', 'fixtures', 'edf', 'biosemi.bdf'));
  assert.equal(rec.format, 'bdf');
  assert.deepEqual(rec.channels.map((c) => c.type), ['EEG', 'TRIG']);
  assert.deepEqual(rec.events, []);
  assert.equal(rec.data.length, 2 * rec.samples);
});

test('EDF+C written by the independent fixture script: events count from the first record, 0.5 s after the start time', () => {
  const rec = readRecordingFile(repoPath('test', 'fixtures', 'edf', 'annotations-plus-c.edf'));
  assert.deepEqual(rec.channels, [
    { label: 'EEG Fz-REF', unit: 'uV', type: 'EEG' },
    { label: 'ECG', unit: 'mV', type: 'ECG' },
  ]);
  assert.equal(rec.samples, 30);
  assert.deepEqual(rec.events, [
    { onsetSec: 0.75, durationSec: 2, text: 'happy' },
    { onsetSec: 2.5, durationSec: 0, text: 'trial_end' },
  ]);
});

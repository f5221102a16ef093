// BrainVision reader against files written by scripts/fixtures/make-recording-fixtures.py (plain
// text and numpy bytes from the Core Data Format 1.0 description, no strnn code): INT_16 multiplexed
// with per-channel resolution, IEEE_FLOAT_32 vectorized in a Latin-1 header, markers as events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRecordingFile } from '../../../src/datasets/recording-file.js';
import { parseVhdr, parseVmrk } from '../../../src/formats/brainvision/read-brainvision.js';
import { StrnnError } from '../../../src/util/errors.js';
import { repoPath, withTempDir } from '../../helpers.js';
import { assertRecordingMatches } from '../recording-fixtures.js';

const fixture = (name: string): string => repoPath('test', 'fixtures', 'brainvision', name);

for (const name of ['int16-multiplexed.vhdr', 'float32-vectorized.vhdr']) {
  test(`${name}: channels, physical values and marker events`, () => {
    const rec = readRecordingFile(fixture(name));
    assert.equal(rec.format, 'brainvision');
    assertRecordingMatches(rec, name);
  });
}

test('channel types from labels, comma escapes, the comment section ignored', () => {
  const rec = readRecordingFile(fixture('int16-multiplexed.vhdr'));
  assert.deepEqual(rec.channels.map((c) => [c.label, c.type]), [['Fp1', 'EEG'], ['Cz', 'EEG'], ['EOG,left', 'EOG']]);
  const header = parseVhdr(readFileSync(fixture('int16-multiplexed.vhdr'), 'utf8'), 'h.vhdr');
  assert.deepEqual(header.channels.map((c) => [c.reference, c.resolution]), [['', 0.1], ['FCz', 1], ['', 0.5]]);
  assert.equal(rec.events.find((e) => e.text.startsWith('Comment'))!.text, 'Comment/happy, clip 3');
});

test('bad headers, markers and data files are refused naming the file and key', async () => {
  const vhdr = readFileSync(fixture('int16-multiplexed.vhdr'), 'utf8');
  const fails = (text: string, message: string): void => {
    assert.throws(() => parseVhdr(text, 'h.vhdr'), (e: unknown) => e instanceof StrnnError && e.message === message);
  };
  fails('Some other file\r\n', "h.vhdr: first line is 'Some other file', expected 'Brain Vision Data Exchange Header File Version 1.0'");
  fails(vhdr.replace('BinaryFormat=INT_16', 'BinaryFormat=UINT_8'), 'h.vhdr: BinaryFormat=UINT_8; expected INT_16, INT_32 or IEEE_FLOAT_32');
  fails(vhdr.replace('DataFormat=BINARY', 'DataFormat=ASCII'), 'h.vhdr: DataFormat=ASCII; only BINARY data files are read');
  fails(vhdr.replace('Ch3=EOG\\1left,,0.5,mV\r\n', ''), 'h.vhdr: [Channel Infos] has no Ch3; NumberOfChannels is 3');
  fails(vhdr.replace('SamplingInterval=2000', 'SamplingInterval=abc'), "h.vhdr: SamplingInterval is 'abc', expected a positive number of microseconds");
  fails(vhdr.replace('Fp1,,0.1', 'Fp1,,zero'), "h.vhdr: Ch1 resolution is 'zero', expected a non-zero number");
  assert.throws(
    () => parseVmrk('Brain Vision Data Exchange Marker File, Version 1.0\n[Marker Infos]\nMk1=Stimulus,S 1,0,1,0\n', 'm.vmrk'),
    (e: unknown) => e instanceof StrnnError && e.message === "m.vmrk: marker Mk1='Stimulus,S 1,0,1,0', expected <type>,<description>,<position ≥ 1>,<size>,<channel>",
  );
  await withTempDir((dir) => {
    for (const ext of ['vhdr', 'vmrk']) copyFileSync(fixture(`int16-multiplexed.${ext}`), join(dir, `int16-multiplexed.${ext}`));
    writeFileSync(join(dir, 'int16-multiplexed.eeg'), readFileSync(fixture('int16-multiplexed.eeg')).subarray(0, 239));
    const eeg = join(dir, 'int16-multiplexed.eeg');
    assert.throws(() => readRecordingFile(join(dir, 'int16-multiplexed.vhdr')), (e: unknown) => e instanceof StrnnError &&
      e.message === `${eeg}: 239 bytes is not a whole number of 3-channel INT_16 samples (6 bytes each); file truncated?`);
    writeFileSync(join(dir, 'int16-multiplexed.eeg'), readFileSync(fixture('int16-multiplexed.eeg')));
    writeFileSync(join(dir, 'int16-multiplexed.vmrk'), '');
    assert.throws(() => readRecordingFile(join(dir, 'int16-multiplexed.vhdr')), (e: unknown) => e instanceof StrnnError && e.code === 'FORMAT' &&
      e.message.startsWith(`${join(dir, 'int16-multiplexed.vmrk')}: first line is ''`));
  });
  assert.throws(() => readRecordingFile(fixture('missing.vhdr')), (e: unknown) => e instanceof StrnnError && e.code === 'NOT_FOUND');
});

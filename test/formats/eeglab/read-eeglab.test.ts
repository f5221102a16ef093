// EEGLAB .set reader against files written by scipy.io.savemat (scripts/fixtures/make-recording-
// fixtures.py): the EEG struct as one variable with inline double data, and the fields as top-level
// variables with a float32 .fdt file and numeric event types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRecordingFile, readRecordingFile } from '../../../src/datasets/recording-file.js';
import { eeglabToRecording } from '../../../src/formats/eeglab/read-eeglab.js';
import { Mat5File, encodeMat, matChar, matNumeric, matStruct } from '../../../src/formats/mat/index.js';
import { StrnnError } from '../../../src/util/errors.js';
import { repoPath, withTempDir } from '../../helpers.js';
import { assertRecordingMatches } from '../recording-fixtures.js';

const fixture = (name: string): string => repoPath('test', 'fixtures', 'eeglab', name);

for (const name of ['inline-struct.set', 'fields-fdt.set']) {
  test(`${name}: channels, data and events`, async () => {
    const rec = readRecordingFile(fixture(name));
    assert.equal(rec.format, 'eeglab');
    assertRecordingMatches(rec, name);
    assert.deepEqual(await loadRecordingFile(fixture(name)), rec);
  });
}

test('epoched data, a wrong .fdt size and missing labels are refused', async () => {
  const fails = (vars: Parameters<typeof encodeMat>[0], message: string): void => {
    const mat = Mat5File.fromBytes(encodeMat(vars), 'x.set');
    assert.throws(() => eeglabToRecording(mat, 'x.set'), (e: unknown) => e instanceof StrnnError && e.message === message);
  };
  const base = { srate: matNumeric(Float64Array.of(100)), nbchan: matNumeric(Float64Array.of(1)), pnts: matNumeric(Float64Array.of(2)), data: matNumeric(Float64Array.of(1, 2)) };
  fails({ ...base, trials: matNumeric(Float64Array.of(3)) }, 'x.set: EEG.trials is 3 (epoched data); expected continuous data (trials = 1)');
  fails({ ...base, chanlocs: matStruct([{ labels: matChar('') }]) }, 'x.set: EEG.chanlocs(1).labels is empty; expected a channel name');
  fails({ ...base }, 'x.set: EEG.chanlocs has 0 entries, EEG.nbchan is 1; expected one label per channel');
  fails({ nbchan: base.nbchan }, 'x.set: neither a variable EEG nor the variables srate and data (found nbchan); not an EEGLAB .set file');
  await withTempDir((dir) => {
    copyFileSync(fixture('fields-fdt.set'), join(dir, 'fields-fdt.set'));
    writeFileSync(join(dir, 'fields-fdt.fdt'), readFileSync(fixture('fields-fdt.fdt')).subarray(0, 1000));
    assert.throws(() => readRecordingFile(join(dir, 'fields-fdt.set')), (e: unknown) => e instanceof StrnnError &&
      e.message === `${join(dir, 'fields-fdt.fdt')}: 1000 bytes, expected 1024 (float32 x 4 channels x 64 samples, from ${join(dir, 'fields-fdt.set')})`);
  });
});

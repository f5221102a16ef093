import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapStreamChannels } from '../../src/stream/channel-map.js';
import { StrnnError } from '../../src/util/errors.js';

test('stream channels are matched by label: any case, EEG prefix and reference suffix dropped, T3/T4/T5/T6 as T7/T8/P7/P8; extras ignored', () => {
  const map = mapStreamChannels(['FP1', 'T7', 'T8', 'P7', 'P8', 'O2'], ['EEG o2-REF', 'Fp1', 'AUX1', 't3', 'T4', 'EEG T5', 'T6-LE', 'Cz'], 'OpenBCI');
  assert.deepEqual(map.columns, [1, 3, 4, 5, 6, 0]);
  assert.deepEqual(map.ignored, ['AUX1', 'Cz']);
});

test('missing channels are one error listing all of them; a stream without labels needs --channels; a label twice is refused', () => {
  assert.throws(() => mapStreamChannels(['FP1', 'FP2', 'O1', 'O2'], ['Fp1', 'O1'], 'Muse'),
    (e: unknown) => e instanceof StrnnError && e.code === 'INPUT' && /stream Muse lacks 2 of the model's 4 channels: FP2, O2/.test(e.message) && /the stream has Fp1, O1/.test(e.hint ?? ''));
  for (const labels of [undefined, [], ['', '', '']]) {
    assert.throws(() => mapStreamChannels(['FP1'], labels, 'OpenBCI_EEG'),
      (e: unknown) => e instanceof StrnnError && e.code === 'USAGE' && /stream OpenBCI_EEG has no channel labels/.test(e.message) && /--channels FP1/.test(e.hint ?? ''));
  }
  assert.throws(() => mapStreamChannels(['T7'], ['T3', 'T7'], 'cap'), /channel T7 appears more than once among its labels \(T3, T7\)/);
});

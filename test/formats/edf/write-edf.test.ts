import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEdf, readEdf } from '../../../src/formats/edf/read-edf.js';
import { encodeEdf, writeEdf, type EdfWriteInput } from '../../../src/formats/edf/write-edf.js';
import type { EdfFile } from '../../../src/formats/edf/types.js';
import { StrnnError } from '../../../src/util/errors.js';
import { repoPath, withTempDir } from '../../helpers.js';

const fixture = (name: string): string => repoPath('test', 'fixtures', 'edf', name);

// Writer input that reproduces a file read back: same header text, scaling and values.
function inputFrom(file: EdfFile): EdfWriteInput {
  return {
    format: file.header.format,
    plus: false,
    patient: file.header.patient,
    recording: file.header.recording,
    startDate: file.header.startDate,
    startTime: file.header.startTime,
    recordDurationSec: file.header.recordDurationSec,
    signals: file.signals.map((s) => ({ ...s })),
  };
}

test('re-encoding the independently written EDF and BDF gives the same bytes', () => {
  for (const name of ['two-rates.edf', 'biosemi.bdf']) {
    const original = new Uint8Array(readFileSync(fixture(name)));
    assert.deepEqual(encodeEdf(inputFrom(parseEdf(original))), original, name);
  }
});

test('EDF+C and BDF+C round trip: values within half a digital step, annotations and onsets kept', async () => {
  await withTempDir((dir) => {
    for (const format of ['edf', 'bdf'] as const) {
      const fs = 128, seconds = 3;
      const x = Float64Array.from({ length: fs * seconds }, (_, i) => 80 * Math.sin(i / 7) + (i % 5));
      const annotations = [
        { onsetSec: 0.5, durationSec: 2, text: 'clip 1 (positive)' },
        { onsetSec: 2.25, durationSec: undefined, text: 'Ende – ü' },
      ];
      const path = join(dir, `out.${format}`);
      writeEdf(path, {
        format,
        recordDurationSec: 1,
        signals: [{ label: 'FP1', fsHz: fs, data: x, physicalDimension: 'uV', physicalMin: -200, physicalMax: 200 }],
        annotations,
      });
      const back = readEdf(path);
      assert.equal(back.header.plus, 'C');
      assert.equal(back.signals.length, 1);
      assert.equal(back.signals[0]!.fsHz, fs);
      const step = 400 / (format === 'edf' ? 65535 : 16777215);
      back.signals[0]!.data.forEach((v, i) => assert.ok(Math.abs(v - x[i]!) <= step / 2 + 1e-12, `${format}[${i}]`));
      assert.deepEqual(back.annotations, annotations);
      assert.deepEqual(Array.from(back.recordOnsetsSec), [0, 1, 2]);
    }
  });
});

test('values outside the physical range are clamped to the digital extremes', () => {
  const bytes = encodeEdf({
    format: 'edf',
    recordDurationSec: 1,
    signals: [{ label: 'X', fsHz: 4, data: Float64Array.of(-5, 0, 5, 20), physicalMin: -10, physicalMax: 10 }],
  });
  assert.deepEqual(Array.from(parseEdf(bytes).signals[0]!.data.map((v) => Math.round(v * 1e3) / 1e3)), [-5, 0, 5, 10]);
});

test('inputs the format cannot hold are INPUT errors', () => {
  const base = { format: 'edf' as const, recordDurationSec: 1 };
  const cases: [EdfWriteInput, RegExp][] = [
    [{ ...base, signals: [{ label: 'A', fsHz: 2.5, data: new Float64Array(5) }] }, /not a whole number of samples per record/],
    [{ ...base, signals: [{ label: 'A', fsHz: 2, data: new Float64Array(3) }] }, /not a whole number of 2-sample records/],
    [
      { ...base, signals: [{ label: 'A', fsHz: 2, data: new Float64Array(4) }, { label: 'B', fsHz: 1, data: new Float64Array(3) }] },
      /all signals must have the same duration/,
    ],
    [{ ...base, signals: [{ label: 'a label that is too long', fsHz: 1, data: new Float64Array(1) }] }, /at most 16 characters/],
    [{ ...base, plus: false, signals: [{ label: 'A', fsHz: 1, data: new Float64Array(1) }], annotations: [{ onsetSec: 0, durationSec: undefined, text: 'x' }] }, /need EDF\+/],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => encodeEdf(input), (e: unknown) => e instanceof StrnnError && e.code === 'INPUT' && message.test(e.message));
  }
});

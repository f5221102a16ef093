import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseEdf, readEdf } from '../../../src/formats/edf/read-edf.js';
import type { EdfSignal } from '../../../src/formats/edf/types.js';
import { StrnnError } from '../../../src/util/errors.js';
import { repoPath } from '../../helpers.js';

// Expected values come from scripts/fixtures/make-edf-fixtures.py, which writes the fixtures with
// Python's struct from the published format and computes physical values in float64 (and checks
// them with MNE-Python when available).
/** The reader's signal with its samples as the JSON array the fixture script writes. */
type ExpectedSignal = Omit<EdfSignal, 'data'> & { data: number[] };
interface ExpectedFile {
  format: 'edf' | 'bdf';
  plus: 'C' | 'D' | null;
  recordCount: number;
  recordDurationSec: number;
  startDate: string;
  startTime: string;
  patient: string;
  recording: string;
  recordOnsetsSec: number[];
  annotations: { onsetSec: number; durationSec: number | null; text: string }[];
  signals: ExpectedSignal[];
}

const fixture = (name: string): string => repoPath('test', 'fixtures', 'edf', name);
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as Record<string, ExpectedFile | string>;
const FILES = ['two-rates.edf', 'biosemi.bdf', 'annotations-plus-d.edf', 'unknown-records.edf', 'annotations-plus-c.edf'];

function bytesOf(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixture(name)));
}

// Expect a FORMAT StrnnError whose message is exactly `message`.
function assertFormatError(bytes: Uint8Array, message: string): void {
  assert.throws(
    () => parseEdf(bytes, 'bad.edf'),
    (e: unknown) => {
      assert.ok(e instanceof StrnnError, String(e));
      assert.equal(e.message, message);
      assert.equal(e.code, 'FORMAT');
      return true;
    },
  );
}

// Overwrite a header field (space-padded ASCII) in a copy of the file.
function withField(bytes: Uint8Array, offset: number, width: number, value: string): Uint8Array {
  const copy = bytes.slice();
  const text = value.padEnd(width, ' ');
  for (let i = 0; i < width; i++) copy[offset + i] = text.charCodeAt(i);
  return copy;
}

test('independently written EDF, BDF, EDF+D and records=-1 files decode to the expected values', () => {
  for (const name of FILES) {
    const want = expected[name] as ExpectedFile;
    const got = readEdf(fixture(name));
    assert.equal(got.header.format, want.format, name);
    assert.equal(got.header.plus, want.plus ?? undefined, name);
    assert.equal(got.header.recordCount, want.recordCount, name);
    assert.equal(got.header.recordDurationSec, want.recordDurationSec, name);
    assert.equal(got.header.startDate, want.startDate);
    assert.equal(got.header.startTime, want.startTime);
    assert.equal(got.header.patient, want.patient);
    assert.equal(got.header.recording, want.recording);
    assert.deepEqual(Array.from(got.recordOnsetsSec), want.recordOnsetsSec, `${name} record onsets`);
    assert.deepEqual(
      got.annotations,
      want.annotations.map((a) => ({ ...a, durationSec: a.durationSec ?? undefined })),
      `${name} annotations`,
    );
    assert.equal(got.signals.length, want.signals.length);
    got.signals.forEach((s, i) => {
      const w = want.signals[i]!;
      const { data, ...meta } = s;
      const { data: wantData, ...wantMeta } = w;
      assert.deepEqual(pick(meta), pick(wantMeta), `${name} ${s.label} header`);
      assert.equal(data.length, wantData.length);
      // The reader folds (pmax − pmin)/(dmax − dmin) into one factor: 1e-12 relative to the
      // physical range covers that reordering of float64 operations.
      const tol = 1e-12 * (w.physicalMax - w.physicalMin);
      for (let j = 0; j < data.length; j++) {
        assert.ok(Math.abs(data[j]! - wantData[j]!) <= tol, `${name} ${s.label}[${j}]: ${data[j]} vs ${wantData[j]}`);
      }
    });
  }
});

function pick(m: Omit<ExpectedSignal, 'data'>): Omit<ExpectedSignal, 'data'> {
  const { label, fsHz, physicalDimension, transducer, prefiltering, physicalMin, physicalMax, digitalMin, digitalMax, samplesPerRecord } = m;
  return { label, fsHz, physicalDimension, transducer, prefiltering, physicalMin, physicalMax, digitalMin, digitalMax, samplesPerRecord };
}

test('BDF samples are 24-bit two\'s complement (closed form for the extremes)', () => {
  const bdf = readEdf(fixture('biosemi.bdf'));
  // digital −8388608, 8388607, 0, −1, 1, −256 with pmin = dmin + 8388608 − 262144 scaling 1/32.
  const gain = (262143 + 262144) / (8388607 + 8388608);
  const digital = [-8388608, 8388607, 0, -1, 1, -256];
  digital.forEach((d, i) => assert.ok(Math.abs(bdf.signals[0]!.data[i]! - ((d + 8388608) * gain - 262144)) < 1e-9));
});

test('truncated records, short headers and bad fields give exact FORMAT errors', () => {
  const edf = bytesOf('two-rates.edf');
  assertFormatError(edf.subarray(0, 100), 'bad.edf: header: expected at least 256 bytes, found 100');
  assertFormatError(edf.subarray(0, 700), 'bad.edf: header: 2 signals need 768 header bytes, file has 700');
  assertFormatError(
    edf.subarray(0, edf.length - 1),
    'bad.edf: data truncated: 4 records of 110 bytes need 440 bytes after the header, found 439',
  );
  assertFormatError(withField(edf, 236, 8, 'ten'), "bad.edf: header field number of data records is 'ten', expected an integer");
  assertFormatError(withField(edf, 244, 8, '1,5'), "bad.edf: header field record duration is '1,5', expected a number");
  assertFormatError(
    withField(edf, 236, 8, '99999999'),
    'bad.edf: data truncated: 99999999 records of 110 bytes need 10999999890 bytes after the header, found 440',
  );
  assertFormatError(withField(edf, 252, 4, '9999'), 'bad.edf: header bytes field is 768, expected 256 + 256·9999 = 2560000');
  assertFormatError(withField(edf, 0, 8, '1'), "bad.edf: version field is '1', expected '0' (EDF) or 0xFF 'BIOSEMI' (BDF)");
  // Signal 2's samples per record sits at 256 + 2·(16+80+8·5+80) + 8 = 696.
  assertFormatError(
    withField(edf, 696, 8, '99999999'),
    'bad.edf: data truncated: 4 records of 200000098 bytes need 800000392 bytes after the header, found 440',
  );
  assertFormatError(withField(edf, 696, 8, '0'), "bad.edf: signal 2 ('Temp'): samples per record is 0, expected at least 1");
  // Digital maximum of signal 1 (256 + 2·(16+80+8+8+8+8) = 512) set equal to its minimum.
  assertFormatError(withField(edf, 512, 8, '-32768'), "bad.edf: signal 1 ('Fp1'): digital minimum -32768 must be below digital maximum -32768");
  assertFormatError(
    withField(edf, 512, 8, '40000'),
    "bad.edf: signal 1 ('Fp1'): digital range [-32768, 40000] exceeds the EDF sample range [-32768, 32767]",
  );
});

test('a broken TAL names the record and what was expected', () => {
  const plus = bytesOf('annotations-plus-d.edf');
  const copy = plus.slice();
  // Record 1's annotation block starts after the header (768) and Cz's 20 samples (40 bytes).
  copy[768 + 40] = 'x'.charCodeAt(0);
  assertFormatError(
    copy,
    "bad.edf: signal 2 ('EDF Annotations') record 1: TAL at byte 0 has timing 'x0', expected +onset or +onset\\x15duration",
  );
});

test('records = -1 ignores a trailing partial record', () => {
  const bytes = bytesOf('unknown-records.edf');
  const extended = new Uint8Array(bytes.length + 5);
  extended.set(bytes);
  assert.equal(parseEdf(extended).header.recordCount, 3);
});

test('a missing file is NOT_FOUND', () => {
  assert.throws(() => readEdf(fixture('absent.edf')), (e: unknown) => e instanceof StrnnError && e.code === 'NOT_FOUND');
});

test('random header corruption and truncation give a StrnnError or a file, never another exception (property)', () => {
  const sources = FILES.map(bytesOf);
  let seed = 99;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  for (let trial = 0; trial < 400; trial++) {
    const src = sources[trial % sources.length]!;
    let bytes = src.slice();
    for (let k = 0; k < 1 + next(4); k++) bytes[next(Math.min(bytes.length, 1100))] = next(256);
    if (trial % 3 === 0) bytes = bytes.subarray(0, next(bytes.length));
    try {
      parseEdf(bytes, 'fuzz.edf');
    } catch (e) {
      assert.ok(e instanceof StrnnError, `trial ${trial}: ${String(e)}`);
      assert.ok(e.message.startsWith('fuzz.edf: '), e.message);
    }
  }
});

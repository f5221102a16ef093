// XDF reader against files written by scripts/fixtures/write_xdf.py (Python + numpy, from the XDF 1.0
// specification, no strnn code): raw stamps (written and deduced), values of every channel format and
// strings compare exactly; clock-corrected times compare to the script's closed form within 1e-9 s
// (float64 rounding of a fit over ~1e3 s stamps). Truncated and corrupted copies assert the errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readRecordingFile } from '../../../src/datasets/recording-file.js';
import { parseXdf, readXdf } from '../../../src/formats/xdf/read-xdf.js';
import { xdfToRecording } from '../../../src/formats/xdf/to-recording.js';
import { StrnnError } from '../../../src/util/errors.js';
import { repoPath, withTempDir } from '../../helpers.js';

interface ExpectedStream {
  id: number; name: string; type: string; channelFormat: string; nominalSrateHz: number; channelCount: number;
  channels: Record<string, string>[]; timestamps: number[]; clockTimes: number[]; clockValues: number[];
  values?: number[]; strings?: string[][];
}
interface ExpectedFile {
  streams: ExpectedStream[];
  chunks: [number, number][];
  recording?: {
    fsHz: number; samples: number; firstTimestampSec: number; data: number[];
    channels: { label: string; unit: string; type: string }[];
    events: { onsetSec: number; durationSec: number; text: string }[];
  };
}
const fixture = (name: string): string => repoPath('test', 'fixtures', 'xdf', name);
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as Record<string, ExpectedFile>;
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(fixture(name)));

function assertXdfError(bytes: Uint8Array, message: string | RegExp): void {
  assert.throws(() => parseXdf(bytes, 'bad.xdf'), (e: unknown) => {
    assert.ok(e instanceof StrnnError, String(e));
    assert.equal(e.code, 'FORMAT');
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

for (const name of ['all-formats.xdf', 'eeg-markers.xdf']) {
  test(`${name}: every stream's header, stamps, values and clock offsets`, () => {
    const xdf = readXdf(fixture(name));
    const want = expected[name]!;
    assert.equal(xdf.fileHeader.name, 'info');
    assert.deepEqual(xdf.streams.map((s) => s.id), want.streams.map((s) => s.id));
    xdf.streams.forEach((s, i) => {
      const w = want.streams[i]!;
      assert.equal(s.name, w.name);
      assert.equal(s.type, w.type);
      assert.equal(s.channelFormat, w.channelFormat);
      assert.equal(s.nominalSrateHz, w.nominalSrateHz);
      assert.equal(s.channelCount, w.channelCount);
      assert.deepEqual(s.channels, w.channels);
      assert.deepEqual(Array.from(s.timestamps), w.timestamps, `${s.name} stamps`);
      assert.deepEqual(s.clockTimes, w.clockTimes);
      assert.deepEqual(s.clockValues, w.clockValues);
      if (w.strings) assert.deepEqual(s.strings, w.strings);
      else assert.deepEqual(Array.from(s.values!), w.values, `${s.name} values`);
    });
  });
}

test('eeg-markers.xdf as a recording: EEG stream, clock-corrected marker events, first stamp', () => {
  const rec = readRecordingFile(fixture('eeg-markers.xdf'));
  const want = expected['eeg-markers.xdf']!.recording!;
  assert.equal(rec.format, 'xdf');
  assert.equal(rec.fsHz, want.fsHz);
  assert.equal(rec.samples, want.samples);
  assert.deepEqual(rec.channels, want.channels);
  assert.deepEqual(Array.from(rec.data), want.data);
  assert.ok(Math.abs(rec.firstTimestampSec! - want.firstTimestampSec) < 1e-9, `first stamp ${rec.firstTimestampSec}`);
  assert.deepEqual(rec.events.map((e) => e.text), want.events.map((e) => e.text));
  rec.events.forEach((e, i) => {
    assert.ok(Math.abs(e.onsetSec - want.events[i]!.onsetSec) < 1e-9, `event ${i} at ${e.onsetSec}, expected ${want.events[i]!.onsetSec}`);
    assert.equal(e.durationSec, 0);
  });
});

test('stream choice: by name, refusing markers, unknown names and files without an EEG stream', () => {
  const xdf = readXdf(fixture('eeg-markers.xdf'));
  const accel = xdfToRecording(xdf, 'rec.xdf', { stream: 'Accel' });
  const want = expected['eeg-markers.xdf']!.streams[1]!;
  assert.deepEqual(accel.channels.map((c) => c.label), ['x', 'y']);
  assert.equal(accel.fsHz, 50);
  assert.equal(accel.samples, 15);
  assert.deepEqual(Array.from(accel.data.subarray(0, 3)), [want.values![0], want.values![2], want.values![4]]);
  const fails = (options: { stream?: string }, file: string, message: RegExp): void => {
    assert.throws(() => xdfToRecording(readXdf(fixture(file)), file, options), (e: unknown) => e instanceof StrnnError && message.test(e.message));
  };
  fails({ stream: 'Markers' }, 'eeg-markers.xdf', /^eeg-markers\.xdf: stream 'Markers' holds strings \(markers\); expected a numeric signal stream$/);
  fails({ stream: 'Nope' }, 'eeg-markers.xdf', /^eeg-markers\.xdf: no stream named 'Nope'; streams: 'BioAmp' \(type EEG, 4 float32 channels, 100 Hz\), 'Accel'/);
  fails({}, 'all-formats.xdf', /^all-formats\.xdf: no numeric stream of type EEG; streams: 'S_double64'/);
  fails({ stream: 'Two & markers' }, 'all-formats.xdf', /holds strings/);
});

test('.xdfz (gzip) reads like the plain file', async () => {
  await withTempDir((dir) => {
    const path = join(dir, 'rec.xdfz');
    writeFileSync(path, gzipSync(bytesOf('eeg-markers.xdf')));
    const rec = readRecordingFile(path);
    assert.deepEqual(Array.from(rec.data), expected['eeg-markers.xdf']!.recording!.data);
  });
});

test('damaged files name the file and the chunk offset', () => {
  const good = bytesOf('eeg-markers.xdf');
  const chunks = expected['eeg-markers.xdf']!.chunks;
  const [footerAt] = chunks[chunks.length - 1]!;
  const [samplesAt, samplesTag] = chunks[7]!;
  assert.equal(samplesTag, 3);
  const lengthOfChunk = (at: number): number => good[at + 1]!; // 1-byte lengths in this fixture's footers
  assertXdfError(good.subarray(0, footerAt + 6),
    `bad.xdf: chunk at byte ${footerAt}: chunk declares ${lengthOfChunk(footerAt)} bytes, only 4 remain (file truncated?)`);
  assertXdfError(good.subarray(0, footerAt + 1), `bad.xdf: chunk at byte ${footerAt}: chunk length needs 1 bytes at byte ${footerAt + 1}, the file ends at ${footerAt + 1}`);
  const badWidth = good.slice();
  badWidth[samplesAt] = 3;
  assertXdfError(badWidth, `bad.xdf: chunk at byte ${samplesAt}: chunk length has byte count 3, expected 1, 4 or 8`);
  const badTag = good.slice();
  badTag[samplesAt + 1 + good[samplesAt]!] = 9; // low byte of the tag
  assertXdfError(badTag, `bad.xdf: chunk (tag 9) chunk at byte ${samplesAt}: unknown chunk tag 9, expected 1 to 6`);
  // One more sample claimed than the chunk holds: the reader runs into the chunk's end.
  const moreSamples = good.slice();
  const countAt = samplesAt + 1 + good[samplesAt]! + 2 + 4; // after length, tag and StreamId
  assert.equal(moreSamples[countAt], 1);
  moreSamples[countAt + 1]! += 1;
  assertXdfError(moreSamples, new RegExp(`^bad\\.xdf: Samples chunk \\(stream 7\\) at byte ${samplesAt}: sample 101 of 101: TimeStampBytes needs 1 bytes at byte \\d+, the chunk ends at \\d+$`));
  const badStamp = good.slice();
  badStamp[countAt + 2] = 4; // TimeStampBytes of the first sample
  assertXdfError(badStamp, new RegExp(`^bad\\.xdf: Samples chunk \\(stream 7\\) at byte ${samplesAt}: sample 1 of 100: TimeStampBytes is 4, expected 0 or 8$`));
  assertXdfError(new TextEncoder().encode('XDX:'), "bad.xdf: does not start with the XDF magic 'XDF:'; not an XDF file");
  assertXdfError(good.subarray(0, 4), 'bad.xdf: no FileHeader chunk after the magic; file truncated?');
  const badXml = good.slice();
  badXml[chunks[1]![0] + 40] = 0x3c; // '<info><name>' becomes '<info><n<me>'
  assertXdfError(badXml, new RegExp(`^bad\\.xdf: StreamHeader chunk \\(stream 7\\) at byte ${chunks[1]![0]}: XML does not parse`));
});

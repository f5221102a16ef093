// Expected values of the BrainVision and EEGLAB fixtures (scripts/fixtures/make-recording-fixtures.py)
// and one comparison of a RecordingFile with them, shared by both readers' tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { RecordingFile } from '../../src/formats/recording.js';
import { repoPath } from '../helpers.js';

export interface ExpectedRecording {
  fsHz: number;
  samples: number;
  channels: { label: string; unit: string; type?: string }[];
  data: number[];
  events: { onsetSec: number; durationSec: number; text: string }[];
}

export const EXPECTED_RECORDINGS = JSON.parse(readFileSync(repoPath('test', 'fixtures', 'recordings-expected.json'), 'utf8')) as Record<string, ExpectedRecording>;

/** Everything the fixture script computed must come back exactly (float64 products, float32 values). */
export function assertRecordingMatches(rec: RecordingFile, name: string): void {
  const want = EXPECTED_RECORDINGS[name]!;
  assert.equal(rec.fsHz, want.fsHz);
  assert.equal(rec.samples, want.samples);
  assert.deepEqual(rec.channels.map((c) => ({ label: c.label, unit: c.unit, ...(want.channels[0]!.type === undefined ? {} : { type: c.type }) })), want.channels);
  assert.deepEqual(Array.from(rec.data), want.data);
  assert.deepEqual(rec.events, want.events);
}

// Reading the liblsl transcripts in test/fixtures/lsl/ (see its README): raw files, expected.json, the
// liblsl inlet's reports, the input values, and a StreamInfo for a recorded outlet.
import { readFileSync } from 'node:fs';
import { repoPath } from '../../helpers.js';
import type { ChannelFormat, StreamInfo } from '../../../src/stream/lsl/index.js';

export function fixturePath(...parts: string[]): string {
  return repoPath('test', 'fixtures', 'lsl', ...parts);
}

export function fixtureBytes(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(...parts)));
}

export function fixtureText(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), 'utf8');
}

export function fixtureJson<T>(...parts: string[]): T {
  return JSON.parse(fixtureText(...parts)) as T;
}

export interface RecordedStream {
  name: string;
  type: string;
  channel_count: number;
  nominal_srate: number;
  channel_format: ChannelFormat;
  source_id: string;
  labels: string[] | null;
  unit: string | null;
  uid: string;
  created_at: number;
  hostname: string;
  v4data_port: number;
  v4service_port: number;
}

/** outlet/<folder>/expected.json, the fields the tests read. */
export interface OutletExpected {
  stream: RecordedStream;
  values: string;
  samples: Array<{ i: number; offset: number; tag: number; timestamp: number }>;
  liblsl_inlet_decoded_timestamps?: number[];
}

/** One line of an inlet/<folder>/inlet-output.jsonl. */
export interface InletReportLine {
  event: string;
  ts?: number;
  v?: unknown[];
  xml?: string;
}

/** The stream of an outlet/* transcript as a StreamInfo (address 127.0.0.1, as recorded). */
export function recordedInfo(folder: string): StreamInfo {
  const s = fixtureJson<OutletExpected>('outlet', folder, 'expected.json').stream;
  const info: StreamInfo = {
    name: s.name,
    type: s.type,
    channelCount: s.channel_count,
    nominalSrate: s.nominal_srate,
    channelFormat: s.channel_format,
    sourceId: s.source_id,
    version: 1.1,
    createdAt: s.created_at,
    uid: s.uid,
    sessionId: 'default',
    hostname: s.hostname,
    v4address: '',
    v4dataPort: s.v4data_port,
    v4servicePort: s.v4service_port,
    v6address: '',
    v6dataPort: 0,
    v6servicePort: 0,
  };
  if (s.labels !== null && s.labels.length > 0) {
    const labels = s.labels;
    info.channelLabels = labels;
    info.units = labels.map(() => s.unit ?? '');
    info.channelTypes = labels.map(() => s.type);
  }
  return info;
}

/** Frame-major expected values of an outlet/* transcript, from inputs/ (numbers, bigint-free formats). */
export function recordedValues(folder: string): number[][] | string[][] {
  const expected = fixtureJson<OutletExpected>('outlet', folder, 'expected.json');
  const file = expected.values;
  if (file.endsWith('.f32')) {
    const bytes = fixtureBytes(file);
    const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    const cc = expected.stream.channel_count;
    return Array.from({ length: all.length / cc }, (_, f) => Array.from(all.subarray(f * cc, (f + 1) * cc)));
  }
  const json = fixtureJson<number[][] | { strings: string[] }>(file);
  if (!Array.isArray(json)) return json.strings.map((v) => [v]);
  return json;
}

/** Lines of the liblsl inlet's report (inlet-output.jsonl) of one inlet/* scenario. */
export function inletReport(folder: string): InletReportLine[] {
  return fixtureText('inlet', folder, 'inlet-output.jsonl')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as InletReportLine);
}

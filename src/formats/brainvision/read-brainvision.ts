// BrainVision Core Data Format 1.0 (Brain Products; the format BIDS-EEG allows besides EDF, BDF and
// EEGLAB): a text header .vhdr naming a binary .eeg data file and a text marker file .vmrk. Written by
// hand: no maintained npm reader exists, and the format is a few INI sections.
//   [Common Infos]  DataFile, MarkerFile, DataFormat=BINARY, DataOrientation=MULTIPLEXED (sample after
//                   sample, channels interleaved) or VECTORIZED (channel after channel),
//                   NumberOfChannels, SamplingInterval (µs), Codepage (UTF-8 or ANSI = Latin-1)
//   [Binary Infos]  BinaryFormat = INT_16 | INT_32 | IEEE_FLOAT_32 (little-endian)
//   [Channel Infos] Chn=<name>,<reference>,<resolution>,<unit>; value = stored number × resolution
//                   (resolution empty: 1; unit empty: µV); '\1' in a name stands for a comma
//   .vmrk [Marker Infos] Mkn=<type>,<description>,<position (1-based sample)>,<size (samples)>,<channel>[,<date>]
// Markers become events 'type/description' (MNE-Python's naming, e.g. 'Stimulus/S  1'; the type alone
// when the description is empty) at (position − 1)/fs, lasting size/fs when size > 1, else 0.
// Refused: ASCII data files, other binary formats. Errors name the file and the key or marker.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TextDecoder } from 'node:util';
import { channelTypeFromLabel } from '../channel-type.js';
import type { RecordingChannel, RecordingEvent, RecordingFile } from '../recording.js';
import { StrnnError } from '../../util/errors.js';
import { parseIni, type IniSections } from './ini.js';

const BINARY_FORMATS = { INT_16: 2, INT_32: 4, IEEE_FLOAT_32: 4 } as const;
type BinaryFormat = keyof typeof BINARY_FORMATS;

export interface BrainVisionChannel extends RecordingChannel {
  reference: string;
  resolution: number;
}

export interface BrainVisionHeader {
  dataFile: string;
  markerFile: string | undefined;
  orientation: 'MULTIPLEXED' | 'VECTORIZED';
  binaryFormat: BinaryFormat;
  fsHz: number;
  channels: BrainVisionChannel[];
  codepage: 'utf-8' | 'latin1';
}

export interface BrainVisionMarker {
  type: string;
  description: string;
  /** 1-based sample position. */
  position: number;
  size: number;
  channel: number;
}

function readBytes(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') throw new StrnnError('NOT_FOUND', `${path}: no such file (${what})`);
    throw e;
  }
}

function decodeText(bytes: Uint8Array, codepage: 'utf-8' | 'latin1'): string {
  return new TextDecoder(codepage).decode(bytes);
}

function sectionKey(ini: IniSections, file: string, section: string, key: string): string {
  const v = ini.sections.get(section)?.get(key);
  if (v === undefined || v === '') throw new StrnnError('INPUT', `${file}: [${section}] has no ${key}; expected one`);
  return v;
}

/** Codepage of a BrainVision text file, from its Codepage key (read on the Latin-1 decoding, which never fails). */
function codepageOf(bytes: Uint8Array): 'utf-8' | 'latin1' {
  const m = /^\s*Codepage\s*=\s*(\S+)/im.exec(decodeText(bytes, 'latin1'));
  return m && m[1]!.toUpperCase() === 'ANSI' ? 'latin1' : 'utf-8';
}

/** Parse the text of a .vhdr file; `file` names it in errors. */
export function parseVhdr(text: string, file: string, codepage: 'utf-8' | 'latin1' = 'utf-8'): BrainVisionHeader {
  const ini = parseIni(text);
  if (!/^Brain ?Vision Data Exchange Header File/i.test(ini.identification)) {
    throw new StrnnError('FORMAT', `${file}: first line is '${ini.identification.slice(0, 60)}', expected 'Brain Vision Data Exchange Header File Version 1.0'`);
  }
  const common = 'Common Infos';
  const dataFormat = sectionKey(ini, file, common, 'DataFormat').toUpperCase();
  if (dataFormat !== 'BINARY') throw new StrnnError('UNSUPPORTED', `${file}: DataFormat=${dataFormat}; only BINARY data files are read`);
  const orientation = (ini.sections.get(common)?.get('DataOrientation') ?? 'MULTIPLEXED').toUpperCase();
  if (orientation !== 'MULTIPLEXED' && orientation !== 'VECTORIZED') {
    throw new StrnnError('INPUT', `${file}: DataOrientation=${orientation}, expected MULTIPLEXED or VECTORIZED`);
  }
  const binaryFormat = sectionKey(ini, file, 'Binary Infos', 'BinaryFormat').toUpperCase();
  if (!(binaryFormat in BINARY_FORMATS)) {
    throw new StrnnError('UNSUPPORTED', `${file}: BinaryFormat=${binaryFormat}; expected INT_16, INT_32 or IEEE_FLOAT_32`);
  }
  const count = Number(sectionKey(ini, file, common, 'NumberOfChannels'));
  if (!Number.isInteger(count) || count < 1) throw new StrnnError('INPUT', `${file}: NumberOfChannels is '${ini.sections.get(common)?.get('NumberOfChannels')}', expected a positive integer`);
  const intervalUs = Number(sectionKey(ini, file, common, 'SamplingInterval'));
  if (!(intervalUs > 0) || !Number.isFinite(intervalUs)) throw new StrnnError('INPUT', `${file}: SamplingInterval is '${ini.sections.get(common)?.get('SamplingInterval')}', expected a positive number of microseconds`);
  const channelInfos = ini.sections.get('Channel Infos');
  const channels: BrainVisionChannel[] = [];
  for (let c = 1; c <= count; c++) {
    const value = channelInfos?.get(`Ch${c}`);
    if (value === undefined) throw new StrnnError('INPUT', `${file}: [Channel Infos] has no Ch${c}; NumberOfChannels is ${count}`);
    const [name = '', reference = '', resolutionText = '', unit = ''] = value.split(',').map((s) => s.replace(/\\1/g, ',').trim());
    const resolution = resolutionText === '' ? 1 : Number(resolutionText);
    if (!Number.isFinite(resolution) || resolution === 0) throw new StrnnError('INPUT', `${file}: Ch${c} resolution is '${resolutionText}', expected a non-zero number`);
    if (name === '') throw new StrnnError('INPUT', `${file}: Ch${c} has no channel name`);
    channels.push({ label: name, reference, resolution, unit: unit === '' ? 'µV' : unit, type: channelTypeFromLabel(name) });
  }
  const markerFile = ini.sections.get(common)?.get('MarkerFile');
  return {
    dataFile: sectionKey(ini, file, common, 'DataFile'),
    markerFile: markerFile === '' ? undefined : markerFile,
    orientation, binaryFormat: binaryFormat as BinaryFormat, fsHz: 1e6 / intervalUs, channels, codepage,
  };
}

/** Parse the text of a .vmrk file; markers in the order of their numbers. */
export function parseVmrk(text: string, file: string): BrainVisionMarker[] {
  const ini = parseIni(text);
  if (!/^Brain ?Vision Data Exchange Marker File/i.test(ini.identification)) {
    throw new StrnnError('FORMAT', `${file}: first line is '${ini.identification.slice(0, 60)}', expected 'Brain Vision Data Exchange Marker File, Version 1.0'`);
  }
  const markers: { n: number; marker: BrainVisionMarker }[] = [];
  for (const [key, value] of ini.sections.get('Marker Infos') ?? new Map<string, string>()) {
    const m = /^Mk(\d+)$/.exec(key);
    if (!m) continue;
    const fields = value.split(',').map((s) => s.replace(/\\1/g, ','));
    const position = Number(fields[2]);
    const size = fields[3] === undefined || fields[3].trim() === '' ? 1 : Number(fields[3]);
    const channel = fields[4] === undefined || fields[4].trim() === '' ? 0 : Number(fields[4]);
    if (fields.length < 3 || !Number.isInteger(position) || position < 1 || !Number.isInteger(size) || size < 0 || !Number.isInteger(channel)) {
      throw new StrnnError('INPUT', `${file}: marker ${key}='${value}', expected <type>,<description>,<position ≥ 1>,<size>,<channel>`);
    }
    markers.push({ n: Number(m[1]), marker: { type: fields[0]!.trim(), description: fields[1]!.trim(), position, size, channel } });
  }
  return markers.sort((a, b) => a.n - b.n).map((m) => m.marker);
}

/** A marker as an event: 'type/description' at (position − 1)/fs. */
export function markerEvent(m: BrainVisionMarker, fsHz: number): RecordingEvent {
  return {
    onsetSec: (m.position - 1) / fsHz,
    durationSec: m.size > 1 ? m.size / fsHz : 0,
    text: m.description === '' ? m.type : `${m.type}/${m.description}`,
  };
}

/** Decode the binary data file into C x S physical values. */
function decodeData(bytes: Uint8Array, header: BrainVisionHeader, file: string): { data: Float64Array; samples: number } {
  const C = header.channels.length;
  const width = BINARY_FORMATS[header.binaryFormat];
  if (bytes.length % (C * width) !== 0) {
    throw new StrnnError('FORMAT', `${file}: ${bytes.length} bytes is not a whole number of ${C}-channel ${header.binaryFormat} samples (${C * width} bytes each); file truncated?`);
  }
  const S = bytes.length / (C * width);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = new Float64Array(C * S);
  for (let c = 0; c < C; c++) {
    const resolution = header.channels[c]!.resolution;
    for (let s = 0; s < S; s++) {
      const at = width * (header.orientation === 'MULTIPLEXED' ? s * C + c : c * S + s);
      const v = header.binaryFormat === 'INT_16' ? view.getInt16(at, true)
        : header.binaryFormat === 'INT_32' ? view.getInt32(at, true)
        : view.getFloat32(at, true);
      data[c * S + s] = v * resolution;
    }
  }
  return { data, samples: S };
}

/** Read a BrainVision recording from its .vhdr path (data and marker files relative to it). */
export function readBrainVision(path: string): RecordingFile {
  const headerBytes = readBytes(path, 'BrainVision header');
  const codepage = codepageOf(headerBytes);
  const header = parseVhdr(decodeText(headerBytes, codepage), path, codepage);
  const dataPath = join(dirname(path), header.dataFile);
  const { data, samples } = decodeData(readBytes(dataPath, `DataFile of ${path}`), header, dataPath);
  if (samples === 0) throw new StrnnError('INPUT', `${dataPath}: no samples`);
  let events: RecordingEvent[] = [];
  if (header.markerFile !== undefined) {
    const markerPath = join(dirname(path), header.markerFile);
    const markerBytes = readBytes(markerPath, `MarkerFile of ${path}`);
    events = parseVmrk(decodeText(markerBytes, codepageOf(markerBytes)), markerPath).map((m) => markerEvent(m, header.fsHz));
    events.sort((a, b) => a.onsetSec - b.onsetSec);
  }
  return {
    path, format: 'brainvision', fsHz: header.fsHz,
    channels: header.channels.map(({ label, unit, type }) => ({ label, unit, ...(type === undefined ? {} : { type }) })),
    samples, data, events,
  };
}

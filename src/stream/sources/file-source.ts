// Recorded EEG replayed as a live source (`strnn live --source file:rec.edf`): every format
// readRecordingFile reads (EDF/BDF, XDF, BrainVision, EEGLAB; samples in µV as recordingSignal gives
// them to training and `predict --recording`), and NumPy .npy arrays (samples x channels, float32 or
// float64; labels and rate from --channels and --srate, since .npy carries neither). The samples then
// go through replay.ts.
import { extname } from 'node:path';
import { readRecordingFile, RECORDING_EXTENSIONS } from '../../datasets/recording-file.js';
import { recordingSignal } from '../../datasets/recording-features.js';
import { readNpy } from '../../formats/npy.js';
import { StrnnError } from '../../util/errors.js';
import type { StreamSource } from '../types.js';
import { replaySource, type ReplayOptions } from './replay.js';

export interface FileSourceOptions extends ReplayOptions {
  /** Channel labels in column order: required for .npy, overrides the file's labels otherwise. */
  channels?: readonly string[];
  /** Sampling rate: required for .npy. */
  srateHz?: number;
}

export const FILE_SOURCE_EXTENSIONS: readonly string[] = [...RECORDING_EXTENSIONS, '.npy'];

/** Reads the file now and returns a source that replays it. */
export function fileSource(path: string, options: FileSourceOptions = {}): StreamSource {
  const ext = extname(path).toLowerCase();
  if (ext === '.npy') return npySource(path, options);
  if (!FILE_SOURCE_EXTENSIONS.includes(ext)) {
    throw new StrnnError('USAGE', `${path}: cannot replay '${ext}' files; expected one of ${FILE_SOURCE_EXTENSIONS.join(', ')}`);
  }
  const r = readRecordingFile(path);
  const fileLabels = r.channels.map((c) => c.label);
  const labels = options.channels ? [...options.channels] : fileLabels;
  if (labels.length !== fileLabels.length) throw new StrnnError('USAGE', `--channels lists ${labels.length} labels, ${path} has ${fileLabels.length} channels (${fileLabels.join(', ')})`);
  const data = recordingSignal(r, fileLabels.map((_, i) => i));
  return replaySource({ name: `file ${path}`, type: 'EEG', fsHz: r.fsHz, channelCount: labels.length, labels, unit: 'uV' }, data, { layout: 'channels', ...options });
}

function npySource(path: string, options: FileSourceOptions): StreamSource {
  const labels = options.channels;
  if (!labels || labels.length === 0) throw new StrnnError('USAGE', `${path}: a .npy recording carries no channel labels; pass --channels A,B,... in column order`);
  if (!(options.srateHz! > 0)) throw new StrnnError('USAGE', `${path}: a .npy recording carries no sampling rate; pass --srate HZ`);
  const a = readNpy(path);
  if ((a.dtype !== 'float32' && a.dtype !== 'float64') || a.shape.length !== 2) {
    throw new StrnnError('INPUT', `${path}: expected a 2-D float32 or float64 array of samples x channels, got ${a.dtype} of shape (${a.shape.join(', ')})`);
  }
  const C = labels.length;
  const [rows, cols] = a.shape as [number, number];
  let data: Float32Array | Float64Array;
  if (cols === C) {
    // samples x channels (numpy's (S, C)) → C x S.
    data = a.data instanceof Float32Array ? new Float32Array(rows * C) : new Float64Array(rows * C);
    for (let i = 0; i < rows; i++) for (let c = 0; c < C; c++) data[c * rows + i] = a.data[i * C + c]!;
  } else if (rows === C) {
    data = a.data;
  } else {
    throw new StrnnError('INPUT', `${path}: shape (${rows}, ${cols}) has no axis of ${C} channels (--channels lists ${C})`);
  }
  return replaySource({ name: `file ${path}`, type: 'EEG', fsHz: options.srateHz!, channelCount: C, labels: [...labels] }, data, { layout: 'channels', ...options });
}

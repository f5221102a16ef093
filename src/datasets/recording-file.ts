// Read any supported recording file into a RecordingFile, choosing the reader by the file extension:
// .edf / .bdf (EDF, EDF+, BDF, BDF+), .xdf / .xdfz (LabRecorder), .vhdr (BrainVision header, with its
// .vmrk and .eeg), .set (EEGLAB, with an optional .fdt). The readers live in src/formats/; this is the
// one place that maps a path to one of them. readRecordingFile is synchronous and reads everything
// except v7.3 (HDF5) .set files, which need loadRecordingFile (HDF5 opens asynchronously).
import { extname } from 'node:path';
import { readBrainVision } from '../formats/brainvision/read-brainvision.js';
import { readEdf } from '../formats/edf/read-edf.js';
import { edfToRecording } from '../formats/edf/to-recording.js';
import { loadEeglab, readEeglab } from '../formats/eeglab/read-eeglab.js';
import type { ReadRecordingOptions, RecordingFile } from '../formats/recording.js';
import { readXdf } from '../formats/xdf/read-xdf.js';
import { xdfToRecording } from '../formats/xdf/to-recording.js';
import { StrnnError } from '../util/errors.js';

/** File extensions the readers accept (lower case, with the dot). */
export const RECORDING_EXTENSIONS: readonly string[] = ['.edf', '.bdf', '.xdf', '.xdfz', '.vhdr', '.set'];

function extensionOf(path: string): string {
  const ext = extname(path).toLowerCase();
  if (!RECORDING_EXTENSIONS.includes(ext)) {
    throw new StrnnError('UNSUPPORTED', `${path}: unknown recording file extension '${ext}'; expected one of ${RECORDING_EXTENSIONS.join(', ')}`);
  }
  return ext;
}

/** Read a recording file (see the header for the formats); `options.stream` picks an XDF stream by name. */
export function readRecordingFile(path: string, options: ReadRecordingOptions = {}): RecordingFile {
  switch (extensionOf(path)) {
    case '.xdf':
    case '.xdfz':
      return xdfToRecording(readXdf(path), path, options);
    case '.vhdr':
      return readBrainVision(path);
    case '.set':
      return readEeglab(path);
    default:
      return edfToRecording(readEdf(path), path);
  }
}

/** readRecordingFile for every format, v7.3 (HDF5) EEGLAB files included. */
export async function loadRecordingFile(path: string, options: ReadRecordingOptions = {}): Promise<RecordingFile> {
  if (extensionOf(path) === '.set') return loadEeglab(path);
  return readRecordingFile(path, options);
}

// Read any supported recording file into a RecordingFile, choosing the reader by the file extension:
// .edf / .bdf (EDF, EDF+, BDF, BDF+), .xdf / .xdfz (LabRecorder), .vhdr (BrainVision header, with its
// .vmrk and .eeg), .set (EEGLAB, with an optional .fdt). The readers live in src/formats/; this is the
// one place that maps a path to one of them.
import { extname } from 'node:path';
import { readEdf } from '../formats/edf/read-edf.js';
import { edfToRecording } from '../formats/edf/to-recording.js';
import type { ReadRecordingOptions, RecordingFile } from '../formats/recording.js';
import { readXdf } from '../formats/xdf/read-xdf.js';
import { xdfToRecording } from '../formats/xdf/to-recording.js';
import { StrnnError } from '../util/errors.js';

/** File extensions readRecordingFile accepts (lower case, with the dot). */
export const RECORDING_EXTENSIONS: readonly string[] = ['.edf', '.bdf', '.xdf', '.xdfz'];

/** Read a recording file (see the header for the formats); `options.stream` picks an XDF stream by name. */
export function readRecordingFile(path: string, options: ReadRecordingOptions = {}): RecordingFile {
  const ext = extname(path).toLowerCase();
  switch (ext) {
    case '.edf':
    case '.bdf':
      return edfToRecording(readEdf(path), path);
    case '.xdf':
    case '.xdfz':
      return xdfToRecording(readXdf(path), path, options);
    default:
      throw new StrnnError(
        'UNSUPPORTED',
        `${path}: unknown recording file extension '${ext}'; expected one of ${RECORDING_EXTENSIONS.join(', ')}`,
      );
  }
}

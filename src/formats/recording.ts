// One recording file as every reader returns it (EDF/BDF, XDF, BrainVision, EEGLAB): channels with
// names, units and types, a C x S matrix of physical values at one sampling rate, and the file's
// events (annotations, markers) timed from the first sample. Datasets turn these into labelled
// trials; the readers themselves know no dataset.

/** One event of a recording: an EDF+ annotation, an XDF marker, a BrainVision marker, an EEGLAB event. */
export interface RecordingEvent {
  /** Seconds from the recording's first sample (may be negative for a marker sent before it). */
  onsetSec: number;
  /** Seconds; 0 when the file gives no duration. */
  durationSec: number;
  text: string;
}

/** Channel types the readers report (from the file where it says, else guessed from the label). */
export type RecordingChannelType = 'EEG' | 'EOG' | 'ECG' | 'EMG' | 'MISC' | 'TRIG' | (string & {});

export interface RecordingChannel {
  /** The label as stored (trimmed). */
  label: string;
  /** Physical unit as stored ('uV', 'µV', 'mV', 'V', '' when the file says none). */
  unit: string;
  type?: RecordingChannelType;
}

export type RecordingFormat = 'edf' | 'bdf' | 'xdf' | 'brainvision' | 'eeglab';

/** A channel the reader left out of `data`, and why (e.g. another sampling rate). */
export interface OmittedChannel {
  label: string;
  reason: string;
}

export interface RecordingFile {
  path: string;
  format: RecordingFormat;
  fsHz: number;
  channels: RecordingChannel[];
  /** Samples per channel (S). */
  samples: number;
  /** C x S row-major (channel c, sample s at c·S + s), physical units of each channel. */
  data: Float64Array;
  /** Sorted by onset. */
  events: RecordingEvent[];
  /** XDF: clock-corrected time of sample 0 in the recording computer's clock (seconds). */
  firstTimestampSec?: number;
  /** Channels present in the file but not in `data` (none when undefined or empty). */
  omitted?: OmittedChannel[];
}

export interface ReadRecordingOptions {
  /** XDF: the name of the stream to read as the signal (default: the first numeric stream of type EEG). */
  stream?: string;
}

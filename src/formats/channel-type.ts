// Channel type from a channel label, for files that do not store one (EDF, BrainVision, EEGLAB without
// chanlocs.type): EOG, ECG, EMG, trigger and other non-EEG channels are recognised by their usual label
// prefixes; everything else is taken as EEG (whether it has a known scalp position is the montage's
// question, not this one).
import type { RecordingChannelType } from './recording.js';

/** Label prefixes of non-EEG channels, after dropping an 'EEG ' prefix, with the type they mean. */
const PREFIX_TYPES: readonly [RegExp, RecordingChannelType][] = [
  [/^(EOG|HEOG|VEOG|LOC|ROC)/, 'EOG'],
  [/^(ECG|EKG)/, 'ECG'],
  [/^EMG/, 'EMG'],
  [/^(STATUS|TRIG|EVENT|MARK|STI)/, 'TRIG'],
  [/^(RESP|GSR|EDA|TEMP|PLET|SAO2|SPO2|PULSE|HR|EXG|ERG|AUX|ACC|LIGHT|SNORE|POS|FLOW|THOR|ABD|PHOTO|MISC|BIP)/, 'MISC'],
];

/** The type a channel label suggests: 'EOG' for 'EOG left', 'TRIG' for 'Status', else 'EEG'. */
export function channelTypeFromLabel(label: string): RecordingChannelType {
  const name = label.trim().toUpperCase().replace(/^EEG[\s_-]+/, '');
  for (const [pattern, type] of PREFIX_TYPES) if (pattern.test(name)) return type;
  return 'EEG';
}

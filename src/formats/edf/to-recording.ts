// An EDF / EDF+ / BDF / BDF+ file as a RecordingFile: the ordinary signals become channels (label,
// physical dimension as unit, type guessed from the label), EDF+/BDF+ annotations become events timed
// from the first sample (the file's onsets count from the header's start time; the first data record
// may start later, as its time-keeping TAL says). EDF allows a rate per signal, a RecordingFile has
// one: channels at another rate than the EEG channels are omitted and listed with the reason.
// EDF+D (discontinuous) files are refused: their samples are not evenly spaced in time.
import { channelTypeFromLabel } from '../channel-type.js';
import type { OmittedChannel, RecordingFile } from '../recording.js';
import { StrnnError } from '../../util/errors.js';
import type { EdfFile, EdfSignal } from './types.js';

/** The sampling rate the recording keeps: the one most EEG channels have (any channel's if none is EEG). */
function chooseRate(signals: readonly EdfSignal[]): number {
  const eeg = signals.filter((s) => channelTypeFromLabel(s.label) === 'EEG');
  const counts = new Map<number, number>();
  for (const s of eeg.length > 0 ? eeg : signals) counts.set(s.fsHz, (counts.get(s.fsHz) ?? 0) + 1);
  let best = signals[0]!.fsHz, bestCount = 0;
  for (const [rate, count] of counts) if (count > bestCount) [best, bestCount] = [rate, count];
  return best;
}

/** Convert a decoded EDF/BDF file; `path` names it in errors and in the result. */
export function edfToRecording(edf: EdfFile, path: string): RecordingFile {
  const { header } = edf;
  if (header.plus === 'D') {
    throw new StrnnError(
      'UNSUPPORTED',
      `${path}: ${header.format.toUpperCase()}+D (discontinuous) recording; expected a continuous EDF, EDF+C, BDF or BDF+C file`,
      'export the recording as continuous EDF+C',
    );
  }
  if (edf.signals.length === 0) throw new StrnnError('INPUT', `${path}: no signals besides annotations; expected at least one channel`);
  const fsHz = chooseRate(edf.signals);
  const kept = edf.signals.filter((s) => s.fsHz === fsHz);
  const omitted: OmittedChannel[] = edf.signals
    .filter((s) => s.fsHz !== fsHz)
    .map((s) => ({ label: s.label.trim(), reason: `sampled at ${s.fsHz} Hz, the recording at ${fsHz} Hz` }));
  const samples = kept[0]!.data.length;
  const data = new Float64Array(kept.length * samples);
  kept.forEach((s, c) => data.set(s.data, c * samples));
  const firstRecordSec = edf.recordOnsetsSec.length > 0 ? edf.recordOnsetsSec[0]! : 0;
  const events = edf.annotations.map((a) => ({
    onsetSec: a.onsetSec - firstRecordSec,
    durationSec: a.durationSec ?? 0,
    text: a.text,
  }));
  return {
    path,
    format: header.format,
    fsHz,
    channels: kept.map((s) => ({ label: s.label.trim(), unit: s.physicalDimension.trim(), type: channelTypeFromLabel(s.label) })),
    samples,
    data,
    events,
    ...(omitted.length > 0 ? { omitted } : {}),
  };
}

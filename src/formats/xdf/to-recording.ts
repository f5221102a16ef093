// An XDF file as a RecordingFile: one numeric stream is the signal (by name when asked, else the first
// numeric stream of type EEG), every string stream (LabRecorder marker streams) gives events. Each
// stream's stamps are first moved to the recorder's clock with its own clock offsets (clock-sync.ts),
// so markers from another computer line up. The signal's stamps are dejittered to first + k·period;
// a marker at time t gets onset (t − first)/period samples, expressed in seconds at the nominal rate,
// i.e. exactly t − first when the stream ran at its nominal rate, and still on the right sample when
// the amplifier's clock drifts. Signals with breaks or without a nominal rate are refused.
import { channelTypeFromLabel } from '../channel-type.js';
import type { ReadRecordingOptions, RecordingChannel, RecordingEvent, RecordingFile } from '../recording.js';
import { StrnnError } from '../../util/errors.js';
import { correctTimestamps, fitClockOffsets, fitRegularTiming } from './clock-sync.js';
import type { XdfFile, XdfStream } from './types.js';

function describe(s: XdfStream): string {
  return `'${s.name}' (type ${s.type || 'none'}, ${s.channelCount} ${s.channelFormat} channels, ${s.nominalSrateHz} Hz)`;
}

function chooseSignal(xdf: XdfFile, path: string, name: string | undefined): XdfStream {
  const numeric = xdf.streams.filter((s) => s.channelFormat !== 'string');
  const all = xdf.streams.map(describe).join(', ') || 'none';
  if (name !== undefined) {
    const found = xdf.streams.filter((s) => s.name === name);
    if (found.length === 0) throw new StrnnError('INPUT', `${path}: no stream named '${name}'; streams: ${all}`);
    if (found.length > 1) throw new StrnnError('INPUT', `${path}: ${found.length} streams are named '${name}'; expected one`);
    if (found[0]!.channelFormat === 'string') throw new StrnnError('INPUT', `${path}: stream '${name}' holds strings (markers); expected a numeric signal stream`);
    return found[0]!;
  }
  const eeg = numeric.find((s) => s.type.toUpperCase() === 'EEG');
  if (!eeg) {
    throw new StrnnError('INPUT', `${path}: no numeric stream of type EEG; streams: ${all}`, 'name the signal stream to read (option stream)');
  }
  return eeg;
}

function channelsOf(s: XdfStream, path: string): RecordingChannel[] {
  if (s.channels.length !== 0 && s.channels.length !== s.channelCount) {
    throw new StrnnError('INPUT', `${path}: stream '${s.name}' declares ${s.channelCount} channels but its desc/channels lists ${s.channels.length}`);
  }
  return Array.from({ length: s.channelCount }, (_, c) => {
    const info = s.channels[c] ?? {};
    const label = info.label ?? `ch${c + 1}`;
    return { label, unit: info.unit ?? '', type: info.type ?? channelTypeFromLabel(label) };
  });
}

/** Convert a decoded XDF file; `options.stream` names the signal stream. */
export function xdfToRecording(xdf: XdfFile, path: string, options: ReadRecordingOptions = {}): RecordingFile {
  const signal = chooseSignal(xdf, path, options.stream);
  const where = `${path}: stream '${signal.name}'`;
  const samples = signal.timestamps.length;
  if (samples === 0) throw new StrnnError('INPUT', `${where} holds no samples`);
  const fsHz = signal.nominalSrateHz;
  if (!(fsHz > 0)) throw new StrnnError('INPUT', `${where} has nominal rate 0 (irregular); expected a regularly sampled signal`);
  const stamps = correctTimestamps(signal.timestamps, fitClockOffsets(signal.clockTimes, signal.clockValues));
  const timing = fitRegularTiming(stamps, fsHz);
  if (timing.breaksAt.length > 0) {
    const k = timing.breaksAt[0]!;
    throw new StrnnError(
      'UNSUPPORTED',
      `${where} has ${timing.breaksAt.length} break(s) in its time stamps, the first between samples ${k} and ${k + 1} (${(stamps[k]! - stamps[k - 1]!).toFixed(3)} s); expected one continuous recording`,
      'split the recording at the break',
    );
  }
  const C = signal.channelCount;
  const values = signal.values!;
  const data = new Float64Array(C * samples);
  for (let k = 0; k < samples; k++) for (let c = 0; c < C; c++) data[c * samples + k] = values[k * C + c]!;

  const events: RecordingEvent[] = [];
  for (const markers of xdf.streams) {
    if (markers.channelFormat !== 'string') continue;
    const times = correctTimestamps(markers.timestamps, fitClockOffsets(markers.clockTimes, markers.clockValues));
    markers.strings!.forEach((row, k) => {
      const onsetSec = (times[k]! - timing.firstSec) / timing.periodSec / fsHz;
      for (const text of row) if (text !== '') events.push({ onsetSec, durationSec: 0, text });
    });
  }
  events.sort((a, b) => a.onsetSec - b.onsetSec);
  return { path, format: 'xdf', fsHz, channels: channelsOf(signal, path), samples, data, events, firstTimestampSec: timing.firstSec };
}

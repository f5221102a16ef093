// Which column of a live stream feeds each channel the model was trained on. Labels are matched
// case-insensitively after dropping an 'EEG ' prefix and a reference suffix ('EEG Fp1-REF' → FP1),
// with the old 10-20 names T3/T4/T5/T6 standing for T7/T8/P7/P8 (the same sites). Missing channels
// are an error listing all of them; extra stream channels are ignored. A stream without labels (the
// OpenBCI GUI sends none) must be given them (`--channels`). The label rule is channelKey's, shared
// with recordings and `predict --recording`. Pure code: no Node built-ins.
import { channelKey } from '../datasets/channel-names.js';
import { StrnnError } from '../util/errors.js';

export interface ChannelMap {
  /** Stream column of each wanted channel, in the wanted order. */
  columns: number[];
  /** Stream labels that feed nothing. */
  ignored: string[];
}

/**
 * Maps wanted channel labels (the model's, node order) to the columns of a stream with `labels`
 * (undefined or all empty when the stream carries none). `streamName` names the stream in errors.
 */
export function mapStreamChannels(wanted: readonly string[], labels: readonly string[] | undefined, streamName: string): ChannelMap {
  if (!labels || labels.length === 0 || labels.every((l) => l.trim() === '')) {
    throw new StrnnError('USAGE', `stream ${streamName} has no channel labels, so its channels cannot be matched to the model's ${wanted.length}`,
      `pass --channels with the stream's labels in column order, e.g. --channels ${wanted.slice(0, 3).join(',')},...`);
  }
  const byKey = new Map<string, number>();
  const duplicates = new Set<string>();
  labels.forEach((label, i) => {
    const key = channelKey(label);
    if (byKey.has(key)) duplicates.add(key);
    else byKey.set(key, i);
  });
  const columns: number[] = [];
  const missing: string[] = [];
  for (const w of wanted) {
    const key = channelKey(w);
    const i = byKey.get(key);
    if (i === undefined) missing.push(w);
    else if (duplicates.has(key)) throw new StrnnError('INPUT', `stream ${streamName}: channel ${w} appears more than once among its labels (${labels.filter((l) => channelKey(l) === key).join(', ')})`);
    else columns.push(i);
  }
  if (missing.length > 0) {
    throw new StrnnError('INPUT', `stream ${streamName} lacks ${missing.length} of the model's ${wanted.length} channels: ${missing.join(', ')}`,
      `the stream has ${labels.join(', ')}; the model needs every one of its channels (old names T3/T4/T5/T6 match T7/T8/P7/P8)`);
  }
  const used = new Set(columns);
  return { columns, ignored: labels.filter((_, i) => !used.has(i)) };
}

// Matching EEG channel labels by name, the same way for a dataset's recordings and for a recording
// passed to `strnn predict --recording`: case-insensitive, an 'EEG ' prefix and a reference suffix
// dropped ('EEG Fp1-REF' → FP1), and the old 10-20 names T3/T4/T5/T6 taken as T7/T8/P7/P8 (the
// aliases of the standard 10-05 table).
import { normalizeChannelLabel } from '../montage/channel-names.js';
import { standardPosition } from '../montage/standard-1005.js';

/** The key two labels of the same electrode share: 'EEG t3-REF' and 'T7' both give 'T7'. */
export function channelKey(label: string): string {
  const name = normalizeChannelLabel(label);
  return standardPosition(name)?.name.toUpperCase() ?? name;
}

/**
 * Index into `available` of each wanted channel, matched by channelKey; `missing` lists the wanted
 * labels with no match (an error for the caller to report with the file name).
 */
export function matchChannels(wanted: readonly string[], available: readonly string[]): { indices: number[]; missing: string[] } {
  const byKey = new Map<string, number>();
  available.forEach((label, i) => {
    const key = channelKey(label);
    if (!byKey.has(key)) byKey.set(key, i);
  });
  const indices: number[] = [];
  const missing: string[] = [];
  for (const label of wanted) {
    const i = byKey.get(channelKey(label));
    if (i === undefined) missing.push(label);
    else indices.push(i);
  }
  return { indices, missing };
}

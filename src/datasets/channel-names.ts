// Matching EEG channel labels by name, the same way for a dataset's recordings and for a recording
// passed to `strnn predict --recording`: case-insensitive, an 'EEG ' prefix and a reference suffix
// dropped ('EEG Fp1-REF' → FP1), and the old 10-20 names T3/T4/T5/T6 taken as T7/T8/P7/P8.
import { normalizeChannelLabel } from '../montage/channel-names.js';

/** Old 10-20 names and the 10-10 names that replaced them (same electrode sites). */
const OLD_10_20_NAMES: Readonly<Record<string, string>> = { T3: 'T7', T4: 'T8', T5: 'P7', T6: 'P8' };

/** The key two labels of the same electrode share: 'EEG t3-REF' and 'T7' both give 'T7'. */
export function channelKey(label: string): string {
  const name = normalizeChannelLabel(label);
  return OLD_10_20_NAMES[name] ?? name;
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

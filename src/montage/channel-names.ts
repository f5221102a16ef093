// Electrode names as recordings spell them ('EEG Fp1-REF', 'FP1', 'Fp1-LE') reduced to the electrode
// they stand for, so that files, montages and checkpoints match channels by name.

/** The electrode name a label stands for, upper-cased: 'EEG Fp1-REF' → 'FP1'. */
export function normalizeChannelLabel(label: string): string {
  return label.trim().toUpperCase().replace(/^EEG[\s_-]+/, '').replace(/[\s_-]+(REF|LE|RE|AR|AVG|CAR)$/, '').trim();
}

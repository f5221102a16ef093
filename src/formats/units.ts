// Physical units of EEG channels as files spell them — EDF 'uV', BrainVision 'µV', XDF/LSL 'microvolts',
// 'mV', 'V' — as a factor to microvolts, the unit strnn's features assume.

const MICROVOLTS_PER: Readonly<Record<string, number>> = {
  uv: 1, 'µv': 1, 'μv': 1, microvolt: 1, microvolts: 1,
  mv: 1e3, millivolt: 1e3, millivolts: 1e3,
  v: 1e6, volt: 1e6, volts: 1e6,
  nv: 1e-3, nanovolt: 1e-3, nanovolts: 1e-3,
};

/** Microvolts per one `unit` (1 for 'uV', 1000 for 'mV'); undefined for '' and non-voltage units. */
export function microvoltsPerUnit(unit: string): number | undefined {
  return MICROVOLTS_PER[unit.trim().toLowerCase()];
}

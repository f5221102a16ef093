// Physical units of EEG samples as files spell them ('uV', 'µV', 'microvolts', 'mV', 'V'), and the
// factor that turns them into µV, so features of recordings stored in different units agree.

const UV_PER_UNIT: Readonly<Record<string, number>> = { uv: 1, 'µv': 1, 'μv': 1, microvolts: 1, microvolt: 1, mv: 1e3, millivolts: 1e3, v: 1e6, volts: 1e6, nv: 1e-3 };

/** µV per unit of `unit` (case-insensitive); 1 for units it does not know (kept as stored). */
export function microvoltsPerUnit(unit: string): number {
  return UV_PER_UNIT[unit.trim().toLowerCase()] ?? 1;
}

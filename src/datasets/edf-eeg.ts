// EEG recordings from EDF / EDF+ / BDF files (any amplifier; DEAP's originals are BioSemi BDF).
// One file is one recording (trial 1, no label). Channel choice, in order:
//   1. the SEED 62 electrodes, when every one of them is found: montage 'seed-62', SEED's order;
//   2. DEAP's 32 electrodes, when every one is found: montage 'deap-32', DEAP's order;
//   3. otherwise every EEG channel with its own name, in file order: montage 'own' (no grid).
// Labels are matched case-insensitively after dropping an 'EEG ' prefix and a reference suffix
// ('Fp1-REF', 'EEG FP1-LE' → FP1). Non-EEG channels (EOG, ECG, EMG, respiration, status/trigger
// ...) are left out by their label prefix. Samples are converted to µV when the physical dimension
// says V, mV or nV. The chosen channels must share one sampling rate; EDF+D (discontinuous) files are
// refused, because features need evenly spaced samples.
import { basename } from 'node:path';
import { readEdf } from '../formats/edf/index.js';
import type { EdfSignal } from '../formats/edf/index.js';
import { normalizeChannelLabel } from '../montage/channel-names.js';
import { DEAP_CHANNELS } from '../montage/deap32.js';
import { SEED_CHANNELS } from '../montage/seed62.js';
import { StrnnError } from '../util/errors.js';
import type { Recording } from './types.js';

export type EdfMontage = 'seed-62' | 'deap-32' | 'own';

export interface EdfRecording extends Recording {
  montage: EdfMontage;
}

const NON_EEG = /^(EOG|ECG|EKG|EMG|RESP|GSR|TEMP|PLET|STATUS|TRIG|EVENT|MARK|SAO2|SPO2|PULSE|HR|EXG|ERG|AUX|ACC|LIGHT|SNORE|POS|FLOW|THOR|ABD)/;
const UV_PER_UNIT: Record<string, number> = { uv: 1, 'µv': 1, 'μv': 1, mv: 1e3, v: 1e6, nv: 1e-3 };

export { normalizeChannelLabel };

function pick(signals: readonly EdfSignal[], names: readonly string[]): EdfSignal[] | undefined {
  const byName = new Map<string, EdfSignal[]>();
  for (const s of signals) {
    const n = normalizeChannelLabel(s.label);
    byName.set(n, [...(byName.get(n) ?? []), s]);
  }
  const out: EdfSignal[] = [];
  for (const n of names) {
    const found = byName.get(n.toUpperCase());
    if (!found || found.length !== 1) return undefined;
    out.push(found[0]!);
  }
  return out;
}

/** Reads an EDF/BDF file as one EEG recording (see the file header for the channel choice). */
export function readEdfRecording(path: string): EdfRecording {
  const edf = readEdf(path);
  if (edf.header.plus === 'D') {
    throw new StrnnError('UNSUPPORTED', `${path}: EDF+D (discontinuous) recording; expected a continuous EDF, EDF+C or BDF file`, 'export the recording as continuous EDF+C');
  }
  const signals = edf.signals;
  let montage: EdfMontage = 'seed-62';
  let chosen = pick(signals, SEED_CHANNELS);
  if (!chosen) {
    montage = 'deap-32';
    chosen = pick(signals, DEAP_CHANNELS);
  }
  let names: readonly string[];
  if (chosen) {
    names = montage === 'seed-62' ? SEED_CHANNELS : DEAP_CHANNELS;
  } else {
    montage = 'own';
    chosen = signals.filter((s) => !NON_EEG.test(normalizeChannelLabel(s.label)));
    names = chosen.map((s) => s.label.trim());
    if (chosen.length === 0) {
      throw new StrnnError('INPUT', `${path}: no EEG channels (found ${signals.map((s) => s.label.trim()).join(', ') || 'no signals'}); expected the SEED 62 names, DEAP's 32, or other EEG labels`);
    }
    const seen = new Set<string>();
    for (const n of names) {
      if (seen.has(n.toUpperCase())) throw new StrnnError('INPUT', `${path}: two EEG channels are labelled '${n}'; expected unique channel names`);
      seen.add(n.toUpperCase());
    }
  }
  const rates = [...new Set(chosen.map((s) => s.fsHz))];
  if (rates.length !== 1) {
    const list = chosen.map((s) => `${s.label.trim()} ${s.fsHz} Hz`).slice(0, 12).join(', ');
    throw new StrnnError('INPUT', `${path}: the EEG channels have different sampling rates (${list}); expected one rate for all`, 'resample the recording to one rate');
  }
  const samples = Math.min(...chosen.map((s) => s.data.length));
  if (samples < 1) throw new StrnnError('INPUT', `${path}: the EEG channels hold no samples`);
  const data = new Float64Array(chosen.length * samples);
  chosen.forEach((s, c) => {
    const scale = UV_PER_UNIT[s.physicalDimension.trim().toLowerCase()] ?? 1;
    for (let i = 0; i < samples; i++) data[c * samples + i] = s.data[i]! * scale;
  });
  return {
    dataset: 'edf', subject: basename(path), session: 1, trial: 1, label: 0,
    channels: chosen.length, samples, fsHz: rates[0]!, channelNames: names, unit: 'uV', data, source: path, montage,
  };
}

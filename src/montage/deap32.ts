// The DEAP 32-electrode montage: DEAP's EEG channel order (Geneva order of the preprocessed files),
// each electrode placed on the same 9x9 map as SEED's 62 electrodes (row 0 = front, column 4 = the
// midline), i.e. at its standard 10-20 / 10-10 position: Fp at row 0, AF 1, F 2, FC 3, C/T 4, CP 5,
// P 6, PO 7, O 8; odd numbers left of the midline, even numbers right, higher numbers further out.
// Source of the channel order: ../shared/reference/datasets.md (DEAP section).
import { montageFromGrid, type Montage } from './montage.js';

// One string per grid row, '-' for an empty cell (the SEED grid with the 30 unused electrodes removed).
const DEAP_GRID = [
  '-    -    -    Fp1  -    Fp2  -    -    -',
  '-    -    -    AF3  -    AF4  -    -    -',
  'F7   -    F3   -    Fz   -    F4   -    F8',
  '-    FC5  -    FC1  -    FC2  -    FC6  -',
  'T7   -    C3   -    Cz   -    C4   -    T8',
  '-    CP5  -    CP1  -    CP2  -    CP6  -',
  'P7   -    P3   -    Pz   -    P4   -    P8',
  '-    -    -    PO3  -    PO4  -    -    -',
  '-    -    -    O1   Oz   O2   -    -    -',
];

/** EEG channels 1..32 of DEAP's data_preprocessed files, in file order. */
export const DEAP_CHANNELS: readonly string[] = (
  'Fp1 AF3 F3 F7 FC5 FC1 C3 T7 CP5 CP1 P3 P7 PO3 O1 Oz Pz Fp2 AF4 Fz F4 F8 FC6 FC2 Cz C4 T8 CP6 CP2 P4 P8 PO4 O2'
).split(' ');

export const DEAP_32: Montage = montageFromGrid('deap-32', DEAP_GRID, DEAP_CHANNELS);

// The SEED / SEED-IV 62-electrode montage: channel order as stored in the dataset files, placed on the
// usual 9x9 map (row 0 = front). Source: ../shared/reference/datasets.md (SEED section).
import { montageFromGrid, type Montage } from './montage.js';

// One string per grid row, '-' for an empty cell.
const SEED_GRID = [
  '-    -    -    FP1  FPZ  FP2  -    -    -',
  '-    -    -    AF3  -    AF4  -    -    -',
  'F7   F5   F3   F1   FZ   F2   F4   F6   F8',
  'FT7  FC5  FC3  FC1  FCZ  FC2  FC4  FC6  FT8',
  'T7   C5   C3   C1   CZ   C2   C4   C6   T8',
  'TP7  CP5  CP3  CP1  CPZ  CP2  CP4  CP6  TP8',
  'P7   P5   P3   P1   PZ   P2   P4   P6   P8',
  '-    PO7  PO5  PO3  POZ  PO4  PO6  PO8  -',
  '-    -    CB1  O1   OZ   O2   CB2  -    -',
];

/** Channel order of SEED's files (62 channels). */
export const SEED_CHANNELS: readonly string[] = (
  'FP1 FPZ FP2 AF3 AF4 F7 F5 F3 F1 FZ F2 F4 F6 F8 FT7 FC5 FC3 FC1 FCZ FC2 FC4 FC6 FT8 T7 C5 C3 C1 CZ C2 ' +
  'C4 C6 T8 TP7 CP5 CP3 CP1 CPZ CP2 CP4 CP6 TP8 P7 P5 P3 P1 PZ P2 P4 P6 P8 PO7 PO5 PO3 POZ PO4 PO6 PO8 ' +
  'CB1 O1 OZ O2 CB2'
).split(' ');

export const SEED_62: Montage = montageFromGrid('seed-62', SEED_GRID, SEED_CHANNELS);

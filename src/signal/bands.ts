// Frequency band tables for band-wise features. A table is plain configuration: callers may pass
// their own. Edges are inclusive and in Hz; each band is filtered (Gaussian DE) or summed over FFT
// bins (spectral DE, PSD) between its two edges.
import { StrnnError } from '../util/errors.js';

export interface Band {
  name: string;
  lowHz: number;
  highHz: number;
}

/** SEED's default bands (Zheng & Lu 2015): δ 1–3, θ 4–7, α 8–13, β 14–30, γ 31–50 Hz. */
export const SEED_BANDS: readonly Band[] = Object.freeze([
  { name: 'delta', lowHz: 1, highHz: 3 },
  { name: 'theta', lowHz: 4, highHz: 7 },
  { name: 'alpha', lowHz: 8, highHz: 13 },
  { name: 'beta', lowHz: 14, highHz: 30 },
  { name: 'gamma', lowHz: 31, highHz: 50 },
]);

/** The alternative, contiguous table also used with SEED: δ 1–4, θ 4–8, α 8–14, β 14–31, γ 31–50 Hz. */
export const SEED_BANDS_CONTIGUOUS: readonly Band[] = Object.freeze([
  { name: 'delta', lowHz: 1, highHz: 4 },
  { name: 'theta', lowHz: 4, highHz: 8 },
  { name: 'alpha', lowHz: 8, highHz: 14 },
  { name: 'beta', lowHz: 14, highHz: 31 },
  { name: 'gamma', lowHz: 31, highHz: 50 },
]);

/** Refuse empty tables and bands that are inverted or do not fit below the Nyquist frequency. */
export function checkBands(bands: readonly Band[], fsHz: number): void {
  if (bands.length === 0) throw new StrnnError('CONFIG', 'the band table is empty');
  for (const b of bands) {
    if (!(b.lowHz > 0 && b.lowHz < b.highHz && b.highHz < fsHz / 2)) {
      throw new StrnnError(
        'CONFIG',
        `band '${b.name}' [${b.lowHz}, ${b.highHz}] Hz must satisfy 0 < low < high < fs/2 = ${fsHz / 2} Hz`,
      );
    }
  }
}

// The filter bank in plain TypeScript (the oracle for wasm/filter-bank.ts; interface in
// ../filter-bank.ts). Per channel and band: the filter state, and a buffer whose first L values are
// the band's last L outputs before the chunk (oldest first), followed by the chunk's outputs, so a
// window ending at chunk offset e is the contiguous run [e, e + L).
import type { FilterBank, FilterBankShape } from '../filter-bank.js';
import { populationVariance } from '../../signal/differential-entropy.js';
import { readBlockInto } from '../../signal/read-block.js';
import { sosfiltInPlace, sosfiltZi } from '../../signal/sosfilt.js';

export function referenceFilterBank(shape: FilterBankShape): FilterBank {
  const C = shape.channels, B = shape.sos.length, L = shape.windowSamples;
  const zi = shape.sos.map((s) => sosfiltZi(s));
  const state = Array.from({ length: C * B }, (_, i) => new Float64Array(zi[i % B]!.length));
  let hist = Array.from({ length: C * B }, () => new Float64Array(L));
  let x = new Float64Array(0);
  return {
    name: 'reference', channels: C, bands: B, inputStride: C,
    input(frames) {
      if (x.length < frames * C) x = new Float64Array(frames * C);
      return x.subarray(0, frames * C);
    },
    read(b) {
      return readBlockInto(b, this.input(b.frames), C);
    },
    process(frames, ends, restart, keep, out) {
      if (hist[0]!.length < L + frames) hist = hist.map((h) => { const g = new Float64Array(L + frames); g.set(h.subarray(0, L)); return g; });
      for (let c = 0; c < C; c++) {
        for (let b = 0; b < B; b++) {
          const h = hist[c * B + b]!, y = h.subarray(L, L + frames), z = state[c * B + b]!;
          for (let i = 0; i < frames; i++) y[i] = x[i * C + c]!;
          if (restart) for (let i = 0; i < z.length; i++) z[i] = zi[b]![i]! * y[0]!;
          sosfiltInPlace(shape.sos[b]!, y, z);
          for (let w = 0; w < ends.length; w++) out[(w * C + c) * B + b] = populationVariance(h, ends[w]!, L);
          if (keep) h.copyWithin(0, frames, frames + L);
        }
      }
    },
  };
}

// The causal extractor's reader (src/signal/causal-features.ts): one block of a chunk into the
// filter bank's input (frames x stride, float64) and, when asked, per-channel rows, with
//   - bad samples (NaN, ±Inf, or beyond ±MAX_SAMPLE_MAGNITUDE) replaced by the channel's last good
//     value and listed, so the filter state stays finite;
//   - each window's flat channels: a window is flat when its channel's value never changes after the
//     window's first sample, which is every raw sample being equal (−0 equals 0, as comparisons say).
// This plain loop is the reference; the WebAssembly filter bank's read (kernels/wasm/filter-bank.ts)
// does the same, bit for bit, for Float32Array and Float64Array chunks.
import type { BlockRead } from '../kernels/filter-bank.js';

/**
 * Largest |sample| taken as data. Far above any EEG in any unit (1 V is 1e6 µV), and small enough
 * that squares and filter states stay finite: a larger value counts as non-finite.
 */
export const MAX_SAMPLE_MAGNITUDE = 1e100;

/**
 * Reads block b into `input` (frames x stride; may be undefined) and `rows` (C x frames; may be
 * undefined). Returns the bad samples as (channel, offset in the block) pairs.
 */
export function readBlockInto(b: BlockRead, input: Float64Array | undefined, stride: number, rows?: Float64Array): Int32Array {
  const { data, frames, first, seen, ends, last, changed, flat, columns } = b;
  const C = columns.length, L = b.windowSamples, W = ends.length;
  const bad: number[] = [];
  // Plain loops, no closures: V8 keeps them tight, and this pass touches every sample.
  // NaN fails the range test too.
  if (b.interleaved) {
    const Cs = b.sourceChannels;
    let w = 0;
    for (let i = 0; i < frames; i++) {
      const row = (first + i) * Cs, out = i * stride;
      for (let c = 0; c < C; c++) {
        const v = data[row + columns[c]!]!;
        let good = last[c]!;
        if (Math.abs(v) <= MAX_SAMPLE_MAGNITUDE) {
          if (v !== good) changed[c] = seen + i;
          good = v; // even when equal: −0 stays −0
          last[c] = v;
        } else {
          bad.push(c, i);
        }
        if (input) input[out + c] = good;
        if (rows) rows[c * frames + i] = good;
      }
      for (; w < W && ends[w] === i + 1; w++) {
        for (let c = 0; c < C; c++) flat[w * C + c] = changed[c]! <= seen + i + 1 - L ? 1 : 0;
      }
    }
  } else {
    for (let c = 0; c < C; c++) {
      const base = columns[c]! * b.total + first;
      let good = last[c]!, change = changed[c]!, w = 0;
      for (let i = 0; i < frames; i++) {
        const v = data[base + i]!;
        if (Math.abs(v) <= MAX_SAMPLE_MAGNITUDE) {
          if (v !== good) change = seen + i;
          good = v;
        } else {
          bad.push(c, i);
        }
        if (input) input[i * stride + c] = good;
        if (rows) rows[c * frames + i] = good;
        for (; w < W && ends[w] === i + 1; w++) flat[w * C + c] = change <= seen + i + 1 - L ? 1 : 0;
      }
      last[c] = good;
      changed[c] = change;
    }
  }
  return Int32Array.from(bad);
}

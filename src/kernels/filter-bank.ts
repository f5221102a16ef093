// The filter-bank kernel of causal features: C channels, each through B band-pass filters (second-
// order sections, state carried from chunk to chunk), and the population variance of every band's
// window ending in the chunk. Two implementations behind this interface, bit-identical: the plain
// TypeScript reference (ref/filter-bank.ts, the oracle) and WebAssembly SIMD (wasm/filter-bank.ts,
// two channels per f64x2 vector), the hot path of `strnn live` and `strnn features --causal`.
// No Node built-ins: both run in a browser.
import { StrnnError } from '../util/errors.js';
import { referenceFilterBank } from './ref/filter-bank.js';
import { isWasmSimdSupported } from './wasm/index.js';
import { wasmFilterBank } from './wasm/filter-bank.js';

export interface FilterBank {
  readonly name: 'reference' | 'wasm';
  readonly channels: number;
  readonly bands: number;
  /** Values between consecutive frames of input() (C, or C + 1 to pad an odd C to channel pairs). */
  readonly inputStride: number;
  /**
   * The buffer to fill with the next chunk, frames x inputStride, channel c at column c (finite
   * values). A view: valid until the next input() or process() call.
   */
  input(frames: number): Float64Array;
  /**
   * Filters the chunk written into input(frames) through every band, starting each filter in steady
   * state for the chunk's first sample when `restart`, else from the carried state. Then, for window
   * w ending at chunk offset ends[w] (exclusive, 1..frames, the L samples before it, earlier chunks'
   * outputs included), writes the variance of channel c, band b at out[(w·C + c)·B + b].
   * `keep`: a later chunk's windows need this chunk's outputs (else the history is left alone).
   */
  process(frames: number, ends: ArrayLike<number>, restart: boolean, keep: boolean, out: Float64Array): void;
  /**
   * The causal extractor's block reader straight into input(b.frames) (src/signal/read-block.ts
   * says what it does; that loop is the reference). Returns the bad samples as (channel, offset)
   * pairs; updates b.last, b.changed and b.flat.
   */
  read(b: BlockRead): Int32Array;
}

/** One block of a chunk for FilterBank.read (and readBlockInto). */
export interface BlockRead {
  data: Float32Array | Float64Array | ArrayLike<number>;
  /** true: frames x sourceChannels interleaved; false: channel-major rows of `total` frames. */
  interleaved: boolean;
  sourceChannels: number;
  total: number;
  /** The block is frames [first, first + frames) of the chunk. */
  first: number;
  frames: number;
  /** Source column (interleaved) or row (channel-major) of each of the C channels. */
  columns: Int32Array;
  /** Samples since the extractor's start or reset before this block. */
  seen: number;
  /** Window ends as exclusive offsets into the block, ascending, and the window length. */
  ends: ArrayLike<number>;
  windowSamples: number;
  /** Carried per channel, updated: the last good value, and the sample of its last change of value. */
  last: Float64Array;
  changed: Float64Array;
  /** Out: flat[w·C + c] = 1 when channel c does not change within window w. */
  flat: Uint8Array;
}

export type FilterBankKind = 'auto' | 'wasm' | 'reference';

export interface FilterBankShape {
  channels: number;
  /** Per band, its S x 6 second-order sections (every band the same S). */
  sos: readonly Float64Array[];
  /** Window length L in samples. */
  windowSamples: number;
}

/** A filter bank: 'auto' takes WebAssembly SIMD where the engine has it (the same numbers either way). */
export function createFilterBank(shape: FilterBankShape, kind: FilterBankKind = 'auto'): FilterBank {
  const sections = shape.sos.map((s) => s.length / 6);
  if (sections.length === 0 || sections.some((s) => s !== sections[0] || !Number.isInteger(s) || s < 1)) {
    throw new StrnnError('CONFIG', `filter bank: every band needs the same whole number of second-order sections, got ${sections.join(', ')}`);
  }
  if (kind === 'reference' || (kind === 'auto' && !isWasmSimdSupported())) return referenceFilterBank(shape);
  return wasmFilterBank(shape);
}

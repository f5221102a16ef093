// The filter bank on WebAssembly SIMD (interface in ../filter-bank.ts; kernel in
// assembly/filter-bank.ts, bit-identical to ../ref/filter-bank.ts). Channels go two per f64x2
// vector, so an odd C gets one padding column of zeros.
//
// Memory, in bytes from the module's heap base, 16-byte aligned:
//   [sos B·S·6][zi B·S·2][state pairs·B·S·2 vectors][hist pairs·B·(L + cap) vectors][x cap·2·pairs]
//   [ends][out][read: columns, last, changed, flat, source block, bad pairs]
// `cap` (frames per chunk), the window count and the source block grow on demand: hist keeps its
// first L vectors per band and moves to the wider stride; everything after it is scratch, refilled
// on every call.
import type { BlockRead, FilterBank, FilterBankShape } from '../filter-bank.js';
import { readBlockInto } from '../../signal/read-block.js';
import { sosfiltZi } from '../../signal/sosfilt.js';
import { wasmInstanceSync } from './index.js';

interface FilterBankExports {
  readBlock(src: number, isF64: number, interleaved: number, sourceChannels: number, columns: number, C: number, frames: number, stride: number,
    dst: number, last: number, changed: number, seen: number, ends: number, nEnds: number, L: number, flat: number, bad: number): number;
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  filterBank(x: number, frames: number, pairs: number, bands: number, sections: number, sos: number, zi: number,
    state: number, hist: number, L: number, stride: number, ends: number, nEnds: number, out: number, restart: number, keep: number): void;
}

const PAGE = 65536;
const align16 = (n: number) => Math.ceil(n / 16) * 16;

export function wasmFilterBank(shape: FilterBankShape): FilterBank {
  const w = wasmInstanceSync() as FilterBankExports;
  const C = shape.channels, B = shape.sos.length, L = shape.windowSamples, S = shape.sos[0]!.length / 6;
  const pairs = Math.ceil(C / 2), stride = 2 * pairs;
  const sosAt = align16(w.heapBase());
  const ziAt = align16(sosAt + B * S * 6 * 8);
  const stateAt = align16(ziAt + B * S * 2 * 8);
  const histAt = align16(stateAt + pairs * B * S * 2 * 16);
  let cap = 0, maxEnds = 0, maxSource = 0;
  let xAt = 0, endsAt = 0, outAt = 0, columnsAt = 0, lastAt = 0, changedAt = 0, flatAt = 0, sourceAt = 0, badAt = 0;
  let f64 = new Float64Array(w.memory.buffer);

  const ensureMemory = (bytes: number) => {
    const have = w.memory.buffer.byteLength;
    if (bytes > have) w.memory.grow(Math.ceil((bytes - have) / PAGE));
    if (f64.buffer !== w.memory.buffer) f64 = new Float64Array(w.memory.buffer);
  };
  // Room for chunks of `frames` and `windows` window ends; hist moves to the new stride (last band first, so nothing is overwritten before it moves).
  const layout = (frames: number, windows: number, sourceValues = 0) => {
    if (frames <= cap && windows <= maxEnds && sourceValues <= maxSource) return;
    const oldCap = cap;
    cap = Math.max(cap, frames);
    maxEnds = Math.max(maxEnds, windows, 1);
    maxSource = Math.max(maxSource, sourceValues);
    xAt = align16(histAt + pairs * B * (L + cap) * 16);
    endsAt = align16(xAt + cap * stride * 8);
    outAt = align16(endsAt + maxEnds * 4);
    columnsAt = align16(outAt + maxEnds * stride * B * 8);
    lastAt = align16(columnsAt + C * 4);
    changedAt = lastAt + C * 8;
    flatAt = align16(changedAt + C * 8);
    sourceAt = align16(flatAt + maxEnds * C);
    badAt = align16(sourceAt + maxSource * 8);
    ensureMemory(badAt + cap * C * 8 + 64);
    if (cap !== oldCap && oldCap > 0) {
      for (let j = pairs * B - 1; j > 0; j--) {
        const from = (histAt + j * (L + oldCap) * 16) / 8, to = (histAt + j * (L + cap) * 16) / 8;
        f64.copyWithin(to, from, from + 2 * L);
      }
    }
  };

  // The padding lane of an odd C is filtered too (its results are never read): keep it finite.
  const zeroPadding = (frames: number) => {
    if (stride !== C) for (let i = 0; i < frames; i++) f64[xAt / 8 + i * stride + C] = 0;
  };

  // Coefficients and steady-state starts never change; states start at zero (fresh memory).
  ensureMemory(histAt);
  shape.sos.forEach((s, b) => {
    f64.set(s, sosAt / 8 + b * S * 6);
    f64.set(sosfiltZi(s), ziAt / 8 + b * S * 2);
  });

  return {
    name: 'wasm', channels: C, bands: B, inputStride: stride,
    input(frames) {
      layout(frames, 0);
      zeroPadding(frames);
      return f64.subarray(xAt / 8, xAt / 8 + frames * stride);
    },
    read(b: BlockRead) {
      const { data, frames } = b;
      if (!(data instanceof Float32Array || data instanceof Float64Array)) return readBlockInto(b, this.input(frames), stride);
      const W = b.ends.length;
      const sourceValues = b.interleaved ? frames * b.sourceChannels : frames * C;
      layout(frames, W, sourceValues);
      const mem = w.memory.buffer, isF64 = data instanceof Float64Array;
      // The block into the source area: one copy when interleaved, C row pieces when channel-major.
      const source = isF64 ? new Float64Array(mem, sourceAt, sourceValues) : new Float32Array(mem, sourceAt, sourceValues);
      if (b.interleaved) source.set(data.subarray(b.first * b.sourceChannels, (b.first + frames) * b.sourceChannels));
      else for (let c = 0; c < C; c++) source.set(data.subarray(b.columns[c]! * b.total + b.first, b.columns[c]! * b.total + b.first + frames), c * frames);
      new Int32Array(mem, columnsAt, C).set(b.columns);
      const ints = new Int32Array(mem, endsAt, W);
      for (let i = 0; i < W; i++) ints[i] = b.ends[i]!;
      f64.set(b.last, lastAt / 8);
      f64.set(b.changed, changedAt / 8);
      const nBad = w.readBlock(sourceAt, isF64 ? 1 : 0, b.interleaved ? 1 : 0, b.sourceChannels, columnsAt, C, frames, stride,
        xAt, lastAt, changedAt, b.seen, endsAt, W, L, flatAt, badAt);
      zeroPadding(frames);
      b.last.set(f64.subarray(lastAt / 8, lastAt / 8 + C));
      b.changed.set(f64.subarray(changedAt / 8, changedAt / 8 + C));
      b.flat.set(new Uint8Array(mem, flatAt, W * C));
      return Int32Array.from(new Int32Array(mem, badAt, 2 * nBad));
    },
    process(frames, ends, restart, keep, out) {
      layout(frames, ends.length);
      const ints = new Int32Array(w.memory.buffer, endsAt, ends.length);
      for (let i = 0; i < ends.length; i++) ints[i] = ends[i]!;
      w.filterBank(xAt, frames, pairs, B, S, sosAt, ziAt, stateAt, histAt, L, L + cap, endsAt, ends.length, outAt, restart ? 1 : 0, keep ? 1 : 0);
      if (f64.buffer !== w.memory.buffer) f64 = new Float64Array(w.memory.buffer);
      const res = f64.subarray(outAt / 8, outAt / 8 + ends.length * stride * B);
      if (stride === C) out.set(res.subarray(0, ends.length * C * B));
      else for (let wi = 0; wi < ends.length; wi++) out.set(res.subarray(wi * stride * B, (wi * stride + C) * B), wi * C * B);
    },
  };
}

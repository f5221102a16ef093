// Causal features, the same online and offline: raw EEG pushed in chunks of any size → per-window DE
// (and PSD) of every channel and band, from past samples only.
//
// - Band-pass: each band's Butterworth (second-order sections, order `filterOrder`) runs forwards
//   with its state carried from chunk to chunk, in the filter-bank kernel (src/kernels/filter-bank.ts:
//   WebAssembly SIMD, or its bit-identical TypeScript reference). The state starts in steady state
//   for the channel's first sample (sosfilt_zi · x[0]), so a DC offset does not ring through the
//   first windows.
// - Windows sit at fixed sample positions counted from the first sample (or the last reset):
//   window k covers [k·stride, k·stride + length). DE is 0.5·ln(2πe·σ²) of the band-passed window
//   (two-pass variance, as deGaussianWindows), or the spectral DE / Welch PSD of the raw window (the
//   same functions as the zero-phase path, which needs no filtering for those).
// - Smoothing over windows: causal-smoothing.ts (moving average of past windows, forward Kalman).
// - A window is invalid when one of its channels has a NaN/Inf sample in it, or one beyond ±1e100
//   (the sample is replaced by the channel's last good value before filtering, so the filter state
//   stays finite), or is flat (every raw sample equal: a disconnected or railed electrode; found
//   from the last change of value, read-block.ts). Invalid windows are reported with the reason and
//   do not update the smoothing.
//
// Chunking never changes a bit: every sample meets the same float64 operations in the same order
// whatever the chunk sizes, and window sums always run over the window oldest sample first. So
// `strnn features --causal` (the whole file as one chunk) and `strnn live` (a stream in chunks) give
// bit-identical features. No Node built-ins: this runs in a browser too.
//
// Shapes: a window's values are C x B row-major (channel c, band b at c·B + b); a chunk is either
// frames x sourceChannels interleaved (what streams deliver) or sourceChannels x frames row-major
// (what files hold); `channelIndex` picks the C columns or rows.
import { createFilterBank, type BlockRead, type FilterBank, type FilterBankKind } from '../kernels/filter-bank.js';
import { MAX_SAMPLE_MAGNITUDE, readBlockInto } from './read-block.js';
import { StrnnError } from '../util/errors.js';
import { checkBands, type Band } from './bands.js';
import { butterworthSos } from './butterworth.js';
import { type CausalKalmanSettings, CausalSmoother, type CausalSmoothingKind } from './causal-smoothing.js';
import { deSpectralWindows, gaussianDe } from './differential-entropy.js';
import { Periodogram } from './periodogram.js';
import { bandMeans } from './welch.js';
import { secondsToSamples } from './windows.js';

export { MAX_SAMPLE_MAGNITUDE };

export type CausalFeatureKind = 'de' | 'psd';

export interface CausalFeatureSettings {
  bands: readonly Band[];
  windowSec: number;
  strideSec: number;
  /** Feature kinds computed for every window (the live pipeline asks for its model's one). */
  kinds: readonly CausalFeatureKind[];
  deMethod: 'gaussian' | 'spectral';
  filterOrder: number;
  smoothing: CausalSmoothingKind;
  movingAverageLength: number;
  kalman: CausalKalmanSettings;
}

/** One finished window. `values` are views owned by the caller (fresh arrays per window). */
export interface CausalWindow {
  /** Window number since the start or the last reset. */
  index: number;
  /** Sample range [startSample, endSample) counted from the first sample ever pushed (resets do not restart it). */
  startSample: number;
  endSample: number;
  /** C x B smoothed values per kind requested. */
  values: Partial<Record<CausalFeatureKind, Float64Array>>;
  valid: boolean;
  /** Why the window is invalid (empty when valid): a channel (0-based) with NaN/Inf samples or flat. */
  problems: WindowProblem[];
}

export interface WindowProblem {
  channel: number;
  problem: 'non-finite' | 'flat';
}

/** 'channel FP1 has NaN/Inf samples; channel T7 is flat' (names: channel labels, else 1-based numbers). */
export function describeWindowProblems(problems: readonly WindowProblem[], names: readonly string[] = []): string {
  return problems.map((p) => `channel ${names[p.channel] ?? p.channel + 1} ${p.problem === 'flat' ? 'is flat (every sample equal)' : `has NaN/Inf samples or samples beyond ±${MAX_SAMPLE_MAGNITUDE}`}`).join('; ');
}

/** Frames per block inside push (a whole file arrives as one chunk offline). */
const BLOCK_FRAMES = 4096;

export interface ChunkLayout {
  /** 'frames': frames x sourceChannels interleaved; 'channels': sourceChannels x frames row-major. */
  layout: 'frames' | 'channels';
  /** Channels in `data`: per frame, or rows (default C). */
  sourceChannels?: number;
  /** Column (frames layout) or row (channels layout) of `data` feeding channel c (default c). */
  channelIndex?: ArrayLike<number>;
}

/** Streaming extractor for C channels at fsHz (see the file header). */
export class CausalFeatureExtractor {
  readonly B: number;
  readonly lengthSamples: number;
  readonly strideSamples: number;
  /** The band-pass filters with their carried state and history, and the windows' variances (Gaussian DE only). */
  private readonly bank: FilterBank | undefined;
  /** The last L raw samples of each channel (C x L), a ring (spectral DE and PSD only). */
  private readonly rawRing: Float64Array;
  /** Per channel: the last good sample value (what replaces a bad one). */
  private readonly lastFinite: Float64Array;
  /** Per channel: sample (since reset) of the last change of value; a window after it is flat. */
  private readonly lastChange: Float64Array;
  /** Spectral DE or PSD: the raw windows themselves are needed (per-channel copies and the raw ring). */
  private readonly needRawWindows: boolean;
  /** Sample (since reset) of each channel's last non-finite value before this chunk, −1 for none. */
  private readonly lastBad: Float64Array;
  /** Non-finite samples (since reset) of each channel in the current chunk. */
  private readonly badInChunk: number[][];
  private readonly smoothers: Partial<Record<CausalFeatureKind, CausalSmoother>> = {};
  private scratchRaw = new Float64Array(0);
  private readonly windowScratch: Float64Array;
  private readonly periodogram: Periodogram | undefined;
  private readonly psdScratch: Float64Array;
  /** Samples since the start / the last reset, and since the very start. */
  private seen = 0;
  private total = 0;
  private nextWindow = 0;

  /** `filterBank`: which implementation filters (default auto: WebAssembly SIMD where available; the same numbers either way). */
  constructor(readonly C: number, readonly fsHz: number, readonly settings: CausalFeatureSettings, options: { filterBank?: FilterBankKind } = {}) {
    if (!Number.isInteger(C) || C < 1) throw new StrnnError('CONFIG', `causal features need at least one channel, got ${C}`);
    if (!(fsHz > 0) || !Number.isFinite(fsHz)) throw new StrnnError('CONFIG', `sampling rate must be positive, got ${fsHz}`);
    if (settings.kinds.length === 0) throw new StrnnError('CONFIG', 'no feature kind selected; expected de and/or psd');
    checkBands(settings.bands, fsHz);
    this.B = settings.bands.length;
    this.lengthSamples = secondsToSamples(settings.windowSec, fsHz, 'window length');
    this.strideSamples = secondsToSamples(settings.strideSec, fsHz, 'window stride');
    const wantGaussian = settings.kinds.includes('de') && settings.deMethod === 'gaussian';
    if (settings.deMethod !== 'gaussian' && settings.deMethod !== 'spectral') {
      throw new StrnnError('CONFIG', `unknown DE method '${String(settings.deMethod)}'; expected gaussian or spectral`);
    }
    const L = this.lengthSamples;
    this.bank = wantGaussian
      ? createFilterBank({
        channels: C, windowSamples: L,
        sos: settings.bands.map((b) => butterworthSos({ order: settings.filterOrder, type: 'bandpass', cutoffHz: [b.lowHz, b.highHz], fsHz })),
      }, options.filterBank)
      : undefined;
    this.needRawWindows = settings.kinds.includes('psd') || (settings.kinds.includes('de') && settings.deMethod === 'spectral');
    this.rawRing = new Float64Array(this.needRawWindows ? C * L : 0);
    this.lastFinite = new Float64Array(C);
    this.lastChange = new Float64Array(C);
    this.lastBad = new Float64Array(C).fill(-1);
    this.badInChunk = Array.from({ length: C }, () => []);
    this.windowScratch = new Float64Array(L);
    this.periodogram = settings.kinds.includes('psd') ? new Periodogram(L, fsHz) : undefined;
    this.psdScratch = new Float64Array(this.periodogram?.bins ?? 0);
    for (const kind of settings.kinds) {
      this.smoothers[kind] = new CausalSmoother(settings.smoothing, C * this.B, settings.movingAverageLength, settings.kalman);
    }
  }

  /** Samples pushed since the start (resets included). */
  get samplesSeen(): number {
    return this.total;
  }

  /** Start over at the next sample: filters, the window grid and the smoothing (after a gap). */
  reset(): void {
    this.seen = 0;
    this.nextWindow = 0;
    this.lastBad.fill(-1);
    for (const s of Object.values(this.smoothers)) s.reset();
  }

  /** Push `frames` samples of every channel; returns the windows finished by them, in order. */
  push(data: ArrayLike<number>, frames: number, chunk: ChunkLayout = { layout: 'frames' }): CausalWindow[] {
    const C = this.C;
    if (!Number.isInteger(frames) || frames < 0) throw new StrnnError('INPUT', `chunk frame count must be an integer ≥ 0, got ${frames}`);
    const sourceChannels = chunk.sourceChannels ?? C;
    if (data.length < frames * sourceChannels) {
      throw new StrnnError('INPUT', `chunk of ${data.length} values is too short for ${frames} frames of ${sourceChannels} channels`);
    }
    // Long chunks (a whole file) go through in blocks, which changes no bit (see the file header)
    // and keeps the filter bank's buffers to a block's size.
    const columns = Int32Array.from({ length: C }, (_, c) => (chunk.channelIndex ? chunk.channelIndex[c]! : c));
    const windows: CausalWindow[] = [];
    for (let first = 0; first < frames; first += BLOCK_FRAMES) {
      windows.push(...this.pushBlock(data, first, Math.min(BLOCK_FRAMES, frames - first), frames, chunk.layout === 'frames', sourceChannels, columns));
    }
    return windows;
  }

  /** Frames [first, first + frames) of a chunk of `total` frames; columns: the source column (or row) of each channel. */
  private pushBlock(data: ArrayLike<number>, first: number, frames: number, total: number, interleaved: boolean, sourceChannels: number, columns: Int32Array): CausalWindow[] {
    const C = this.C, B = this.B, L = this.lengthSamples;
    // Window ends inside this block, as offsets into it (exclusive ends).
    const ends: number[] = [];
    for (let k = this.nextWindow; k * this.strideSamples + L <= this.seen + frames; k++) ends.push(k * this.strideSamples + L - this.seen);
    const W = ends.length;
    const raw: Partial<Record<CausalFeatureKind, Float64Array>> = {};
    for (const kind of this.settings.kinds) raw[kind] = new Float64Array(W * C * B);
    const flat = new Uint8Array(W * C);
    let x: Float64Array | undefined;
    if (this.needRawWindows) {
      if (this.scratchRaw.length < C * frames) this.scratchRaw = new Float64Array(C * frames);
      x = this.scratchRaw.subarray(0, C * frames);
    }
    if (this.seen === 0) {
      this.lastFinite.fill(0);
      this.lastChange.fill(0);
    }
    const block: BlockRead = {
      data, interleaved, sourceChannels, total, first, frames, seen: this.seen, ends, windowSamples: L, columns,
      last: this.lastFinite, changed: this.lastChange, flat,
    };
    // The bank reads straight into its input (WebAssembly for typed arrays); the raw rows that
    // spectral DE and PSD need come from the reference loop.
    const bad = this.bank && !x ? this.bank.read(block) : readBlockInto(block, this.bank?.input(frames), this.bank?.inputStride ?? 0, x);
    for (let k = 0; k < bad.length; k += 2) this.badInChunk[bad[k]!]!.push(this.seen + bad[k + 1]!);
    // A later window needs this block's samples only if it starts before the block's end (not so when
    // blocks end on window boundaries, as file replay's do): then the rings are left alone.
    const keepTail = (this.nextWindow + W) * this.strideSamples < this.seen + frames;
    if (x) {
      for (let c = 0; c < C; c++) {
        const xc = x.subarray(c * frames, (c + 1) * frames);
        for (let w = 0; w < W; w++) this.rawWindow(c, w, this.windowView(this.rawRing, c * L, xc, ends[w]!), raw);
        if (keepTail) this.ringAppend(this.rawRing, c * L, xc);
      }
    }
    if (this.bank) {
      // Gaussian DE of each band-passed window: 0.5·ln(2πe·σ²).
      const de = raw.de!;
      this.bank.process(frames, ends, this.seen === 0, keepTail, de);
      for (let i = 0; i < de.length; i++) de[i] = gaussianDe(de[i]!);
    }
    const windows: CausalWindow[] = [];
    for (let w = 0; w < W; w++) {
      const index = this.nextWindow + w;
      const start = index * this.strideSamples, end = start + L;
      const problems: WindowProblem[] = [];
      for (let c = 0; c < C; c++) {
        if (this.lastBad[c]! >= start || this.badInChunk[c]!.some((i) => i >= start && i < end)) problems.push({ channel: c, problem: 'non-finite' });
        else if (flat[w * C + c]) problems.push({ channel: c, problem: 'flat' });
      }
      const values: CausalWindow['values'] = {};
      for (const kind of this.settings.kinds) {
        const v = raw[kind]!.subarray(w * C * B, (w + 1) * C * B);
        // Invalid windows stay out of the smoothing; their raw values are reported as they are.
        values[kind] = problems.length === 0 ? Float64Array.from(this.smoothers[kind]!.smooth(v)) : Float64Array.from(v);
      }
      const offset = this.total - this.seen;
      windows.push({ index, startSample: offset + start, endSample: offset + start + L, values, valid: problems.length === 0, problems });
    }
    for (let c = 0; c < C; c++) {
      const bad = this.badInChunk[c]!;
      if (bad.length > 0) this.lastBad[c] = bad[bad.length - 1]!;
      bad.length = 0;
    }
    this.nextWindow += W;
    this.seen += frames;
    this.total += frames;
    return windows;
  }

  /**
   * The L samples ending at offset `end` of the chunk x, oldest first: a view of x when the window
   * lies inside the chunk, else the ring's last samples followed by x's prefix (copied to scratch).
   * Ring layout: sample s (since reset) of a sequence sits at ring[offset + s mod L].
   */
  private windowView(ring: Float64Array, offset: number, x: Float64Array, end: number): Float64Array {
    const L = this.lengthSamples;
    if (end >= L) return x.subarray(end - L, end);
    const out = this.windowScratch, need = L - end;
    const first = (this.seen - need) % L;
    const run = Math.min(need, L - first);
    out.set(ring.subarray(offset + first, offset + first + run), 0);
    out.set(ring.subarray(offset, offset + need - run), run);
    out.set(x.subarray(0, end), need);
    return out;
  }

  /** Keeps the chunk's last L samples in the ring (the only ones a later window can need). */
  private ringAppend(ring: Float64Array, offset: number, x: Float64Array): void {
    const L = this.lengthSamples, n = x.length;
    const from = Math.max(0, n - L);
    const first = (this.seen + from) % L;
    const run = Math.min(n - from, L - first);
    ring.set(x.subarray(from, from + run), offset + first);
    ring.set(x.subarray(from + run, n), offset);
  }

  /** Raw-window work for window w of channel c (x: its L raw samples): spectral DE, PSD. */
  private rawWindow(c: number, w: number, x: Float64Array, out: Partial<Record<CausalFeatureKind, Float64Array>>): void {
    const C = this.C, B = this.B, L = this.lengthSamples;
    if (out.de && this.settings.deMethod === 'spectral') {
      deSpectralWindows(x, this.fsHz, { count: 1, lengthSamples: L, strideSamples: L }, this.settings.bands, out.de, (w * C + c) * B, B);
    }
    if (out.psd) {
      // Welch with one segment the length of the window (trial-features.ts's default: segment =
      // window, half overlap, so exactly one segment fits): the mean of one periodogram is itself.
      this.psdScratch.fill(0);
      this.periodogram!.accumulate(x, 0, this.psdScratch);
      out.psd.set(bandMeans(this.psdScratch, L, this.fsHz, this.settings.bands), (w * C + c) * B);
    }
  }
}

export interface CausalTrialFeatures {
  windows: number;
  /** W x C x B per kind requested. */
  values: Partial<Record<CausalFeatureKind, Float64Array>>;
  /** Problems of the invalid windows, by window index (empty when every window is valid). */
  invalid: { window: number; problems: WindowProblem[] }[];
}

/**
 * Causal features of a whole recording (signal C x S row-major): the extractor fed the recording as
 * one chunk, which equals feeding it in any chunks (the file header), collected into W x C x B arrays.
 */
export function computeCausalFeatures(signal: Float64Array | Float32Array, C: number, fsHz: number, settings: CausalFeatureSettings): CausalTrialFeatures {
  if (!Number.isInteger(C) || C < 1 || signal.length % C !== 0) {
    throw new StrnnError('INPUT', `signal of ${signal.length} values does not split into ${C} channels`);
  }
  const extractor = new CausalFeatureExtractor(C, fsHz, settings);
  const windows = extractor.push(signal, signal.length / C, { layout: 'channels' });
  const values: CausalTrialFeatures['values'] = {};
  const stride = C * extractor.B;
  for (const kind of settings.kinds) {
    const out = new Float64Array(windows.length * stride);
    windows.forEach((w, i) => out.set(w.values[kind]!, i * stride));
    values[kind] = out;
  }
  return { windows: windows.length, values, invalid: windows.filter((w) => !w.valid).map((w) => ({ window: w.index, problems: w.problems })) };
}

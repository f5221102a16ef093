// Causal features, the same online and offline: raw EEG pushed in chunks of any size → per-window DE
// (and PSD) of every channel and band, from past samples only.
//
// - Band-pass: each band's Butterworth (second-order sections, order `filterOrder`) runs forwards
//   with its state carried from chunk to chunk (sosfiltInPlace). The state starts in steady state for
//   the channel's first sample (sosfilt_zi · x[0]), so a DC offset does not ring through the first
//   windows.
// - Windows sit at fixed sample positions counted from the first sample (or the last reset):
//   window k covers [k·stride, k·stride + length). DE is 0.5·ln(2πe·σ²) of the band-passed window
//   (two-pass variance, as deGaussianWindows), or the spectral DE / Welch PSD of the raw window (the
//   same functions as the zero-phase path, which needs no filtering for those).
// - Smoothing over windows: causal-smoothing.ts (moving average of past windows, forward Kalman).
// - A window is invalid when one of its channels has a NaN/Inf sample in it, or one beyond ±1e100
//   (the sample is replaced by the channel's last good value before filtering, so the filter state
//   stays finite) or is
//   flat (every raw sample equal: a disconnected or railed electrode). Invalid windows are reported
//   with the reason and do not update the smoothing.
//
// Chunking never changes a bit: every sample meets the same float64 operations in the same order
// whatever the chunk sizes, and window sums always run over the window oldest sample first. So
// `strnn features --causal` (the whole file as one chunk) and `strnn live` (a stream in chunks) give
// bit-identical features. No Node built-ins: this runs in a browser too.
//
// Shapes: a window's values are C x B row-major (channel c, band b at c·B + b); a chunk is either
// frames x sourceChannels interleaved (what streams deliver; `channelIndex` picks the C columns) or
// C x frames row-major (what files hold).
import { StrnnError } from '../util/errors.js';
import { checkBands, type Band } from './bands.js';
import { butterworthSos } from './butterworth.js';
import { type CausalKalmanSettings, CausalSmoother, type CausalSmoothingKind } from './causal-smoothing.js';
import { deSpectralWindows, gaussianDe } from './differential-entropy.js';
import { sosSectionCount, sosfiltInPlace, sosfiltZi } from './sosfilt.js';
import { Periodogram } from './periodogram.js';
import { bandMeans } from './welch.js';
import { secondsToSamples } from './windows.js';

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

/**
 * Largest |sample| taken as data. Far above any EEG in any unit (1 V is 1e6 µV), and small enough
 * that squares and filter states stay finite: a larger value counts as non-finite.
 */
export const MAX_SAMPLE_MAGNITUDE = 1e100;

export interface ChunkLayout {
  /** 'frames': frames x sourceChannels interleaved; 'channels': C x frames row-major. */
  layout: 'frames' | 'channels';
  /** Frames layout: channels per frame in `data` (default C). */
  sourceChannels?: number;
  /** Frames layout: column of `data` feeding channel c (default c). */
  channelIndex?: ArrayLike<number>;
}

/** Streaming extractor for C channels at fsHz (see the file header). */
export class CausalFeatureExtractor {
  readonly B: number;
  readonly lengthSamples: number;
  readonly strideSamples: number;
  private readonly filters: Float64Array[];
  private readonly zi: Float64Array[];
  /** Per channel and band: the filter state (S x 2), section count = 2·filterOrder/2 pairs. */
  private readonly state: Float64Array[];
  /** The last L raw samples of each channel (C x L) and band-passed samples of each channel and band (C·B x L), rings. */
  private readonly rawRing: Float64Array;
  private readonly filteredRing: Float64Array;
  private readonly lastFinite: Float64Array;
  /** Sample (since reset) of each channel's last non-finite value before this chunk, −1 for none. */
  private readonly lastBad: Float64Array;
  /** Non-finite samples (since reset) of each channel in the current chunk. */
  private readonly badInChunk: number[][];
  private readonly smoothers: Partial<Record<CausalFeatureKind, CausalSmoother>> = {};
  private readonly wantGaussian: boolean;
  private scratchRaw = new Float64Array(0);
  private scratchBand = new Float64Array(0);
  private readonly windowScratch: Float64Array;
  private readonly periodogram: Periodogram | undefined;
  private readonly psdScratch: Float64Array;
  /** Samples since the start / the last reset, and since the very start. */
  private seen = 0;
  private total = 0;
  private keepTail = true;
  private nextWindow = 0;

  constructor(readonly C: number, readonly fsHz: number, readonly settings: CausalFeatureSettings) {
    if (!Number.isInteger(C) || C < 1) throw new StrnnError('CONFIG', `causal features need at least one channel, got ${C}`);
    if (!(fsHz > 0) || !Number.isFinite(fsHz)) throw new StrnnError('CONFIG', `sampling rate must be positive, got ${fsHz}`);
    if (settings.kinds.length === 0) throw new StrnnError('CONFIG', 'no feature kind selected; expected de and/or psd');
    checkBands(settings.bands, fsHz);
    this.B = settings.bands.length;
    this.lengthSamples = secondsToSamples(settings.windowSec, fsHz, 'window length');
    this.strideSamples = secondsToSamples(settings.strideSec, fsHz, 'window stride');
    this.wantGaussian = settings.kinds.includes('de') && settings.deMethod === 'gaussian';
    if (settings.deMethod !== 'gaussian' && settings.deMethod !== 'spectral') {
      throw new StrnnError('CONFIG', `unknown DE method '${String(settings.deMethod)}'; expected gaussian or spectral`);
    }
    this.filters = this.wantGaussian
      ? settings.bands.map((b) => butterworthSos({ order: settings.filterOrder, type: 'bandpass', cutoffHz: [b.lowHz, b.highHz], fsHz }))
      : [];
    this.zi = this.filters.map((sos) => sosfiltZi(sos));
    this.state = this.wantGaussian ? Array.from({ length: C * this.B }, (_, i) => new Float64Array(2 * sosSectionCount(this.filters[i % this.B]!))) : [];
    const L = this.lengthSamples;
    this.rawRing = new Float64Array(C * L);
    this.filteredRing = new Float64Array(this.wantGaussian ? C * this.B * L : 0);
    this.lastFinite = new Float64Array(C);
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
    const C = this.C, L = this.lengthSamples;
    if (!Number.isInteger(frames) || frames < 0) throw new StrnnError('INPUT', `chunk frame count must be an integer ≥ 0, got ${frames}`);
    const sourceChannels = chunk.layout === 'frames' ? chunk.sourceChannels ?? C : C;
    if (data.length < frames * sourceChannels) {
      throw new StrnnError('INPUT', `chunk of ${data.length} values is too short for ${frames} frames of ${sourceChannels} channels`);
    }
    if (frames === 0) return [];
    // Window ends inside this chunk, as offsets into it (exclusive ends).
    const ends: number[] = [];
    for (let k = this.nextWindow; k * this.strideSamples + L <= this.seen + frames; k++) ends.push(k * this.strideSamples + L - this.seen);
    const W = ends.length;
    const raw: Partial<Record<CausalFeatureKind, Float64Array>> = {};
    for (const kind of this.settings.kinds) raw[kind] = new Float64Array(W * C * this.B);
    const flat = new Uint8Array(W * C);
    if (this.scratchRaw.length < frames) {
      this.scratchRaw = new Float64Array(frames);
      this.scratchBand = new Float64Array(this.wantGaussian ? frames : 0);
    }
    const x = this.scratchRaw.subarray(0, frames);
    // A later window needs this chunk's samples only if it starts before the chunk's end (not so when
    // chunks end on window boundaries, as file replay's do): then the rings are left alone.
    this.keepTail = (this.nextWindow + W) * this.strideSamples < this.seen + frames;
    for (let c = 0; c < C; c++) {
      this.readChannel(data, frames, chunk, sourceChannels, c, x);
      for (let w = 0; w < W; w++) this.rawWindow(c, w, this.windowView(this.rawRing, c * L, x, ends[w]!), raw, flat);
      if (this.wantGaussian) this.bandWindows(c, x, ends, raw.de!);
      this.ringAppend(this.rawRing, c * L, x);
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
        const v = raw[kind]!.subarray(w * C * this.B, (w + 1) * C * this.B);
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

  /** Channel c of the chunk into x, NaN/Inf replaced by the last finite value (recorded in badInChunk). */
  private readChannel(data: ArrayLike<number>, frames: number, chunk: ChunkLayout, sourceChannels: number, c: number, x: Float64Array): void {
    let last = this.seen === 0 ? 0 : this.lastFinite[c]!;
    const column = chunk.channelIndex ? chunk.channelIndex[c]! : c;
    for (let i = 0; i < frames; i++) {
      const v = chunk.layout === 'frames' ? data[i * sourceChannels + column]! : data[c * frames + i]!;
      // NaN fails the comparison too. Beyond the bound, squares and filter states could overflow to
      // Infinity and then NaN, which would poison the filter state for the rest of the stream.
      if (Math.abs(v) <= MAX_SAMPLE_MAGNITUDE) {
        last = v;
        x[i] = v;
      } else {
        x[i] = last;
        this.badInChunk[c]!.push(this.seen + i);
      }
    }
    this.lastFinite[c] = last;
  }

  /** Band-pass channel c's chunk x through every band (state carried) and put each finished window's Gaussian DE into de. */
  private bandWindows(c: number, x: Float64Array, ends: readonly number[], de: Float64Array): void {
    const B = this.B, L = this.lengthSamples;
    const y = this.scratchBand.subarray(0, x.length);
    for (let b = 0; b < B; b++) {
      y.set(x);
      const state = this.state[c * B + b]!;
      if (this.seen === 0) {
        const zi = this.zi[b]!, x0 = x[0]!;
        for (let i = 0; i < zi.length; i++) state[i] = zi[i]! * x0;
      }
      sosfiltInPlace(this.filters[b]!, y, state);
      const offset = (c * B + b) * L;
      for (let w = 0; w < ends.length; w++) de[(w * this.C + c) * B + b] = gaussianDe(populationVariance(this.windowSegments(this.filteredRing, offset, y, ends[w]!)));
      this.ringAppend(this.filteredRing, offset, y);
    }
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

  /**
   * The same window as windowView, as up to three [array, from, to) pieces in time order and without
   * copying (the variance of every band's window is the hot path of a live stream at high rates).
   */
  private windowSegments(ring: Float64Array, offset: number, x: Float64Array, end: number): Segment[] {
    const L = this.lengthSamples;
    if (end >= L) return [[x, end - L, end]];
    const need = L - end;
    const first = (this.seen - need) % L;
    const run = Math.min(need, L - first);
    return [[ring, offset + first, offset + first + run], [ring, offset, offset + need - run], [x, 0, end]];
  }

  /** Keeps the chunk's last L samples in the ring (the only ones a later window can need). */
  private ringAppend(ring: Float64Array, offset: number, x: Float64Array): void {
    if (!this.keepTail) return;
    const L = this.lengthSamples, n = x.length;
    const from = Math.max(0, n - L);
    const first = (this.seen + from) % L;
    const run = Math.min(n - from, L - first);
    ring.set(x.subarray(from, from + run), offset + first);
    ring.set(x.subarray(from + run, n), offset);
  }

  /** Raw-window work for window w of channel c (x: its L raw samples): flatness, spectral DE, PSD. */
  private rawWindow(c: number, w: number, x: Float64Array, out: Partial<Record<CausalFeatureKind, Float64Array>>, flat: Uint8Array): void {
    const C = this.C, B = this.B, L = this.lengthSamples;
    let lo = x[0]!, hi = x[0]!;
    for (let j = 1; j < L; j++) {
      const v = x[j]!;
      if (v < lo) lo = v;
      else if (v > hi) hi = v;
    }
    if (lo === hi) flat[w * C + c] = 1;
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

/** A piece [array, from, to) of a window. */
type Segment = [Float64Array, number, number];

/**
 * Population variance (divide by n, like numpy.var) of the pieces joined in order, two passes (mean
 * first) as deGaussianWindows; each sum runs through the samples oldest first, so the result does not
 * depend on where the pieces are cut.
 */
function populationVariance(segments: readonly Segment[]): number {
  let n = 0, mean = 0;
  for (const [x, from, to] of segments) {
    n += to - from;
    for (let j = from; j < to; j++) mean += x[j]!;
  }
  mean /= n;
  let ss = 0;
  for (const [x, from, to] of segments) {
    for (let j = from; j < to; j++) {
      const d = x[j]! - mean;
      ss += d * d;
    }
  }
  return ss / n;
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

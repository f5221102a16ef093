// Features of one trial: channels x samples of raw EEG → per-window DE (and optionally Welch band
// PSD) for every channel and band, optionally smoothed over windows like SEED's movingAve / LDS
// features. This is the library entry point the `strnn features` command calls.
//
// Shapes: signal C x N row-major (channel c at [c·N, (c+1)·N)); outputs W x C x B row-major
// (window w, channel c, band b at (w·C + c)·B + b).
// Cost: Gaussian DE filters each channel once per band with sosfiltfilt (2 passes x S sections),
// which dominates; spectral DE and PSD need one FFT per window and channel.
import { StrnnError } from '../util/errors.js';
import { SEED_BANDS, checkBands, type Band } from './bands.js';
import { butterworthSos } from './butterworth.js';
import { deGaussianWindows, deSpectralWindows } from './differential-entropy.js';
import { ldsSmooth, type LdsOptions } from './lds-smoother.js';
import { movingAverage } from './moving-average.js';
import { sosfiltfilt, sosfiltfiltPadLength } from './sosfilt.js';
import { bandMeans, welchPsd } from './welch.js';
import { planWindows, secondsToSamples, type WindowPlan } from './windows.js';

export type Smoothing = 'none' | 'moving-average' | 'lds';

export interface FeatureOptions {
  /** Band table (default SEED_BANDS: δ 1–3, θ 4–7, α 8–13, β 14–30, γ 31–50 Hz). */
  bands?: readonly Band[];
  /** Window length in seconds (default 1). */
  windowSec?: number;
  /** Window stride in seconds (default windowSec: no overlap). */
  strideSec?: number;
  /** 'gaussian' (default): band-pass then 0.5·ln(2πe·σ²); 'spectral': Hann FFT band power. */
  deMethod?: 'gaussian' | 'spectral';
  /** Butterworth order per band for the Gaussian variant (default 4 → 4 sections, 8 poles). */
  filterOrder?: number;
  /** Also compute Welch band PSD per window; segmentSec defaults to windowSec (one Hann segment). */
  psd?: boolean | { segmentSec?: number; overlapSec?: number };
  /** Smoothing over windows, applied to DE and PSD alike (default 'none'). */
  smoothing?: Smoothing;
  /** Odd number of windows for the centered moving average (default 5). */
  movingAverageLength?: number;
  lds?: LdsOptions;
  /** Element type of the outputs (default 'float64'); computation is always float64. */
  dtype?: 'float64' | 'float32';
}

export interface TrialFeatures {
  /** W x C x B. */
  de: Float64Array | Float32Array;
  /** W x C x B mean Welch density per band (units²/Hz), when requested. */
  psd?: Float64Array | Float32Array;
  windows: WindowPlan;
  channelCount: number;
  bands: readonly Band[];
}

function smooth(values: Float64Array, W: number, C: number, B: number, options: FeatureOptions): void {
  const smoothing = options.smoothing ?? 'none';
  if (smoothing === 'none') return;
  if (smoothing !== 'moving-average' && smoothing !== 'lds') {
    throw new StrnnError('CONFIG', `unknown smoothing '${String(smoothing)}'; expected none, moving-average or lds`);
  }
  // Each (channel, band) sequence runs along windows with stride C·B in the W x C x B layout.
  for (let cb = 0; cb < C * B; cb++) {
    if (smoothing === 'lds') ldsSmooth(values, options.lds, values, W, cb, C * B);
    else movingAverage(values, options.movingAverageLength ?? 5, values, W, cb, C * B);
  }
}

/**
 * Compute DE (and optionally PSD) features of one trial.
 * signal: C x N row-major float64 samples (any unit; SEED is µV).
 */
export function computeTrialFeatures(
  signal: Float64Array,
  channelCount: number,
  fsHz: number,
  options: FeatureOptions = {},
): TrialFeatures {
  const C = channelCount;
  if (!Number.isInteger(C) || C < 1 || signal.length % C !== 0) {
    throw new StrnnError('INPUT', `signal of ${signal.length} values does not split into ${C} channels`);
  }
  if (!(fsHz > 0) || !Number.isFinite(fsHz)) throw new StrnnError('CONFIG', `sampling rate must be positive, got ${fsHz}`);
  const N = signal.length / C;
  // Refuse NaN/Inf up front: one bad sample would silently turn a whole channel's features into NaN.
  for (let i = 0; i < signal.length; i++) {
    if (!Number.isFinite(signal[i]!)) {
      throw new StrnnError('INPUT', `signal channel ${Math.floor(i / N)} sample ${i % N} is ${signal[i]}; expected a finite number`);
    }
  }
  const bands = options.bands ?? SEED_BANDS;
  checkBands(bands, fsHz);
  const B = bands.length;
  const windowSec = options.windowSec ?? 1;
  const plan = planWindows(N, fsHz, windowSec, options.strideSec ?? windowSec);
  const W = plan.count;
  const de = new Float64Array(W * C * B);
  const method = options.deMethod ?? 'gaussian';

  if (method === 'gaussian') {
    const order = options.filterOrder ?? 4;
    const filters = bands.map((b) => butterworthSos({ order, type: 'bandpass', cutoffHz: [b.lowHz, b.highHz], fsHz }));
    const pad = sosfiltfiltPadLength(filters[0]!);
    if (W > 0 && N <= pad) {
      throw new StrnnError('INPUT', `trial of ${N} samples is too short for zero-phase filtering (needs more than ${pad})`);
    }
    const work = new Float64Array(N + 2 * pad);
    for (let c = 0; c < C; c++) {
      const x = signal.subarray(c * N, (c + 1) * N);
      for (let b = 0; b < B && W > 0; b++) {
        const filtered = sosfiltfilt(filters[b]!, x, work);
        deGaussianWindows(filtered, plan, de, c * B + b, C * B);
      }
    }
  } else if (method === 'spectral') {
    for (let c = 0; c < C; c++) {
      deSpectralWindows(signal.subarray(c * N, (c + 1) * N), fsHz, plan, bands, de, c * B, C * B);
    }
  } else {
    throw new StrnnError('CONFIG', `unknown DE method '${String(method)}'; expected gaussian or spectral`);
  }
  smooth(de, W, C, B, options);

  let psd: Float64Array | undefined;
  if (options.psd) {
    const psdOptions = options.psd === true ? {} : options.psd;
    const segmentSamples = secondsToSamples(psdOptions.segmentSec ?? windowSec, fsHz, 'PSD segment');
    // Overlap default: half a segment (welch.ts); 0 means none.
    const overlapSec = psdOptions.overlapSec;
    const overlapSamples =
      overlapSec === undefined ? undefined : overlapSec === 0 ? 0 : secondsToSamples(overlapSec, fsHz, 'PSD segment overlap');
    if (segmentSamples > plan.lengthSamples) {
      throw new StrnnError('CONFIG', `PSD segment of ${segmentSamples} samples is longer than the ${plan.lengthSamples}-sample window`);
    }
    psd = new Float64Array(W * C * B);
    for (let c = 0; c < C; c++) {
      const x = signal.subarray(c * N, (c + 1) * N);
      for (let w = 0; w < W; w++) {
        const density = welchPsd(x, fsHz, { segmentSamples, overlapSamples }, w * plan.strideSamples, plan.lengthSamples);
        psd.set(bandMeans(density, segmentSamples, fsHz, bands), (w * C + c) * B);
      }
    }
    smooth(psd, W, C, B, options);
  }

  const cast = (a: Float64Array): Float64Array | Float32Array => (options.dtype === 'float32' ? Float32Array.from(a) : a);
  const result: TrialFeatures = { de: cast(de), windows: plan, channelCount: C, bands };
  if (psd) result.psd = cast(psd);
  return result;
}

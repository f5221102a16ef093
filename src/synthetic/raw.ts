// Synthetic raw EEG whose band powers follow given DE targets, so that DE features recomputed from it
// (src/signal) carry the same planted class signal as the synthetic feature trials.
//
// Each channel is a sum over bands of band-passed white noise (zero-phase Butterworth, scaled to unit
// variance) times a slowly varying amplitude, plus a little broadband noise. The amplitude of band b
// at window w is amplitude_b · exp(0.5 · (de[w][c][b] − level_b)), linearly interpolated between
// window centres; since Gaussian DE is 0.5·ln(2πe·σ²), a change of Δ in the target moves the
// recomputed DE by about Δ/2 (the scale keeps values in SEED's usual ±200 µV range).
import type { Band } from '../signal/bands.js';
import { butterworthSos } from '../signal/butterworth.js';
import { sosfiltfilt } from '../signal/sosfilt.js';
import type { Rng } from '../util/random.js';

export interface PlantedEegSpec {
  /** DE targets W x C x B, row-major. */
  de: Float32Array;
  windows: number;
  channels: number;
  bands: readonly Band[];
  /** Reference DE level of each band (where the amplitude equals `amplitudeUv[b]`). */
  levels: readonly number[];
  /** Band amplitude (µV standard deviation) at the reference level. */
  amplitudeUv: readonly number[];
  fsHz: number;
  /** Samples per window (fsHz · window seconds). */
  windowSamples: number;
  /** Total samples per channel (at least windows · windowSamples; extra samples extend the last window). */
  samples: number;
}

/** Channels x samples row-major float64 signal in µV. */
export function plantedEeg(spec: PlantedEegSpec, rng: Rng): Float64Array {
  const { windows: W, channels: C, bands, samples: N, windowSamples } = spec;
  const B = bands.length;
  const filters = bands.map((b) => butterworthSos({ order: 2, type: 'bandpass', cutoffHz: [b.lowHz, b.highHz], fsHz: spec.fsHz }));
  const out = new Float64Array(C * N);
  const noise = new Float64Array(N);
  const amp = new Float64Array(W);
  // Interpolation between window centres: sample i sits at `pos` windows; weights depend on i only.
  const w0 = new Int32Array(N);
  const frac = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const pos = Math.min(W - 1, Math.max(0, (i + 0.5) / windowSamples - 0.5));
    w0[i] = Math.min(W - 2, Math.floor(pos));
    frac[i] = W > 1 ? pos - w0[i]! : 0;
    if (W === 1) w0[i] = 0;
  }
  for (let c = 0; c < C; c++) {
    const row = out.subarray(c * N, (c + 1) * N);
    // One white noise per channel, split into bands by the band-pass filters (nearly independent
    // components, since the bands barely overlap).
    for (let i = 0; i < N; i++) noise[i] = rng.normal();
    for (let b = 0; b < B; b++) {
      const filtered = sosfiltfilt(filters[b]!, noise);
      let sq = 0;
      for (let i = 0; i < N; i++) sq += filtered[i]! * filtered[i]!;
      const scale = 1 / Math.sqrt(sq / N || 1);
      for (let w = 0; w < W; w++) amp[w] = scale * spec.amplitudeUv[b]! * Math.exp(0.5 * (spec.de[(w * C + c) * B + b]! - spec.levels[b]!));
      for (let i = 0; i < N; i++) {
        const a = W > 1 ? (1 - frac[i]!) * amp[w0[i]!]! + frac[i]! * amp[w0[i]! + 1]! : amp[0]!;
        row[i] += filtered[i]! * a;
      }
    }
    for (let i = 0; i < N; i++) row[i] += 0.5 * rng.normal();
  }
  return out;
}

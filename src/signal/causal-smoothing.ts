// Causal smoothing over a sequence of feature windows: each output uses the current and past windows
// only, so it can run online, one window at a time, and gives the same numbers offline.
//
//   'causal-moving-average'  y[t] = mean of x[t − L + 1 … t] (fewer at the start: the windows that exist)
//   'causal-kalman'          the forward pass of lds-smoother.ts's Kalman filter (no RTS backward pass):
//                              prior  m⁻ = m[t−1],  P⁻ = P[t−1] + Q   (t = 0: m⁻ = y[0], P⁻ = P0)
//                              gain   K = P⁻ / (P⁻ + R)
//                              update m[t] = m⁻ + K·(y[t] − m⁻),  P[t] = (1 − K)·P⁻
//                            with FIXED Q, R, P0 (recorded in the feature pipeline): the offline default
//                            R = variance of the whole sequence needs the future. The gains depend on
//                            Q/R and P0/R only, so the defaults (R = 1, Q = 0.01, P0 = 1: steady-state
//                            gain ≈ 0.095, about ten windows of memory, as the offline LDS default)
//                            suit DE and PSD scales alike. With equal settings, m[t] equals the last
//                            value of ldsSmooth over y[0 … t] (the RTS smoother ends at the filter).
// One smoother holds the state of V parallel sequences (every channel and band of one feature kind);
// all share the window clock, so the Kalman variance P is one number.
import { StrnnError } from '../util/errors.js';

export type CausalSmoothingKind = 'none' | 'causal-moving-average' | 'causal-kalman';

/** Fixed Kalman noise settings (absolute, in the feature's units²). */
export interface CausalKalmanSettings {
  processNoise: number;
  observationNoise: number;
  initialVariance: number;
}

export const DEFAULT_CAUSAL_KALMAN: Readonly<CausalKalmanSettings> = { processNoise: 0.01, observationNoise: 1, initialVariance: 1 };

/** Default number of past windows (current included) in the causal moving average. */
export const DEFAULT_CAUSAL_MOVING_AVERAGE = 5;

export function checkCausalKalman(k: CausalKalmanSettings): void {
  for (const [name, v] of [['process noise Q', k.processNoise], ['observation noise R', k.observationNoise], ['initial variance P0', k.initialVariance]] as const) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new StrnnError('CONFIG', `causal Kalman ${name} must be a finite number ≥ 0, got ${v}`);
  }
  if (k.observationNoise === 0) throw new StrnnError('CONFIG', 'causal Kalman observation noise R must be > 0 (R = 0 would make the filter copy its input)');
}

/** Online smoother of V parallel sequences; `smooth` takes window t's V values and returns the smoothed V values. */
export class CausalSmoother {
  private readonly history: Float64Array;
  private filled = 0;
  private next = 0;
  private readonly mean: Float64Array;
  private variance = 0;
  private readonly out: Float64Array;

  constructor(
    readonly kind: CausalSmoothingKind,
    readonly V: number,
    readonly movingAverageLength = DEFAULT_CAUSAL_MOVING_AVERAGE,
    readonly kalman: Readonly<CausalKalmanSettings> = DEFAULT_CAUSAL_KALMAN,
  ) {
    if (kind === 'causal-moving-average' && (!Number.isInteger(movingAverageLength) || movingAverageLength < 1)) {
      throw new StrnnError('CONFIG', `causal moving-average length must be an integer ≥ 1, got ${movingAverageLength}`);
    }
    if (kind === 'causal-kalman') checkCausalKalman(kalman);
    // Past windows of the moving average, a ring of L x V; the Kalman filter needs only its state.
    this.history = new Float64Array(kind === 'causal-moving-average' ? movingAverageLength * V : 0);
    this.mean = new Float64Array(kind === 'causal-kalman' ? V : 0);
    this.out = new Float64Array(V);
  }

  /** Forget every past window (a gap in the stream). */
  reset(): void {
    this.filled = 0;
    this.next = 0;
  }

  /** Windows seen since the start or the last reset. */
  get windows(): number {
    return this.filled;
  }

  /** Smooth one window (x: V values); the result is a view that the next call overwrites. */
  smooth(x: Float64Array): Float64Array {
    const V = this.V, out = this.out;
    if (this.kind === 'none') {
      out.set(x.subarray(0, V));
    } else if (this.kind === 'causal-moving-average') {
      const L = this.movingAverageLength;
      this.history.set(x.subarray(0, V), this.next * V);
      this.next = (this.next + 1) % L;
      const n = Math.min(this.filled + 1, L);
      // Oldest window first, so the sum's rounding is the same however the windows arrived.
      const oldest = (this.next - n + L) % L;
      out.fill(0);
      for (let j = 0; j < n; j++) {
        const row = ((oldest + j) % L) * V;
        for (let v = 0; v < V; v++) out[v] = out[v]! + this.history[row + v]!;
      }
      for (let v = 0; v < V; v++) out[v] = out[v]! / n;
    } else {
      const { processNoise: Q, observationNoise: R, initialVariance: P0 } = this.kalman;
      const first = this.filled === 0;
      const prior = first ? P0 : this.variance + Q;
      const gain = prior / (prior + R);
      for (let v = 0; v < V; v++) {
        const m = first ? x[v]! : this.mean[v]!;
        this.mean[v] = m + gain * (x[v]! - m);
      }
      this.variance = (1 - gain) * prior;
      out.set(this.mean);
    }
    this.filled++;
    return out;
  }
}

// Time stamps of an XDF stream in the recording computer's clock, as pyxdf's load_xdf computes them by
// default (its algorithm and constants, our code):
// 1. Clock offsets. Each ClockOffset chunk says that at CollectionTime (stream clock) the recorder's
//    clock was OffsetValue seconds ahead. A line offset(t) = a + b·t is fitted to them robustly — Huber
//    loss with a 0.1 ms threshold (pyxdf's winsor_threshold), minimised by ADMM with rho = 1 for 1000
//    iterations on times and offsets divided by the threshold, times shifted to start at 0 — and every
//    time stamp t becomes t + a + b·t. One offset only: a constant shift. None: stamps unchanged.
//    (pyxdf's detection of clock resets, for recordings where a computer restarted, is not done.)
// 2. Jitter removal for a regular stream: the corrected stamps are replaced by the least-squares line
//    over the sample index, so sample k sits at first + k·period. A gap longer than max(1 s, 500
//    samples) is a break in the recording (pyxdf then fits segments separately); callers that need one
//    evenly sampled signal refuse such streams.

/** Huber threshold (seconds) and ADMM settings of pyxdf's clock synchronisation. */
const WINSOR_THRESHOLD_SEC = 0.0001;
const ADMM_RHO = 1;
const ADMM_ITERATIONS = 1000;
/** Break detection of pyxdf's jitter removal. */
const BREAK_SECONDS = 1;
const BREAK_SAMPLES = 500;

export interface ClockFit {
  /** offset(t) = interceptSec + slope·t. */
  interceptSec: number;
  slope: number;
}

/**
 * Robust line through clock offsets: minimise Σ huber(a + b·x_i − y_i) over scaled x = t/w − min, y = v/w
 * by ADMM (Boyd et al., "Distributed optimization and statistical learning via ADMM", §6.1 Huber fitting).
 */
export function fitClockOffsets(times: readonly number[], values: readonly number[]): ClockFit {
  const n = times.length;
  if (n === 0) return { interceptSec: 0, slope: 0 };
  if (n === 1) return { interceptSec: values[0]!, slope: 0 };
  const w = WINSOR_THRESHOLD_SEC;
  const x = times.map((t) => t / w);
  const shift = Math.min(...x);
  for (let i = 0; i < n; i++) x[i]! -= shift;
  const y = values.map((v) => v / w);
  // Normal equations of the design [1, x]: AᵀA = [[n, Σx], [Σx, Σx²]], solved in closed form.
  let sx = 0, sxx = 0;
  for (const xi of x) {
    sx += xi;
    sxx += xi * xi;
  }
  const det = n * sxx - sx * sx;
  const solve = (r0: number, r1: number): [number, number] => [(sxx * r0 - sx * r1) / det, (n * r1 - sx * r0) / det];
  const z = new Float64Array(n), u = new Float64Array(n);
  let a = 0, b = 0;
  for (let it = 0; it < ADMM_ITERATIONS; it++) {
    // x-update: least squares towards y + z − u.
    let r0 = 0, r1 = 0;
    for (let i = 0; i < n; i++) {
      const target = y[i]! + z[i]! - u[i]!;
      r0 += target;
      r1 += x[i]! * target;
    }
    [a, b] = solve(r0, r1);
    // z-update: the Huber proximal step on the residual d = A·x − y + u; then the dual update.
    for (let i = 0; i < n; i++) {
      const d = a + b * x[i]! - y[i]! + u[i]!;
      const shrink = d === 0 ? 1 : Math.max(0, 1 - (1 + 1 / ADMM_RHO) / Math.abs(d));
      z[i] = (ADMM_RHO / (1 + ADMM_RHO)) * d + (1 / (1 + ADMM_RHO)) * shrink * d;
      u[i] = d - z[i]!;
    }
  }
  // Undo the shift and the scaling: y = a + b·(t/w − shift)  ⇒  v = w·(a − b·shift) + b·t.
  return { interceptSec: w * (a - b * shift), slope: b };
}

/** Raw stamps mapped to the recorder's clock with the fitted offsets. */
export function correctTimestamps(timestamps: Float64Array, fit: ClockFit): Float64Array {
  return timestamps.map((t) => t + fit.interceptSec + fit.slope * t);
}

export interface RegularTiming {
  /** Fitted time of sample 0 (seconds). */
  firstSec: number;
  /** Fitted seconds per sample. */
  periodSec: number;
  /** Index of the first sample after each break (empty for an unbroken stream). */
  breaksAt: number[];
}

/** Least-squares line t_k ≈ first + k·period of a regular stream's stamps, with its breaks. */
export function fitRegularTiming(timestamps: Float64Array, nominalSrateHz: number): RegularTiming {
  const n = timestamps.length;
  const nominalPeriod = 1 / nominalSrateHz;
  const breaksAt: number[] = [];
  const gap = Math.max(BREAK_SECONDS, BREAK_SAMPLES * nominalPeriod);
  for (let k = 1; k < n; k++) if (timestamps[k]! - timestamps[k - 1]! > gap) breaksAt.push(k);
  if (n < 2) return { firstSec: n === 1 ? timestamps[0]! : 0, periodSec: nominalPeriod, breaksAt };
  // Centre the index and the stamps so the sums stay small and exact-ish in float64.
  const meanK = (n - 1) / 2;
  let meanT = 0;
  for (const t of timestamps) meanT += t;
  meanT /= n;
  let skt = 0, skk = 0;
  for (let k = 0; k < n; k++) {
    skt += (k - meanK) * (timestamps[k]! - meanT);
    skk += (k - meanK) * (k - meanK);
  }
  const periodSec = skt / skk;
  return { firstSec: meanT - periodSec * meanK, periodSec, breaksAt };
}

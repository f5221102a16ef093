// Synthetic SEED-shaped DE features with a planted, learnable class signal. Real SEED cannot be
// downloaded here; this generator lets the demo, the tests and the benchmarks run on data of the
// real shape: 62 electrodes on the SEED montage, 5 DE bands with values around 10-28, 15 trials per
// session with SEED's label order and (optionally scaled) trial lengths.
//
// The planted signal is spatial and temporal:
// - spatial: each class raises or lowers DE in a few regions (lateralised frontal and temporal
//   patterns, an occipital alpha pattern), in particular bands;
// - temporal: the class pattern's strength drifts slowly over seconds (a per-trial random phase),
//   and the temporal-region pattern lags the frontal one by a few seconds;
// plus per-subject channel offsets and signal gain, per-session offsets, and smooth AR(1) noise.
import { SEED_62 } from '../montage/seed62.js';
import { Rng } from '../util/random.js';
import { SEED_TRIAL_CLASSES, SEED_TRIAL_SECONDS } from '../datasets/seed-facts.js';
import type { FeatureTrial } from '../datasets/types.js';

export interface SyntheticSeedOptions {
  subjects: number;
  sessions: number;
  /** Multiplies SEED's trial durations (1 = the real 3394 windows per session). */
  durationScale: number;
  /** Strength of the planted class signal relative to the noise (1 = default difficulty). */
  signal: number;
  seed: number;
}

export const DEFAULT_SYNTHETIC_SEED: SyntheticSeedOptions = { subjects: 15, sessions: 3, durationScale: 1, signal: 1, seed: 1 };

// Typical DE level per band (delta .. gamma): decreasing with frequency, within SEED's 10-28 range.
const BAND_LEVEL = [22, 19.5, 17.5, 15, 13];

// Class patterns: [class, electrodes, band weights (delta..gamma), sign, lagSeconds].
export type Pattern = { cls: number; channels: string[]; bands: number[]; sign: number; lag: number };
export const PLANTED_PATTERNS: readonly Pattern[] = [
  // positive: left frontal beta/gamma up, right temporal gamma up (lagging)
  { cls: 2, channels: ['FP1', 'AF3', 'F7', 'F5', 'F3', 'FC5'], bands: [0, 0, 0.3, 1, 1], sign: +1, lag: 0 },
  { cls: 2, channels: ['FT8', 'T8', 'TP8', 'C6'], bands: [0, 0, 0, 0.5, 1], sign: +1, lag: 3 },
  // negative: right frontal beta/gamma up, left temporal gamma down (lagging)
  { cls: 0, channels: ['FP2', 'AF4', 'F8', 'F6', 'F4', 'FC6'], bands: [0, 0, 0.3, 1, 1], sign: +1, lag: 0 },
  { cls: 0, channels: ['FT7', 'T7', 'TP7', 'C5'], bands: [0, 0, 0, 0.5, 1], sign: -1, lag: 3 },
  // neutral: occipital-parietal alpha up
  { cls: 1, channels: ['PO7', 'PO5', 'PO3', 'POZ', 'PO4', 'PO6', 'PO8', 'O1', 'OZ', 'O2'], bands: [0, 0.4, 1, 0, 0], sign: +1, lag: 1 },
];

const NODES = SEED_62.nodes.length;
const BANDS = 5;

/** Generates trials subject by subject, session by session, trial 1..15 (each with SEED's label). */
export function syntheticSeedTrials(options: Partial<SyntheticSeedOptions> = {}): FeatureTrial[] {
  const o = { ...DEFAULT_SYNTHETIC_SEED, ...options };
  const root = new Rng(o.seed);
  const index = new Map(SEED_62.nodes.map((n, i) => [n.name, i]));
  const trials: FeatureTrial[] = [];
  for (let s = 1; s <= o.subjects; s++) {
    const subjectRng = root.fork();
    // Per-subject: channel-band offsets (anatomy, impedance) and how strongly this person responds.
    const subjectOffset = Float32Array.from({ length: NODES * BANDS }, () => 1.2 * subjectRng.normal());
    const gain = 0.7 + 0.6 * subjectRng.next();
    for (let session = 1; session <= o.sessions; session++) {
      const sessionOffset = Float32Array.from({ length: NODES * BANDS }, () => 0.4 * subjectRng.normal());
      SEED_TRIAL_SECONDS.forEach((seconds, t) => {
        const windows = Math.max(1, Math.round(seconds * o.durationScale));
        const cls = SEED_TRIAL_CLASSES[t]!;
        const data = new Float32Array(windows * NODES * BANDS);
        const phase = 2 * Math.PI * subjectRng.next();
        const period = 20 + 20 * subjectRng.next(); // seconds
        const noise = new Float32Array(NODES * BANDS).map(() => subjectRng.normal());
        for (let w = 0; w < windows; w++) {
          for (let i = 0; i < NODES * BANDS; i++) {
            // AR(1) noise with unit stationary variance (0.5² + 0.866² = 1): DE is correlated from one second to the next.
            noise[i] = 0.5 * noise[i]! + 0.866 * subjectRng.normal();
            const band = i % BANDS;
            data[w * NODES * BANDS + i] = BAND_LEVEL[band]! + subjectOffset[i]! + sessionOffset[i]! + noise[i]!;
          }
          for (const p of PLANTED_PATTERNS) {
            if (p.cls !== cls) continue;
            // Strength drifts over the trial; the lagged region follows the same drift later.
            const strength = o.signal * gain * (0.55 + 0.45 * Math.sin((2 * Math.PI * (w - p.lag)) / period + phase));
            for (const name of p.channels) {
              const v = index.get(name)!;
              for (let b = 0; b < BANDS; b++) data[(w * NODES + v) * BANDS + b] += p.sign * strength * p.bands[b]!;
            }
          }
        }
        trials.push({ dataset: 'synthetic-seed', subject: String(s), session, trial: t + 1, label: cls, windows, nodes: NODES, features: BANDS, data });
      });
    }
  }
  return trials;
}

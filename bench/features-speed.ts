// Speed of one SEED session → DE features: 62 channels, 15 trials of the SEED durations at 200 Hz
// (200·T + 1 samples each, 3394 s in all), 5 SEED bands, 1-s windows, Gaussian DE (order-4
// Butterworth per band, zero-phase), LDS smoothing. Random data: speed does not depend on values.
// Run: npx tsc -p tsconfig.json && node dist/bench/features-speed.js
// Compare with: python3 bench/features_scipy.py
import { computeTrialFeatures } from '../src/signal/trial-features.js';
import { Rng } from '../src/util/random.js';

const SEED_TRIAL_SEC = [235, 233, 206, 238, 185, 195, 237, 216, 265, 237, 235, 233, 235, 238, 206];
const C = 62, FS = 200;

const rng = new Rng(1);
const trials = SEED_TRIAL_SEC.map((sec) => {
  const x = new Float64Array(C * (sec * FS + 1));
  for (let i = 0; i < x.length; i++) x[i] = 30 * rng.normal();
  return x;
});

const t0 = performance.now();
let windows = 0;
for (const x of trials) {
  const f = computeTrialFeatures(x, C, FS, { windowSec: 1, deMethod: 'gaussian', smoothing: 'lds' });
  windows += f.windows.count;
}
const sec = (performance.now() - t0) / 1000;
console.log(`strnn: ${windows} windows x ${C} channels x 5 bands (Gaussian DE + LDS) in ${sec.toFixed(2)} s`);

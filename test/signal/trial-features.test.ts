import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_BANDS, SEED_BANDS_CONTIGUOUS } from '../../src/signal/bands.js';
import { bandMeans, welchPsd } from '../../src/signal/welch.js';
import { ldsSmooth } from '../../src/signal/lds-smoother.js';
import { movingAverage } from '../../src/signal/moving-average.js';
import { computeTrialFeatures } from '../../src/signal/trial-features.js';
import { StrnnError } from '../../src/util/errors.js';
import { Rng } from '../../src/util/random.js';

function noise(C: number, N: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: C * N }, () => 10 * rng.normal());
}

test('a SEED-like trial of 200·T + 1 samples gives T one-second windows in W x C x B order', () => {
  const C = 2, T = 4, fs = 200;
  const x = noise(C, 200 * T + 1, 1);
  const f = computeTrialFeatures(x, C, fs, { deMethod: 'spectral' });
  assert.equal(f.windows.count, T);
  assert.equal(f.de.length, T * C * 5);
  // Layout: channel 1 alone must reproduce the c = 1 entries.
  const one = computeTrialFeatures(x.subarray(200 * T + 1), 1, fs, { deMethod: 'spectral' });
  for (let w = 0; w < T; w++) {
    for (let b = 0; b < 5; b++) assert.equal(f.de[(w * C + 1) * 5 + b], one.de[w * 5 + b]);
  }
});

test('smoothing runs along windows per channel-band sequence', () => {
  const C = 2, fs = 128, T = 12;
  const x = noise(C, fs * T, 2);
  const raw = computeTrialFeatures(x, C, fs, { deMethod: 'spectral', bands: SEED_BANDS_CONTIGUOUS });
  const lds = computeTrialFeatures(x, C, fs, { deMethod: 'spectral', bands: SEED_BANDS_CONTIGUOUS, smoothing: 'lds' });
  const ma = computeTrialFeatures(x, C, fs, {
    deMethod: 'spectral', bands: SEED_BANDS_CONTIGUOUS, smoothing: 'moving-average', movingAverageLength: 3,
  });
  const seq = Float64Array.from({ length: T }, (_, w) => raw.de[(w * C + 1) * 5 + 2]!);
  const ldsSeq = ldsSmooth(seq), maSeq = movingAverage(seq, 3);
  for (let w = 0; w < T; w++) {
    assert.equal(lds.de[(w * C + 1) * 5 + 2], ldsSeq[w]);
    assert.equal(ma.de[(w * C + 1) * 5 + 2], maSeq[w]);
  }
});

test('Gaussian and spectral DE estimate the same band variance on white noise (property)', () => {
  const fs = 200, T = 20;
  const x = noise(1, fs * T + 1, 3);
  const g = computeTrialFeatures(x, 1, fs);
  const s = computeTrialFeatures(x, 1, fs, { deMethod: 'spectral' });
  // Average over windows; per band the two differ by the filter's roll-off vs. the Hann leakage,
  // which for these band widths stays within 0.35 nats (a factor 2 in variance).
  for (let b = 0; b < 5; b++) {
    let dg = 0, dsp = 0;
    for (let w = 0; w < T; w++) { dg += g.de[w * 5 + b]!; dsp += s.de[w * 5 + b]!; }
    assert.ok(Math.abs(dg / T - dsp / T) < 0.35, `band ${b}: ${dg / T} vs ${dsp / T}`);
  }
});

test('psd and float32 outputs', () => {
  const fs = 200;
  const x = noise(3, fs * 3 + 1, 4);
  const f = computeTrialFeatures(x, 3, fs, { deMethod: 'spectral', psd: true, dtype: 'float32' });
  assert.ok(f.de instanceof Float32Array && f.psd instanceof Float32Array);
  assert.equal(f.psd.length, 3 * 3 * 5);
  assert.ok(f.psd.every((v) => v > 0));
});

test('PSD with segments shorter than the window averages Welch segments inside each window', () => {
  const fs = 200;
  const x = noise(1, fs * 2, 6);
  const f = computeTrialFeatures(x, 1, fs, { deMethod: 'spectral', psd: { segmentSec: 0.5, overlapSec: 0 } });
  // Window 1 = samples 200..399: two 100-sample segments without overlap (welch.ts, scipy's definition).
  const direct = bandMeans(welchPsd(x, fs, { segmentSamples: 100, overlapSamples: 0 }, 200, 200), 100, fs, SEED_BANDS);
  assert.deepEqual(Array.from(f.psd!.subarray(5, 10)), Array.from(direct));
});

test('bad inputs are refused with a named reason', () => {
  const x = noise(2, 400, 5);
  const withNaN = x.slice();
  withNaN[400 + 17] = NaN;
  const cases: [() => unknown, string, RegExp][] = [
    [() => computeTrialFeatures(x, 3, 200), 'INPUT', /does not split into 3 channels/],
    [() => computeTrialFeatures(x, 2, 200, { windowSec: 0.333 }), 'CONFIG', /whole number/],
    [() => computeTrialFeatures(x, 2, 80), 'CONFIG', /band 'gamma'/],
    [() => computeTrialFeatures(x, 2, 200, { movingAverageLength: 4, smoothing: 'moving-average' }), 'CONFIG', /odd integer/],
    [() => computeTrialFeatures(withNaN, 2, 200), 'INPUT', /channel 1 sample 17 is NaN/],
    [() => computeTrialFeatures(x, 2, 200, { psd: { segmentSec: 0.0123 } }), 'CONFIG', /PSD segment 0.0123 s/],
  ];
  for (const [fn, code, message] of cases) {
    assert.throws(fn, (e: unknown) => e instanceof StrnnError && e.code === code && message.test(e.message));
  }
});

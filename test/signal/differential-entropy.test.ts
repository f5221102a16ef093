import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_BANDS } from '../../src/signal/bands.js';
import { gaussianDe } from '../../src/signal/differential-entropy.js';
import { computeTrialFeatures } from '../../src/signal/trial-features.js';
import { assertAllClose, readSignalFixture } from './close.js';

interface DeCase {
  fsHz: number;
  channels: number;
  windowSec: number;
  x: number[];
  gaussian: number[];
  spectral: number[];
}

const fixture = readSignalFixture<{ bands: [number, number][]; filterOrder: number; cases: DeCase[] }>('de.json');

// Floor 1e-9: DE is a log and can cross zero (σ² near 1/(2πe)); 1e-9 nats is far below any use.
const DE_FLOOR = 1e-9;

test('fixture bands are SEED_BANDS', () => {
  assert.deepEqual(fixture.bands, SEED_BANDS.map((b) => [b.lowHz, b.highHz]));
});

test('Gaussian DE (butter order 4, sosfiltfilt per trial, numpy.var per window) matches scipy', () => {
  for (const c of fixture.cases) {
    const f = computeTrialFeatures(Float64Array.from(c.x), c.channels, c.fsHz, { filterOrder: fixture.filterOrder });
    assert.equal(f.windows.count, c.gaussian.length / (c.channels * 5));
    assertAllClose(f.de, c.gaussian, DE_FLOOR, `gaussian DE at ${c.fsHz} Hz`);
  }
});

test('spectral DE (Hann periodogram band power x bin width) matches scipy.signal.periodogram', () => {
  for (const c of fixture.cases) {
    const f = computeTrialFeatures(Float64Array.from(c.x), c.channels, c.fsHz, { deMethod: 'spectral' });
    assertAllClose(f.de, c.spectral, DE_FLOOR, `spectral DE at ${c.fsHz} Hz`);
  }
});

test('gaussianDe(σ²) = 0.5·ln(2πe·σ²) (closed form: 1.4189385332046727 nats at σ² = 1)', () => {
  assert.equal(gaussianDe(1), 0.5 * Math.log(2 * Math.PI * Math.E));
  assert.ok(Math.abs(gaussianDe(1) - 1.4189385332046727) < 1e-15);
  assert.ok(Math.abs(gaussianDe(4) - gaussianDe(1) - Math.log(2)) < 1e-15);
});

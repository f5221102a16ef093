import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_BANDS } from '../../src/signal/bands.js';
import { bandMeans, welchFrequencies, welchPsd } from '../../src/signal/welch.js';
import { StrnnError } from '../../src/util/errors.js';
import { assertAllClose, maxAbs, readSignalFixture } from './close.js';

interface WelchCase {
  fsHz: number;
  segmentSamples: number;
  x: number[];
  freqs: number[];
  psd: number[];
  bandMeans: (number | null)[];
}

const { cases } = readSignalFixture<{ cases: WelchCase[] }>('welch.json');

test('Welch PSD matches scipy.signal.welch(hann, nperseg, noverlap=nperseg//2, constant detrend, density)', () => {
  for (const c of cases) {
    const what = `welch fs=${c.fsHz} n=${c.x.length} nperseg=${c.segmentSamples}`;
    assertAllClose(welchFrequencies(c.segmentSamples, c.fsHz), c.freqs, 0, `${what} freqs`);
    const psd = welchPsd(Float64Array.from(c.x), c.fsHz, { segmentSamples: c.segmentSamples });
    // Floor 1e-12 of the peak density: the DC bin is ~0 after detrending and compares on scale.
    assertAllClose(psd, c.psd, 1e-12 * maxAbs(c.psd), what);
    const bands = SEED_BANDS.filter((_, i) => c.bandMeans[i] !== null);
    const expected = c.bandMeans.filter((v): v is number => v !== null);
    assertAllClose(bandMeans(psd, c.segmentSamples, c.fsHz, bands), expected, 0, `${what} band means`);
    if (bands.length < SEED_BANDS.length) {
      assert.throws(
        () => bandMeans(psd, c.segmentSamples, c.fsHz, SEED_BANDS),
        (e: unknown) => e instanceof StrnnError && e.code === 'CONFIG' && /contains no frequency bin/.test(e.message),
      );
    }
  }
});

test('white noise of variance 1 integrates to about 1 (Parseval property)', () => {
  let s = 12345;
  const n = 20000;
  const x = new Float64Array(n);
  // Uniform on [−√3, √3] has variance 1; a small LCG keeps this test self-contained.
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    x[i] = (s / 2 ** 32 - 0.5) * 2 * Math.sqrt(3);
  }
  const fs = 100, seg = 100;
  const psd = welchPsd(x, fs, { segmentSamples: seg });
  const total = psd.reduce((a, v) => a + v, 0) * (fs / seg);
  assert.ok(Math.abs(total - 1) < 0.05, `integrated PSD ${total}`);
});

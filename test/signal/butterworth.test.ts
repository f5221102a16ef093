import { test } from 'node:test';
import assert from 'node:assert/strict';
import { butterworthSos, type ButterworthSpec } from '../../src/signal/butterworth.js';
import { StrnnError } from '../../src/util/errors.js';
import { assertAllClose, readSignalFixture } from './close.js';

interface ButterCase extends ButterworthSpec {
  sos: number[];
}

const { cases } = readSignalFixture<{ cases: ButterCase[] }>('butter.json');

test('Butterworth sections equal scipy.signal.butter(..., output="sos") coefficient by coefficient', () => {
  assert.ok(cases.length >= 60);
  for (const c of cases) {
    const sos = butterworthSos(c);
    // Floor 1e-14: coefficients such as b1 = −(1 + (−1)) are exactly 0 in scipy and may be ±1e-16 here.
    assertAllClose(sos, c.sos, 1e-14, `butter ${c.type} order ${c.order} ${JSON.stringify(c.cutoffHz)} Hz at ${c.fsHz} Hz`);
  }
});

test('band-pass gain is 1 at the geometric centre frequency (Butterworth property)', () => {
  const fs = 200, lo = 8, hi = 13;
  const sos = butterworthSos({ order: 4, type: 'bandpass', cutoffHz: [lo, hi], fsHz: fs });
  // Centre of the prewarped band mapped back: tan(π f0/fs)² = tan(π lo/fs)·tan(π hi/fs).
  const f0 = (fs / Math.PI) * Math.atan(Math.sqrt(Math.tan((Math.PI * lo) / fs) * Math.tan((Math.PI * hi) / fs)));
  const w = (2 * Math.PI * f0) / fs;
  let gRe = 1, gIm = 0;
  for (let s = 0; s < sos.length; s += 6) {
    const ev = (c0: number, c1: number, c2: number): [number, number] => [
      c0 + c1 * Math.cos(w) + c2 * Math.cos(2 * w),
      -(c1 * Math.sin(w) + c2 * Math.sin(2 * w)),
    ];
    const [nr, ni] = ev(sos[s]!, sos[s + 1]!, sos[s + 2]!);
    const [dr, di] = ev(sos[s + 3]!, sos[s + 4]!, sos[s + 5]!);
    const d = dr * dr + di * di;
    const hr = (nr * dr + ni * di) / d, hi2 = (ni * dr - nr * di) / d;
    [gRe, gIm] = [gRe * hr - gIm * hi2, gRe * hi2 + gIm * hr];
  }
  assert.ok(Math.abs(Math.hypot(gRe, gIm) - 1) < 1e-9);
});

test('bad specifications are CONFIG errors naming the problem', () => {
  const bad: [ButterworthSpec, RegExp][] = [
    [{ order: 0, type: 'lowpass', cutoffHz: 10, fsHz: 200 }, /order must be an integer/],
    [{ order: 4, type: 'bandpass', cutoffHz: [13, 8], fsHz: 200 }, /low < high/],
    [{ order: 4, type: 'lowpass', cutoffHz: 100, fsHz: 200 }, /strictly between 0 and fs\/2 = 100 Hz/],
    [{ order: 4, type: 'bandpass', cutoffHz: 10, fsHz: 200 }, /two edges/],
  ];
  for (const [spec, message] of bad) {
    assert.throws(() => butterworthSos(spec), (e: unknown) => e instanceof StrnnError && e.code === 'CONFIG' && message.test(e.message));
  }
});

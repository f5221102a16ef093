import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fftPlan } from '../../src/signal/fft.js';
import { Rng } from '../../src/util/random.js';

// Reference: the DFT definition summed directly, O(n²), with angles reduced mod n for accuracy.
function naiveDft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length, outRe = new Float64Array(n), outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const a = (-2 * Math.PI * ((j * k) % n)) / n;
      outRe[k] = outRe[k]! + re[j]! * Math.cos(a) - im[j]! * Math.sin(a);
      outIm[k] = outIm[k]! + re[j]! * Math.sin(a) + im[j]! * Math.cos(a);
    }
  }
  return [outRe, outIm];
}

test('FFT equals the direct DFT for power-of-two and Bluestein lengths (definition)', () => {
  const rng = new Rng(3);
  for (const n of [1, 2, 3, 5, 8, 64, 100, 128, 200, 256, 257]) {
    const re = Float64Array.from({ length: n }, () => rng.normal());
    const im = Float64Array.from({ length: n }, () => rng.normal());
    const [er, ei] = naiveDft(re, im);
    fftPlan(n).transform(re, im);
    // Bound: 1e-11·√n·n relative to unit-variance inputs; FFT rounding grows like log n, the
    // O(n²) reference's like √n, both far below this.
    const bound = 1e-11 * n;
    for (let k = 0; k < n; k++) {
      assert.ok(Math.abs(re[k]! - er[k]!) < bound && Math.abs(im[k]! - ei[k]!) < bound, `n=${n} bin ${k}`);
    }
  }
});

test('a pure cosine lands in its two bins with amplitude n/2 (closed form)', () => {
  const n = 200, k0 = 13;
  const re = Float64Array.from({ length: n }, (_, j) => Math.cos((2 * Math.PI * k0 * j) / n));
  const im = new Float64Array(n);
  fftPlan(n).transform(re, im);
  for (let k = 0; k < n; k++) {
    const expected = k === k0 || k === n - k0 ? n / 2 : 0;
    assert.ok(Math.abs(Math.hypot(re[k]!, im[k]!) - expected) < 1e-10, `bin ${k}`);
  }
});

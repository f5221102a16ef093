import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ldsSmooth, type LdsOptions } from '../../src/signal/lds-smoother.js';
import { movingAverage } from '../../src/signal/moving-average.js';
import { StrnnError } from '../../src/util/errors.js';
import { assertAllClose, readSignalFixture } from './close.js';

const fixture = readSignalFixture<{
  x: number[];
  movingAverage: Record<string, number[]>;
  lds: { options: LdsOptions; y: number[] }[];
}>('smoothing.json');

// Floor 1e-12: the sequence sits near 15, far from zero; only relative error matters here.
const FLOOR = 1e-12;

test('centered moving average with truncated edges matches numpy convolve(same)/count', () => {
  const x = Float64Array.from(fixture.x);
  for (const [L, expected] of Object.entries(fixture.movingAverage)) {
    assertAllClose(movingAverage(x, Number(L)), expected, FLOOR, `moving average L=${L}`);
  }
});

test('moving average works in place on a strided view (W x C x B layout)', () => {
  const x = Float64Array.from(fixture.x);
  const W = x.length, stride = 3;
  const packed = new Float64Array(W * stride);
  for (let t = 0; t < W; t++) packed[t * stride + 1] = x[t]!;
  movingAverage(packed, 5, packed, W, 1, stride);
  const got = Array.from({ length: W }, (_, t) => packed[t * stride + 1]!);
  assertAllClose(got, fixture.movingAverage['5']!, FLOOR, 'strided moving average');
  assert.equal(packed[0], 0, 'other entries untouched');
});

test('an even moving-average length is refused', () => {
  assert.throws(() => movingAverage(new Float64Array(4), 4), (e: unknown) => e instanceof StrnnError && e.code === 'CONFIG');
});

test('Kalman filter + RTS smoother matches the numpy recursion in the fixture script', () => {
  const x = Float64Array.from(fixture.x);
  for (const { options, y } of fixture.lds) {
    assertAllClose(ldsSmooth(x, options), y, FLOOR, `LDS ${JSON.stringify(options)}`);
  }
});

test('LDS leaves a constant sequence unchanged and reduces the variance of a noisy one (properties)', () => {
  assert.deepEqual(ldsSmooth(new Float64Array(10).fill(3)), new Float64Array(10).fill(3));
  const x = Float64Array.from(fixture.x);
  const y = ldsSmooth(x);
  const diffVar = (a: Float64Array): number => {
    let s = 0;
    for (let i = 1; i < a.length; i++) s += (a[i]! - a[i - 1]!) ** 2;
    return s;
  };
  assert.ok(diffVar(y) < 0.2 * diffVar(x));
});

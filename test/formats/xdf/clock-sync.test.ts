// Clock synchronisation of XDF streams: the robust (Huber) line through clock offsets reproduces an
// exact line and ignores an outlier that would pull a least-squares line away; the regular-timing fit
// finds breaks as pyxdf defines them (gap > max(1 s, 500 samples)).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correctTimestamps, fitClockOffsets, fitRegularTiming } from '../../../src/formats/xdf/clock-sync.js';
import { Rng } from '../../../src/util/random.js';

test('offsets exactly on a line give that line; one offset a constant; none no change', () => {
  const times = [100, 105, 110.5, 130, 200];
  const fit = fitClockOffsets(times, times.map((t) => -3.25 + 2e-5 * t));
  assert.ok(Math.abs(fit.interceptSec + 3.25) < 1e-10, `intercept ${fit.interceptSec}`);
  assert.ok(Math.abs(fit.slope - 2e-5) < 1e-13, `slope ${fit.slope}`);
  assert.deepEqual(fitClockOffsets([7], [0.125]), { interceptSec: 0.125, slope: 0 });
  assert.deepEqual(Array.from(correctTimestamps(Float64Array.of(1, 2), fitClockOffsets([], []))), [1, 2]);
  assert.deepEqual(Array.from(correctTimestamps(Float64Array.of(1, 2), { interceptSec: 0.5, slope: 0.25 })), [1.75, 3]);
});

test('a 20 ms outlier among 50 µs-jitter offsets barely moves the robust line', () => {
  const rng = new Rng(5);
  const times = Array.from({ length: 40 }, (_, i) => 1000 + 5 * i);
  const values = times.map((t) => 0.5 + 1e-5 * (t - 1000) + (rng.next() - 0.5) * 1e-4);
  values[17]! += 0.02;
  const robust = fitClockOffsets(times, values);
  const at = (t: number, a: number, b: number): number => a + b * t;
  // Ordinary least squares for comparison (closed form).
  const n = times.length, mt = times.reduce((s, t) => s + t, 0) / n, mv = values.reduce((s, v) => s + v, 0) / n;
  const b = times.reduce((s, t, i) => s + (t - mt) * (values[i]! - mv), 0) / times.reduce((s, t) => s + (t - mt) ** 2, 0);
  const a = mv - b * mt;
  const truth = (t: number): number => 0.5 + 1e-5 * (t - 1000);
  for (const t of [1000, 1100, 1195]) {
    assert.ok(Math.abs(at(t, robust.interceptSec, robust.slope) - truth(t)) < 1e-4, `robust at ${t}`);
  }
  assert.ok(Math.abs(at(1000, a, b) - truth(1000)) > 3e-4, 'least squares is pulled by the outlier (else the test shows nothing)');
});

test('regular timing: line through jittered stamps, breaks found', () => {
  const stamps = Float64Array.from({ length: 1000 }, (_, k) => 10 + k / 250 + (k % 2 === 0 ? 1e-4 : -1e-4));
  const timing = fitRegularTiming(stamps, 250);
  assert.ok(Math.abs(timing.firstSec - 10) < 1e-6 && Math.abs(timing.periodSec - 1 / 250) < 1e-9, JSON.stringify(timing));
  assert.deepEqual(timing.breaksAt, []);
  const broken = stamps.slice();
  for (let k = 600; k < broken.length; k++) broken[k]! += 2.5; // > max(1 s, 500/250 = 2 s)
  assert.deepEqual(fitRegularTiming(broken, 250).breaksAt, [600]);
  const shortGap = stamps.slice();
  for (let k = 600; k < shortGap.length; k++) shortGap[k]! += 1.5; // below 2 s: not a break at 250 Hz
  assert.deepEqual(fitRegularTiming(shortGap, 250).breaksAt, []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { butterworthSos, type ButterworthSpec } from '../../src/signal/butterworth.js';
import { sosfilt, sosfiltInPlace, sosfiltZi, sosfiltfilt, sosfiltfiltPadLength } from '../../src/signal/sosfilt.js';
import { StrnnError } from '../../src/util/errors.js';
import { assertAllClose, maxAbs, readSignalFixture } from './close.js';

interface FilterCase {
  spec: ButterworthSpec;
  padlen: number;
  x: number[];
  sosfiltZi: number[];
  sosfilt: number[];
  sosfiltWithZi: number[];
  zf: number[];
  sosfiltfilt: number[];
}

const { cases } = readSignalFixture<{ cases: FilterCase[] }>('filtering.json');

// Floor for filtered signals: 1e-9 of the signal's peak (≈ 1e-7 µV here); samples that cross zero
// are compared against the signal's scale, not their own tiny magnitude.
const floorFor = (xs: number[]): number => 1e-9 * maxAbs(xs);

test('sosfilt, sosfilt_zi and final state match scipy', () => {
  for (const c of cases) {
    const sos = butterworthSos(c.spec);
    const x = Float64Array.from(c.x);
    const what = `${c.spec.type} ${JSON.stringify(c.spec.cutoffHz)} n=${x.length}`;
    assertAllClose(sosfilt(sos, x).y, c.sosfilt, floorFor(c.sosfilt), `sosfilt ${what}`);
    const zi = sosfiltZi(sos);
    assertAllClose(zi, c.sosfiltZi, 1e-12 * maxAbs(c.sosfiltZi), `sosfilt_zi ${what}`);
    const start = zi.map((v) => v * x[0]!);
    const { y, zf } = sosfilt(sos, x, start);
    assertAllClose(y, c.sosfiltWithZi, floorFor(c.sosfiltWithZi), `sosfilt(zi·x0) ${what}`);
    assertAllClose(zf, c.zf, floorFor(c.zf), `zf ${what}`);
  }
});

test('sosfiltfilt matches scipy (padtype odd, default padlen), including lengths just above padlen', () => {
  for (const c of cases) {
    const sos = butterworthSos(c.spec);
    assert.equal(sosfiltfiltPadLength(sos), c.padlen, 'padlen as scipy computes it');
    const y = sosfiltfilt(sos, Float64Array.from(c.x));
    assertAllClose(y, c.sosfiltfilt, floorFor(c.sosfiltfilt), `sosfiltfilt ${c.spec.type} n=${c.x.length}`);
  }
});

test('streaming: chunks with carried state equal one call (property)', () => {
  const c = cases.find((k) => k.x.length === 400)!;
  const sos = butterworthSos(c.spec);
  const x = Float64Array.from(c.x);
  const state = new Float64Array(sosfiltZi(sos).length);
  const out = Float64Array.from(x);
  for (const [a, b] of [[0, 1], [1, 57], [57, 200], [200, 400]] as const) sosfiltInPlace(sos, out.subarray(a, b), state);
  assert.deepEqual(out, sosfilt(sos, x).y);
});

test('a constant input stays constant under sosfilt started at zi·x0 (steady-state property)', () => {
  const sos = butterworthSos({ order: 3, type: 'lowpass', cutoffHz: 20, fsHz: 128 });
  const x = new Float64Array(50).fill(7);
  const { y } = sosfilt(sos, x, sosfiltZi(sos).map((v) => v * 7));
  assertAllClose(y, x, 1e-12, 'constant through a low-pass');
});

test('signals not longer than padlen are refused with the padlen in the message', () => {
  const sos = butterworthSos({ order: 4, type: 'bandpass', cutoffHz: [8, 13], fsHz: 200 });
  assert.throws(
    () => sosfiltfilt(sos, new Float64Array(27)),
    (e: unknown) => e instanceof StrnnError && e.code === 'INPUT' && /more than 27 samples/.test(e.message),
  );
});

// Direct form II transposed written out one section at a time (scipy's sosfilt definition), to
// check the fused four-, two- and one-section loops on a 7-section filter.
function referenceSosfilt(sos: Float64Array, x: Float64Array): Float64Array {
  const y = Float64Array.from(x);
  for (let s = 0; s < sos.length / 6; s++) {
    const [b0, b1, b2, , a1, a2] = Array.from(sos.subarray(6 * s, 6 * s + 6));
    let z0 = 0, z1 = 0;
    for (let i = 0; i < y.length; i++) {
      const out = b0! * y[i]! + z0;
      z0 = b1! * y[i]! - a1! * out + z1;
      z1 = b2! * y[i]! - a2! * out;
      y[i] = out;
    }
  }
  return y;
}

test('fused section loops equal the one-section-at-a-time definition (7 sections: 4 + 2 + 1)', () => {
  const sos = butterworthSos({ order: 7, type: 'bandpass', cutoffHz: [4, 30], fsHz: 200 });
  const x = Float64Array.from(cases.find((k) => k.x.length === 400)!.x);
  const want = referenceSosfilt(sos, x);
  // Floor: 1e-12 of the peak; the fused loops add z1 before subtracting a1·y (one rounding apart).
  assertAllClose(sosfilt(sos, x).y, want, 1e-12 * maxAbs(want), 'fused vs reference');
  const state = new Float64Array(14);
  const chunked = Float64Array.from(x);
  sosfiltInPlace(sos, chunked.subarray(0, 150), state);
  sosfiltInPlace(sos, chunked.subarray(150), state);
  assert.deepEqual(chunked, sosfilt(sos, x).y);
});

// The filter-bank kernel: the WebAssembly SIMD implementation gives bit-for-bit the reference's
// variances (odd and even channel counts, random chunk sizes from 1 frame to several windows,
// restarts, windows straddling chunks); the reference equals whole-signal sosfilt from the
// steady state followed by numpy-style variances of each window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFilterBank, type FilterBank } from '../../src/kernels/filter-bank.js';
import { butterworthSos } from '../../src/signal/butterworth.js';
import { sosfiltInPlace, sosfiltZi } from '../../src/signal/sosfilt.js';
import { Rng } from '../../src/util/random.js';

const FS = 100, L = 50, STRIDE = 30;
const SOS = [[1, 3], [4, 7], [8, 13], [14, 30], [31, 45]].map(([lo, hi]) => butterworthSos({ order: 4, type: 'bandpass', cutoffHz: [lo!, hi!], fsHz: FS }));

/** Runs `bank` over x (C x S row-major) in random chunks; variances of windows k·STRIDE + [0, L), W x C x B. */
function run(bank: FilterBank, x: Float64Array, C: number, S: number, rng: Rng, maxChunk: number): Float64Array {
  const B = bank.bands, out: number[] = [];
  let seen = 0, next = 0;
  while (seen < S) {
    const frames = Math.min(S - seen, 1 + rng.int(maxChunk));
    const input = bank.input(frames);
    for (let c = 0; c < C; c++) for (let i = 0; i < frames; i++) input[i * bank.inputStride + c] = x[c * S + seen + i]!;
    const ends: number[] = [];
    for (let k = next; k * STRIDE + L <= seen + frames; k++) ends.push(k * STRIDE + L - seen);
    const keep = (next + ends.length) * STRIDE < seen + frames;
    const v = new Float64Array(ends.length * C * B);
    bank.process(frames, ends, seen === 0, keep, v);
    out.push(...v);
    next += ends.length;
    seen += frames;
  }
  return Float64Array.from(out);
}

function signal(C: number, S: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: C * S }, (_, i) => 20 * rng.normal() + 5 * Math.sin(i / 7) + (i % S === 0 ? 0 : 40));
}

for (const C of [1, 2, 5, 8]) {
  test(`wasm filter bank equals the reference bit for bit (C = ${C}, random chunks up to 3 windows)`, () => {
    const S = 20 * L + 17, x = signal(C, S, C);
    const shape = { channels: C, sos: SOS, windowSamples: L };
    const ref = run(createFilterBank(shape, 'reference'), x, C, S, new Rng(1), 3 * L);
    const wasm = createFilterBank(shape, 'wasm');
    assert.equal(wasm.name, 'wasm');
    assert.deepEqual(run(wasm, x, C, S, new Rng(2), 3 * L), ref, 'different chunks, the same bits');
    assert.deepEqual(run(createFilterBank(shape, 'wasm'), x, C, S, new Rng(3), 7), ref, 'tiny chunks (history straddling)');
    assert.ok(ref.length > 0 && ref.every((v) => Number.isFinite(v) && v > 0));
  });
}

test('the reference bank equals whole-signal sosfilt from the steady state, then each window\'s variance', () => {
  const C = 3, S = 12 * L, x = signal(C, S, 9), B = SOS.length;
  const got = run(createFilterBank({ channels: C, sos: SOS, windowSamples: L }, 'reference'), x, C, S, new Rng(4), 2 * L);
  const W = Math.floor((S - L) / STRIDE) + 1;
  assert.equal(got.length, W * C * B);
  for (let c = 0; c < C; c++) {
    for (let b = 0; b < B; b++) {
      const y = x.slice(c * S, (c + 1) * S), zi = sosfiltZi(SOS[b]!).map((v) => v * y[0]!);
      sosfiltInPlace(SOS[b]!, y, zi);
      for (let w = 0; w < W; w++) {
        const win = y.subarray(w * STRIDE, w * STRIDE + L);
        const mean = win.reduce((a, v) => a + v, 0) / L;
        const variance = win.reduce((a, v) => a + (v - mean) ** 2, 0) / L;
        assert.equal(got[(w * C + c) * B + b], variance, `window ${w}, channel ${c}, band ${b}`);
      }
    }
  }
});

test('a band set with unequal section counts is refused', () => {
  const low = butterworthSos({ order: 2, type: 'bandpass', cutoffHz: [1, 3], fsHz: FS });
  assert.throws(() => createFilterBank({ channels: 2, sos: [SOS[0]!, low], windowSamples: L }), /same whole number of second-order sections, got 4, 2/);
});

test('wasm equals the reference for sections without unit ends and for section counts that are not a multiple of 4', () => {
  // Order 5 band-passes have 5 sections (four fused, one alone); halving every numerator takes the
  // kernel off its b0 = b2 = 1 fast path.
  const five = [[2, 6], [9, 20]].map(([lo, hi]) => butterworthSos({ order: 5, type: 'bandpass', cutoffHz: [lo!, hi!], fsHz: FS }));
  const halved = five.map((s) => s.map((v, i) => (i % 6 < 3 ? v / 2 : v)));
  for (const sos of [five, halved]) {
    const C = 3, S = 9 * L + 5, x = signal(C, S, 17);
    const shape = { channels: C, sos, windowSamples: L };
    const ref = run(createFilterBank(shape, 'reference'), x, C, S, new Rng(6), 2 * L);
    assert.deepEqual(run(createFilterBank(shape, 'wasm'), x, C, S, new Rng(7), 2 * L), ref);
    assert.ok(ref.every((v) => Number.isFinite(v) && v > 0));
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_BANDS } from '../../src/signal/bands.js';
import { butterworthSos } from '../../src/signal/butterworth.js';
import { CausalFeatureExtractor, computeCausalFeatures, describeWindowProblems, type CausalFeatureSettings, type CausalWindow } from '../../src/signal/causal-features.js';
import { CausalSmoother, DEFAULT_CAUSAL_KALMAN } from '../../src/signal/causal-smoothing.js';
import { deGaussianWindows } from '../../src/signal/differential-entropy.js';
import { ldsSmooth } from '../../src/signal/lds-smoother.js';
import { sosfilt, sosfiltZi } from '../../src/signal/sosfilt.js';
import { computeTrialFeatures } from '../../src/signal/trial-features.js';
import { planWindows } from '../../src/signal/windows.js';
import { Rng } from '../../src/util/random.js';

const FS = 200;

/** C x S row-major noise with a per-channel DC offset and a 10-Hz rhythm, in µV. */
function signal(C: number, S: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const x = new Float64Array(C * S);
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < S; i++) x[c * S + i] = 300 * (c + 1) + 20 * rng.normal() + 15 * Math.sin((2 * Math.PI * 10 * i) / FS + c);
  }
  return x;
}

/** The same samples as frames x C interleaved. */
function toFrames(x: Float64Array, C: number): Float64Array {
  const S = x.length / C;
  const f = new Float64Array(x.length);
  for (let c = 0; c < C; c++) for (let i = 0; i < S; i++) f[i * C + c] = x[c * S + i]!;
  return f;
}

function settings(over: Partial<CausalFeatureSettings> = {}): CausalFeatureSettings {
  return {
    bands: SEED_BANDS, windowSec: 1, strideSec: 1, kinds: ['de', 'psd'], deMethod: 'gaussian', filterOrder: 4,
    smoothing: 'causal-kalman', movingAverageLength: 5, kalman: { ...DEFAULT_CAUSAL_KALMAN }, ...over,
  };
}

/** Feeds frames in random chunk sizes 1 … maxChunk; returns every window. */
function feedInChunks(ex: CausalFeatureExtractor, frames: Float64Array, sourceChannels: number, rng: Rng, maxChunk: number, channelIndex?: number[]): CausalWindow[] {
  const out: CausalWindow[] = [];
  const S = frames.length / sourceChannels;
  for (let i = 0; i < S;) {
    const n = Math.min(S - i, 1 + rng.int(maxChunk));
    out.push(...ex.push(frames.subarray(i * sourceChannels, (i + n) * sourceChannels), n, { layout: 'frames', sourceChannels, ...(channelIndex && { channelIndex }) }));
    i += n;
  }
  return out;
}

/** Bit equality of two float64 arrays (Object.is per element), naming the first difference. */
function assertBitEqual(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) assert.fail(`${what}: element ${i} differs: ${a[i]} vs ${b[i]}`);
  }
}

test('random chunk sizes give features bit-identical to the whole recording at once (DE, PSD, Kalman, overlapping windows)', () => {
  const C = 4, S = 12 * FS + 37;
  const x = signal(C, S, 3);
  for (const over of [{}, { strideSec: 0.5, smoothing: 'causal-moving-average' as const }, { deMethod: 'spectral' as const, smoothing: 'none' as const }]) {
    const s = settings(over);
    const whole = computeCausalFeatures(x, C, FS, s);
    assert.ok(whole.windows >= 12);
    // Interleaved frames of a wider source whose columns are picked in another order.
    const wide = 6, index = [4, 0, 5, 2];
    const frames = new Float64Array(S * wide).fill(Number.NaN);
    for (let c = 0; c < C; c++) for (let i = 0; i < S; i++) frames[i * wide + index[c]!] = x[c * S + i]!;
    for (const maxChunk of [1, 7, 450, 5000]) {
      const windows = feedInChunks(new CausalFeatureExtractor(C, FS, s), frames, wide, new Rng(maxChunk), maxChunk, index);
      assert.equal(windows.length, whole.windows, `windows, chunks ≤ ${maxChunk}`);
      for (const kind of s.kinds) {
        const joined = new Float64Array(whole.values[kind]!.length);
        windows.forEach((w, i) => joined.set(w.values[kind]!, i * C * SEED_BANDS.length));
        assertBitEqual(joined, whole.values[kind]!, `${kind} ${JSON.stringify(over)} chunks ≤ ${maxChunk}`);
      }
      assert.ok(windows.every((w) => w.valid));
    }
  }
});

test('unsmoothed Gaussian DE equals forward sosfilt from the steady state (sosfilt_zi·x0) then windowed DE, bit for bit', () => {
  const C = 2, S = 7 * FS;
  const x = signal(C, S, 5);
  const got = computeCausalFeatures(x, C, FS, settings({ kinds: ['de'], smoothing: 'none', strideSec: 0.25 }));
  const plan = planWindows(S, FS, 1, 0.25);
  assert.equal(got.windows, plan.count);
  const B = SEED_BANDS.length;
  const expected = new Float64Array(plan.count * C * B);
  for (let c = 0; c < C; c++) {
    const row = x.subarray(c * S, (c + 1) * S);
    SEED_BANDS.forEach((band, b) => {
      const sos = butterworthSos({ order: 4, type: 'bandpass', cutoffHz: [band.lowHz, band.highHz], fsHz: FS });
      const { y } = sosfilt(sos, row, sosfiltZi(sos).map((v) => v * row[0]!));
      deGaussianWindows(y, plan, expected, c * B + b, C * B);
    });
  }
  assertBitEqual(got.values.de!, expected, 'DE');
});

test('unsmoothed PSD and spectral DE equal the zero-phase path (which needs no filtering for them), bit for bit', () => {
  const C = 3, S = 9 * FS + 11;
  const x = signal(C, S, 8);
  const causal = computeCausalFeatures(x, C, FS, settings({ deMethod: 'spectral', smoothing: 'none' }));
  const offline = computeTrialFeatures(x, C, FS, { deMethod: 'spectral', psd: true });
  assertBitEqual(causal.values.psd!, offline.psd!, 'PSD');
  assertBitEqual(causal.values.de!, offline.de, 'spectral DE');
});

test('causal Kalman output at window t equals the last value of the LDS smoother over windows 0..t (same fixed noise)', () => {
  const V = 3, rng = new Rng(2);
  const seq = Array.from({ length: 40 }, () => Float64Array.from({ length: V }, () => 10 + rng.normal()));
  const k = { processNoise: 0.02, observationNoise: 0.5, initialVariance: 0.7 };
  const smoother = new CausalSmoother('causal-kalman', V, 5, k);
  seq.forEach((x, t) => {
    const y = smoother.smooth(x);
    for (let v = 0; v < V; v++) {
      const prefix = Float64Array.from(seq.slice(0, t + 1).map((w) => w[v]!));
      const lds = ldsSmooth(prefix, { processNoise: k.processNoise, observationNoise: k.observationNoise, initialVariance: k.initialVariance, initialMean: 'first' });
      assert.equal(y[v], lds[t], `window ${t} value ${v}`);
    }
  });
});

test('causal moving average is the mean of the last L windows (fewer at the start) and forgets everything on reset', () => {
  const smoother = new CausalSmoother('causal-moving-average', 1, 3);
  const xs = [1, 2, 4, 8, 16];
  assert.deepEqual(xs.map((x) => smoother.smooth(Float64Array.of(x))[0]), [1, 1.5, 7 / 3, 14 / 3, 28 / 3]);
  smoother.reset();
  assert.equal(smoother.smooth(Float64Array.of(5))[0], 5);
});

test('a NaN sample or a flat channel makes its windows invalid with the reason; invalid windows leave the smoothing alone', () => {
  const C = 2, S = 10 * FS;
  const x = signal(C, S, 11);
  x[1 * S + 3 * FS + 50] = Number.NaN; // channel 2, window 3 (0-based)
  for (let i = 6 * FS; i < 7 * FS; i++) x[i] = 42; // channel 1 flat in window 6
  const s = settings({ kinds: ['de'] });
  const windows = new CausalFeatureExtractor(C, FS, s).push(x, S, { layout: 'channels' });
  assert.deepEqual(windows.filter((w) => !w.valid).map((w) => [w.index, describeWindowProblems(w.problems, ['FP1', 'FPZ'])]),
    [[3, 'channel FPZ has NaN/Inf samples or samples beyond ±1e+100'], [6, 'channel FP1 is flat (every sample equal)']]);
  for (const w of windows) if (w.valid) assert.ok(w.values.de!.every(Number.isFinite), `window ${w.index} finite`);
  // The valid windows' values are the Kalman filter over the valid windows' raw DE only.
  const raw = new CausalFeatureExtractor(C, FS, { ...s, smoothing: 'none' }).push(x, S, { layout: 'channels' });
  const smoother = new CausalSmoother('causal-kalman', C * SEED_BANDS.length);
  raw.forEach((r, i) => {
    if (!r.valid) return;
    assertBitEqual(windows[i]!.values.de!, smoother.smooth(r.values.de!), `window ${i}`);
  });
});

test('reset restarts filters, window grid and smoothing at the next sample; sample numbers keep counting', () => {
  const C = 2, S = 8 * FS;
  const x = toFrames(signal(C, S, 4), C);
  const s = settings({ kinds: ['de'] });
  const ex = new CausalFeatureExtractor(C, FS, s);
  const cut = 3 * FS + 77;
  const before = ex.push(x.subarray(0, cut * C), cut);
  ex.reset();
  const after = ex.push(x.subarray(cut * C), S - cut);
  const fresh = new CausalFeatureExtractor(C, FS, s).push(x.subarray(cut * C), S - cut);
  assert.equal(before.length, 3);
  assert.equal(after.length, fresh.length);
  after.forEach((w, i) => {
    assert.equal(w.index, i);
    assert.equal(w.startSample, cut + i * FS);
    assertBitEqual(w.values.de!, fresh[i]!.values.de!, `window ${i} after reset`);
  });
});

test('flat windows: exactly those whose samples are all equal, whatever the layout and chunking (NaN inside a flat run keeps it flat)', () => {
  const C = 3, S = 12 * FS, x = signal(C, S, 21);
  for (let i = 2 * FS; i < 3 * FS; i++) x[i] = 7; // channel 0: all of window 2 (0-based)
  for (let i = 4 * FS + 1; i < 6 * FS; i++) x[S + i] = -3; // channel 1: from the 2nd sample of window 4 to the end of 5 (window 4 is not flat)
  x[S + 5 * FS + 9] = Number.NaN; // …with a NaN inside window 5
  for (let i = 7 * FS - 1; i < 9 * FS; i++) x[2 * S + i] = 0; // channel 2: windows 7 and 8 (the run starts one sample early)
  x[2 * S + 8 * FS + 5] = -0; // −0 equals 0
  // Brute force over the samples as the extractor sees them (a NaN holds the previous value).
  const expected: string[] = [];
  for (let w = 0; w < 12; w++) {
    for (let c = 0; c < C; c++) {
      let prev = Number.NaN, allEqual = true, bad = false;
      for (let i = w * FS; i < (w + 1) * FS; i++) {
        const v = x[c * S + i]!;
        if (Number.isNaN(v)) { bad = true; continue; }
        if (!Number.isNaN(prev) && v !== prev) allEqual = false;
        prev = v;
      }
      if (bad) expected.push(`${w}:${c}:non-finite`);
      else if (allEqual) expected.push(`${w}:${c}:flat`);
    }
  }
  assert.deepEqual(expected, ['2:0:flat', '5:1:non-finite', '7:2:flat', '8:2:flat']);
  const problems = (ws: CausalWindow[]) => ws.flatMap((w) => w.problems.map((p) => `${w.index}:${p.channel}:${p.problem}`));
  for (const kinds of [['de'], ['de', 'psd']] as const) {
    assert.deepEqual(problems(new CausalFeatureExtractor(C, FS, settings({ kinds: [...kinds] })).push(x, S, { layout: 'channels' })), expected, `${kinds.join('+')}, one channel-major chunk`);
    assert.deepEqual(problems(feedInChunks(new CausalFeatureExtractor(C, FS, settings({ kinds: [...kinds] })), toFrames(x, C), C, new Rng(5), 90)), expected, `${kinds.join('+')}, random frame chunks`);
  }
});

test('the WebAssembly reader and filter bank give the reference\'s windows bit for bit: float32 and float64, both layouts, picked channels, bad and flat samples', () => {
  const C = 3, Cs = 5, S = 14 * FS;
  const x = signal(Cs, S, 33);
  x[1 * S + 2 * FS + 3] = Number.NaN; // source row 1 (channel 2 below)
  x[4 * S + 5 * FS + 10] = 1e300; // source row 4 (channel 0): beyond the bound
  x[3 * S + 6 * FS] = Number.NEGATIVE_INFINITY; // source row 3: not picked
  for (let i = 8 * FS; i < 9 * FS + 20; i++) x[1 * S + i] = i % 3 === 0 ? -0 : 0; // channel 2 flat through window 8
  const channelIndex = [4, 0, 1];
  const frames = toFrames(x, Cs);
  const run = (kind: 'wasm' | 'reference', data: Float32Array | Float64Array, layout: 'frames' | 'channels', rng: Rng) => {
    const ex = new CausalFeatureExtractor(C, FS, settings({ kinds: ['de'] }), { filterBank: kind });
    const out: CausalWindow[] = [];
    for (let i = 0; i < S;) {
      const n = Math.min(S - i, 1 + rng.int(3 * FS));
      const chunk = layout === 'frames' ? data.subarray(i * Cs, (i + n) * Cs) : Float64Array.from({ length: Cs * n }, (_, k) => data[Math.floor(k / n) * S + i + (k % n)]!);
      out.push(...ex.push(layout === 'channels' && data instanceof Float32Array ? Float32Array.from(chunk) : chunk, n, { layout, sourceChannels: Cs, channelIndex }));
      i += n;
    }
    return out;
  };
  for (const data of [Float64Array.from(frames), Float32Array.from(frames)]) {
    const ref = run('reference', data, 'frames', new Rng(1));
    assert.deepEqual(ref.filter((w) => !w.valid).map((w) => `${w.index}:${describeWindowProblems(w.problems)}`),
      ['2:channel 3 has NaN/Inf samples or samples beyond ±1e+100', '5:channel 1 has NaN/Inf samples or samples beyond ±1e+100', '8:channel 3 is flat (every sample equal)']);
    assert.deepEqual(run('wasm', data, 'frames', new Rng(2)), ref, `${data.constructor.name} frames`);
  }
  const rows = Float32Array.from(x);
  assert.deepEqual(run('wasm', rows, 'channels', new Rng(3)), run('reference', rows, 'channels', new Rng(4)), 'Float32Array rows');
  assert.deepEqual(run('wasm', x, 'channels', new Rng(5)), run('reference', x, 'channels', new Rng(6)), 'Float64Array rows');
});


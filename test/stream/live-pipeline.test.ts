// The live pipeline on synthetic streams: predictions start after T windows, equal the offline
// causal features fed to the model; gaps in timestamps are reported and restart the history; NaN or
// flat channels give invalid windows (no prediction); memory does not grow with the stream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBackend } from '../../src/kernels/select.js';
import { gridMontage } from '../../src/montage/montage.js';
import { StrnnModel } from '../../src/model/model.js';
import { makeConfig } from '../../src/model/config.js';
import { predictProbabilities } from '../../src/eval/predict.js';
import { computeCausalFeatures } from '../../src/signal/causal-features.js';
import { causalFeaturePipeline, causalSettingsFromPipeline } from '../../src/signal/causal-pipeline.js';
import { LivePipeline } from '../../src/stream/live-pipeline.js';
import { liveModelFeatures } from '../../src/stream/model-features.js';
import type { LiveEvent, PredictionEvent } from '../../src/stream/types.js';
import type { LoadedCheckpoint } from '../../src/formats/checkpoint.js';
import { Rng } from '../../src/util/random.js';
import { StrnnError } from '../../src/util/errors.js';

const FS = 128, T = 3, LABELS = ['C3', 'C4'];

async function checkpoint(): Promise<LoadedCheckpoint> {
  const model = new StrnnModel(makeConfig({ T, dIn: 5, C: 2, dS: 4, kS: 2, dT: 4, kT: 2 }), gridMontage(1, 2), { backend: await createBackend('reference'), maxBatch: 4 });
  model.initialize(3);
  const features = causalFeaturePipeline(LABELS, [FS], { T, bands: [{ name: 'd', lowHz: 1, highHz: 3 }, { name: 't', lowHz: 4, highHz: 7 }, { name: 'a', lowHz: 8, highHz: 13 }, { name: 'b', lowHz: 14, highHz: 30 }, { name: 'g', lowHz: 31, highHz: 50 }] });
  return { model, classNames: ['calm', 'excited'], normalization: { mean: new Float32Array(10).fill(3), std: new Float32Array(10).fill(1) }, features };
}

/** Frames x 3 (C4, junk, C3) of noise. */
function frames(S: number, seed: number): Float64Array {
  const rng = new Rng(seed), x = new Float64Array(S * 3);
  for (let i = 0; i < x.length; i++) x[i] = 10 * rng.normal();
  return x;
}

function pipeline(ckpt: LoadedCheckpoint): LivePipeline {
  const { settings, channels } = liveModelFeatures(ckpt, 'test');
  return new LivePipeline({ checkpoint: ckpt, settings, channels, stream: { name: 's', type: 'EEG', fsHz: FS, channelCount: 3, labels: ['c4', 'x', 'EEG C3'] } });
}

test('a prediction per window from window T − 1 on, equal to the model on the offline causal features of the same samples', async () => {
  const ckpt = await checkpoint();
  const S = 10 * FS, x = frames(S, 1);
  const live = pipeline(ckpt);
  const events: LiveEvent[] = [];
  for (let i = 0; i < S; i += 50) events.push(...live.push({ data: x.subarray(i * 3, Math.min(S, i + 50) * 3), frames: Math.min(S, i + 50) - i }));
  const preds = events.filter((e): e is PredictionEvent => e.kind === 'prediction');
  assert.deepEqual(preds.map((e) => e.window), [2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(preds[0]!.tEnd, (3 * FS - 1) / FS, 'tEnd: timestamp of the last sample (deduced clock from 0)');
  // Offline: channels in model order (C3 = column 2, C4 = column 0).
  const cm = new Float64Array(2 * S);
  for (let i = 0; i < S; i++) { cm[i] = x[i * 3 + 2]!; cm[S + i] = x[i * 3]!; }
  const f = computeCausalFeatures(cm, 2, FS, causalSettingsFromPipeline(ckpt.features!));
  preds.forEach((e) => {
    const p = predictProbabilities(ckpt, Float32Array.from(f.values.de!.subarray((e.window - T + 1) * 10, (e.window + 1) * 10)), 1);
    assert.deepEqual([e.probabilities.calm, e.probabilities.excited], [p[0], p[1]]);
    assert.equal(e.predicted, p[0]! >= p[1]! ? 'calm' : 'excited');
  });
  assert.equal(live.health().predictions, 8);
});

test('a gap in the timestamps is reported and restarts the history: the next prediction comes T windows after it', async () => {
  const live = pipeline(await checkpoint());
  const S = 4 * FS, x = frames(2 * S, 2);
  const ts = (from: number, n: number, t0: number) => Float64Array.from({ length: n }, (_, i) => t0 + (from + i) / FS);
  const before = live.push({ data: x.subarray(0, S * 3), frames: S, timestamps: ts(0, S, 100) });
  assert.deepEqual(before.filter((e) => e.kind === 'prediction').map((e) => (e as PredictionEvent).window), [2, 3]);
  // 0.5 s of samples missing between the two chunks; jitter below the tolerance is not a gap.
  const after = live.push({ data: x.subarray(S * 3), frames: S, timestamps: ts(S, S, 100.5).map((t, i) => t + (i % 2) * 0.01) });
  const gap = after.find((e) => e.kind === 'gap');
  assert.ok(gap && gap.kind === 'gap');
  assert.ok(Math.abs(gap.missingSec - 0.5) < 1e-9, `missing ${gap.missingSec}`);
  assert.deepEqual(after.filter((e) => e.kind === 'prediction').map((e) => (e as PredictionEvent).window), [6, 7], 'windows 4 and 5 refill the history');
  assert.equal(live.health().gaps, 1);
});

test('channel-major chunks (a file replay) give the same events as interleaved frames, with and without timestamps (a gap included)', async () => {
  const ckpt = await checkpoint();
  const S = 9 * FS, x = frames(S, 6);
  const rows = (from: number, n: number) => Float64Array.from({ length: 3 * n }, (_, k) => x[(from + (k % n)) * 3 + Math.floor(k / n)]!);
  const ts = Float64Array.from({ length: S }, (_, i) => i / FS + (i >= 5 * FS + 17 ? 0.7 : 0)); // a 0.7-s gap inside the second chunk
  for (const timestamps of [undefined, ts]) {
    const a = pipeline(ckpt), b = pipeline(ckpt);
    const cuts = [0, 3 * FS + 11, 6 * FS, S];
    const strip = (es: LiveEvent[]) => es.map((e) => ({ ...e, ...(e.kind === 'prediction' && { latencyMs: 0 }) }));
    const ea: LiveEvent[] = [], eb: LiveEvent[] = [];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const from = cuts[k]!, n = cuts[k + 1]! - from;
      const t = timestamps?.subarray(from, from + n);
      ea.push(...a.push({ data: x.subarray(from * 3, (from + n) * 3), frames: n, ...(t && { timestamps: t }) }));
      eb.push(...b.push({ data: rows(from, n), frames: n, layout: 'channels', ...(t && { timestamps: t }) }));
    }
    assert.deepEqual(strip(eb), strip(ea));
    assert.ok(ea.filter((e) => e.kind === 'prediction').length >= 4);
    assert.equal(ea.filter((e) => e.kind === 'gap').length, timestamps ? 1 : 0);
  }
});

test('NaN samples and a flat channel make windows invalid: reported with the channel name, no prediction until T valid windows follow', async () => {
  const live = pipeline(await checkpoint());
  const S = 9 * FS, x = frames(S, 3);
  x[(4 * FS + 7) * 3 + 2] = Number.NaN; // C3 in window 4
  for (let i = 6 * FS; i < 7 * FS; i++) x[i * 3] = -5; // C4 flat in window 6
  const events = live.push({ data: x, frames: S });
  assert.deepEqual(events.filter((e) => e.kind === 'invalid').map((e) => [e.window, e.kind === 'invalid' && e.reason]),
    [[4, 'channel C3 has NaN/Inf samples or samples beyond ±1e+100'], [6, 'channel C4 is flat (every sample equal)']]);
  assert.deepEqual(events.filter((e) => e.kind === 'prediction').map((e) => (e as PredictionEvent).window), [2, 3], 'windows 5, 7 and 8 are too few in a row');
  for (const e of events) if (e.kind === 'prediction') assert.ok(Object.values(e.probabilities).every(Number.isFinite));
});

test('finite samples whose features overflow (a railed 1e300 channel) make the window invalid, never a NaN prediction', async () => {
  const live = pipeline(await checkpoint());
  const S = 6 * FS, x = frames(S, 4);
  for (let i = 2 * FS; i < 3 * FS; i++) x[i * 3] = (i % 2 ? 1 : -1) * 1e300; // C4 in window 2: its square overflows to Infinity
  const events = live.push({ data: x, frames: S });
  assert.deepEqual(events.filter((e) => e.kind === 'invalid').map((e) => [e.window, e.kind === 'invalid' && e.reason]),
    [[2, 'channel C4 has NaN/Inf samples or samples beyond ±1e+100']], 'one bad window: the filters do not carry an overflow on');
  assert.deepEqual(events.filter((e) => e.kind === 'prediction').map((e) => (e as PredictionEvent).window), [5], 'T valid windows after the bad one');
});

test('features that the normalisation turns non-finite (a checkpoint std of 1e-44) give an invalid window naming the feature, not a prediction', async () => {
  const ckpt = await checkpoint();
  ckpt.normalization!.std[3] = 1e-44; // channel C3 (node 0), feature 3: |DE − 3| / 1e-44 overflows float32
  const live = pipeline(ckpt);
  const events = live.push({ data: frames(4 * FS, 5), frames: 4 * FS });
  assert.deepEqual(events.map((e) => e.kind), ['invalid', 'invalid', 'invalid', 'invalid']);
  for (const e of events) assert.match(e.kind === 'invalid' ? e.reason : '', /^feature 3 of channel C3 is -?Infinity after normalisation$/);
});

test('a day-long stream keeps memory flat: the pipeline holds rings, not the stream', async () => {
  const live = pipeline(await checkpoint());
  const chunk = frames(FS * 60, 4);
  const heap = () => process.memoryUsage().heapUsed;
  for (let m = 0; m < 60; m++) live.push({ data: chunk, frames: FS * 60 });
  const start = heap();
  // Another 23 hours in one-minute chunks (1.4 M frames per hour of 3 channels would be 33 MB an hour if kept).
  for (let m = 0; m < 23 * 60; m++) live.push({ data: chunk, frames: FS * 60 });
  const grown = heap() - start;
  assert.equal(live.health().samples, 24 * 3600 * FS);
  assert.ok(grown < 64e6, `heap grew ${(grown / 1e6).toFixed(1)} MB over 23 h of stream`);
});

test('models without a causal pipeline are refused with the reasons, or run with --allow-noncausal and a warning', async () => {
  const ckpt = await checkpoint();
  const zeroPhase: LoadedCheckpoint = { ...ckpt, features: { ...ckpt.features!, filtering: 'zero-phase', smoothing: 'lds' } };
  assert.throws(() => liveModelFeatures(zeroPhase, 'm/'), (e: unknown) => e instanceof StrnnError && /m\/: the model's features cannot be computed online: zero-phase .*; LDS smoothing runs a backward \(RTS\) pass/.test(e.message) && /--allow-noncausal/.test(e.hint ?? ''));
  const accepted = liveModelFeatures(zeroPhase, 'm/', true);
  assert.equal(accepted.settings.smoothing, 'causal-kalman');
  assert.match(accepted.warning ?? '', /zero-phase band-pass filtering → forward-only.*LDS .* → forward Kalman filter/);
  const { features: _none, ...bare } = ckpt;
  void _none;
  assert.throws(() => liveModelFeatures(bare, 'm/'), /records no feature pipeline/);
});

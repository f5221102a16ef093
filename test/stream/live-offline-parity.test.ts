// Done-when test of the live pipeline: an EDF recording streamed through LSL (strnn's outlet → strnn's
// inlet, random chunk sizes, double64 so no value is rounded on the wire) gives per-window features
// bit-identical (float64) to `strnn features --causal` on the same file, and predictions equal to
// `strnn predict` on those features (max abs difference ≤ 1e-6). The same for `strnn live --source
// file:` replay through the CLI. Channel labels use old 10-20 names (T3/T4) and an extra channel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEdfRecording } from '../../src/datasets/edf-eeg.js';
import { saveCheckpoint, loadCheckpoint } from '../../src/formats/checkpoint.js';
import { writeEdf } from '../../src/formats/edf/index.js';
import { openMat, readNumeric } from '../../src/formats/mat/index.js';
import { writeNpy } from '../../src/formats/npy.js';
import { createBackend } from '../../src/kernels/select.js';
import { gridMontage } from '../../src/montage/montage.js';
import { StrnnModel } from '../../src/model/model.js';
import { makeConfig } from '../../src/model/config.js';
import { causalFeaturePipeline, causalSettingsFromPipeline } from '../../src/signal/causal-pipeline.js';
import { runLiveSession } from '../../src/stream/live-session.js';
import { startLslReplay } from '../../src/stream/lsl-replay.js';
import { lslSource } from '../../src/stream/sources/lsl-source.js';
import type { PredictionEvent } from '../../src/stream/types.js';
import { Rng } from '../../src/util/random.js';
import { withTempDir } from '../helpers.js';
import { runCli } from '../cli/run-cli.js';

const FS = 200;
const FILE_LABELS = ['EEG Fp1-REF', 'EEG Fp2-REF', 'EEG T3-REF', 'EEG Cz-REF', 'EEG T4-REF', 'EEG O1-REF', 'EEG O2-REF'];
const MODEL_CHANNELS = ['FP1', 'FP2', 'T7', 'T8', 'O1', 'O2'];
const T = 4;

/** A 40-s 7-channel EDF with drifting band powers, and a small random model on a 2x3 grid with a causal pipeline. */
async function fixture(dir: string): Promise<{ edf: string; model: string }> {
  const rng = new Rng(21);
  const S = 40 * FS;
  const signals = FILE_LABELS.map((label, c) => {
    const data = new Float64Array(S);
    for (let i = 0; i < S; i++) {
      const slow = 1 + 0.5 * Math.sin((2 * Math.PI * i) / (13 * FS) + c);
      data[i] = 40 + 25 * rng.normal() + 30 * slow * Math.sin((2 * Math.PI * (9 + c) * i) / FS) + 10 * Math.sin((2 * Math.PI * 20 * i) / FS + c);
    }
    return { label, fsHz: FS, data, physicalDimension: 'uV' };
  });
  const edf = join(dir, 'rec.edf');
  writeEdf(edf, { format: 'edf', recordDurationSec: 1, signals });
  const backend = await createBackend('reference');
  const model = new StrnnModel(makeConfig({ T, dIn: 5, C: 3, dS: 6, kS: 3, dT: 6, kT: 2 }), gridMontage(2, 3), { backend, maxBatch: 32 });
  model.initialize(5);
  const pipeline = causalFeaturePipeline(MODEL_CHANNELS, [FS], { T, smoothing: 'causal-kalman' });
  // A normalisation of the DE scale (about 2-6 here), so probabilities are not all near 1/3.
  const N = 6 * 5;
  const normalization = { mean: new Float32Array(N).fill(4), std: new Float32Array(N).fill(0.5) };
  const dirModel = join(dir, 'model');
  saveCheckpoint(dirModel, model, { classNames: ['negative', 'neutral', 'positive'], normalization, features: pipeline });
  return { edf, model: dirModel };
}

/** `strnn features --causal` → de_LDS1 as W x 6 x 5 row-major (the model's channels, in node order). */
async function offlineFeatures(dir: string, edf: string): Promise<{ W: number; rows: Float64Array }> {
  const r = runCli(['features', '--input', edf, '--out', join(dir, 'features'), '--causal', '--kinds', 'de', '--smoothing', 'lds', '--jobs', '1', '--json'], dir);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { options: { causal?: { filtering: string } }; files: { channelNames: string[] }[] };
  assert.equal(report.options.causal?.filtering, 'causal');
  const names = report.files[0]!.channelNames;
  const mat = await openMat(join(dir, 'features', 'ExtractedFeatures', 'rec.mat'));
  const v = readNumeric(mat, 'de_LDS1');
  const [C, W, B] = v.dims as [number, number, number];
  assert.equal(C, FILE_LABELS.length);
  // MATLAB column-major channels x windows x bands; pick the model's channels (file order FP1 FP2 T3 CZ T4 O1 O2).
  const column = [0, 1, 2, 4, 5, 6];
  assert.deepEqual(column.map((c) => names[c]), ['EEG Fp1-REF', 'EEG Fp2-REF', 'EEG T3-REF', 'EEG T4-REF', 'EEG O1-REF', 'EEG O2-REF']);
  const rows = new Float64Array(W * 6 * B);
  for (let w = 0; w < W; w++) for (let n = 0; n < 6; n++) for (let b = 0; b < B; b++) rows[(w * 6 + n) * B + b] = v.data[column[n]! + C * (w + W * b)]!;
  return { W, rows };
}

/** `strnn predict` on every T-window sample of the offline features (sample k ends at window k + T − 1). */
function offlinePredictions(dir: string, model: string, W: number, rows: Float64Array): number[][] {
  const count = W - T + 1, size = 6 * 5;
  const x = new Float64Array(count * T * size);
  for (let k = 0; k < count; k++) x.set(rows.subarray(k * size, (k + T) * size), k * T * size);
  const path = join(dir, 'x.npy');
  writeNpy(path, x, [count, T, 6, 5]);
  const r = runCli(['predict', '--model', model, '--samples', path, '--format', 'json'], dir);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { predictions: { probabilities: Record<string, number> }[] };
  return out.predictions.map((p) => ['negative', 'neutral', 'positive'].map((c) => p.probabilities[c]!));
}

function assertPredictionsEqual(live: PredictionEvent[], offline: number[][], what: string): void {
  assert.equal(live.length, offline.length, `${what}: one prediction per window from window T on`);
  let worst = 0;
  live.forEach((e, k) => {
    assert.equal(e.window, k + T - 1, `${what}: window numbers`);
    ['negative', 'neutral', 'positive'].forEach((c, j) => { worst = Math.max(worst, Math.abs(e.probabilities[c]! - offline[k]![j]!)); });
  });
  assert.ok(worst <= 1e-6, `${what}: max |live − predict| = ${worst}`);
  assert.ok(new Set(live.map((e) => e.predicted)).size > 1 || live.some((e) => Math.max(...Object.values(e.probabilities)) < 0.9), `${what}: probabilities carry information`);
}

test('a recording streamed through LSL in random chunks gives features bit-identical to `strnn features --causal` and predictions equal to `strnn predict`', { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    const { edf, model } = await fixture(dir);
    const { W, rows } = await offlineFeatures(dir, edf);
    assert.equal(W, 40);
    const offline = offlinePredictions(dir, model, W, rows);

    const recording = readEdfRecording(edf);
    const ckpt = loadCheckpoint(model, await createBackend('reference'));
    const name = `strnn-parity-test-${process.pid}`;
    const replay = await startLslReplay(recording.data as Float64Array, { name, labels: FILE_LABELS, fsHz: FS, speed: 'max', chunkFrames: 97, rng: new Rng(8) });
    assert.equal(replay.outlet.info.channelFormat, 'double64', 'EDF values are not float32 values: the wire format must not round them');
    const source = lslSource({ sourceId: name });
    const features = new Map<number, Float64Array>();
    const predictions: PredictionEvent[] = [];
    const health = await runLiveSession({
      source, checkpoint: ckpt, settings: causalSettingsFromPipeline(ckpt.features!), channels: ckpt.features!.channels,
      onFeatures: (w, values) => features.set(w, Float64Array.from(values)),
      onEvent: (e) => {
        assert.notEqual(e.kind, 'gap', 'no gaps in a gapless replay');
        if (e.kind === 'prediction') predictions.push(e);
        if (features.size === W) void source.close();
      },
    });
    await replay.outlet.close();
    assert.equal(health.windows, W);
    for (let w = 0; w < W; w++) {
      const got = features.get(w)!, want = rows.subarray(w * 30, (w + 1) * 30);
      for (let i = 0; i < 30; i++) if (!Object.is(got[i], want[i])) assert.fail(`window ${w} value ${i}: live ${got[i]} vs offline ${want[i]}`);
    }
    assertPredictionsEqual(predictions, offline, 'LSL');

    // The CLI with the file source: the same predictions in the --out file.
    const out = join(dir, 'preds.jsonl');
    const r = runCli(['live', '--model', model, '--source', `file:${edf}`, '--speed', 'max', '--out', out], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /6 used, ignored EEG Cz-REF/);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as PredictionEvent);
    assertPredictionsEqual(lines.filter((e) => e.kind === 'prediction'), offline, 'strnn live --source file:');
  });
});

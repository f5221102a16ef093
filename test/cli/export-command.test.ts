// `strnn export` end to end, as a user runs it: train a small model with the CLI, export it, run the
// .onnx file in ONNX Runtime (onnxruntime-web under Node) on the same samples, and compare with the
// probabilities `strnn predict` printed. Usage mistakes exit 2, bad checkpoints 1; nothing half-written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { readNpy, writeNpy } from '../../src/formats/npy.js';
import { Rng } from '../../src/util/random.js';
import { withTempDir } from '../helpers.js';
import { runCli } from './run-cli.js';

ort.env.wasm.numThreads = 1;

/** 40 samples of T = 4 on a 3x3 grid with dIn = 3, class from node 4's first feature, raw units around 50. */
function writeSamples(dir: string): void {
  const rng = new Rng(7);
  const B = 40, per = 4 * 9 * 3;
  const x = new Float32Array(B * per);
  const y = new Int32Array(B);
  for (let b = 0; b < B; b++) {
    y[b] = b % 3;
    for (let i = 0; i < per; i++) x[b * per + i] = 50 + 10 * rng.normal() + (i % 27 === 12 ? 15 * y[b]! : 0);
  }
  writeNpy(join(dir, 'x.npy'), x, [B, 4, 9, 3]);
  writeNpy(join(dir, 'y.npy'), y, [B]);
}

test('export --format onnx: ONNX Runtime reproduces strnn predict on the same samples', async () => {
  await withTempDir(async (dir) => {
    writeSamples(dir);
    const train = runCli(['train', '--samples', 'x.npy', '--labels', 'y.npy', '--classes', 'calm,mixed,tense', '--montage', 'grid:3x3',
      '--d-s', '5', '--k-s', '3', '--d-t', '4', '--k-t', '2', '--activation', 'relu', '--epochs', '8', '--lr', '0.01', '--backend', 'reference', '--out', 'model'], dir);
    assert.equal(train.status, 0, train.stderr);

    const exported = runCli(['export', '--model', 'model', '--format', 'onnx', '--out', join('out', 'model.onnx'), '--json'], dir);
    assert.equal(exported.status, 0, exported.stderr);
    const summary = JSON.parse(exported.stdout);
    assert.equal(summary.opset, 13);
    assert.equal(summary.irVersion, 7);
    assert.deepEqual(summary.input, { name: 'x', shape: ['batch', 4, 9, 3] });
    assert.deepEqual(summary.classNames, ['calm', 'mixed', 'tense']);
    const bytes = readFileSync(join(dir, 'out', 'model.onnx'));
    assert.equal(summary.bytes, bytes.length);
    assert.deepEqual(readdirSync(join(dir, 'out')), ['model.onnx'], 'no temporary file left beside the model');

    const predicted = runCli(['predict', '--model', 'model', '--samples', 'x.npy', '--backend', 'reference', '--format', 'json'], dir);
    assert.equal(predicted.status, 0, predicted.stderr);
    const rows = JSON.parse(predicted.stdout).predictions as { probabilities: Record<string, number> }[];

    const session = await ort.InferenceSession.create(bytes);
    const metadata = (session as unknown as { handler?: unknown }).handler; // not exposed by the web build; the Python reader checks metadata
    void metadata;
    const x = readNpy(join(dir, 'x.npy'));
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from(x.data), [40, 4, 9, 3]) });
    const p = out.probabilities!.data as Float32Array;
    let worst = 0;
    rows.forEach((row, b) => ['calm', 'mixed', 'tense'].forEach((c, j) => (worst = Math.max(worst, Math.abs(row.probabilities[c]! - p[b * 3 + j]!)))));
    assert.ok(worst <= 1e-5, `ONNX Runtime and strnn predict differ by ${worst}`);
  });
});

test('export: usage mistakes exit 2, unreadable checkpoints exit 1, each with a one-line error', async () => {
  await withTempDir((dir) => {
    let r = runCli(['export', '--model', 'model', '--format', 'tflite', '--out', 'm.onnx'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--format <name>' argument 'tflite' is invalid. Allowed choices are onnx/);
    r = runCli(['export', '--model', 'model'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /strnn: error: export needs --out/);
    r = runCli(['export', '--model', 'missing', '--out', 'm.onnx'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /strnn: error: missing: not a strnn checkpoint \(no model\.json\)/);
    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', 'model.json'), '{"format": "strnn-checkpoint", "version": 1');
    r = runCli(['export', '--model', 'broken', '--out', 'm.onnx'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /strnn: error: broken.model\.json: not valid JSON/);
    assert.ok(!existsSync(join(dir, 'm.onnx')));
  });
});

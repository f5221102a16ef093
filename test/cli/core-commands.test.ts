import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readNpy, writeNpy } from '../../src/formats/npy.js';
import { Rng } from '../../src/util/random.js';
import { repoPath, withTempDir } from '../helpers.js';
import { runCli, runCliAndKill } from './run-cli.js';

// Tiny model flags so every command runs in about a second.
const TINY = ['--d-s', '4', '--k-s', '2', '--d-t', '4', '--k-t', '2', '--montage', 'grid:2x3', '--backend', 'reference'];

/** 60 samples of T=3, N=6 (2x3 grid), dIn=2; class = sign of node 0's first feature, in 6 trials. */
function writeSamples(dir: string, seed = 1): void {
  const rng = new Rng(seed);
  const B = 60, per = 3 * 6 * 2;
  const x = new Float32Array(B * per);
  const y = new Int32Array(B);
  const g = new Int32Array(B);
  for (let b = 0; b < B; b++) {
    y[b] = b % 2;
    g[b] = Math.floor(b / 10);
    for (let i = 0; i < per; i++) x[b * per + i] = rng.normal() + (i % 12 === 0 ? 3 * y[b]! : 0);
  }
  writeNpy(join(dir, 'x.npy'), x, [B, 3, 6, 2]);
  writeNpy(join(dir, 'y.npy'), y, [B]);
  writeNpy(join(dir, 'g.npy'), g, [B]);
  writeNpy(join(dir, 'wrong-n.npy'), new Float32Array(2 * 3 * 5 * 2), [2, 3, 5, 2]);
  writeNpy(join(dir, 'ints.npy'), new Int32Array(2 * 3 * 6 * 2), [2, 3, 6, 2]);
}

const trainArgs = (out: string, extra: string[] = []) =>
  ['train', '--samples', 'x.npy', '--labels', 'y.npy', '--groups', 'g.npy', '--classes', 'low,high', '--epochs', '20', '--lr', '0.02', '--out', out, ...TINY, ...extra];

// Regenerate after changing flags or commands: npm run build && npm run docs:flags
test('--help matches the committed snapshot (test/cli/help.snapshot.txt)', async () => {
  await withTempDir((dir) => {
    const r = runCli(['--help'], dir);
    assert.equal(r.status, 0);
    const sub = runCli(['train', '--help'], dir);
    assert.equal(sub.status, 0);
    const snapshot = readFileSync(repoPath('test', 'cli', 'help.snapshot.txt'), 'utf8');
    assert.equal(`${r.stdout}\n----\n${sub.stdout}`, snapshot);
  });
});

test('train -> evaluate -> predict on .npy files, with --json', async () => {
  await withTempDir((dir) => {
    writeSamples(dir);
    const t = runCli([...trainArgs('model'), '--json'], dir);
    assert.equal(t.status, 0, t.stderr);
    const trained = JSON.parse(t.stdout);
    assert.equal(trained.trainSamples + trained.valSamples, 60);
    assert.ok(existsSync(join(dir, 'model', 'model.json')) && existsSync(join(dir, 'model', 'weights.bin')));

    const e = runCli(['evaluate', '--model', 'model', '--samples', 'x.npy', '--labels', 'y.npy', '--backend', 'reference', '--json'], dir);
    assert.equal(e.status, 0, e.stderr);
    const scored = JSON.parse(e.stdout);
    assert.equal(scored.samples, 60);
    assert.ok(scored.accuracy > 0.8, `accuracy ${scored.accuracy}`);
    assert.deepEqual(scored.classNames, ['low', 'high']);

    const p = runCli(['predict', '--model', 'model', '--samples', 'x.npy', '--backend', 'reference', '--format', 'json'], dir);
    assert.equal(p.status, 0, p.stderr);
    const predicted = JSON.parse(p.stdout);
    assert.equal(predicted.predictions.length, 60);
    const row = predicted.predictions[1];
    assert.ok(Math.abs(row.probabilities.low + row.probabilities.high - 1) < 1e-6);
    assert.equal(row.predicted, row.probabilities.high > row.probabilities.low ? 'high' : 'low');
  });
});

test('same seed, same weights; different seed, different weights (whole CLI run)', async () => {
  await withTempDir((dir) => {
    writeSamples(dir);
    for (const [out, seed] of [['a', '5'], ['b', '5'], ['c', '6']] as const) {
      assert.equal(runCli(trainArgs(out, ['--seed', seed]), dir).status, 0);
    }
    const w = (d: string) => readFileSync(join(dir, d, 'weights.bin'));
    assert.ok(w('a').equals(w('b')));
    assert.ok(!w('a').equals(w('c')));
  });
});

test('bad input: one-line errors naming what was expected, non-zero exit codes', async () => {
  await withTempDir((dir) => {
    writeSamples(dir);
    assert.equal(runCli(trainArgs('model'), dir).status, 0);
    const oneLine = (stderr: string) => stderr.trim().split('\n')[0]!;
    let r = runCli(['predict', '--model', 'model', '--samples', 'wrong-n.npy', '--backend', 'reference'], dir);
    assert.equal(r.status, 1);
    assert.match(oneLine(r.stderr), /^strnn: error: wrong-n\.npy: samples have T x N x d_in = 3 x 5 x 2, the model expects 3 x 6 x 2$/);
    r = runCli(['predict', '--model', 'model', '--samples', 'ints.npy', '--backend', 'reference'], dir);
    assert.equal(r.status, 1);
    assert.match(oneLine(r.stderr), /ints\.npy: samples must be float32 or float64, found int32/);
    r = runCli(['predict', '--model', 'model', '--samples', 'nope.npy'], dir);
    assert.equal(r.status, 1);
    assert.match(oneLine(r.stderr), /nope\.npy: file not found/);
    r = runCli(['predict', '--model', 'missing-model', '--samples', 'x.npy'], dir);
    assert.equal(r.status, 1);
    assert.match(oneLine(r.stderr), /missing-model: not a strnn checkpoint/);
    r = runCli(['train', '--samples', 'x.npy', '--labels', 'y.npy'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /train needs --out <dir>/);
    r = runCli(['trian'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /Did you mean train\?/);
    r = runCli(['train', '--epochs', 'many'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /expected an integer >= 1, got "many"/);
    assert.doesNotMatch(r.stderr + oneLine(r.stderr), /at .*\.js:\d+/); // no stack traces
  });
});

test('a run killed mid-training leaves the previous checkpoint intact and no half-written one', async () => {
  await withTempDir(async (dir) => {
    writeSamples(dir);
    assert.equal(runCli(trainArgs('model', ['--seed', '1']), dir).status, 0);
    const before = readFileSync(join(dir, 'model', 'weights.bin'));
    const run = await runCliAndKill(trainArgs('model', ['--seed', '2', '--epochs', '500', '--patience', '0']), dir, /epoch 2\/500:/);
    assert.ok(run.killed, run.stderr);
    assert.ok(readFileSync(join(dir, 'model', 'weights.bin')).equals(before));
    const fresh = await runCliAndKill(trainArgs('fresh', ['--epochs', '500', '--patience', '0']), dir, /epoch 2\/500:/);
    assert.ok(fresh.killed);
    assert.ok(!existsSync(join(dir, 'fresh')));
    assert.deepEqual(readdirSync(dir).filter((n) => n.includes('fresh')), []);
  });
});

test('strnn demo runs end to end (one tiny subject-session) and saves a loadable model', async () => {
  await withTempDir((dir) => {
    const r = runCli(['demo', '--subjects', '1', '--epochs', '1', '--duration-scale', '0.1', '--json', '--out', 'demo-model'], dir);
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout);
    assert.equal(result.protocol.id, 'seed-sd');
    assert.equal(result.units.length, 1);
    assert.equal(result.units[0].confusion.length, 3);
    assert.ok(existsSync(join(dir, 'demo-model', 'model.json')));
  });
});

test('samples and labels can come from a MATLAB file (variables x and y, MATLAB dims B x T x N x d_in)', async () => {
  const { writeMat, matNumeric } = await import('../../src/formats/mat/index.js');
  await withTempDir((dir) => {
    writeSamples(dir);
    assert.equal(runCli(trainArgs('model'), dir).status, 0);
    // Column-major copy of x.npy: element (b, t, n, f) at b + 60*(t + 3*(n + 6*f)).
    const x = readNpy(join(dir, 'x.npy')).data;
    const col = new Float64Array(x.length);
    for (let b = 0; b < 60; b++) for (let t = 0; t < 3; t++) for (let n = 0; n < 6; n++) for (let f = 0; f < 2; f++) {
      col[b + 60 * (t + 3 * (n + 6 * f))] = x[((b * 3 + t) * 6 + n) * 2 + f]!;
    }
    const y = readNpy(join(dir, 'y.npy')).data;
    writeMat(join(dir, 'data.mat'), { x: matNumeric(col, [60, 3, 6, 2]), y: matNumeric(Float64Array.from(y), [60, 1]) }, { compress: true });
    const fromMat = runCli(['evaluate', '--model', 'model', '--samples', 'data.mat', '--labels', 'data.mat', '--backend', 'reference', '--json'], dir);
    const fromNpy = runCli(['evaluate', '--model', 'model', '--samples', 'x.npy', '--labels', 'y.npy', '--backend', 'reference', '--json'], dir);
    assert.equal(fromMat.status, 0, fromMat.stderr);
    assert.deepEqual(JSON.parse(fromMat.stdout), JSON.parse(fromNpy.stdout));
  });
});

// `strnn live` through the built CLI: a .npy replay and the same float32 frames on stdin give the
// same predictions; --publish serves an LSL Emotion stream (class-labelled probabilities) and a
// Markers stream that strnn's own inlet reads; SIGINT stops cleanly with a complete --out file;
// a non-causal model is refused with a hint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StreamInlet, resolveStreams } from '../../src/stream/lsl/index.js';
import { withTempDir } from '../helpers.js';
import { CHANNELS, CLASSES, FS, liveFixture, predictions } from './live-fixture.js';
import { CLI, runCli } from './run-cli.js';

test('live: .npy replay and the same float32 frames on stdin give the same predictions, one per window after T', { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    const { npy, frames, model } = await liveFixture(dir);
    const fromFile = runCli(['live', '--model', model, '--source', `file:${npy}`, '--channels', CHANNELS.join(','), '--srate', String(FS), '--speed', 'max', '--json'], dir);
    assert.equal(fromFile.status, 0, fromFile.stderr);
    const a = predictions(fromFile.stdout);
    assert.equal(a.length, 30 - 3 + 1);
    const stdin = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'live', '--model', model, '--source', 'stdin', '--channels', CHANNELS.join(','), '--srate', String(FS), '--json'], { cwd: dir });
      let stdout = '', stderr = '';
      child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      child.on('exit', (status) => resolve({ status, stdout, stderr }));
      // Odd-sized writes: frames split across pipe reads.
      const bytes = Buffer.from(frames.buffer, frames.byteOffset, frames.byteLength);
      for (let i = 0; i < bytes.length; i += 4099) child.stdin.write(bytes.subarray(i, i + 4099));
      child.stdin.end();
    });
    assert.equal(stdin.status, 0, stdin.stderr);
    const b = predictions(stdin.stdout);
    assert.deepEqual(b.map((e) => [e.window, e.tEnd, e.predicted, e.probabilities]), a.map((e) => [e.window, e.tEnd, e.predicted, e.probabilities]));
    const missing = runCli(['live', '--model', model, '--source', 'stdin', '--srate', '200'], dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /stdin carries raw frames without labels; pass --channels/);
  });
});

test('live --publish: LSL Emotion (labelled probabilities) and Markers streams; SIGINT stops cleanly and --out holds whole lines', { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    const { npy, model } = await liveFixture(dir);
    const out = join(dir, 'preds.jsonl');
    const child = spawn(process.execPath, [CLI, 'live', '--model', model, '--source', `file:${npy}`, '--channels', CHANNELS.join(','), '--srate', String(FS), '--speed', '4', '--publish', '--out', out], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const find = async (type: string) => {
      for (let i = 0; i < 40; i++) {
        const found = (await resolveStreams({ type }, { timeoutMs: 500, scope: 'machine' })).filter((s) => s.name === `strnn-${type === 'Emotion' ? 'emotion' : 'markers'}`);
        if (found.length) return found[0]!;
      }
      assert.fail(`no ${type} stream; stderr: ${stderr}`);
    };
    const emotion = new StreamInlet(await find('Emotion'));
    const markers = new StreamInlet(await find('Markers'));
    const info = await emotion.open();
    await markers.open();
    assert.deepEqual([info.channelFormat, info.channelCount, info.channelLabels], ['float32', 2, CLASSES]);
    const got = await emotion.nextChunk({ timeoutMs: 20_000 });
    const marks = await markers.nextChunk({ timeoutMs: 20_000 });
    assert.ok(got.count > 0 && marks.count > 0, 'samples on both streams');
    const p = got.values as Float32Array;
    assert.ok(Math.abs(p[0]! + p[1]! - 1) < 1e-5, `probabilities sum to 1: ${p[0]} + ${p[1]}`);
    assert.ok(CLASSES.includes((marks.values as string[])[0]!));
    emotion.close();
    markers.close();
    child.kill('SIGINT');
    assert.equal(await exited, 0, stderr);
    assert.match(stderr, /stopping/);
    assert.match(stderr, /\d+ predictions from \d+ windows/);
    const text = readFileSync(out, 'utf8');
    assert.ok(text.endsWith('\n'));
    const lines = predictions(text);
    assert.ok(lines.length >= 1 && lines.length < 28, `${lines.length} predictions before the stop`);
  });
});

test('live refuses a model trained on non-causal features, naming the reasons and the way out', async () => {
  await withTempDir(async (dir) => {
    const { npy, model } = await liveFixture(dir, 'zero-phase');
    const r = runCli(['live', '--model', model, '--source', `file:${npy}`, '--channels', CHANNELS.join(','), '--srate', '200', '--speed', 'max'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /the model's features cannot be computed online: zero-phase .* LDS smoothing/);
    assert.match(r.stderr, /hint: .*--allow-noncausal/);
    const allowed = runCli(['live', '--model', model, '--source', `file:${npy}`, '--channels', CHANNELS.join(','), '--srate', '200', '--speed', 'max', '--allow-noncausal', '--json'], dir);
    assert.equal(allowed.status, 0, allowed.stderr);
    assert.match(allowed.stderr, /warning: the model was trained on non-causal features; live computes causal stand-ins/);
    assert.equal(predictions(allowed.stdout).length, 28);
  });
});

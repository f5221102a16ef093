// strnn train --dataset ckplus and strnn predict --face-video / --face-images, run as a user would:
// a synthetic CK+ tree, a small face model trained on it, then predictions from PNG frames, the same
// frames as a video, and a real photograph (face-api's sample JPEG, through the bundled detector).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listCkPlusSequences } from '../../src/datasets/ckplus.js';
import { CKPLUS_CLASSES } from '../../src/datasets/ckplus-facts.js';
import { faceApiPackageDir } from '../../src/face/face-api-detector.js';
import { readFaceImages } from '../../src/face/face-input.js';
import { encodeVideoGray } from '../../src/face/ffmpeg.js';
import { decodeGrayPng } from '../../src/face/png.js';
import { faceConfig } from '../../src/face/preprocess.js';
import { loadCheckpoint, saveCheckpoint } from '../../src/formats/checkpoint.js';
import { predictProbabilities } from '../../src/eval/predict.js';
import { referenceBackend } from '../../src/kernels/ref/index.js';
import { makeConfig } from '../../src/model/config.js';
import { StrnnModel } from '../../src/model/model.js';
import { gridMontage } from '../../src/montage/montage.js';
import { runCli } from './run-cli.js';

const TINY = ['--d-s', '4', '--k-s', '2', '--d-t', '4', '--k-t', '2', '--threads', '1', '--backend', 'reference'];

let dir: string;
let lastThree: string[]; // the last 3 frames of one synthetic sequence, neutral -> peak

interface Prediction {
  model: string;
  classNames: string[];
  input?: { sources: string[]; sourceFrames: number; frames: number[]; selection: string; alignment: string; landmarkFrame?: number };
  predictions: { index: number; predicted: string; probabilities: Record<string, number> }[];
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strnn-face-predict-'));
  const s = runCli(['synth', '--format', 'ckplus', '--out', 'ck', '--subjects', '3', '--sequences', '2', '--seed', '4'], dir);
  assert.equal(s.status, 0, s.stderr);
  const t = runCli(['train', '--dataset', 'ckplus', '--root', 'ck', '--out', 'model', '--epochs', '2', ...TINY, '--json'], dir);
  assert.equal(t.status, 0, t.stderr);
  lastThree = listCkPlusSequences(join(dir, 'ck'))[0]!.frames.slice(-3);
  await encodeVideoGray(lastThree.map((p) => decodeGrayPng(readFileSync(p), p)), join(dir, 'clip.avi'));
});

after(() => rmSync(dir, { recursive: true, force: true }));

function predict(args: string[]): Prediction {
  const r = runCli(['predict', '--model', 'model', '--backend', 'reference', '--format', 'json', ...args], dir);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Prediction;
}

function checkRow(p: Prediction): number[] {
  assert.deepEqual(p.classNames, [...CKPLUS_CLASSES]);
  assert.equal(p.predictions.length, 1);
  const row = p.predictions[0]!;
  assert.deepEqual(Object.keys(row.probabilities), [...CKPLUS_CLASSES]);
  const probs = Object.values(row.probabilities);
  assert.ok(probs.every((v) => v > 0 && v < 1), JSON.stringify(row));
  assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  assert.equal(row.predicted, CKPLUS_CLASSES[probs.indexOf(Math.max(...probs))]);
  return probs;
}

test('train --dataset ckplus records the face preprocessing in the checkpoint', () => {
  const manifest = JSON.parse(readFileSync(join(dir, 'model', 'model.json'), 'utf8')) as { classNames: string[]; config: { T: number; dIn: number }; montage: { rows: number; cols: number }; info: { face: unknown } };
  assert.deepEqual(manifest.classNames, [...CKPLUS_CLASSES]);
  assert.deepEqual([manifest.config.T, manifest.config.dIn, manifest.montage.rows, manifest.montage.cols], [9, 64, 8, 8]);
  assert.deepEqual(manifest.info.face, { preprocess: faceConfig(), dataset: 'ckplus', alignment: 'landmark files' });
  const bad = runCli(['train', '--dataset', 'seed', '--root', 'ck', '--out', 'm2'], dir);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /strnn: error: train --dataset takes a face dataset \(ckplus or mmi\), found 'seed'/);
});

test('predict --face-images and --face-video: one probability row over the class names, the same for the frames as PNGs and as a video, and as the library gives', async () => {
  const images = predict(['--face-images', ...lastThree, '--face-alignment', 'centred-crop']);
  const fromImages = checkRow(images);
  assert.deepEqual(images.input, { sources: lastThree, sourceFrames: 3, frames: [0, 0, 0, 0, 0, 0, 0, 1, 2], selection: 'last', alignment: 'centred-crop' });
  const clip = predict(['--face-video', 'clip.avi', '--face-alignment', 'centred-crop']);
  assert.deepEqual(checkRow(clip), fromImages);
  assert.deepEqual(clip.input?.frames, [0, 0, 0, 0, 0, 0, 0, 1, 2]);
  const spread = predict(['--face-video', 'clip.avi', '--face-alignment', 'centred-crop', '--face-frames', 'spread']);
  assert.deepEqual(spread.input?.frames, [0, 0, 1, 1, 1, 1, 2, 2, 2]);
  const centred = predict(['--face-video', 'clip.avi', '--face-alignment', 'centred-crop', '--centre-frame', '1']);
  assert.equal(centred.input?.selection, 'centred');

  const ckpt = loadCheckpoint(join(dir, 'model'), referenceBackend());
  const input = await readFaceImages(lastThree, { alignment: 'centred-crop' });
  const lib = Array.from(predictProbabilities(ckpt, input.data, 1));
  lib.forEach((p, i) => assert.ok(Math.abs(p - fromImages[i]!) < 1e-6, `class ${i}: library ${p}, CLI ${fromImages[i]}`));
});

test('predict on a real photograph: the bundled detector finds the face in the JPEG', () => {
  const photo = join(faceApiPackageDir()!, 'demo', 'sample2.jpg');
  const p = predict(['--face-images', photo]);
  checkRow(p);
  assert.deepEqual(p.input, { sources: [photo], sourceFrames: 1, frames: Array(9).fill(0), selection: 'last', alignment: 'landmarks', landmarkFrame: 0 });
});

test('predict from faces: clear errors for a non-face model, missing or unreadable files and conflicting flags', () => {
  const eeg = new StrnnModel(makeConfig({ T: 9, dIn: 64, C: 2, dS: 4, kS: 2, dT: 4, kT: 2 }), gridMontage(8, 8), { backend: referenceBackend(), maxBatch: 2 });
  saveCheckpoint(join(dir, 'plain'), eeg, { classNames: ['low', 'high'], info: { source: 'strnn train', samples: 'x.npy' } });
  writeFileSync(join(dir, 'notes.png'), 'hello');
  const cases: [string[], number, RegExp][] = [
    [['--model', 'plain', '--face-images', lastThree[0]!], 1, /strnn: error: plain: not a face model \(model.json records no face preprocessing in info.face; this model takes T x N x d_in = 9 x 64 x 64 samples\)\n {2}hint: train a face model with `strnn train --dataset ckplus/],
    [['--model', 'model', '--face-video', 'missing.mp4'], 1, /strnn: error: missing.mp4: video file does not exist/],
    [['--model', 'model', '--face-images', 'a.png'], 1, /strnn: error: a.png: image file does not exist/],
    [['--model', 'model', '--face-images', 'notes.png', '--face-alignment', 'centred-crop'], 1, /strnn: error: notes.png: not a PNG or JPEG image/],
    [['--model', 'model', '--face-video', 'clip.avi', '--samples', 'x.npy'], 2, /strnn: error: predict takes one input, found --samples and --face-video/],
    [['--model', 'model'], 2, /strnn: error: predict needs one input: --samples <file>, --face-video <file> or --face-images <files...>/],
    [['--model', 'model', '--face-video', 'clip.avi', '--face-frames', 'last', '--centre-frame', '1'], 2, /strnn: error: --centre-frame goes with --face-frames centred, not --face-frames last/],
    [['--model', 'model', '--face-video', 'clip.avi', '--face-frames', 'centred', '--centre-frame', '3', '--face-alignment', 'centred-crop'], 1, /strnn: error: clip.avi: centre frame 3 is beyond the last frame \(3 frames, 0-based 0..2\)/],
  ];
  for (const [args, status, message] of cases) {
    const r = runCli(['predict', '--backend', 'reference', ...args], dir);
    assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(r.stdout, '');
  }
});

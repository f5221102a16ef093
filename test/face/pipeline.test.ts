import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeFrame } from '../../src/face/normalize-frame.js';
import { selectAroundApex, selectLastFrames } from '../../src/face/frames.js';
import { patchFeatures } from '../../src/face/patches.js';
import { faceConfig, faceMontage, sequenceFeatures } from '../../src/face/preprocess.js';
import { makeGrayImage } from '../../src/face/gray-image.js';
import { gridMontage } from '../../src/montage/montage.js';

test('normalizeFrame: zero mean, unit population variance; a flat frame becomes zeros', () => {
  const v = normalizeFrame(Float32Array.from([1, 2, 3, 4]));
  const sd = Math.sqrt(1.25); // population std of 1..4
  [-1.5, -0.5, 0.5, 1.5].forEach((d, i) => assert.ok(Math.abs(v[i]! - d / sd) < 1e-6));
  assert.deepEqual([...normalizeFrame(new Float32Array(5).fill(7))], [0, 0, 0, 0, 0]);
});

test('frames: last T frames, front-padded with the first frame; T frames centred on the apex', () => {
  assert.deepEqual(selectLastFrames(12, 9), [3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.deepEqual(selectLastFrames(5, 9), [0, 0, 0, 0, 0, 1, 2, 3, 4]);
  assert.deepEqual(selectAroundApex(30, 9, 10), [6, 7, 8, 9, 10, 11, 12, 13, 14]);
  assert.deepEqual(selectAroundApex(30, 9, 2), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(selectAroundApex(30, 9, 29), [21, 22, 23, 24, 25, 26, 27, 28, 29]);
  assert.deepEqual(selectAroundApex(30, 4, 10), [9, 10, 11, 12]);
  assert.deepEqual(selectAroundApex(3, 5, 1), [0, 0, 0, 1, 2]);
  assert.throws(() => selectAroundApex(30, 9, 30), { message: "apex frame 30 is outside the sequence's frames 0..29" });
});

test('patches: node r*8+c holds patch (r, c) row-major, in gridMontage(8, 8) order', () => {
  const crop = Float32Array.from({ length: 64 * 64 }, (_, i) => i); // value = v * 64 + u
  const out = new Float32Array(64 * 64);
  patchFeatures(crop, 64, { rows: 8, cols: 8, patch: 8 }, out);
  for (const [r, c, py, px] of [[0, 0, 0, 0], [0, 1, 0, 0], [1, 0, 0, 0], [3, 5, 2, 7], [7, 7, 7, 7]] as const) {
    assert.equal(out[(r * 8 + c) * 64 + py * 8 + px], (r * 8 + py) * 64 + c * 8 + px);
  }
  const m = faceMontage();
  assert.deepEqual(m, gridMontage(8, 8));
  assert.deepEqual(m.nodes[13], { name: 'r1c5', row: 1, col: 5 });
  assert.throws(() => patchFeatures(crop, 64, { rows: 8, cols: 8, patch: 7 }, out), /does not split into 8 x 8 patches of 7 x 7 px/);
});

test('sequenceFeatures: T x 64 x 64 of normalised patches; config defaults documented', () => {
  const cfg = faceConfig();
  assert.equal(cfg.T, 9);
  assert.equal(cfg.cropSize, 64);
  assert.equal(cfg.patch, 8);
  assert.equal(cfg.normalize, 'frame');
  const small = faceConfig({ T: 2 });
  const frames = [0, 1].map((k) => {
    const img = makeGrayImage(100, 80);
    for (let i = 0; i < img.data.length; i++) img.data[i] = (i * (k + 3)) % 251;
    return img;
  });
  const eyes = { left: { x: 30, y: 30 }, right: { x: 70, y: 30 } };
  const data = sequenceFeatures(frames, [eyes, undefined], small);
  assert.equal(data.length, 2 * 64 * 64);
  for (let t = 0; t < 2; t++) {
    let s = 0, sq = 0;
    for (let i = 0; i < 4096; i++) {
      s += data[t * 4096 + i]!;
      sq += data[t * 4096 + i]! ** 2;
    }
    assert.ok(Math.abs(s / 4096) < 1e-5 && Math.abs(sq / 4096 - 1) < 1e-4, `frame ${t}: mean ${s / 4096}, mean square ${sq / 4096}`);
  }
  assert.throws(() => faceConfig({ cropSize: 60 }), /cropSize 60 must be a positive multiple of patch 8/);
  assert.throws(() => sequenceFeatures(frames, [eyes], small), /need T = 2 frames/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAffine, centredCropAffine, defaultEyePositions, similarityFromEyes } from '../../src/face/align.js';
import { makeGrayImage } from '../../src/face/gray-image.js';
import { faceConfig, alignedCrop } from '../../src/face/preprocess.js';

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test('align: documented default eye positions of the 64x64 crop', () => {
  assert.deepEqual(defaultEyePositions(64), { left: { x: 19.5, y: 22 }, right: { x: 43.5, y: 22 } });
});

test('align: the similarity maps the crop eye positions exactly onto the image eye centres', () => {
  const crop = defaultEyePositions(64);
  const image = { left: { x: 250.3, y: 210.7 }, right: { x: 351.9, y: 236.1 } };
  const m = similarityFromEyes(image, crop);
  const l = applyAffine(m, crop.left), r = applyAffine(m, crop.right);
  close(l.x, image.left.x, 1e-9, 'left x'); close(l.y, image.left.y, 1e-9, 'left y');
  close(r.x, image.right.x, 1e-9, 'right x'); close(r.y, image.right.y, 1e-9, 'right y');
  // a similarity: a = d, b = -c; scale = image eye distance / crop eye distance; angle = eye-line angle
  assert.equal(m.a, m.d);
  assert.equal(m.b, -m.c);
  close(Math.hypot(m.a, m.c), Math.hypot(101.6, 25.4) / 24, 1e-12, 'scale');
  close(Math.atan2(m.c, m.a), Math.atan2(25.4, 101.6), 1e-12, 'angle');
});

test('align: eye blobs in a rotated, scaled image land on the documented crop positions', () => {
  // two bright Gaussian blobs (sigma 6 px) at the eye centres of a face rolled by 12 degrees
  const W = 320, H = 240;
  const eyes = { left: { x: 120, y: 100 }, right: { x: 120 + 90 * Math.cos(0.21), y: 100 + 90 * Math.sin(0.21) } };
  const img = makeGrayImage(W, H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    for (const e of [eyes.left, eyes.right]) img.data[y * W + x]! += 200 * Math.exp(-((x - e.x) ** 2 + (y - e.y) ** 2) / (2 * 36));
  }
  const cfg = faceConfig({ normalize: 'none' });
  const crop = alignedCrop(img, eyes, cfg);
  // intensity-weighted centroid of each crop half (the blobs are far apart): the eye positions
  for (const [target, lo, hi] of [[cfg.eyes.left, 0, 32], [cfg.eyes.right, 32, 64]] as const) {
    let s = 0, sx = 0, sy = 0;
    for (let v = 0; v < 64; v++) for (let u = lo; u < hi; u++) {
      const w = crop[v * 64 + u]!;
      s += w; sx += w * u; sy += w * v;
    }
    close(sx / s, target.x, 0.05, 'blob x');
    close(sy / s, target.y, 0.05, 'blob y');
  }
});

test('align: centred-crop fallback covers the central square of side fraction * min(width, height)', () => {
  const m = centredCropAffine(720, 576, 64, 0.6);
  const side = 0.6 * 576;
  // the crop's outer pixel edges (-0.5 and 63.5) map onto the square's edges around the frame centre
  close(applyAffine(m, { x: -0.5, y: -0.5 }).x, 359.5 - side / 2, 1e-9, 'left edge');
  close(applyAffine(m, { x: 63.5, y: 63.5 }).y, 287.5 + side / 2, 1e-9, 'bottom edge');
  assert.throws(() => centredCropAffine(720, 576, 64, 0), /fraction must be in \(0, 1\]/);
});

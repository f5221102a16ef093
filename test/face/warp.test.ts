import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeGrayImage } from '../../src/face/gray-image.js';
import { sampleBilinear, warpAffine } from '../../src/face/warp.js';

// f(x, y) = 2x + 3y + 1: bilinear interpolation and symmetric averaging reproduce it exactly
function ramp(W: number, H: number) {
  const img = makeGrayImage(W, H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) img.data[y * W + x] = 2 * x + 3 * y + 1;
  return img;
}

test('warp: a linear ramp warped by a known affine gives the ramp at the mapped points', () => {
  const img = ramp(200, 150);
  // rotation by 20 degrees, scale 1.7 (antialiased with 2x2 samples), translation inside the image
  const c = 1.7 * Math.cos(0.35), s = 1.7 * Math.sin(0.35);
  const map = { a: c, b: -s, c: s, d: c, tx: 80, ty: 20 };
  for (const samples of [1, 2, 5]) {
    const out = warpAffine(img, map, 16, 16, { samples });
    for (const [u, v] of [[0, 0], [5, 7], [15, 15], [9, 2]] as const) {
      const x = map.a * u + map.b * v + map.tx, y = map.c * u + map.d * v + map.ty;
      assert.ok(Math.abs(out[v * 16 + u]! - (2 * x + 3 * y + 1)) < 1e-3, `samples ${samples} (${u}, ${v}): ${out[v * 16 + u]} vs ${2 * x + 3 * y + 1}`);
    }
  }
});

test('warp: the identity map returns the image; half-pixel shifts average neighbours', () => {
  const img = makeGrayImage(4, 3, Float32Array.from([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110]));
  assert.deepEqual([...warpAffine(img, { a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0 }, 4, 3)], [...img.data]);
  assert.equal(sampleBilinear(img, 0.5, 0), 5);
  assert.equal(sampleBilinear(img, 1.5, 1.5), (50 + 60 + 90 + 100) / 4);
});

test('warp: points outside the image take the nearest border value', () => {
  const img = makeGrayImage(2, 2, Float32Array.from([1, 2, 3, 4]));
  assert.equal(sampleBilinear(img, -10, -3), 1);
  assert.equal(sampleBilinear(img, 5, 0), 2);
  assert.equal(sampleBilinear(img, 7, 9), 4);
  assert.equal(sampleBilinear(img, 0, 1.5), 3);
});

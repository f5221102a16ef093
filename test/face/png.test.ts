import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { decodeGrayPng, encodeGrayPng } from '../../src/face/png.js';
import { makeGrayImage } from '../../src/face/gray-image.js';

test('png: 8-bit gray round trip is exact, values rounded and clamped', () => {
  const img = makeGrayImage(3, 2, Float32Array.from([0, 17.4, 255, 300, -5, 128.6]));
  const back = decodeGrayPng(encodeGrayPng(img), 'mem.png');
  assert.equal(back.width, 3);
  assert.equal(back.height, 2);
  assert.deepEqual([...back.data], [0, 17, 255, 255, 0, 129]);
});

test('png: RGB and RGBA frames become BT.601 luma; gray stored as RGB stays unchanged', () => {
  const png = new PNG({ width: 3, height: 1 });
  png.data = Buffer.from([255, 0, 0, 255, /**/ 0, 0, 255, 255, /**/ 90, 90, 90, 10]);
  const rgba = PNG.sync.write(png); // RGBA (colour type 6); the decoder ignores alpha
  png.data[11] = 255; // pngjs would blend a transparent pixel with white when dropping alpha
  const rgb = PNG.sync.write(png, { colorType: 2 }); // 24-bit RGB, as some CK+ frames are
  for (const bytes of [rgba, rgb]) {
    const g = decodeGrayPng(bytes, 'colour.png');
    assert.ok(Math.abs(g.data[0]! - 0.299 * 255) < 1e-4, `red -> ${g.data[0]}`);
    assert.ok(Math.abs(g.data[1]! - 0.114 * 255) < 1e-4, `blue -> ${g.data[1]}`);
    assert.equal(g.data[2], 90);
  }
});

test('png: bytes that are not a PNG give a FORMAT error naming the file', () => {
  assert.throws(() => decodeGrayPng(Buffer.from('not a png at all'), 'S005_001_00000001.png'), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'FORMAT');
    assert.match(e.message, /^S005_001_00000001\.png: not a readable PNG image/);
    return true;
  });
});

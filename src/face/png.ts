// PNG <-> gray images, through pngjs (a complete, dependency-free PNG codec: no reason to write our
// own inflate and filter code). CK+ frames are 8-bit gray or 24-bit colour PNGs; colour is reduced
// to luma with the ITU-R BT.601 weights (0.299 R + 0.587 G + 0.114 B, the weights of 8-bit video),
// which leaves gray pixels stored as RGB unchanged. An alpha channel is ignored (CK+ has none).
import { PNG } from 'pngjs';
import { StrnnError } from '../util/errors.js';
import { grayFromRgb, type GrayImage } from './gray-image.js';

/** Decodes PNG bytes (gray, gray+alpha, RGB, RGBA, palette; 1-16 bit) to a gray image on the 0-255 scale. */
export function decodeGrayPng(bytes: Uint8Array, source: string): GrayImage {
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new StrnnError('FORMAT', `${source}: not a readable PNG image (${(e as Error).message})`, 'expected an 8-bit gray or 24-bit colour PNG frame');
  }
  return grayFromRgb(png.width, png.height, png.data, 4);
}

/** Encodes a gray image as an 8-bit gray PNG (values rounded and clamped to 0..255); zlib level 1-9 (default 6). */
export function encodeGrayPng(image: GrayImage, deflateLevel = 6): Buffer {
  const png = new PNG({ width: image.width, height: image.height, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  const bytes = Buffer.alloc(image.width * image.height);
  for (let p = 0; p < bytes.length; p++) bytes[p] = Math.min(255, Math.max(0, Math.round(image.data[p]!)));
  png.data = bytes;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8, deflateLevel });
}

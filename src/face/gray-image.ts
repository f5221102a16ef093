// A gray image as the face pipeline passes it around: one float per pixel, row-major, values on the
// 0-255 scale of 8-bit video (float, so warps and normalisation need no re-quantisation).
//
// Coordinates: pixel (row i, column j) has its centre at (x = j, y = i). Landmark files use the same
// pixel units, so a landmark at (x, y) sits on the pixel grid without any half-pixel shift.
import { StrnnError } from '../util/errors.js';

export interface GrayImage {
  width: number;
  height: number;
  /** height x width values, row-major. */
  data: Float32Array;
}

export function makeGrayImage(width: number, height: number, data?: Float32Array): GrayImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new StrnnError('INPUT', `gray image size must be positive integers, found ${width} x ${height}`);
  }
  if (data && data.length !== width * height) {
    throw new StrnnError('INPUT', `gray image data holds ${data.length} values, expected ${width} x ${height} = ${width * height}`);
  }
  return { width, height, data: data ?? new Float32Array(width * height) };
}

/**
 * Gray from interleaved 8-bit colour (`channels` values a pixel, R G B first; more are ignored), by
 * ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B, the weights of 8-bit video). Pixels whose R, G and
 * B are equal keep that value exactly, so gray stored as colour comes back unchanged.
 */
export function grayFromRgb(width: number, height: number, rgb: ArrayLike<number>, channels: number): GrayImage {
  const out = makeGrayImage(width, height);
  const gray = out.data;
  for (let p = 0, q = 0; p < gray.length; p++, q += channels) {
    const r = rgb[q]!, g = rgb[q + 1]!, b = rgb[q + 2]!;
    gray[p] = r === g && g === b ? r : 0.299 * r + 0.587 * g + 0.114 * b;
  }
  return out;
}

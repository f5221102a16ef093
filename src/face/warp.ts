// Warps an image into a crop through a crop-to-image affine map, with bilinear interpolation.
// Antialiasing: shrinking a 640x490 face to 64x64 maps one crop pixel onto ~4x4 image pixels, and a
// single bilinear sample would alias (pick individual noisy pixels). Each crop pixel therefore averages
// k x k bilinear samples spread evenly over its footprint, k = ceil(scale) (at most 8); k = 1 when the
// map does not shrink. Averaging symmetric samples leaves a linear ramp unchanged, so a warp of a
// linear image is exact either way. Points outside the image take the nearest border pixel's value.
import { affineScale, type Affine } from './align.js';
import type { GrayImage } from './gray-image.js';

/** Bilinear value at image point (x, y), coordinates clamped to the image. */
export function sampleBilinear(img: GrayImage, x: number, y: number): number {
  const { width: w, height: h, data } = img;
  const cx = Math.min(Math.max(x, 0), w - 1);
  const cy = Math.min(Math.max(y, 0), h - 1);
  const x0 = Math.min(Math.floor(cx), w - 2 < 0 ? 0 : w - 2);
  const y0 = Math.min(Math.floor(cy), h - 2 < 0 ? 0 : h - 2);
  const x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
  const fx = cx - x0, fy = cy - y0;
  const top = data[y0 * w + x0]! * (1 - fx) + data[y0 * w + x1]! * fx;
  const bottom = data[y1 * w + x0]! * (1 - fx) + data[y1 * w + x1]! * fx;
  return top * (1 - fy) + bottom * fy;
}

export interface WarpOptions {
  /** Samples per axis per crop pixel; default ceil(scale of the map), clamped to 1..8. */
  samples?: number;
}

/** out[v][u] = mean of bilinear samples of `img` around map(u, v); out is height x width, row-major. */
export function warpAffine(img: GrayImage, map: Affine, width: number, height: number, opts: WarpOptions = {}, out = new Float32Array(width * height)): Float32Array {
  const k = opts.samples ?? Math.min(8, Math.max(1, Math.ceil(affineScale(map) - 1e-9)));
  const offsets = Array.from({ length: k }, (_, i) => (i + 0.5) / k - 0.5);
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      let sum = 0;
      for (const ov of offsets) {
        for (const ou of offsets) {
          const cu = u + ou, cv = v + ov;
          sum += sampleBilinear(img, map.a * cu + map.b * cv + map.tx, map.c * cu + map.d * cv + map.ty);
        }
      }
      out[v * width + u] = sum / (k * k);
    }
  }
  return out;
}

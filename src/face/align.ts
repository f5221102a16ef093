// Similarity alignment by the eye centres: the rotation + uniform scale + translation that puts the
// two eye centres of a frame exactly at fixed positions of the crop. With points as complex numbers,
// image = s · crop + t, where s = (imgRight - imgLeft) / (cropRight - cropLeft) and
// t = imgLeft - s · cropLeft; both eyes then map exactly, whatever the head's roll and size.
import { StrnnError } from '../util/errors.js';
import type { EyeCentres, Point } from './landmarks.js';

/** Maps crop pixel (u, v) to image point (x, y): x = a·u + b·v + tx, y = c·u + d·v + ty. */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  tx: number;
  ty: number;
}

export function applyAffine(m: Affine, p: Point): Point {
  return { x: m.a * p.x + m.b * p.y + m.tx, y: m.c * p.x + m.d * p.y + m.ty };
}

/** Image pixels per crop pixel (the similarity's scale factor |s|). */
export function affineScale(m: Affine): number {
  return Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
}

/**
 * Default eye positions in a size x size crop (pixel centres at integers): symmetric about the
 * centre column (size-1)/2, 0.375·size apart, on row 0.34375·size. For the 64x64 default the eyes
 * land on (19.5, 22) and (43.5, 22): 24 px apart, leaving room for brows above and the mouth below
 * (about 1.1 eye distances under the eyes, near row 49).
 */
export function defaultEyePositions(size: number): EyeCentres {
  const mid = (size - 1) / 2;
  const half = 0.1875 * size;
  const row = 0.34375 * size;
  return { left: { x: mid - half, y: row }, right: { x: mid + half, y: row } };
}

/** The crop-to-image similarity that sends crop eye positions `crop` onto image eye centres `image`. */
export function similarityFromEyes(image: EyeCentres, crop: EyeCentres): Affine {
  const du = crop.right.x - crop.left.x, dv = crop.right.y - crop.left.y;
  const dx = image.right.x - image.left.x, dy = image.right.y - image.left.y;
  const den = du * du + dv * dv;
  if (den === 0) throw new StrnnError('CONFIG', 'crop eye positions coincide; the two eyes need different positions');
  if (dx === 0 && dy === 0) {
    throw new StrnnError('INPUT', `both eye centres are at (${image.left.x}, ${image.left.y}); landmarks do not describe a face`);
  }
  // s = (dx + i·dy) / (du + i·dv)
  const sr = (dx * du + dy * dv) / den;
  const si = (dy * du - dx * dv) / den;
  const tx = image.left.x - (sr * crop.left.x - si * crop.left.y);
  const ty = image.left.y - (si * crop.left.x + sr * crop.left.y);
  return { a: sr, b: -si, c: si, d: sr, tx, ty };
}

/**
 * Fallback when a frame has no landmarks: an axis-aligned square of side `fraction` · min(width,
 * height), centred in the frame, scaled onto the crop. It assumes a roughly centred frontal face
 * filling that square (true of MMI's frontal view at the default 0.6); it does not find the face.
 */
export function centredCropAffine(width: number, height: number, size: number, fraction: number): Affine {
  if (!(fraction > 0 && fraction <= 1)) throw new StrnnError('CONFIG', `centred crop fraction must be in (0, 1], found ${fraction}`);
  const side = fraction * Math.min(width, height);
  const s = side / size;
  // crop pixel centre u maps to the centre of the u-th of `size` equal cells across the square
  const x0 = (width - 1) / 2 - side / 2 + s / 2;
  const y0 = (height - 1) / 2 - side / 2 + s / 2;
  return { a: s, b: 0, c: 0, d: s, tx: x0, ty: y0 };
}

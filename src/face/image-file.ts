// Still images -> gray images, for faces given as photos or exported frames rather than a video.
// PNG goes through png.ts (pngjs); JPEG through jpeg-js (BSD-3-Clause, pure JavaScript, no native
// build), the two formats cameras and frame exporters write. The format is told by the file's first
// bytes, not its name, so a JPEG saved as .png still reads and a misnamed text file gets a clear error.
// Colour is reduced to luma with the BT.601 weights, as png.ts does for colour PNG frames, so a photo
// and the same photo stored as PNG give the same gray image (up to JPEG's own rounding). EXIF
// orientation is not applied: the pixels are used as stored.
import { existsSync, readFileSync, statSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { StrnnError } from '../util/errors.js';
import { grayFromRgb, type GrayImage } from './gray-image.js';
import { decodeGrayPng } from './png.js';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** Decodes JPEG bytes (baseline or progressive, gray or colour) to a gray image on the 0-255 scale. */
export function decodeGrayJpeg(bytes: Uint8Array, source: string): GrayImage {
  let rgb: { width: number; height: number; data: Uint8Array };
  try {
    // jpeg-js always returns 3 channels here; a one-component (gray) JPEG comes back as R = G = B
    rgb = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false });
  } catch (e) {
    throw new StrnnError('FORMAT', `${source}: not a readable JPEG image (${(e as Error).message})`, 'expected a baseline or progressive JPEG photo');
  }
  return grayFromRgb(rgb.width, rgb.height, rgb.data, 3);
}

/** Reads a PNG or JPEG file as a gray image; anything else is a FORMAT error naming the file. */
export function readGrayImageFile(path: string): GrayImage {
  if (!existsSync(path)) throw new StrnnError('NOT_FOUND', `${path}: image file does not exist`);
  if (statSync(path).isDirectory()) throw new StrnnError('INPUT', `${path}: is a folder, expected a PNG or JPEG image file`);
  const bytes = readFileSync(path);
  if (startsWith(bytes, PNG_MAGIC)) return decodeGrayPng(bytes, path);
  if (startsWith(bytes, JPEG_MAGIC)) return decodeGrayJpeg(bytes, path);
  throw new StrnnError('FORMAT', `${path}: not a PNG or JPEG image (the file does not start with either format's signature)`, 'convert other formats to PNG first, e.g. ffmpeg -i in.bmp out.png');
}

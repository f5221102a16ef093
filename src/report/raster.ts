// Small RGBA rasters embedded in SVG figures as PNG data URIs (the topomap's interpolated field, the
// mean face): one <image> instead of thousands of <rect>s keeps each figure a few kilobytes.
import { PNG } from 'pngjs';

/** A width x height RGBA image; `pixel` gives [r, g, b, a] (0-255) for column x, row y. */
export function rasterDataUri(width: number, height: number, pixel: (x: number, y: number) => readonly number[]): string {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const p = pixel(x, y);
    png.data.set([p[0]!, p[1]!, p[2]!, p[3] ?? 255], 4 * (y * width + x));
  }
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}

/** Escapes text for SVG and HTML content and attributes. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

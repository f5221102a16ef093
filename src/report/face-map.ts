// Face-model salience as a heat map over the face-patch grid, drawn on the mean aligned face: the
// mean raw input of the test samples (per patch, its p x p pixels; src/face/patches.ts layout)
// reassembled into the crop, shown in gray, with each patch tinted by its salience (viridis, alpha
// growing with the value) and a colour bar. Own SVG, like the topomap.
import type { Montage } from '../montage/montage.js';
import { viridis, VIRIDIS_STOPS } from './colormap.js';
import { escapeXml, rasterDataUri } from './raster.js';
import { FONT } from './render.js';

/** True when the montage is a full grid whose node features are square pixel patches. */
export function isPatchGrid(montage: Montage, dIn: number): boolean {
  const p = Math.round(Math.sqrt(dIn));
  return p > 1 && p * p === dIn && montage.nodes.length === montage.rows * montage.cols && montage.nodes.every((n, i) => n.row * montage.cols + n.col === i);
}

export function faceMapSvg(montage: Montage, meanInput: readonly number[], values: readonly number[], o: { title: string; unit: string }): string {
  const { rows, cols } = montage;
  const dIn = meanInput.length / montage.nodes.length;
  const p = Math.round(Math.sqrt(dIn));
  const width = cols * p;
  const height = rows * p;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of meanInput) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const face = rasterDataUri(width, height, (x, y) => {
    const node = Math.floor(y / p) * cols + Math.floor(x / p);
    const v = meanInput[node * dIn + (y % p) * p + (x % p)]!;
    const g = Math.round((255 * (v - lo)) / (hi - lo || 1));
    return [g, g, g, 255];
  });
  const vlo = Math.min(...values);
  const vhi = Math.max(...values);
  const side = 240;
  const cell = side / Math.max(rows, cols);
  const x0 = 20;
  const y0 = 30;
  const cells = montage.nodes.map((n, i) => {
    const t = (values[i]! - vlo) / (vhi - vlo || 1);
    const [r, g, b] = viridis(t);
    return `<rect x="${(x0 + n.col * cell).toFixed(1)}" y="${(y0 + n.row * cell).toFixed(1)}" width="${cell.toFixed(1)}" height="${cell.toFixed(1)}" fill="rgb(${r},${g},${b})" fill-opacity="${(0.15 + 0.55 * t).toFixed(2)}"/>`;
  }).join('');
  const stops = VIRIDIS_STOPS.map((c, i) => `<stop offset="${(1 - i / (VIRIDIS_STOPS.length - 1)).toFixed(3)}" stop-color="${c}"/>`).reverse().join('');
  const barX = x0 + cols * cell + 16;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${barX + 70}" height="${y0 + rows * cell + 30}" font-family="${FONT}">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<defs><linearGradient id="bar" x1="0" y1="0" x2="0" y2="1">${stops}</linearGradient></defs>`,
    `<text x="${x0}" y="18" font-size="13">${escapeXml(o.title)}</text>`,
    `<image href="${face}" x="${x0}" y="${y0}" width="${cols * cell}" height="${rows * cell}" preserveAspectRatio="none"/>`,
    cells,
    `<rect x="${barX}" y="${y0}" width="12" height="${rows * cell}" fill="url(#bar)" stroke="#000" stroke-width="0.5"/>`,
    `<text x="${barX + 16}" y="${y0 + 8}" font-size="10">${vhi.toPrecision(3)}</text>`,
    `<text x="${barX + 16}" y="${y0 + rows * cell}" font-size="10">${vlo.toPrecision(3)}</text>`,
    `<text x="${barX}" y="${y0 + rows * cell + 18}" font-size="10">${escapeXml(o.unit)}</text>`,
    '</svg>',
  ].join('');
}

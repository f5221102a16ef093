// Scalp topomap of one value per electrode, drawn as SVG by our own code: the head seen from above
// (nose up, left ear left), electrodes at the azimuthal-equidistant projection of their standard 10-05
// positions (scalp-positions.ts), the field interpolated over the whole head by a thin-plate spline
// (thin-plate.ts) on a 64 x 64 raster clipped to the outline, electrode dots and labels, and a
// colour bar from the lowest to the highest electrode value (the interpolant is clamped to it).
import { viridis, VIRIDIS_STOPS } from './colormap.js';
import { escapeXml, rasterDataUri } from './raster.js';
import { HEAD_RADIUS, type ScalpPoint } from './scalp-positions.js';
import { thinPlateSpline } from './thin-plate.js';
import { FONT } from './render.js';

const GRID = 64;

export interface TopomapOptions {
  title: string;
  /** Colour bar caption (what the values are). */
  unit: string;
  /** Print electrode names beside the dots (default true). */
  labels?: boolean;
}

const num = (v: number) => (Math.abs(v) >= 100 || v === 0 ? v.toFixed(0) : v.toPrecision(3));

/** The topomap as a standalone SVG string (see the file header). */
export function topomapSvg(names: readonly string[], points: readonly ScalpPoint[], values: readonly number[], o: TopomapOptions): string {
  const size = 240; // head drawing box
  const r = 100; // head outline radius in px
  const cx = 130;
  const cy = 150;
  const px = (p: ScalpPoint) => [cx + (p.x / HEAD_RADIUS) * r, cy - (p.y / HEAD_RADIUS) * r] as const;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const f = thinPlateSpline(points, values);
  const image = rasterDataUri(GRID, GRID, (gx, gy) => {
    const x = ((gx + 0.5) / GRID * 2 - 1) * HEAD_RADIUS;
    const y = (1 - (gy + 0.5) / GRID * 2) * HEAD_RADIUS;
    if (Math.hypot(x, y) > HEAD_RADIUS * 1.02) return [0, 0, 0, 0];
    return [...viridis((f(x, y) - lo) / span), 255];
  });
  const dots = points.map((p, i) => {
    const [x, y] = px(p);
    const label = o.labels === false ? '' : `<text x="${(x + 2.5).toFixed(1)}" y="${(y - 2).toFixed(1)}" font-size="6.5" fill="#000" stroke="#fff" stroke-width="0.9" stroke-opacity="0.7" paint-order="stroke">${escapeXml(names[i]!)}</text>`;
    return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="1.8" fill="#000"/>${label}`;
  }).join('');
  const barX = 262;
  const barTop = cy - r;
  const barH = 2 * r;
  // Highest value at the top of the bar.
  const stops = VIRIDIS_STOPS.map((c, i) => `<stop offset="${(1 - i / (VIRIDIS_STOPS.length - 1)).toFixed(3)}" stop-color="${c}"/>`).reverse().join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="330" height="${size + 40}" viewBox="0 0 330 ${size + 40}" font-family="${FONT}">`,
    `<rect width="330" height="${size + 40}" fill="white"/>`,
    `<defs><clipPath id="head"><circle cx="${cx}" cy="${cy}" r="${r}"/></clipPath>`,
    `<linearGradient id="bar" x1="0" y1="0" x2="0" y2="1">${stops}</linearGradient></defs>`,
    `<text x="165" y="18" font-size="13" text-anchor="middle">${escapeXml(o.title)}</text>`,
    `<image href="${image}" x="${cx - r}" y="${cy - r}" width="${2 * r}" height="${2 * r}" clip-path="url(#head)" preserveAspectRatio="none"/>`,
    // Nose and ears, then the outline over the field's edge.
    `<path d="M ${cx - 12} ${cy - r + 1.5} L ${cx} ${cy - r - 14} L ${cx + 12} ${cy - r + 1.5}" fill="none" stroke="#000" stroke-width="1.5"/>`,
    `<ellipse cx="${cx - r - 5}" cy="${cy}" rx="6" ry="18" fill="none" stroke="#000" stroke-width="1.5"/>`,
    `<ellipse cx="${cx + r + 5}" cy="${cy}" rx="6" ry="18" fill="none" stroke="#000" stroke-width="1.5"/>`,
    `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="#000" stroke-width="1.5"/>`,
    dots,
    `<rect x="${barX}" y="${barTop}" width="12" height="${barH}" fill="url(#bar)" stroke="#000" stroke-width="0.5"/>`,
    `<text x="${barX + 16}" y="${barTop + 8}" font-size="10">${num(hi)}</text>`,
    `<text x="${barX + 16}" y="${barTop + barH}" font-size="10">${num(lo)}</text>`,
    `<text x="${barX + 6}" y="${barTop + barH + 18}" font-size="10" text-anchor="middle">${escapeXml(o.unit)}</text>`,
    '</svg>',
  ].join('');
}

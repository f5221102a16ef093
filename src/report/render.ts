// Figure rendering. Charts are Vega-Lite specs compiled and drawn by Vega (both BSD-3-Clause, from
// the University of Washington Interactive Data Lab; about 28 MB installed with their d3 dependencies). Picked because the same
// spec renders to SVG headless in Node with no canvas or browser (View.toSVG with renderer 'none')
// and equally in any browser, and because its grammar covers every chart of the report (bars,
// heat maps, layered lines) in a few lines of JSON each. PNG copies come from @resvg/resvg-js
// (MPL-2.0; a Rust SVG renderer shipped as prebuilt npm binaries, nothing downloaded), given
// DejaVu Sans explicitly so text renders the same on every machine (.ci/run installs
// fonts-dejavu-core). Both libraries are imported on first use, so `import 'strnn'` stays light.
import { existsSync } from 'node:fs';
import type { TopLevelSpec } from 'vega-lite';

export const FONT = 'DejaVu Sans';
const FONT_FILES = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'];

/** Style shared by every chart: our font, no outer border. */
const CONFIG = { font: FONT, view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 240 }, title: { fontSize: 14 } };

/** Draws a Vega-Lite spec as an SVG string. */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vl.compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/**
 * Makes an SVG's ids unique to `prefix`, so several SVGs inlined in one HTML page never resolve
 * each other's clip paths or gradients.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${prefix}-${id}"`);
}

/** PNG bytes of an SVG, at `scale` times its size. */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const fontFiles = FONT_FILES.filter((f) => existsSync(f));
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    // Without the DejaVu files (not installed), fall back to whatever fonts the system has.
    font: fontFiles.length ? { loadSystemFonts: false, fontFiles, defaultFontFamily: FONT } : { loadSystemFonts: true },
  });
  return resvg.render().asPng();
}

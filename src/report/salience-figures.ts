// The salience figures of one model or of the mean over a band selection's units: spatial maps
// (scalp topomap for EEG montages with 10-10 names, a heat map on the mean face for face-patch
// grids, a grid heat map otherwise) for projection salience, input x gradient and integrated
// gradients, integrated gradients per band and per class, and the temporal profile. Shared by
// `strnn report` and `strnn inspect`.
import type { TopLevelSpec } from 'vega-lite';
import type { SalienceBundle } from '../model/salience.js';
import type { Montage } from '../montage/montage.js';
import { gridSpec, temporalSpec } from './charts.js';
import { faceMapSvg, isPatchGrid } from './face-map.js';
import { scalpPositions } from './scalp-positions.js';
import { topomapSvg } from './topomap.js';

/** A figure before rendering: an SVG we drew, or a Vega-Lite spec. */
export type FigureSource = { id: string; title: string; caption: string } & ({ svg: string } | { spec: TopLevelSpec });

export interface SalienceInput extends Pick<SalienceBundle, 'nodes' | 'features' | 'classNames' | 'projection'> {
  montage: Montage;
  /** Mean raw input per node and feature (face models: the mean aligned face). */
  meanInput?: number[];
  inputXGradient?: SalienceBundle['inputXGradient'];
  integratedGradients?: SalienceBundle['integratedGradients'];
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function spatialFigure(s: SalienceInput, id: string, title: string, caption: string, values: readonly number[], unit: string): FigureSource {
  const points = scalpPositions(s.nodes);
  if (points) return { id, title, caption, svg: topomapSvg(s.nodes, points, values, { title, unit }) };
  if (s.meanInput && isPatchGrid(s.montage, s.meanInput.length / s.nodes.length)) {
    return { id, title, caption: `${caption} Drawn on the mean aligned face of the samples.`, svg: faceMapSvg(s.montage, s.meanInput, values, { title, unit }) };
  }
  return { id, title, caption, spec: gridSpec(s.montage.nodes, values, title) };
}

/** Every salience figure the bundle supports; `full` adds the per-band and per-class maps. */
export function salienceFigures(s: SalienceInput, prefix: string, label: string, full: boolean, about = ''): FigureSource[] {
  const figs: FigureSource[] = [
    spatialFigure(s, `${prefix}spatial-projection`, `${label}: projection |G|`, `Σ over directions and columns of |G_r| per node (the paper's spatial salience; class-free).${about}`, s.projection.node, 'Σ|G|'),
  ];
  const methods = [
    { a: s.inputXGradient, name: 'input × gradient', key: 'ixg' },
    { a: s.integratedGradients, name: 'integrated gradients', key: 'ig' },
  ];
  for (const { a, name, key } of methods) {
    if (!a || (!full && key === 'ixg')) continue;
    figs.push(spatialFigure(s, `${prefix}spatial-${key}`, `${label}: ${name}`, `Mean |attribution| of log p(explained class) per node over ${a.all.samples} explained samples.${about}`, a.all.node, `|${key === 'ig' ? 'IG' : 'x·∇'}|`));
  }
  const ig = s.integratedGradients;
  if (full && ig) {
    const dIn = s.features.length;
    if (dIn > 1 && dIn <= 8) {
      s.features.forEach((band, f) => figs.push(spatialFigure(s, `${prefix}spatial-ig-band-${slug(band)}`, `${label}: IG, ${band}`,
        `Integrated-gradients attribution of the ${band} feature per node.${about}`, s.nodes.map((_, v) => ig.all.nodeFeature[v * dIn + f]!), '|IG|')));
    }
    s.classNames.forEach((cls, c) => {
      const maps = ig.perClass[c];
      if (!maps || maps.samples === 0) return;
      figs.push(spatialFigure(s, `${prefix}spatial-ig-class-${slug(cls)}`, `${label}: IG, class ${cls}`,
        `Integrated gradients of log p(${cls}) over the ${maps.samples} explained samples of that class.${about}`, maps.node, '|IG|'));
    });
  }
  const profiles = [{ method: 'projection |H|', values: s.projection.time }];
  if (s.inputXGradient) profiles.push({ method: 'input × gradient', values: s.inputXGradient.all.time });
  if (ig) profiles.push({ method: 'integrated gradients', values: ig.all.time });
  figs.push({ id: `${prefix}temporal`, title: `${label}: temporal salience`, caption: `Salience per time slice, each method scaled to sum 1: |Hf| + |Hb| per slice, and the gradient attributions summed over nodes and features.${about}`, spec: temporalSpec(profiles, `${label}: temporal salience`) });
  return figs;
}

// Electrode positions for scalp topomaps: each name's standard 10-05 position (montage/standard-1005.ts:
// case-insensitive, old names such as T3 taken as their 10-05 names) flattened with the montage's
// azimuthal equidistant projection, the one MNE uses for topomaps. Projection units are radians of
// polar angle: Cz at (0, 0), distance from Cz = polar angle from the vertex, direction kept (x to the
// right ear, y to the nose).
//
// The head outline is polar angle 90° (HEAD_RADIUS = π/2), the plane of Nz, T9, Iz and T10, so the
// nose drawn at the top of the outline sits at the nasion and the ears drawn at its sides at T9/T10.
// Every SEED 62 and DEAP 32 electrode lies inside: the 10-10 sites are at most 72° from Cz (the 10 %
// contour), and SEED's CB1/CB2, which the montage places approximately beside Iz, lie on the outline.
//
// Fallback: when a name has no standard position (EXG1, a face-patch node) or two names are one
// electrode (T3 and T7), there is no topomap for the montage: scalpPositions returns undefined and the
// salience figures draw the face map or a grid heat map instead (salience-figures.ts). Two dots at one
// place would also leave the thin-plate spline without a solution.
import { projectAzimuthal, standardPosition, type ElectrodePosition, type ProjectedPoint } from '../montage/standard-1005.js';

/** Planar position: x to the right ear, y to the nose, in radians of polar angle (Cz = 0, 0). */
export type ScalpPoint = ProjectedPoint;

/** Radius of the head outline in projection units: polar angle 90° (π/2 rad), the Nz–T9–Iz–T10 plane. */
export const HEAD_RADIUS = Math.PI / 2;

/** Planar positions of the named electrodes, or undefined when one is unknown or two are the same. */
export function scalpPositions(names: readonly string[]): ScalpPoint[] | undefined {
  const positions: ElectrodePosition[] = [];
  for (const name of names) {
    const p = standardPosition(name);
    if (!p) return undefined;
    positions.push(p);
  }
  if (new Set(positions.map((p) => p.name)).size < positions.length) return undefined;
  return projectAzimuthal(positions);
}

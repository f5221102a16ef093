// Electrode positions for scalp topomaps: the 10-10 names of the SEED 62 and DEAP 32 montages
// placed on an ideal spherical head, then flattened with the azimuthal equidistant projection MNE
// uses for topomaps (distance from the vertex Cz in the plane = polar angle on the sphere; the
// direction is kept).
//
// Own small table rather than MNE's measured standard_1005 template (Python, not on npm): on the
// ideal sphere the 10-20 rule places the midline at 18° steps from Cz (Fpz 72°, Fz 36°, Pz 36°, Oz
// 72° back), the ring Fpz–T7–Oz–T8 at polar angle 72° with 18° azimuth steps (Fp2 18°, AF8 36°, F8
// 54°, FT8 72°, T8 90°, ... O2 162°), and each row's electrodes at equal steps along the great
// circle from its midline point to its ring point (F4 is half way from Fz to F8). CB1/CB2 (Neuroscan
// cerebellar sites, not 10-05 names) are put on the 90° ring at azimuth ±150°, below O1/O2.
// NOTE for the lead: when src/montage exports STANDARD_1005 and projectAzimuthal, switch
// scalpPositions to them; the drawing code only needs planar (x, y) per electrode.

/** Planar position: x to the right ear, y to the nose, in radians of polar angle (Cz = 0, 0). */
export interface ScalpPoint {
  x: number;
  y: number;
}

const DEG = Math.PI / 180;

/** Polar angle of the head outline: the nasion–inion plane (90°), so every electrode lies inside. */
export const HEAD_RADIUS = 90 * DEG;

// Row prefix -> [polar angle of its midline point, midline azimuth, azimuth of its ring point].
const ROWS: Record<string, [number, number, number]> = {
  FP: [72, 0, 18], AF: [54, 0, 36], F: [36, 0, 54], FC: [18, 0, 72], C: [0, 0, 90],
  CP: [18, 180, 108], P: [36, 180, 126], PO: [54, 180, 144], O: [72, 180, 162],
};
// The temporal names are the lateral ends (column 7/8) of the FC, C and CP rows.
const ALIASES: Record<string, string> = { FT: 'FC', T: 'C', TP: 'CP' };

type Vec = [number, number, number];

/** Unit vector of polar angle θ from the vertex and azimuth φ from the nose toward the right ear. */
function unit(thetaDeg: number, phiDeg: number): Vec {
  const t = thetaDeg * DEG;
  const p = phiDeg * DEG;
  return [Math.sin(t) * Math.sin(p), Math.sin(t) * Math.cos(p), Math.cos(t)];
}

/** Point at fraction s along the great circle from a to b. */
function slerp(a: Vec, b: Vec, s: number): Vec {
  const omega = Math.acos(Math.min(1, Math.max(-1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2])));
  if (omega < 1e-12) return a;
  const wa = Math.sin((1 - s) * omega) / Math.sin(omega);
  const wb = Math.sin(s * omega) / Math.sin(omega);
  return [wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2]];
}

/** Azimuthal equidistant projection of a point on the unit sphere (vertex up). */
export function projectAzimuthal(v: Vec): ScalpPoint {
  const theta = Math.acos(Math.min(1, Math.max(-1, v[2])));
  const rho = Math.hypot(v[0], v[1]);
  if (rho < 1e-12) return { x: 0, y: 0 };
  return { x: (theta * v[0]) / rho, y: (theta * v[1]) / rho };
}

/** Sphere position of a 10-10 electrode name (any case), or undefined for an unknown name. */
export function sphericalPosition(name: string): Vec | undefined {
  const upper = name.toUpperCase();
  if (upper === 'CB1' || upper === 'CB2') return unit(90, upper === 'CB1' ? -150 : 150);
  const m = /^([A-Z]+?)(Z|\d+)$/.exec(upper);
  if (!m) return undefined;
  const row = ALIASES[m[1]!] ?? m[1]!;
  const spec = ROWS[row];
  if (!spec) return undefined;
  const [midTheta, midPhi, ringPhi] = spec;
  if (m[2] === 'Z') return unit(midTheta, midPhi);
  const n = Number(m[2]);
  if (n < 1 || n > 8 || (ALIASES[m[1]!] && n < 7)) return undefined;
  const side = n % 2 === 1 ? -1 : 1; // odd numbers on the left
  // Fp1/Fp2 and O1/O2 are ring points themselves; elsewhere column j = 1..4 is j/4 of the way out.
  if (row === 'FP' || row === 'O') return n <= 2 ? unit(72, side * ringPhi) : undefined;
  const fraction = Math.ceil(n / 2) / 4;
  return slerp(unit(midTheta, midPhi), unit(72, side * ringPhi), fraction);
}

/** Planar positions of every named electrode, or undefined when any name is unknown. */
export function scalpPositions(names: readonly string[]): ScalpPoint[] | undefined {
  const out: ScalpPoint[] = [];
  for (const name of names) {
    const v = sphericalPosition(name);
    if (!v) return undefined;
    out.push(projectAzimuthal(v));
  }
  return out;
}

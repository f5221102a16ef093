// Standard 10-05 electrode positions (Oostenveld & Praamstra 2001, "The five percent electrode system
// for high-resolution EEG and ERP measurements", Clin. Neurophysiol. 112:713-719), computed here from
// the system's geometric definition on a spherical head — our own construction, no coordinates copied:
//   * unit sphere, x to the right ear, y to the nasion, z up; Nz, LPA, Iz, RPA on the equator, Cz on top;
//   * the midline Nz–Cz–Iz is cut in 5 % steps (9°): Fpz 10 %, AFpz 15 %, AFz 20 %, … Cz 50 %, … Oz 90 %,
//     OIz 95 %, Iz 100 %;
//   * the 10 % contour (elevation 18°, through Fpz, T7 and Oz) carries Fp1 at 18° of azimuth from the
//     front, then one lateral-most electrode per 5 % row every 9°: AFp7 27°, AF7 36°, … T7 90°, … O1 162°;
//     the 9/10 electrodes lie at the same azimuths on the 0 % contour (the equator: T9 at the ear);
//   * each row (AFp … POO) is the circle through its left 7-electrode, its midline electrode and its
//     right 8-electrode; the arc from 7 to z is cut in four equal parts for 7, 5, 3, 1, z and in eight for
//     the half positions (7h between 7 and 5, …, 1h between 1 and z). Fp, O, OI (5 % contour) and I
//     (equator) rows hold 1, 1h, z. 9h lies halfway between 9 and 7 on the sphere.
// Each position also keeps its place in the 10-05 lattice (row = 5 % step from Fp, col = half columns
// from the midline, negative left), which placeChannels uses to build grids.
// Old names are aliases: T3/T4/T5/T6 = T7/T8/P7/P8. A1/A2 (earlobes), M1/M2 (mastoids) and CB1/CB2
// (cerebellar, SEED's caps) are not part of the 10-05 system; they are placed approximately, below and
// behind the ears and beside Iz.

export interface ElectrodePosition {
  /** Name as the 10-05 system spells it ('Fp1', 'AFF3h', 'Cz'). */
  name: string;
  /** Unit-sphere coordinates: x right, y front, z up. */
  x: number;
  y: number;
  z: number;
  /** Lattice row (0 = Fp row, 1 = AFp, … 8 = C/T, … 16 = O, 17 = OI, 18 = I; −1 = Nz). */
  row: number;
  /** Lattice column in half steps from the midline: 1 → −2, 1h → −1, 2h → +1, 10 → +10. */
  halfCol: number;
}

const DEG = Math.PI / 180;
type Vec = [number, number, number];

/** Point at elevation and azimuth (degrees; azimuth 0 = front, positive to the left). */
function onSphere(elevationDeg: number, azimuthDeg: number, side: -1 | 1): Vec {
  const e = elevationDeg * DEG, a = azimuthDeg * DEG;
  return [side * Math.cos(e) * Math.sin(a), Math.cos(e) * Math.cos(a), Math.sin(e)];
}

/** Midline point at fraction f of the Nz–Cz–Iz arc. */
function midline(f: number): Vec {
  return [0, Math.cos(Math.PI * f), Math.sin(Math.PI * f)];
}

const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const scale = (a: Vec, s: number): Vec => [a[0] * s, a[1] * s, a[2] * s];
const add = (a: Vec, b: Vec): Vec => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];

/** Point at fraction t of the arc from `from` to `to` along the circle through from, to and `third`. */
function alongCircle(from: Vec, to: Vec, third: Vec, t: number): Vec {
  let n = cross(sub(to, from), sub(third, from));
  n = scale(n, 1 / Math.sqrt(dot(n, n)));
  const centre = scale(n, dot(n, from)); // the plane's closest point to the sphere's centre
  const u = sub(from, centre), w = sub(to, centre);
  const phi = Math.acos(Math.max(-1, Math.min(1, dot(u, w) / Math.sqrt(dot(u, u) * dot(w, w)))));
  const a = Math.sin((1 - t) * phi) / Math.sin(phi), b = Math.sin(t * phi) / Math.sin(phi);
  return add(centre, add(scale(u, a), scale(w, b)));
}

/** Great-circle midpoint of two points on the unit sphere. */
function halfway(a: Vec, b: Vec): Vec {
  const m = add(a, b);
  return scale(m, 1 / Math.sqrt(dot(m, m)));
}

const ROWS = ['Fp', 'AFp', 'AF', 'AFF', 'F', 'FFC', 'FC', 'FCC', 'C', 'CCP', 'CP', 'CPP', 'P', 'PPO', 'PO', 'POO', 'O', 'OI', 'I'];
/** Lateral names of rows whose outer electrodes are not called C…: FFC7 is FFT7, C7 is T7, and so on. */
const OUTER_PREFIX: Record<string, string> = { FFC: 'FFT', FC: 'FT', FCC: 'FTT', C: 'T', CCP: 'TTP', CP: 'TP', CPP: 'TPP' };

function build(): ElectrodePosition[] {
  const out: ElectrodePosition[] = [];
  const put = (name: string, p: Vec, row: number, halfCol: number): void => {
    out.push({ name, x: p[0], y: p[1], z: p[2], row, halfCol });
  };
  put('Nz', midline(0), -1, 0);
  ROWS.forEach((prefix, k) => {
    const mid = midline(0.1 + 0.05 * k);
    put(`${prefix}z`, mid, k, 0);
    const outer = OUTER_PREFIX[prefix] ?? prefix;
    for (const side of [-1, 1] as const) {
      const number = (odd: number): number => (side < 0 ? odd : odd + 1);
      const other = (p: Vec): Vec => [-p[0], p[1], p[2]];
      if (k === 0 || k >= 16) {
        // Short rows: 1 on the 10 % (Fp, O), 5 % (OI) or 0 % (I) contour at the azimuth of Fp1 / O1.
        const elevation = k === 17 ? 9 : k === 18 ? 0 : 18;
        const one = onSphere(elevation, k === 0 ? 18 : 162, side);
        put(`${prefix}${number(1)}`, one, k, 2 * side);
        put(`${prefix}${number(1)}h`, alongCircle(one, mid, other(one), 0.5), k, side);
        continue;
      }
      const azimuth = 18 + 9 * k;
      const seven = onSphere(18, azimuth, side);
      const nine = onSphere(0, azimuth, side);
      put(`${outer}${number(9)}`, nine, k, 10 * side);
      put(`${outer}${number(9)}h`, halfway(nine, seven), k, 9 * side);
      for (let step = 0; step < 8; step++) {
        // step 0 = 7, 1 = 7h, 2 = 5, … 7 = 1h; 7 keeps the outer prefix (T7, FT7), the others the row's.
        const odd = 7 - 2 * Math.floor(step / 2);
        const name = `${step === 0 || step === 1 ? outer : prefix}${number(odd)}${step % 2 === 1 ? 'h' : ''}`;
        put(name, alongCircle(seven, mid, other(seven), step / 8), k, side * (8 - step));
      }
    }
  });
  // Not in the 10-05 system: approximate places (see the file header).
  for (const side of [-1, 1] as const) {
    const n = (odd: number): number => (side < 0 ? odd : odd + 1);
    put(`A${n(1)}`, onSphere(-12, 95, side), 8, 12 * side);
    put(`M${n(1)}`, onSphere(-12, 108, side), 10, 12 * side);
    put(`CB${n(1)}`, onSphere(0, 153, side), 16, 4 * side);
  }
  return out;
}

/** Every standard position, in lattice order (Nz, then row by row, midline first, left then right). */
export const STANDARD_1005: readonly ElectrodePosition[] = build();

/** Old names → 10-05 names. */
export const ELECTRODE_ALIASES: Readonly<Record<string, string>> = { T3: 'T7', T4: 'T8', T5: 'P7', T6: 'P8' };

const BY_UPPER = new Map(STANDARD_1005.map((p) => [p.name.toUpperCase(), p]));

/** The standard position of an electrode name (case-insensitive; old names accepted), if any. */
export function standardPosition(name: string): ElectrodePosition | undefined {
  const upper = name.trim().toUpperCase();
  const alias = Object.entries(ELECTRODE_ALIASES).find(([old]) => old === upper)?.[1];
  return BY_UPPER.get((alias ?? upper).toUpperCase());
}

/** 2-D point of a projection: x to the right, y to the front (radians from the vertex). */
export interface ProjectedPoint {
  x: number;
  y: number;
}

/**
 * Azimuthal equidistant projection from the vertex, as MNE-Python's topomaps use: a point at polar
 * angle θ from +z and azimuth φ in the x-y plane goes to (θ·cos φ, θ·sin φ). Positions are taken as
 * directions from the head centre (their length does not matter).
 */
export function projectAzimuthal(positions: readonly { x: number; y: number; z: number }[]): ProjectedPoint[] {
  return positions.map(({ x, y, z }) => {
    const r = Math.sqrt(x * x + y * y + z * z);
    if (!(r > 0)) return { x: 0, y: 0 };
    const theta = Math.acos(Math.max(-1, Math.min(1, z / r)));
    const horizontal = Math.sqrt(x * x + y * y);
    if (horizontal === 0) return { x: 0, y: 0 };
    return { x: (theta * x) / horizontal, y: (theta * y) / horizontal };
  });
}

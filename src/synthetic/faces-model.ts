// Parametric face model behind the synthetic CK+ / MMI trees: a subject's face geometry plus an
// expression (brows, eyes, mouth) -> the 68 landmark points of the iBUG markup, in a canonical face
// frame (u right, v down, unit = about half the face width, origin between the eyes' level and the
// nose). The renderer draws the face from these same points, so landmark files and pixels agree.
//
// Expressions are loosely based on the prototypic FACS action units of each emotion (e.g. happy:
// lip corners up and out, cheeks narrowing the eyes; surprise: brows up, eyes wide, jaw drop), with
// overlaps that make the task non-trivial (fear vs surprise, anger vs disgust vs sadness).
import type { Point } from '../face/landmarks.js';
import type { Rng } from '../util/random.js';

/** Face geometry of one subject (canonical units). */
export interface FaceGeometry {
  faceHalfWidth: number;
  faceHalfHeight: number;
  faceCentreV: number;
  eyeV: number;
  eyeHalfSep: number;
  eyeHalfWidth: number;
  eyeHalfHeight: number;
  browGap: number;
  noseV: number;
  mouthV: number;
  mouthHalfWidth: number;
  lipThickness: number;
  /** Resting expression offsets: everyone's neutral face differs a little. */
  rest: Expression;
}

/** Expression parameters (0 = neutral); canonical units except eyeOpen (relative change of eye height). */
export interface Expression {
  browRaise: number;
  browInner: number;
  browSqueeze: number;
  eyeOpen: number;
  cornerUp: number;
  cornerUpRight: number;
  mouthWiden: number;
  mouthOpen: number;
  upperLipRaise: number;
}

export const NEUTRAL: Expression = {
  browRaise: 0, browInner: 0, browSqueeze: 0, eyeOpen: 0, cornerUp: 0, cornerUpRight: 0, mouthWiden: 0, mouthOpen: 0, upperLipRaise: 0,
};

/** Peak expression of each emotion by name (CK+ and MMI both use these names). */
export const PEAK_EXPRESSIONS: Readonly<Record<string, Expression>> = {
  anger: { ...NEUTRAL, browRaise: -0.06, browInner: -0.06, browSqueeze: 0.04, eyeOpen: -0.3, cornerUp: -0.02, mouthWiden: -0.06 },
  contempt: { ...NEUTRAL, cornerUpRight: 0.07, mouthWiden: 0.02, eyeOpen: -0.1 },
  disgust: { ...NEUTRAL, browRaise: -0.04, browInner: -0.03, browSqueeze: 0.02, eyeOpen: -0.35, cornerUp: -0.03, mouthOpen: 0.03, upperLipRaise: 0.06 },
  fear: { ...NEUTRAL, browRaise: 0.06, browInner: 0.06, browSqueeze: 0.03, eyeOpen: 0.45, cornerUp: -0.02, mouthWiden: 0.07, mouthOpen: 0.07 },
  happy: { ...NEUTRAL, eyeOpen: -0.25, cornerUp: 0.09, mouthWiden: 0.08, mouthOpen: 0.02, upperLipRaise: 0.01 },
  sadness: { ...NEUTRAL, browRaise: -0.01, browInner: 0.07, eyeOpen: -0.2, cornerUp: -0.07 },
  surprise: { ...NEUTRAL, browRaise: 0.1, browInner: 0.03, eyeOpen: 0.6, mouthWiden: -0.03, mouthOpen: 0.2 },
};

/** FACS codes written for each emotion's peak frame (prototypic AUs, intensity on CK+'s 0-5 scale). */
export const PEAK_ACTION_UNITS: Readonly<Record<string, number[]>> = {
  anger: [4, 5, 7, 23], contempt: [14], disgust: [9, 10, 17], fear: [1, 2, 4, 5, 20, 26],
  happy: [6, 12], sadness: [1, 4, 15], surprise: [1, 2, 5, 26],
};

const KEYS = Object.keys(NEUTRAL) as (keyof Expression)[];

export function scaleExpression(e: Expression, w: number): Expression {
  const out = { ...e };
  for (const k of KEYS) out[k] = e[k] * w;
  return out;
}

export function addExpressions(a: Expression, b: Expression): Expression {
  const out = { ...a };
  for (const k of KEYS) out[k] = a[k] + b[k];
  return out;
}

/** A peak with per-sequence variation: overall intensity and independent jitter of every parameter. */
export function jitterExpression(peak: Expression, rng: Rng, intensity: number, jitter: number): Expression {
  const out = { ...peak };
  for (const k of KEYS) {
    const typical = k === 'eyeOpen' ? 0.3 : 0.05;
    out[k] = peak[k] * intensity + jitter * typical * rng.normal();
  }
  return out;
}

export function randomGeometry(rng: Rng): FaceGeometry {
  const f = (lo: number, hi: number) => rng.uniform(lo, hi);
  return {
    faceHalfWidth: f(0.92, 1.08), faceHalfHeight: f(1.22, 1.42), faceCentreV: f(0.12, 0.22),
    eyeV: f(-0.3, -0.22), eyeHalfSep: f(0.34, 0.42), eyeHalfWidth: f(0.13, 0.17), eyeHalfHeight: f(0.05, 0.07),
    browGap: f(0.14, 0.2), noseV: f(0.17, 0.25), mouthV: f(0.5, 0.6), mouthHalfWidth: f(0.26, 0.34), lipThickness: f(0.04, 0.06),
    rest: restingExpression(rng),
  };
}

/** Small personal offsets of the neutral face; the mouth rests closed (mouthOpen <= 0). */
function restingExpression(rng: Rng): Expression {
  const e = jitterExpression(NEUTRAL, rng, 0, 0.4);
  return { ...e, mouthOpen: Math.min(0, e.mouthOpen) };
}

/** The 68 landmarks (iBUG order, canonical coordinates) of a face with geometry g showing expression e. */
export function faceLandmarks(g: FaceGeometry, e: Expression): Point[] {
  const pts: Point[] = new Array(68);
  const jawDrop = 0.6 * Math.max(0, e.mouthOpen);
  // 0-16 jaw: lower half of the face ellipse, left temple -> chin -> right temple
  for (let k = 0; k <= 16; k++) {
    const phi = Math.PI - (k * Math.PI) / 16;
    const s = Math.sin(phi);
    pts[k] = { x: g.faceHalfWidth * Math.cos(phi), y: g.faceCentreV + (g.faceHalfHeight + jawDrop) * s };
  }
  // eyes: 36-41 image-left (outer, upper, upper, inner, lower, lower), 42-47 image-right (inner, upper, upper, outer, lower, lower)
  const eh = Math.max(0.008, g.eyeHalfHeight * (1 + e.eyeOpen));
  const eye = (cx: number, first: number) => {
    const ew = g.eyeHalfWidth;
    pts[first] = { x: cx - ew, y: g.eyeV };
    pts[first + 1] = { x: cx - ew / 3, y: g.eyeV - eh };
    pts[first + 2] = { x: cx + ew / 3, y: g.eyeV - eh };
    pts[first + 3] = { x: cx + ew, y: g.eyeV };
    pts[first + 4] = { x: cx + ew / 3, y: g.eyeV + 0.8 * eh };
    pts[first + 5] = { x: cx - ew / 3, y: g.eyeV + 0.8 * eh };
  };
  eye(-g.eyeHalfSep, 36);
  eye(g.eyeHalfSep, 42);
  // brows: 17-21 image-left (outer -> inner), 22-26 image-right (inner -> outer)
  const browBase = g.eyeV - g.browGap - e.browRaise;
  for (let k = 0; k < 5; k++) {
    const t = k / 4; // 0 outer .. 1 inner
    const x = -g.eyeHalfSep - 0.22 + t * (0.4 + e.browSqueeze);
    const y = browBase - 0.04 * Math.sin(Math.PI * (0.3 + 0.6 * t)) - t * e.browInner;
    pts[17 + k] = { x, y };
    pts[26 - k] = { x: -x, y };
  }
  // nose: 27-30 bridge, 31-35 nostrils
  for (let k = 0; k < 4; k++) pts[27 + k] = { x: 0, y: g.eyeV + ((k + 1) / 4) * (g.noseV - g.eyeV) };
  for (let k = 0; k < 5; k++) pts[31 + k] = { x: -0.1 + 0.05 * k, y: g.noseV + 0.04 - 0.015 * Math.abs(k - 2) };
  // mouth: outer 48-59, inner 60-67; f = horizontal position in [-1, 1] along the mouth
  const mw = g.mouthHalfWidth + e.mouthWiden;
  const gap = Math.max(0, e.mouthOpen);
  const lift = (f: number) => e.cornerUp * f * f + e.cornerUpRight * Math.max(f, 0) ** 2;
  const at = (f: number, dy: number): Point => ({ x: f * mw, y: g.mouthV + dy - lift(f) });
  const upperOuter = -(g.lipThickness + gap / 2 + e.upperLipRaise);
  const lowerOuter = g.lipThickness + gap / 2 + 0.2 * gap;
  const upperInner = -(gap / 2 + 0.5 * e.upperLipRaise);
  const lowerInner = gap / 2;
  pts[48] = at(-1, 0);
  [-0.6, -0.25, 0, 0.25, 0.6].forEach((f, k) => (pts[49 + k] = at(f, upperOuter * (k === 1 || k === 3 ? 1.1 : 1))));
  pts[54] = at(1, 0);
  [0.6, 0.3, 0, -0.3, -0.6].forEach((f, k) => (pts[55 + k] = at(f, lowerOuter)));
  pts[60] = at(-0.85, 0);
  [-0.4, 0, 0.4].forEach((f, k) => (pts[61 + k] = at(f, upperInner)));
  pts[64] = at(0.85, 0);
  [0.4, 0, -0.4].forEach((f, k) => (pts[65 + k] = at(f, lowerInner)));
  return pts;
}

/** Smooth 0 -> 1 ramp (smoothstep) used for onset -> peak. */
export function ramp(t: number): number {
  const c = Math.min(1, Math.max(0, t));
  return c * c * (3 - 2 * c);
}

// Draws a synthetic gray face frame from its 68 canonical landmarks: a shaded face ellipse with a
// hairline, brows (thick polylines through points 17-26), eyes (polygons 36-41 / 42-47 with a dark
// iris), a nose line with nostrils, lips (outer polygon 48-59) and an open mouth (inner polygon
// 60-67), placed in the image by a pose (centre, scale, roll), plus Gaussian pixel noise.
// Every pixel is mapped back into the canonical face frame and tested against the shapes there, so
// the drawn features sit exactly where the transformed landmarks say.
import { makeGrayImage, type GrayImage } from '../face/gray-image.js';
import type { Point } from '../face/landmarks.js';
import type { Rng } from '../util/random.js';
import type { FaceGeometry } from './faces-model.js';

/** Where the canonical face lands: image = centre + scale · R(angle) · canonical. */
export interface Pose {
  cx: number;
  cy: number;
  /** Pixels per canonical unit. */
  scale: number;
  /** Roll in radians (positive turns the face clockwise on screen, y pointing down). */
  angle: number;
}

/** Gray levels (0-255) of one subject's face and scene. */
export interface Appearance {
  background: number;
  skin: number;
  hair: number;
  brow: number;
  /** Hairline height as a fraction of the upper face half-height (1 = top of the head). */
  hairline: number;
  /** Standard deviation of the pixel noise, gray levels. */
  noise: number;
}

export function toImage(p: Point, pose: Pose): Point {
  const c = Math.cos(pose.angle), s = Math.sin(pose.angle);
  return { x: pose.cx + pose.scale * (c * p.x - s * p.y), y: pose.cy + pose.scale * (s * p.x + c * p.y) };
}

function insidePolygon(poly: readonly Point[], u: number, v: number): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!, b = poly[j]!;
    if (a.y > v !== b.y > v && u < ((b.x - a.x) * (v - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

function segmentDistance2(a: Point, b: Point, u: number, v: number): number {
  const dx = b.x - a.x, dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((u - a.x) * dx + (v - a.y) * dy) / len2));
  const ex = a.x + t * dx - u, ey = a.y + t * dy - v;
  return ex * ex + ey * ey;
}

interface Box {
  u0: number;
  u1: number;
  v0: number;
  v1: number;
}

function box(pts: readonly Point[], margin: number): Box {
  return {
    u0: Math.min(...pts.map((p) => p.x)) - margin, u1: Math.max(...pts.map((p) => p.x)) + margin,
    v0: Math.min(...pts.map((p) => p.y)) - margin, v1: Math.max(...pts.map((p) => p.y)) + margin,
  };
}

function inBox(b: Box, u: number, v: number): boolean {
  return u >= b.u0 && u <= b.u1 && v >= b.v0 && v <= b.v1;
}

function centroid(pts: readonly Point[]): Point {
  return { x: pts.reduce((s, p) => s + p.x, 0) / pts.length, y: pts.reduce((s, p) => s + p.y, 0) / pts.length };
}

/** Renders a width x height frame of the face with canonical landmarks `pts`. */
export function renderFace(width: number, height: number, g: FaceGeometry, pts: readonly Point[], pose: Pose, look: Appearance, rng: Rng): GrayImage {
  const img = makeGrayImage(width, height);
  const data = img.data;
  const cos = Math.cos(pose.angle), sin = Math.sin(pose.angle);
  const range = (a: number, b: number) => pts.slice(a, b + 1);
  const leftEye = range(36, 41), rightEye = range(42, 47);
  const eyes = [leftEye, rightEye].map((poly) => ({ poly, c: centroid(poly), r2: Math.min(0.05, 1.2 * (poly[4]!.y - poly[1]!.y)) ** 2 }));
  const outerLip = range(48, 59), innerLip = range(60, 67);
  const mouthOpen = innerLip[6]!.y - innerLip[2]!.y > 0.004;
  const brows = [range(17, 21), range(22, 26)];
  const fw = g.faceHalfWidth, fh = g.faceHalfHeight, fc = g.faceCentreV;
  const fhLow = pts[8]!.y - fc;
  const hairV = fc - look.hairline * fh;
  const browR2 = 0.028 ** 2, noseR2 = 0.012 ** 2, nostrilR2 = 0.022 ** 2;
  const lip = look.skin - 45;

  const nostrils = [pts[32]!, pts[34]!];
  const browBox = box([...brows[0]!, ...brows[1]!], 0.03), eyeBox = box([...leftEye, ...rightEye], 0.01), mouthBox = box(outerLip, 0.01);
  const noiseScale = look.noise / 147.8;
  // the face's bounding box in the image (corners of its canonical box, mapped); outside it only the scene
  const corners = [[-fw, fc - fh], [fw, fc - fh], [-fw, fc + fhLow], [fw, fc + fhLow]].map(([u, v]) => toImage({ x: u!, y: v! }, pose));
  const x0 = Math.max(0, Math.floor(Math.min(...corners.map((p) => p.x))) - 1), x1 = Math.min(width - 1, Math.ceil(Math.max(...corners.map((p) => p.x))) + 1);
  const y0 = Math.max(0, Math.floor(Math.min(...corners.map((p) => p.y))) - 1), y1 = Math.min(height - 1, Math.ceil(Math.max(...corners.map((p) => p.y))) + 1);

  for (let y = 0; y < height; y++) {
    const scene = look.background + 25 * (y / height - 0.5); // soft vertical gradient (studio lighting)
    for (let x = 0; x < width; x++) {
      let value = scene;
      if (y >= y0 && y <= y1 && x >= x0 && x <= x1) {
        const dx = x - pose.cx, dy = y - pose.cy;
        const u = (cos * dx + sin * dy) / pose.scale;
        const v = (-sin * dx + cos * dy) / pose.scale;
        const ev = (v - fc) / (v > fc ? fhLow : fh);
        const r2 = (u / fw) ** 2 + ev * ev;
        if (r2 <= 1) value = faceValue(u, v, v < hairV ? look.hair : look.skin - 30 * r2); // brows stay visible in front of hair
      }
      // approximately Gaussian noise from one 32-bit draw: the sum of its four bytes has mean 510 and
      // standard deviation sqrt(4 · (256² - 1) / 12) = 147.8 (Irwin-Hall), several times faster than Rng.normal
      const bits = rng.nextUint32();
      const sum = (bits & 255) + ((bits >>> 8) & 255) + ((bits >>> 16) & 255) + (bits >>> 24);
      data[y * width + x] = value + noiseScale * (sum - 510);
    }
  }

  function faceValue(u: number, v: number, skin: number): number {
    let value = skin;
    if (inBox(browBox, u, v)) {
      for (const b of brows) {
        for (let k = 0; k < 4; k++) if (segmentDistance2(b[k]!, b[k + 1]!, u, v) < browR2) value = look.brow;
      }
    }
    if (inBox(eyeBox, u, v)) {
      for (const e of eyes) {
        if (insidePolygon(e.poly, u, v)) {
          const du = u - e.c.x, dv = v - e.c.y;
          value = du * du + dv * dv < e.r2 ? 40 : 215;
        }
      }
    }
    if (segmentDistance2(pts[27]!, pts[30]!, u, v) < noseR2) value = skin * 0.85;
    for (const n of nostrils) if ((u - n.x) ** 2 + (v - n.y) ** 2 < nostrilR2) value = 70;
    if (inBox(mouthBox, u, v) && insidePolygon(outerLip, u, v)) value = mouthOpen && insidePolygon(innerLip, u, v) ? 25 : lip;
    return value;
  }
  return img;
}

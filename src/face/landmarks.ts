// 68-point facial landmarks (the iBUG / Multi-PIE markup used by CK+'s Landmarks/ files): one point
// per line, "x y" in pixels, whitespace-separated (CK+ writes them in scientific notation with
// leading spaces). Points 36-41 outline the eye on the image's left (the subject's right eye), 42-47
// the eye on the image's right; both 0-based.
import { StrnnError } from '../util/errors.js';

export interface Point {
  x: number;
  y: number;
}

export const LANDMARK_COUNT = 68;
/** 0-based landmark indices of the eye on the image's left and right. */
export const LEFT_EYE_POINTS: readonly number[] = [36, 37, 38, 39, 40, 41];
export const RIGHT_EYE_POINTS: readonly number[] = [42, 43, 44, 45, 46, 47];

/** Eye centres as seen in the image: `left` has the smaller x in an upright frontal face. */
export interface EyeCentres {
  left: Point;
  right: Point;
}

/** Parses a landmark file's text: exactly 68 non-empty lines of two finite numbers. */
export function parseLandmarks(text: string, source: string): Point[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length !== LANDMARK_COUNT) {
    throw new StrnnError('INPUT', `${source}: expected ${LANDMARK_COUNT} landmark lines "x y", found ${lines.length}`);
  }
  return lines.map((line, i) => {
    const parts = line.split(/\s+/);
    const x = Number(parts[0]);
    const y = Number(parts[1]);
    if (parts.length !== 2 || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw new StrnnError('INPUT', `${source}: line ${i + 1}: expected two numbers "x y", found "${line}"`);
    }
    return { x, y };
  });
}

/** Writes landmarks the way CK+ does: one "x y" line per point, numbers in scientific notation. */
export function formatLandmarks(points: readonly Point[]): string {
  return points.map((p) => `   ${p.x.toExponential(7)}   ${p.y.toExponential(7)}`).join('\n') + '\n';
}

function mean(points: readonly Point[], indices: readonly number[]): Point {
  let x = 0, y = 0;
  for (const i of indices) {
    x += points[i]!.x;
    y += points[i]!.y;
  }
  return { x: x / indices.length, y: y / indices.length };
}

/** Eye centres = mean of the six points outlining each eye. */
export function eyeCentres(points: readonly Point[]): EyeCentres {
  if (points.length !== LANDMARK_COUNT) throw new StrnnError('INPUT', `eye centres need ${LANDMARK_COUNT} landmarks, found ${points.length}`);
  return { left: mean(points, LEFT_EYE_POINTS), right: mean(points, RIGHT_EYE_POINTS) };
}

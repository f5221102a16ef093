// Topomap geometry and interpolation: positions are the montage's standard 10-05 positions under its
// azimuthal equidistant projection (closed forms of the 10-05 construction on the unit sphere: polar
// angle from Cz = distance in the plane), the outline at 90° through Nz and T9/T10; the thin-plate
// spline passes through the electrode values and reproduces affine fields (properties of the interpolant).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_62 } from '../../src/montage/seed62.js';
import { DEAP_32 } from '../../src/montage/deap32.js';
import { projectAzimuthal, standardPosition } from '../../src/montage/standard-1005.js';
import { HEAD_RADIUS, scalpPositions } from '../../src/report/scalp-positions.js';
import { thinPlateSpline } from '../../src/report/thin-plate.js';

const DEG = Math.PI / 180;
const at = (name: string) => scalpPositions([name])![0]!;
const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('every SEED 62 and DEAP 32 electrode has a position inside the head outline, each at its own place', () => {
  for (const montage of [SEED_62, DEAP_32]) {
    const names = montage.nodes.map((n) => n.name);
    const points = scalpPositions(names);
    assert.ok(points, montage.name);
    assert.deepEqual(points, projectAzimuthal(names.map((n) => standardPosition(n)!)), `${montage.name}: the montage's positions and projection`);
    for (const p of points) assert.ok(Math.hypot(p.x, p.y) <= HEAD_RADIUS + 1e-9);
    assert.equal(new Set(points.map((p) => `${p.x.toFixed(6)},${p.y.toFixed(6)}`)).size, points.length, `${montage.name}: two electrodes at one place`);
  }
  // The 10-10 sites lie within the 10 % contour (72°); only SEED's approximate CB1/CB2 reach the outline.
  const seed = scalpPositions(SEED_62.nodes.map((n) => n.name))!;
  SEED_62.nodes.forEach((n, i) => {
    const r = Math.hypot(seed[i]!.x, seed[i]!.y);
    if (/^CB/i.test(n.name)) close(r, HEAD_RADIUS);
    else assert.ok(r <= 72 * DEG + 1e-9, `${n.name} at ${r / DEG}°`);
  });
});

test('fallback: unknown names and one electrode under two names give no topomap; old names are aliases', () => {
  assert.equal(scalpPositions(['FP1', 'XYZ']), undefined);
  assert.equal(scalpPositions(['Cz', 'EXG1']), undefined);
  assert.equal(scalpPositions(['T3', 'T7', 'Cz']), undefined, 'T3 is T7: two dots at one place');
  assert.deepEqual(at('T3'), at('T7'));
  assert.deepEqual(at('t6'), at('P8'));
});

test('10-05 landmarks: Cz at the centre, Fpz/Oz/T7/T8 at 72° on the axes, distance from Cz = polar angle', () => {
  close(at('Cz').x, 0);
  close(at('Cz').y, 0);
  close(at('FPZ').y, 72 * DEG);
  close(at('FPZ').x, 0);
  close(at('OZ').y, -72 * DEG);
  close(at('OZ').x, 0);
  close(at('T7').x, -72 * DEG);
  close(at('T7').y, 0);
  close(at('T8').x, 72 * DEG);
  close(at('T8').y, 0);
  close(at('Fz').y, 36 * DEG);
  close(at('Pz').y, -36 * DEG);
  // F8 on the 10 % contour at azimuth 54°: polar angle 72° in the plane, direction 54° from the nose.
  close(Math.hypot(at('F8').x, at('F8').y), 72 * DEG);
  close(Math.atan2(at('F8').x, at('F8').y), 54 * DEG);
  // The outline is the 0 % contour: nose at the nasion, ears at T9/T10, the inion at the back.
  close(at('Nz').y, HEAD_RADIUS);
  close(at('Iz').y, -HEAD_RADIUS);
  close(at('T9').x, -HEAD_RADIUS);
  close(at('T10').x, HEAD_RADIUS);
  close(at('T9').y, 0);
  // Left-right mirror pairs, and row order from the midline outwards.
  for (const [l, r] of [['F3', 'F4'], ['C5', 'C6'], ['PO7', 'PO8'], ['CB1', 'CB2'], ['O1', 'O2'], ['FT7', 'FT8']]) {
    close(at(l!).x, -at(r!).x);
    close(at(l!).y, at(r!).y);
    assert.ok(at(l!).x < 0, `${l} on the left`);
  }
  assert.ok(at('C1').x > at('C3').x && at('C3').x > at('C5').x && at('C5').x > at('T7').x);
  close(at('C3').x, -36 * DEG); // on the coronal great circle, half way from Cz to T7
  close(at('C3').y, 0);
});

test('thin-plate spline: exact at the electrodes, affine fields reproduced everywhere', () => {
  const points = scalpPositions(DEAP_32.nodes.map((n) => n.name))!;
  const values = points.map((_, i) => Math.sin(i * 1.7) + (i % 5));
  const f = thinPlateSpline(points, values);
  points.forEach((p, i) => close(f(p.x, p.y), values[i]!, 1e-8));
  const affine = thinPlateSpline(points, points.map((p) => 2 - 3 * p.x + 0.5 * p.y));
  for (const [x, y] of [[0, 0], [0.7, -0.3], [-1.2, 0.9], [1.5, 0]]) close(affine(x!, y!), 2 - 3 * x! + 0.5 * y!, 1e-8);
  assert.throws(() => thinPlateSpline(points, values.map((v, i) => (i === 3 ? NaN : v))), /not finite/);
});

// The computed 10-05 positions against the system's definition (Oostenveld & Praamstra 2001) and
// closed-form facts of the spherical construction; the projection against its formula.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ELECTRODE_ALIASES, STANDARD_1005, projectAzimuthal, standardPosition } from '../../src/montage/standard-1005.js';

const DEG = Math.PI / 180;
const APPROXIMATE = ['A1', 'A2', 'M1', 'M2', 'CB1', 'CB2'];
const angle = (a: string, b: string): number => {
  const p = standardPosition(a)!, q = standardPosition(b)!;
  return Math.acos(Math.min(1, p.x * q.x + p.y * q.y + p.z * q.z));
};

/** The 10-10 names (ACNS / Oostenveld & Praamstra table 1): rows x columns 9,7,5,3,1,z,2,4,6,8,10. */
function tenTenNames(): string[] {
  const cols = ['9', '7', '5', '3', '1', 'z', '2', '4', '6', '8', '10'];
  const outer: Record<string, string> = { FC: 'FT', C: 'T', CP: 'TP' };
  const names = ['Fp1', 'Fpz', 'Fp2', 'O1', 'Oz', 'O2', 'I1', 'Iz', 'I2', 'Nz'];
  for (const row of ['AF', 'F', 'FC', 'C', 'CP', 'P', 'PO']) {
    for (const c of cols) names.push(`${['9', '7', '8', '10'].includes(c) ? (outer[row] ?? row) : row}${c}`);
  }
  return names;
}

test('every 10-10 name is there; 335 10-05 names plus Nz and six approximate extras, each once', () => {
  const names = new Set(STANDARD_1005.map((p) => p.name));
  assert.equal(names.size, STANDARD_1005.length);
  for (const n of tenTenNames()) assert.ok(names.has(n), n);
  // MNE-Python's standard_1005 montage lists 335 10-05 electrodes besides fiducials, old names and ear/mastoid points.
  assert.equal(STANDARD_1005.length - APPROXIMATE.length, 336);
  for (const n of ['AFF3h', 'FFT7h', 'FTT10h', 'TTP7h', 'CCP2h', 'POO9h', 'OI1h', 'I2h', 'Fp1h', 'AFp10', 'POOz', 'PO1']) assert.ok(names.has(n), n);
});

test('landmarks of the construction: unit sphere, Cz on top, 10 % contour at 18°, left-right mirror', () => {
  for (const p of STANDARD_1005) assert.ok(Math.abs(Math.hypot(p.x, p.y, p.z) - 1) < 1e-12, p.name);
  const close = (name: string, want: [number, number, number]): void => {
    const p = standardPosition(name)!;
    assert.ok(Math.hypot(p.x - want[0], p.y - want[1], p.z - want[2]) < 1e-12, `${name} at ${[p.x, p.y, p.z]}`);
  };
  close('Cz', [0, 0, 1]);
  close('Fpz', [0, Math.cos(18 * DEG), Math.sin(18 * DEG)]);
  close('T7', [-Math.cos(18 * DEG), 0, Math.sin(18 * DEG)]);
  close('T9', [-1, 0, 0]);
  close('Iz', [0, -1, 0]);
  close('C3', [-Math.cos(54 * DEG), 0, Math.sin(54 * DEG)]); // halfway T7–Cz on the coronal great circle
  close('Fz', [0, Math.cos(54 * DEG), Math.sin(54 * DEG)]); // 30 % of Nz–Iz
  for (const p of STANDARD_1005) {
    const m = /^([A-Za-z]+?)(\d+)(h?)$/.exec(p.name);
    if (!m || Number(m[2]) % 2 === 0) continue;
    const mirror = standardPosition(`${m[1]}${Number(m[2]) + 1}${m[3]}`)!;
    assert.ok(Math.abs(mirror.x + p.x) < 1e-12 && Math.abs(mirror.y - p.y) < 1e-12 && Math.abs(mirror.z - p.z) < 1e-12, `${p.name} / ${mirror.name}`);
    assert.equal(mirror.halfCol, -p.halfCol);
  }
});

test('rows are cut in equal arcs: F7–F5–F3–F1–Fz and the half positions between them', () => {
  for (const row of [['F7', 'F7h', 'F5', 'F5h', 'F3', 'F3h', 'F1', 'F1h', 'Fz'], ['PO7', 'PO7h', 'PO5', 'PO5h', 'PO3', 'PO3h', 'PO1', 'PO1h', 'POz'], ['FFT7', 'FFT7h', 'FFC5', 'FFC5h', 'FFC3', 'FFC3h', 'FFC1', 'FFC1h', 'FFCz']]) {
    const steps = row.slice(1).map((n, i) => angle(row[i]!, n));
    for (const s of steps) assert.ok(Math.abs(s - steps[0]!) < 1e-12, `${row.join(' ')}: ${steps}`);
  }
  // Midline in 9° steps, 10 % contour in 9° of azimuth: Fp1 – AFp7 – AF7 are equally far apart.
  assert.ok(Math.abs(angle('Fz', 'FFCz') - 9 * DEG) < 1e-12);
  assert.ok(Math.abs(angle('Fp1', 'AFp7') - angle('AFp7', 'AF7')) < 1e-12);
});

test('lattice cells are distinct; names case-insensitive; old names are aliases', () => {
  const cells = new Set(STANDARD_1005.map((p) => `${p.row},${p.halfCol}`));
  assert.equal(cells.size, STANDARD_1005.length);
  assert.equal(standardPosition('fp1')!.name, 'Fp1');
  assert.equal(standardPosition(' FPZ ')!.name, 'Fpz');
  for (const [old, name] of Object.entries(ELECTRODE_ALIASES)) assert.equal(standardPosition(old.toLowerCase())!.name, name);
  assert.deepEqual(ELECTRODE_ALIASES, { T3: 'T7', T4: 'T8', T5: 'P7', T6: 'P8' });
  assert.equal(standardPosition('EXG1'), undefined);
});

test('azimuthal equidistant projection: distance from the centre is the polar angle, azimuth kept', () => {
  const [cz, fpz, t7, t8, oz] = projectAzimuthal(['Cz', 'Fpz', 'T7', 'T8', 'Oz'].map((n) => standardPosition(n)!));
  assert.deepEqual(cz, { x: 0, y: 0 });
  assert.ok(Math.abs(fpz!.x) < 1e-12 && Math.abs(fpz!.y - 72 * DEG) < 1e-12);
  assert.ok(Math.abs(t7!.x + 72 * DEG) < 1e-12 && Math.abs(t7!.y) < 1e-12);
  assert.ok(Math.abs(t8!.x - 72 * DEG) < 1e-12 && Math.abs(oz!.y + 72 * DEG) < 1e-12);
  const [p] = projectAzimuthal([{ x: 3, y: 4, z: 0 }]); // on the equator: θ = 90°, direction (0.6, 0.8), length ignored
  assert.ok(Math.abs(p!.x - 0.6 * Math.PI / 2) < 1e-12 && Math.abs(p!.y - 0.8 * Math.PI / 2) < 1e-12);
});

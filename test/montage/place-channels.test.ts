// placeChannels: 10-20 and 10-10 caps, SEED's names, aliases, drops and montage files. Expected cells
// come from the independent tables of src/montage/seed62.ts and deap32.ts (drawn from the datasets'
// published maps) and, for generated grids, from properties (one cell per channel, order kept).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEAP_32, DEAP_CHANNELS } from '../../src/montage/deap32.js';
import { parseMontageJson } from '../../src/montage/montage.js';
import { placeChannels } from '../../src/montage/place-channels.js';
import { SEED_62, SEED_CHANNELS } from '../../src/montage/seed62.js';
import { standardPosition } from '../../src/montage/standard-1005.js';
import { StrnnError } from '../../src/util/errors.js';

const CAP_1020 = 'Fp1 Fp2 F7 F3 Fz F4 F8 T3 C3 Cz C4 T4 T5 P3 Pz P4 T6 O1 O2'.split(' ');
// A common 64-channel 10-10 cap (actiCAP-style order, FT9/FT10/TP9/TP10 included, no Fpz/Iz).
const CAP_64 = ('Fp1 Fz F3 F7 FT9 FC5 FC1 C3 T7 TP9 CP5 CP1 Pz P3 P7 O1 Oz O2 P4 P8 TP10 CP6 CP2 Cz C4 T8 FT10 FC6 FC2 F4 F8 Fp2 ' +
  'AF7 AF3 AFz F1 F5 FT7 FC3 C1 C5 TP7 CP3 P1 P5 PO7 PO3 POz PO4 PO8 P6 P2 CPz CP4 TP8 C6 C2 FC4 FT8 F6 AF8 AF4 F2 FCz').split(' ');
const CAP_32 = 'Fp1 Fp2 F7 F3 Fz F4 F8 FC5 FC1 FC2 FC6 T7 C3 Cz C4 T8 TP9 CP5 CP1 CP2 CP6 TP10 P7 P3 Pz P4 P8 PO9 O1 Oz O2 PO10'.split(' ');

const seedCell = (name: string): [number, number] => {
  const n = SEED_62.nodes.find((m) => m.name === name.toUpperCase())!;
  return [n.row, n.col];
};

test("19-channel 10-20 cap with old names lands on SEED's 9x9 map", () => {
  const p = placeChannels(CAP_1020);
  assert.equal(p.montage.name, 'seed-62-subset');
  assert.deepEqual([p.montage.rows, p.montage.cols], [9, 9]);
  assert.deepEqual(p.channels, CAP_1020);
  assert.deepEqual(p.dropped, []);
  const alias: Record<string, string> = { T3: 'T7', T4: 'T8', T5: 'P7', T6: 'P8' };
  p.montage.nodes.forEach((n, i) => assert.deepEqual([n.row, n.col], seedCell(alias[CAP_1020[i]!] ?? CAP_1020[i]!), CAP_1020[i]));
});

test("DEAP's 32 channels take the cells of the deap-32 table; SEED's 62 give seed-62 itself", () => {
  const deap = placeChannels(DEAP_CHANNELS);
  assert.deepEqual(deap.montage.nodes.map((n) => [n.row, n.col]), DEAP_32.nodes.map((n) => [n.row, n.col]));
  const seed = placeChannels(SEED_CHANNELS.map((n) => `EEG ${n}-REF`));
  assert.equal(seed.montage.name, 'seed-62');
  assert.deepEqual(seed.montage.nodes, SEED_62.nodes);
});

for (const [name, cap, rows, cols] of [['64-channel', CAP_64, 9, 11], ['32-channel', CAP_32, 8, 11]] as const) {
  test(`${name} 10-10 cap with electrodes outside SEED's map gets a generated grid`, () => {
    const p = placeChannels(cap);
    assert.equal(p.montage.name, 'generated-10-05');
    assert.deepEqual([p.montage.rows, p.montage.cols], [rows, cols]);
    assert.deepEqual(p.channels, [...cap]);
    const cells = new Set(p.montage.nodes.map((n) => `${n.row},${n.col}`));
    assert.equal(cells.size, cap.length, 'one cell per channel');
    // Head order kept: a more frontal 10-05 row is a smaller grid row, further left a smaller column.
    for (const a of p.montage.nodes) {
      for (const b of p.montage.nodes) {
        const pa = standardPosition(a.name)!, pb = standardPosition(b.name)!;
        if (pa.row < pb.row) assert.ok(a.row < b.row, `${a.name} above ${b.name}`);
        if (pa.halfCol < pb.halfCol) assert.ok(a.col < b.col, `${a.name} left of ${b.name}`);
      }
    }
    const cz = p.montage.nodes.find((n) => n.name === 'Cz')!;
    assert.equal(cz.col, (cols - 1) / 2, 'the midline is the middle column');
  });
}

test('drops: non-EEG types, unknown names, the same electrode twice; all dropped is an error', () => {
  const p = placeChannels(['EEG Fp1-REF', 'ECG', 'EOG left', 'EXG1', 'Status', 'X7', 'FP1', 'Cz', 'Pz'], { types: [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 'MISC'] });
  assert.deepEqual(p.channels, ['EEG Fp1-REF', 'Cz']);
  assert.deepEqual(p.dropped, [
    { label: 'ECG', reason: 'ECG channel, not EEG' },
    { label: 'EOG left', reason: 'EOG channel, not EEG' },
    { label: 'EXG1', reason: 'MISC channel, not EEG' },
    { label: 'Status', reason: 'TRIG channel, not EEG' },
    { label: 'X7', reason: 'no standard 10-05 position' },
    { label: 'FP1', reason: "same electrode (Fp1) as channel 'EEG Fp1-REF'" },
    { label: 'Pz', reason: 'MISC channel, not EEG' },
  ]);
  assert.throws(() => placeChannels(['ECG', 'X1'], { source: 'rec.edf' }), (e: unknown) => e instanceof StrnnError &&
    e.message === "rec.edf: no channel can be placed on a grid (ECG: ECG channel, not EEG; X1: no standard 10-05 position)");
});

test('a montage file places the channels it names, EOG included, by name and alias', () => {
  const montage = parseMontageJson(JSON.stringify({ name: 'my-cap', rows: 2, cols: 3, nodes: [{ name: 'T7', row: 1, col: 0 }, { name: 'Cz', row: 1, col: 1 }, { name: 'HEOG', row: 0, col: 2 }] }), 'cap.json');
  const p = placeChannels(['Cz', 'HEOG', 'T3', 'Fp1', 'ECG'], { montage });
  assert.deepEqual(p.channels, ['Cz', 'HEOG', 'T3']);
  assert.deepEqual(p.montage, { name: 'my-cap', rows: 2, cols: 3, nodes: [{ name: 'Cz', row: 1, col: 1 }, { name: 'HEOG', row: 0, col: 2 }, { name: 'T7', row: 1, col: 0 }] });
  assert.deepEqual(p.dropped, [
    { label: 'Fp1', reason: "not in montage 'my-cap'" },
    { label: 'ECG', reason: "ECG channel not in montage 'my-cap'" },
  ]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_62 } from '../../src/montage/seed62.js';
import { gridMontage, parseMontageJson } from '../../src/montage/montage.js';
import { buildSweeps, edgeCount, levelCount, predecessors, DIRECTIONS } from '../../src/montage/sweeps.js';

function edgeSet(m: typeof SEED_62, d: (typeof DIRECTIONS)[number]): Set<string> {
  const s = new Set<string>();
  predecessors(m, d).forEach((ps, v) => ps.forEach((p) => s.add(`${p}->${v}`)));
  return s;
}

test('SEED-62: 151 edges in every direction (spec fact)', () => {
  for (const s of buildSweeps(SEED_62)) assert.equal(edgeCount(s), 151, s.direction);
});

test('full 9x9 grid: 208 edges and 17 wavefronts in every direction (spec fact)', () => {
  for (const s of buildSweeps(gridMontage(9, 9))) {
    assert.equal(edgeCount(s), 208, s.direction);
    assert.equal(levelCount(s), 17, s.direction);
  }
});

test('the four edge sets are pairwise different', () => {
  for (const m of [SEED_62, gridMontage(9, 9), gridMontage(3, 5)]) {
    const sets = DIRECTIONS.map((d) => edgeSet(m, d));
    for (let a = 0; a < 4; a++) {
      for (let b = a + 1; b < 4; b++) {
        const same = sets[a]!.size === sets[b]!.size && [...sets[a]!].every((e) => sets[b]!.has(e));
        assert.ok(!same, `${DIRECTIONS[a]} and ${DIRECTIONS[b]} have identical edge sets`);
      }
    }
  }
});

test('every predecessor lies in an earlier wavefront (acyclic; no dependency inside a wavefront)', () => {
  for (const m of [SEED_62, gridMontage(9, 9), gridMontage(8, 8), gridMontage(1, 4)]) {
    for (const s of buildSweeps(m)) {
      const levelOf = new Int32Array(m.nodes.length);
      for (let w = 0; w < levelCount(s); w++) for (let p = s.levelStart[w]!; p < s.levelStart[w + 1]!; p++) levelOf[p] = w;
      for (let p = 0; p < m.nodes.length; p++) {
        for (let e = s.predStart[p]!; e < s.predStart[p + 1]!; e++) {
          assert.ok(levelOf[s.predPos[e]!]! < levelOf[p]!, `${s.direction}: position ${p} depends on its own or a later wavefront`);
        }
      }
    }
  }
});

test('spec table: predecessors of FZ (2,4) on SEED-62 in each direction', () => {
  const idx = (name: string) => SEED_62.nodes.findIndex((n) => n.name === name);
  const names = (d: (typeof DIRECTIONS)[number]) =>
    predecessors(SEED_62, d)[idx('FZ')]!.map((p) => SEED_62.nodes[p]!.name).sort();
  // Read off the 9x9 map in datasets.md: (1,4) is empty, so the upper directions have two predecessors.
  assert.deepEqual(names('tl'), ['AF3', 'F1']);
  assert.deepEqual(names('tr'), ['AF4', 'F2']);
  assert.deepEqual(names('bl'), ['F1', 'FC1', 'FCZ']);
  assert.deepEqual(names('br'), ['F2', 'FC2', 'FCZ']);
});

test('custom montage JSON: duplicates and out-of-grid nodes are clear errors', () => {
  assert.throws(
    () => parseMontageJson('{"rows":2,"cols":2,"nodes":[{"name":"A","row":0,"col":0},{"name":"a","row":1,"col":1}]}', 'm.json'),
    /m\.json: duplicate node name "a"/,
  );
  assert.throws(
    () => parseMontageJson('{"rows":2,"cols":2,"nodes":[{"name":"A","row":2,"col":0}]}', 'm.json'),
    /m\.json: node "A" at \(2, 0\) is outside the 2 x 2 grid/,
  );
  assert.throws(() => parseMontageJson('{"rows":2}', 'm.json'), /m\.json: cols/);
  const m = parseMontageJson('{"rows":1,"cols":2,"nodes":[{"name":"A","row":0,"col":0},{"name":"B","row":0,"col":1}]}');
  assert.equal(m.nodes.length, 2);
});

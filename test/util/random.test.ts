import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/util/random.js';

test('same seed gives the same stream, different seeds differ', () => {
  const a = new Rng(42), b = new Rng(42), c = new Rng(43);
  const sa = Array.from({ length: 8 }, () => a.nextUint32());
  const sb = Array.from({ length: 8 }, () => b.nextUint32());
  const sc = Array.from({ length: 8 }, () => c.nextUint32());
  assert.deepEqual(sa, sb);
  assert.notDeepEqual(sa, sc);
});

test('uniform draws have mean 1/2 and normals have unit variance (property, 1e5 draws)', () => {
  const r = new Rng(7);
  let sum = 0, sq = 0;
  const n = 100000;
  for (let i = 0; i < n; i++) sum += r.next();
  assert.ok(Math.abs(sum / n - 0.5) < 0.01);
  sum = 0;
  for (let i = 0; i < n; i++) { const z = r.normal(); sum += z; sq += z * z; }
  assert.ok(Math.abs(sum / n) < 0.02);
  assert.ok(Math.abs(sq / n - 1) < 0.03);
});

test('shuffle is a permutation and depends on the seed', () => {
  const x = Array.from({ length: 50 }, (_, i) => i);
  const y = x.slice();
  new Rng(1).shuffle(y);
  assert.deepEqual(y.slice().sort((p, q) => p - q), x);
  const z = x.slice();
  new Rng(2).shuffle(z);
  assert.notDeepEqual(y, z);
});

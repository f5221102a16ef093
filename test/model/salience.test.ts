import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeConfig } from '../../src/model/config.js';
import { StrnnModel } from '../../src/model/model.js';
import { referenceBackend } from '../../src/kernels/ref/index.js';
import { gridMontage } from '../../src/montage/montage.js';
import { spatialSalience, temporalSalience } from '../../src/model/salience.js';

test('salience sums |G_r| over directions and columns, |Hf| + |Hb| over columns (closed form)', () => {
  const m = new StrnnModel(makeConfig({ T: 2, dIn: 1, C: 2, dS: 2, kS: 2, dT: 2, kT: 3 }), gridMontage(1, 2), { backend: referenceBackend('float64'), maxBatch: 1 });
  m.params.fill(0);
  m.param('spatial.tl.G').set([1, -2, 0, 0]); // node 0: |1| + |-2|
  m.param('spatial.br.G').set([0, 0.5, -4, 0]); // node 0: 0.5, node 1: 4
  m.param('temporal.fwd.H').set([1, 1, 1, 0, 0, 0]);
  m.param('temporal.bwd.H').set([0, 0, 0, -1, 2, 0]);
  assert.deepEqual(Array.from(spatialSalience(m)), [3.5, 4]);
  assert.deepEqual(Array.from(temporalSalience(m)), [3, 3]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { withTempDir } from '../helpers.js';
import { getDataset } from '../../src/datasets/registry.js';
import { writeSyntheticFaces } from '../../src/synthetic/faces.js';
import { gridMontage } from '../../src/montage/montage.js';

test('registry: ckplus and mmi entries (patches feature, 8x8 montage, class names, face-10fold)', async () => {
  const ck = getDataset('ckplus');
  const mmi = getDataset('mmi');
  assert.deepEqual(ck.montage({}), gridMontage(8, 8));
  assert.deepEqual(mmi.montage({}), gridMontage(8, 8));
  assert.deepEqual([...ck.classNames({})], ['anger', 'contempt', 'disgust', 'fear', 'happy', 'sadness', 'surprise']);
  assert.deepEqual([...mmi.classNames({})], ['anger', 'disgust', 'fear', 'happy', 'sadness', 'surprise']);
  assert.equal(ck.defaultProtocol, 'face-10fold');
  assert.equal(ck.featureNames({}).length, 64);
  assert.deepEqual([ck.featureNames({})[0], ck.featureNames({})[9], ck.featureNames({})[63]], ['p00', 'p11', 'p77']);
  assert.throws(() => ck.montage({ feature: 'de' }), { message: "dataset ckplus has no feature 'de'" });
  await withTempDir(async (dir) => {
    const root = join(dir, 'ck');
    await writeSyntheticFaces('ckplus', root, { subjects: 2, sequencesPerSubject: 1, frames: [2, 2], seed: 1 });
    const trials = await ck.loadTrials(root, {});
    assert.deepEqual(trials.map((t) => [t.subject, t.windows, t.nodes, t.features]), [['S005', 9, 64, 64], ['S008', 9, 64, 64]]);
    assert.deepEqual((await ck.loadTrials(root, { subjects: [8] })).map((t) => t.subject), ['S008']);
    // 2 frames + 2 landmark files + emotion + FACS per sequence
    assert.equal(ck.sourceFiles(root, {}).length, 12);
  });
});

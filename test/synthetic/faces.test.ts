import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempDir } from '../helpers.js';
import { assignSyntheticClasses, writeSyntheticFaces } from '../../src/synthetic/faces.js';
import { listCkPlusSequences } from '../../src/datasets/ckplus.js';
import { CKPLUS_CLASS_COUNTS, CKPLUS_SUBJECTS } from '../../src/datasets/ckplus-facts.js';
import { decodeGrayPng } from '../../src/face/png.js';
import { parseLandmarks, type Point } from '../../src/face/landmarks.js';
import { Rng } from '../../src/util/random.js';

test('synthetic faces: real-size preset deals CK+ class counts over 123 subjects', () => {
  const perSubject = assignSyntheticClasses({ subjects: 1, sequencesPerSubject: 1, seed: 1, preset: 'real-size' }, 7, new Rng(1));
  assert.equal(perSubject.length, CKPLUS_SUBJECTS);
  const counts = new Array(7).fill(0);
  for (const list of perSubject) for (const c of list) counts[c]++;
  assert.deepEqual(counts, [...CKPLUS_CLASS_COUNTS]);
  assert.equal(counts.reduce((a, b) => a + b, 0), 327);
  assert.ok(perSubject.every((l) => l.length === 2 || l.length === 3));
});

test('synthetic faces: 640x490 frames whose pixels agree with the landmark files; neutral -> peak', async () => {
  await withTempDir(async (dir) => {
    const root = join(dir, 'ck');
    // surprise (class 6) is the last class dealt to 7 sequences: its mouth opens at the peak
    await writeSyntheticFaces('ckplus', root, { subjects: 1, sequencesPerSubject: 7, frames: [3, 3], seed: 2, noise: 0, jitter: 0 });
    const seqs = listCkPlusSequences(root);
    assert.equal(seqs.length, 7);
    const surprise = seqs[6]!;
    const at = (img: ReturnType<typeof decodeGrayPng>, p: Point) => img.data[Math.round(p.y) * img.width + Math.round(p.x)]!;
    const mean = (pts: Point[], idx: number[]) => ({ x: idx.reduce((s, i) => s + pts[i]!.x, 0) / idx.length, y: idx.reduce((s, i) => s + pts[i]!.y, 0) / idx.length });
    for (const k of [0, 2]) {
      const img = decodeGrayPng(readFileSync(surprise.frames[k]!), 'frame');
      assert.deepEqual([img.width, img.height], [640, 490]);
      const pts = parseLandmarks(readFileSync(surprise.landmarks[k]!, 'utf8'), 'lm');
      // iris at each eye centre is dark (40); the sclera beside the iris is bright (215)
      for (const eye of [[36, 39], [42, 45]]) {
        const c = mean(pts, eye);
        assert.ok(at(img, c) < 70, `frame ${k}: iris ${at(img, c)}`);
        const corner = pts[eye[0]!]!;
        assert.ok(at(img, { x: 0.6 * corner.x + 0.4 * c.x, y: c.y }) > 180, `frame ${k}: sclera`);
      }
      // mouth centre: closed lips at the neutral first frame, dark open mouth at the surprise peak
      const mouth = at(img, mean(pts, [62, 66]));
      if (k === 0) assert.ok(mouth > 70, `neutral mouth ${mouth}`);
      else assert.ok(mouth < 40, `peak mouth ${mouth}`);
    }
    await assert.rejects(writeSyntheticFaces('ckplus', root, { subjects: 1 }), /output folder is not empty/);
  });
});

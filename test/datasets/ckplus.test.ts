import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempDir } from '../helpers.js';
import {
  ckPlusTrial, listCkPlusSequences, loadCkPlusTrials, parseEmotionFile, parseFacsFile, readCkPlusEmotion, readCkPlusSequence,
} from '../../src/datasets/ckplus.js';
import { CKPLUS_CLASSES, ckPlusClassOfCode } from '../../src/datasets/ckplus-facts.js';
import { writeSyntheticFaces } from '../../src/synthetic/faces.js';
import { decodeGrayPng } from '../../src/face/png.js';
import { eyeCentres, parseLandmarks } from '../../src/face/landmarks.js';
import { faceConfig, sequenceFeatures } from '../../src/face/preprocess.js';

test('ckplus: emotion and FACS files parse as CK+ writes them', () => {
  assert.equal(parseEmotionFile('   3.0000000e+00\n', 'e.txt'), 3);
  assert.equal(parseEmotionFile('   0.0000000e+00', 'e.txt'), 0);
  assert.throws(() => parseEmotionFile('   3.5000000e+00', 'S005_001_00000011_emotion.txt'), {
    message: 'S005_001_00000011_emotion.txt: expected one emotion code 0..7 such as "   3.0000000e+00", found "3.5000000e+00"',
  });
  assert.throws(() => parseEmotionFile('', 'e.txt'), /expected one emotion code 0\.\.7/);
  assert.deepEqual(parseFacsFile('   1.0000000e+00   3.0000000e+00\n   2.6000000e+01   0.0000000e+00\n\n', 'f.txt'), [
    { au: 1, intensity: 3 }, { au: 26, intensity: 0 },
  ]);
  assert.throws(() => parseFacsFile('   1.0000000e+00\n', 'f.txt'), { message: 'f.txt: line 1: expected "AU intensity", found "1.0000000e+00"' });
  assert.deepEqual([0, 1, 7, 8].map(ckPlusClassOfCode), [undefined, 0, 6, undefined]);
  assert.equal(CKPLUS_CLASSES[ckPlusClassOfCode(5)!], 'happy');
});

test('ckplus: list, read one sequence, make trials, skip unlabelled; both folder spellings', async () => {
  await withTempDir(async (dir) => {
    const root = join(dir, 'ck');
    const summary = await writeSyntheticFaces('ckplus', root, { subjects: 3, sequencesPerSubject: 1, unlabelledPerSubject: 1, frames: [4, 6], seed: 5 });
    assert.equal(summary.sequences, 6);
    assert.equal(summary.labelled, 3);

    // step 1: listing (file names only)
    const seqs = listCkPlusSequences(root);
    assert.deepEqual(seqs.map((s) => `${s.subject}/${s.sequenceName}`), ['S005/001', 'S005/002', 'S008/001', 'S008/002', 'S011/001', 'S011/002']);
    for (const s of seqs) {
      assert.deepEqual(s.frameNumbers, s.frames.map((_, i) => i + 1));
      assert.ok(s.landmarks.every((l, i) => l?.endsWith(`${s.subject}_${s.sequenceName}_${String(i + 1).padStart(8, '0')}_landmarks.txt`)));
    }
    assert.deepEqual(seqs.map((s) => s.emotionFile !== undefined), [true, false, true, false, true, false]);
    assert.deepEqual(seqs.map((s) => readCkPlusEmotion(s)), [1, undefined, 2, undefined, 3, undefined]);

    // step 2: one sequence = the pipeline applied to its last T frames with their own landmarks
    const s0 = seqs[0]!;
    const cfg = faceConfig({ T: 3 });
    const n = s0.frames.length;
    const idx = [n - 3, n - 2, n - 1];
    const manual = sequenceFeatures(
      idx.map((i) => decodeGrayPng(readFileSync(s0.frames[i]!), s0.frames[i]!)),
      idx.map((i) => eyeCentres(parseLandmarks(readFileSync(s0.landmarks[i]!, 'utf8'), 'lm'))), cfg,
    );
    assert.deepEqual(readCkPlusSequence(s0, { T: 3 }), manual);
    // shorter than T = 9: padded at the front by repeating the first frame
    const padded = readCkPlusSequence(s0);
    const slice = 64 * 64;
    for (let t = 1; t < 9 - n + 1; t++) assert.deepEqual(padded.subarray(t * slice, (t + 1) * slice), padded.subarray(0, slice));

    // step 3: trials
    const trial = ckPlusTrial(s0, 1, manual, { T: 3 });
    assert.deepEqual({ ...trial, data: undefined, facs: undefined }, {
      dataset: 'ckplus', subject: 'S005', session: 1, trial: 1, label: 0, windows: 3, nodes: 64, features: 64,
      data: undefined, emotionCode: 1, facs: undefined, sequenceFrames: n,
    });
    assert.deepEqual(trial.facs.map((f) => f.au), [4, 5, 7, 23]); // anger's action units, as written

    const trials = await loadCkPlusTrials(root, { cache: false });
    assert.deepEqual(trials.map((t) => [t.subject, t.trial, t.label]), [['S005', 1, 0], ['S008', 1, 1], ['S011', 1, 2]]);
    assert.ok(trials.every((t) => t.windows === 9 && t.data.length === 9 * 64 * 64));

    // the other folder spelling, and code 0 (neutral) is skipped like an unlabelled sequence
    renameSync(join(root, 'cohn-kanade-images'), join(root, 'extended-cohn-kanade-images'));
    writeFileSync(seqs[2]!.emotionFile!, '   0.0000000e+00\n');
    assert.equal(listCkPlusSequences(root).length, 6);
    assert.deepEqual((await loadCkPlusTrials(root, { cache: false })).map((t) => t.subject), ['S005', 'S011']);
  });
});

test('ckplus: errors name the file and what was expected', async () => {
  await withTempDir(async (dir) => {
    assert.throws(() => listCkPlusSequences(dir), {
      message: `${dir}: no CK+ image folder (expected cohn-kanade-images or extended-cohn-kanade-images)`,
    });
    const root = join(dir, 'ck');
    await writeSyntheticFaces('ckplus', root, { subjects: 1, sequencesPerSubject: 1, frames: [2, 2], seed: 2 });
    const seq = listCkPlusSequences(root)[0]!;
    rmSync(seq.landmarks[1]!);
    const seq2 = listCkPlusSequences(root)[0]!;
    assert.throws(() => readCkPlusSequence(seq2, { T: 2 }), {
      message: `${seq2.frames[1]}: no landmark file for this frame (expected ${join('Landmarks', 'S005', '001', 'S005_001_00000002_landmarks.txt')})`,
    });
    const stray = join(root, 'cohn-kanade-images', 'S005', '001', 'frame2.png');
    writeFileSync(stray, 'x');
    assert.throws(() => listCkPlusSequences(root), { message: `${stray}: expected a frame named S005_001_<frame>.png` });
    rmSync(stray);
    mkdirSync(join(root, 'cohn-kanade-images', 'subject7'));
    assert.throws(() => listCkPlusSequences(root), /subject7: expected a subject folder named like S005/);
  });
});

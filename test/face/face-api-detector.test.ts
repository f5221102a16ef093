// The face-api landmark detector on real photographs: the sample JPEGs that ship in the
// @vladmandic/face-api package (group photos, several faces each), read as strnn reads JPEGs. One detector
// (one model load) serves every test in this file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readGrayImageFile } from '../../src/face/image-file.js';
import { createFaceApiDetector, faceApiPackageDir } from '../../src/face/face-api-detector.js';
import { detectSequenceEyes } from '../../src/face/detect-landmarks.js';
import { makeGrayImage, type GrayImage } from '../../src/face/gray-image.js';
import { eyeCentres, LANDMARK_COUNT } from '../../src/face/landmarks.js';
import { similarityFromEyes } from '../../src/face/align.js';
import { warpAffine } from '../../src/face/warp.js';
import { faceConfig } from '../../src/face/preprocess.js';
import { Rng } from '../../src/util/random.js';
import { repoPath } from '../helpers.js';

const detector = createFaceApiDetector();

/** A sample photograph as a gray image (BT.601 luma, as strnn reads any JPEG). */
function samplePhoto(k: number): GrayImage {
  return readGrayImageFile(join(faceApiPackageDir()!, 'demo', `sample${k}.jpg`));
}

const inside = (p: { x: number; y: number }, b: { x: number; y: number; width: number; height: number }) =>
  p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height;

test('face-api detector: id names package version, networks and threshold; bad options are refused', () => {
  const version = (JSON.parse(readFileSync(join(faceApiPackageDir()!, 'package.json'), 'utf8')) as { version: string }).version;
  assert.equal(detector.id, `face-api@${version}:ssd_mobilenetv1_model(minConfidence=0.5)+face_landmark_68_model`);
  assert.notEqual(createFaceApiDetector({ net: 'tiny-face-detector' }).id, detector.id);
  assert.throws(() => createFaceApiDetector({ minConfidence: 1.5 }), /minConfidence must be in \(0, 1\), found 1.5/);
  assert.throws(() => createFaceApiDetector({ net: 'yolo' as 'tiny-face-detector' }), /unknown face detector network 'yolo'/);
});

test('face-api detector: every sample photo gives faces with 68 points; the main face has its eyes inside the box, left before right', async () => {
  for (const k of [1, 2, 3, 4, 5, 6]) {
    const photo = samplePhoto(k);
    const faces = await detector.detectFaces(photo);
    assert.ok(faces.length >= 1, `sample${k}.jpg: no face found`);
    for (const [i, f] of faces.entries()) {
      assert.equal(f.landmarks.length, LANDMARK_COUNT, `sample${k}.jpg face ${i}`);
      assert.ok(f.score >= 0.5 && f.score <= 1, `sample${k}.jpg face ${i}: score ${f.score}`);
      if (i > 0) assert.ok(f.box.width * f.box.height <= faces[i - 1]!.box.width * faces[i - 1]!.box.height, `sample${k}.jpg face ${i}: not sorted largest first`);
    }
    // the main (largest) face, the one the pipeline aligns by
    const f = faces[0]!;
    const where = `sample${k}.jpg main face`;
    const { left, right } = eyeCentres(f.landmarks);
    assert.ok(inside(left, f.box) && inside(right, f.box), `${where}: eyes ${JSON.stringify({ left, right })} outside box ${JSON.stringify(f.box)}`);
    // the eye on the image's left comes first, and the eyes sit in the upper part of the box
    assert.ok(left.x < right.x, `${where}: left eye x ${left.x} >= right eye x ${right.x}`);
    assert.ok(left.y < f.box.y + 0.6 * f.box.height && right.y < f.box.y + 0.6 * f.box.height, `${where}: eyes below the box's upper 60 %`);
    // adult faces: inter-ocular distance is roughly a third of the face width
    const iod = Math.hypot(right.x - left.x, right.y - left.y);
    assert.ok(iod > 0.2 * f.box.width && iod < 0.6 * f.box.width, `${where}: inter-ocular ${iod.toFixed(1)} px for a box ${f.box.width.toFixed(1)} px wide`);
    const main = await detector.detectFace(photo);
    assert.deepEqual(main, faces[0]);
    assert.deepEqual(await detector.detect(photo), faces[0]!.landmarks);
  }
});

test('face-api detector: a photo aligned by its detected eyes has its eyes at the canonical crop positions', async () => {
  const photo = samplePhoto(1);
  const face = (await detector.detectFace(photo))!;
  // Warp at 4x the 64-pixel crop, with a margin so the whole head is in view, so the detector can run
  // again on the result; re-detected eyes go back to 64-pixel crop coordinates through the same
  // scaling (pixel centres: canvas = 4 · (u + 0.5) - 0.5 + margin).
  const scale = 4, margin = 96, side = 64 * scale + 2 * margin;
  const toCanvas = (p: { x: number; y: number }) => ({ x: scale * (p.x + 0.5) - 0.5 + margin, y: scale * (p.y + 0.5) - 0.5 + margin });
  const to64 = (p: { x: number; y: number }) => ({ x: (p.x - margin + 0.5) / scale - 0.5, y: (p.y - margin + 0.5) / scale - 0.5 });
  const canonical = faceConfig().eyes;
  const map = similarityFromEyes(eyeCentres(face.landmarks), { left: toCanvas(canonical.left), right: toCanvas(canonical.right) });
  const canvas = makeGrayImage(side, side, warpAffine(photo, map, side, side));
  const again = await detector.detectFace(canvas);
  assert.ok(again, 'no face found in the aligned crop');
  const eyes = eyeCentres(again.landmarks);
  for (const [name, got, want] of [['left', to64(eyes.left), canonical.left], ['right', to64(eyes.right), canonical.right]] as const) {
    const d = Math.hypot(got.x - want.x, got.y - want.y);
    assert.ok(d < 1.5, `${name} eye at (${got.x.toFixed(2)}, ${got.y.toFixed(2)}) of the 64x64 crop, ${d.toFixed(2)} px from (${want.x}, ${want.y})`);
  }
});

test('face-api detector: blank and noise frames have no face; a sequence of them is marked for the centred crop after 3 tries', async () => {
  const blank = makeGrayImage(320, 240, new Float32Array(320 * 240).fill(128));
  const rng = new Rng(7);
  const noise = () => makeGrayImage(320, 240, Float32Array.from({ length: 320 * 240 }, () => 255 * rng.next()));
  assert.equal(await detector.detect(blank), undefined);
  const frames = [noise(), noise(), noise(), noise(), noise()];
  assert.equal(await detector.detect(frames[0]!), undefined);
  const seq = await detectSequenceEyes(frames, 2, detector);
  assert.deepEqual(seq, { eyes: [undefined, undefined, undefined, undefined, undefined], alignment: 'centred-crop-no-face', framesSearched: 3 });
});

test("face-api detector: importing strnn and creating a detector load no TensorFlow.js; the first detection does", () => {
  const index = repoPath('dist', 'src', 'index.js');
  const script = `
    const { createRequire } = await import('node:module');
    const strnn = await import(${JSON.stringify(index)});
    const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((p) => /@tensorflow|face-api/.test(p)).length;
    const before = loaded();
    const d = strnn.createFaceApiDetector();
    const afterCreate = loaded();
    await d.detect({ width: 32, height: 32, data: new Float32Array(1024) });
    console.log(JSON.stringify([before, afterCreate, loaded() > 0]));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out.trim().split('\n').pop()!), [0, 0, true]);
});

// Faces the user brings (a video, or still images) turned into one model sample. Frames come from a
// synthetic CK+ sequence (12 frames of 640x490, with landmark files, so the expected eye positions
// are known) and from face-api's sample photographs (real faces, for the bundled detector). One
// face-api detector serves the file, so TensorFlow.js loads once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticFaces } from '../../src/synthetic/faces.js';
import { listCkPlusSequences } from '../../src/datasets/ckplus.js';
import { readFaceImages, readFaceVideo } from '../../src/face/face-input.js';
import { faceCheckpointInfo, faceConfigFromCheckpoint } from '../../src/face/face-checkpoint.js';
import { createFaceApiDetector, faceApiPackageDir } from '../../src/face/face-api-detector.js';
import type { NamedLandmarkDetector } from '../../src/face/detect-landmarks.js';
import { decodeVideoGray, encodeVideoGray, streamVideoGray } from '../../src/face/ffmpeg.js';
import { selectSpreadFrames } from '../../src/face/frames.js';
import { makeGrayImage, type GrayImage } from '../../src/face/gray-image.js';
import { readGrayImageFile } from '../../src/face/image-file.js';
import { eyeCentres, parseLandmarks } from '../../src/face/landmarks.js';
import { decodeGrayPng, encodeGrayPng } from '../../src/face/png.js';
import { faceConfig, faceMontage, sequenceFeatures } from '../../src/face/preprocess.js';
import { loadCheckpoint, saveCheckpoint } from '../../src/formats/checkpoint.js';
import { referenceBackend } from '../../src/kernels/ref/index.js';
import { gridMontage } from '../../src/montage/montage.js';
import { makeConfig } from '../../src/model/config.js';
import { StrnnModel } from '../../src/model/model.js';
import { predictProbabilities } from '../../src/eval/predict.js';

let dir: string;
let pngs: string[]; // the synthetic sequence's 12 frames, neutral -> peak
let landmarkFiles: string[];
let frames: GrayImage[];
let video: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strnn-face-input-'));
  await writeSyntheticFaces('ckplus', join(dir, 'ck'), { subjects: 1, sequencesPerSubject: 1, seed: 5, frames: [12, 12] });
  const seq = listCkPlusSequences(join(dir, 'ck'))[0]!;
  pngs = seq.frames;
  landmarkFiles = seq.landmarks.map((p) => p!);
  frames = pngs.map((p) => decodeGrayPng(readFileSync(p), p));
  video = join(dir, 'clip.avi');
  await encodeVideoGray(frames, video);
});

after(() => rmSync(dir, { recursive: true, force: true }));

const CROP = { alignment: 'centred-crop' } as const;
const quiet = { onWarning: () => undefined };

test('readFaceImages: the last T of 12 frames by default, one T x 64 x 64 sample cut as the pipeline cuts those frames', async () => {
  assert.equal(pngs.length, 12);
  const got = await readFaceImages(pngs, CROP);
  assert.deepEqual(got.frames, [3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.deepEqual([got.T, got.nodes, got.features, got.sourceFrames, got.selection, got.alignment, got.framesSearched], [9, 64, 64, 12, 'last', 'centred-crop', 0]);
  assert.equal(got.data.length, 9 * 64 * 64);
  assert.equal(got.landmarkFrame, undefined);
  const cfg = faceConfig();
  assert.deepEqual(got.data, sequenceFeatures(frames.slice(3), frames.slice(3).map(() => undefined), cfg));
  // consecutive frames of an expression onset differ, so the slices are not one frame repeated
  assert.notDeepEqual(got.data.subarray(0, 4096), got.data.subarray(8 * 4096));
});

test('readFaceVideo: a lossless video gives exactly the features of the same frames as PNGs, for every frame selection', async () => {
  const cases = [
    [{}, [3, 4, 5, 6, 7, 8, 9, 10, 11]],
    [{ frames: 'spread' }, [0, 1, 3, 4, 6, 7, 8, 10, 11]],
    [{ frames: 'centred' }, [1, 2, 3, 4, 5, 6, 7, 8, 9]], // the middle frame, floor(11 / 2) = 5
    [{ frames: 'centred', centre: 2 }, [0, 1, 2, 3, 4, 5, 6, 7, 8]],
    [{ frames: 'centred', centre: 11 }, [3, 4, 5, 6, 7, 8, 9, 10, 11]],
  ] as const;
  for (const [opts, want] of cases) {
    const fromVideo = await readFaceVideo(video, { ...CROP, ...opts });
    const fromPngs = await readFaceImages(pngs, { ...CROP, ...opts });
    const what = JSON.stringify(opts);
    assert.deepEqual(fromVideo.frames, want, what);
    assert.deepEqual(fromPngs.frames, want, what);
    assert.equal(fromVideo.sourceFrames, 12, what);
    assert.deepEqual(fromVideo.data, fromPngs.data, what);
  }
  // streaming keeps no frame, yet yields the frames decodeVideoGray holds all at once
  const all = await decodeVideoGray(video);
  const seen: number[] = [];
  const info = await streamVideoGray(video, (i, px, w, h) => {
    seen.push(i);
    assert.equal(w * h, px.length);
    assert.deepEqual(Float32Array.from(px), all[i]!.data, `frame ${i}`);
  });
  assert.deepEqual(info, { frames: 12, width: 640, height: 490 });
  assert.deepEqual(seen, Array.from({ length: 12 }, (_, i) => i));
});

test('fewer images than T are padded as the CK+ loader pads short sequences; one image is T copies of a still face', async () => {
  const three = await readFaceImages(pngs.slice(9), CROP);
  assert.deepEqual(three.frames, [0, 0, 0, 0, 0, 0, 0, 1, 2]);
  const spread = await readFaceImages(pngs.slice(9), { ...CROP, frames: 'spread' });
  assert.deepEqual(spread.frames, [0, 0, 1, 1, 1, 1, 2, 2, 2]);
  assert.deepEqual(selectSpreadFrames(5, 1), [2]);
  const one = await readFaceImages([pngs[11]!], CROP);
  assert.deepEqual(one.frames, Array(9).fill(0));
  for (let t = 1; t < 9; t++) assert.deepEqual(one.data.subarray(t * 4096, (t + 1) * 4096), one.data.subarray(0, 4096), `slice ${t}`);
  // the still face is the sequence's peak frame, exactly as the last slice of the full sequence
  const full = await readFaceImages(pngs, CROP);
  assert.deepEqual(one.data.subarray(0, 4096), full.data.subarray(8 * 4096));
});

/** A stand-in detector that returns fixed landmarks (or none) and counts its runs. */
function stubDetector(points: ReturnType<typeof parseLandmarks> | undefined): NamedLandmarkDetector & { calls: number } {
  const d = {
    id: 'stub', calls: 0,
    detect: async () => {
      d.calls++;
      return points;
    },
  };
  return d;
}

test('landmarks alignment: one detection on the key frame aligns all T frames; no face falls back to the centred crop with a warning', async () => {
  const peak = parseLandmarks(readFileSync(landmarkFiles[11]!, 'utf8'), landmarkFiles[11]!);
  const found = stubDetector(peak);
  const got = await readFaceImages(pngs, { detector: found });
  assert.deepEqual([got.alignment, got.landmarkFrame, got.framesSearched, found.calls], ['landmarks', 11, 1, 1]);
  const eyes = eyeCentres(peak);
  assert.deepEqual(got.data, sequenceFeatures(frames.slice(3), frames.slice(3).map(() => eyes), faceConfig()));
  // aligned by the eyes, the crop differs from the centred square
  assert.notDeepEqual(got.data, (await readFaceImages(pngs, CROP)).data);
  // 'centred' tries the centre frame first
  const centred = await readFaceVideo(video, { frames: 'centred', centre: 6, detector: stubDetector(peak) });
  assert.equal(centred.landmarkFrame, 6);

  const warnings: string[] = [];
  const none = stubDetector(undefined);
  const miss = await readFaceVideo(video, { detector: none, onWarning: (m) => warnings.push(m) });
  // key frame = the last chosen frame, so the fallbacks are the first chosen frame only
  assert.deepEqual([miss.alignment, miss.framesSearched, none.calls, miss.landmarkFrame], ['centred-crop-no-face', 2, 2, undefined]);
  assert.deepEqual(miss.data, (await readFaceVideo(video, CROP)).data);
  assert.deepEqual(warnings, [`${video}: no face found on frames 11, 3; using the centred crop`]);
  const spreadMiss = stubDetector(undefined);
  const spread = await readFaceVideo(video, { frames: 'spread', detector: spreadMiss, ...quiet });
  assert.deepEqual([spread.framesSearched, spreadMiss.calls], [3, 3]); // the middle chosen frame (6), then 0 and 11

  // a single image is one distinct frame: searched once, not three times
  const once = stubDetector(undefined);
  const still = await readFaceImages([pngs[0]!], { detector: once, ...quiet });
  assert.deepEqual([still.alignment, still.framesSearched, once.calls], ['centred-crop-no-face', 1, 1]);
});

test('bad input: missing files, unreadable images, mixed sizes, empty lists and bad frame choices are clear errors naming the file', async () => {
  await assert.rejects(readFaceVideo(join(dir, 'nope.mp4'), CROP), { code: 'NOT_FOUND', message: `${join(dir, 'nope.mp4')}: video file does not exist` });
  await assert.rejects(readFaceImages([pngs[0]!, join(dir, 'nope.png')], CROP), { code: 'NOT_FOUND', message: `${join(dir, 'nope.png')}: image file does not exist` });
  const text = join(dir, 'notes.png');
  writeFileSync(text, 'not an image');
  await assert.rejects(readFaceImages([text], CROP), { code: 'FORMAT', message: `${text}: not a PNG or JPEG image (the file does not start with either format's signature)` });
  const brokenPng = join(dir, 'broken.png');
  writeFileSync(brokenPng, readFileSync(pngs[0]!).subarray(0, 100));
  await assert.rejects(readFaceImages([brokenPng], CROP), (e: Error & { code: string }) => e.code === 'FORMAT' && e.message.startsWith(`${brokenPng}: not a readable PNG image`));
  const brokenJpeg = join(dir, 'broken.jpg');
  writeFileSync(brokenJpeg, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3]));
  await assert.rejects(readFaceImages([brokenJpeg], CROP), (e: Error & { code: string }) => e.code === 'FORMAT' && e.message.startsWith(`${brokenJpeg}: not a readable JPEG image`));
  const notVideo = join(dir, 'notes.avi');
  writeFileSync(notVideo, 'not a video');
  await assert.rejects(readFaceVideo(notVideo, CROP), (e: Error & { code: string }) => e.code === 'FORMAT' && e.message.startsWith(`${notVideo}: ffmpeg could not decode the video`));
  const small = join(dir, 'small.png');
  writeFileSync(small, encodeGrayPng(makeGrayImage(320, 245, new Float32Array(320 * 245).fill(90))));
  await assert.rejects(readFaceImages([pngs[0]!, small], CROP), { code: 'INPUT', message: `${small}: 320x245 pixels, expected 640x490 like ${pngs[0]}` });
  await assert.rejects(readFaceImages([], CROP), /no face images given; expected one or more PNG or JPEG files in time order/);
  await assert.rejects(readFaceImages(pngs, { ...CROP, frames: 'centred', centre: 12 }), { message: `${pngs[0]}: centre frame 12 is beyond the last frame (12 frames, 0-based 0..11)` });
  await assert.rejects(readFaceVideo(video, { ...CROP, frames: 'centred', centre: 40 }), { message: `${video}: centre frame 40 is beyond the last frame (12 frames, 0-based 0..11)` });
  await assert.rejects(readFaceImages(pngs, { ...CROP, centre: 2 }), /a centre frame \(2\) only applies to the 'centred' frame selection, not 'last'/);
  await assert.rejects(readFaceImages(pngs, { ...CROP, frames: 'random' as 'last' }), /unknown face frame selection 'random'/);
});

test('face checkpoints: the recorded config comes back and shapes the input; other checkpoints are refused with the reason', async () => {
  const cfg = faceConfig({ T: 4 });
  const model = new StrnnModel(makeConfig({ T: 4, dIn: 64, C: 3, dS: 4, kS: 2, dT: 4, kT: 2 }), faceMontage(cfg), { backend: referenceBackend(), maxBatch: 2 });
  model.initialize(3);
  const face = join(dir, 'face-model');
  saveCheckpoint(face, model, { classNames: ['happy', 'sad', 'surprise'], info: { face: faceCheckpointInfo(cfg, { dataset: 'ckplus', alignment: 'landmark files' }) } });
  const ckpt = loadCheckpoint(face, referenceBackend());
  const info = faceConfigFromCheckpoint(ckpt, face);
  assert.deepEqual(info, { preprocess: cfg, dataset: 'ckplus', alignment: 'landmark files' });
  const input = await readFaceVideo(video, { ...CROP, preprocess: info.preprocess });
  assert.deepEqual(input.frames, [8, 9, 10, 11]);
  const probs = predictProbabilities(ckpt, input.data, 1);
  assert.equal(probs.length, 3);
  assert.ok(probs.every((p) => p > 0 && p < 1));
  assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-5);

  const plain = join(dir, 'grid-model');
  saveCheckpoint(plain, model, { classNames: ['a', 'b', 'c'], info: { source: 'strnn train' } });
  assert.throws(() => faceConfigFromCheckpoint(loadCheckpoint(plain, referenceBackend()), plain), {
    code: 'CHECKPOINT', message: `${plain}: not a face model (model.json records no face preprocessing in info.face; this model takes T x N x d_in = 4 x 64 x 64 samples)`,
  });
  const wrongT = join(dir, 'wrong-t');
  saveCheckpoint(wrongT, model, { classNames: ['a', 'b', 'c'], info: { face: faceCheckpointInfo(faceConfig()) } });
  assert.throws(() => faceConfigFromCheckpoint(loadCheckpoint(wrongT, referenceBackend()), wrongT), { message: `${wrongT}: info.face does not match the model: T = 9 frames but the model has T = 4` });
  const eeg = new StrnnModel(makeConfig({ T: 4, dIn: 5, C: 3, dS: 4, kS: 2, dT: 4, kT: 2 }), gridMontage(3, 3), { backend: referenceBackend(), maxBatch: 2 });
  const eegDir = join(dir, 'eeg');
  saveCheckpoint(eegDir, eeg, { classNames: ['a', 'b', 'c'], info: { face: { preprocess: { ...cfg, normalize: 'sometimes' } } } });
  assert.throws(() => faceConfigFromCheckpoint(loadCheckpoint(eegDir, referenceBackend()), eegDir), (e: Error) => e.message.startsWith(`${eegDir}: info.face.preprocess.normalize:`));
});

test('bundled detector on a real photograph (JPEG): eyes found on the single image, every slice the same aligned face', async () => {
  const photo = join(faceApiPackageDir()!, 'demo', 'sample1.jpg');
  const detector = createFaceApiDetector();
  const got = await readFaceImages([photo], { detector });
  assert.deepEqual([got.alignment, got.landmarkFrame, got.framesSearched, got.frames], ['landmarks', 0, 1, Array(9).fill(0)]);
  const gray = readGrayImageFile(photo);
  const eyes = eyeCentres((await detector.detect(gray))!);
  assert.deepEqual(got.data, sequenceFeatures(Array(9).fill(gray), Array(9).fill(eyes), faceConfig()));
  for (let t = 1; t < 9; t++) assert.deepEqual(got.data.subarray(t * 4096, (t + 1) * 4096), got.data.subarray(0, 4096));
});

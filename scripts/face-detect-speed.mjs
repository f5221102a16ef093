// Times strnn's face landmark detector (src/face/face-api-detector.ts) on a 720x576 gray frame, the
// size of MMI's videos, cut around the main face of face-api's sample1.jpg. Run after npm run build:
//   node scripts/face-detect-speed.mjs [ssd-mobilenet-v1|tiny-face-detector] [runs]
import { join } from 'node:path';
import { createFaceApiDetector, faceApiPackageDir } from '../dist/src/face/face-api-detector.js';
import { makeGrayImage } from '../dist/src/face/gray-image.js';
import { readGrayImageFile } from '../dist/src/face/image-file.js';
import { warpAffine } from '../dist/src/face/warp.js';

const net = process.argv[2] ?? 'ssd-mobilenet-v1';
const runs = Number(process.argv[3] ?? 10);
const photo = readGrayImageFile(join(faceApiPackageDir(), 'demo', 'sample1.jpg'));
const detector = createFaceApiDetector({ net });
let t = performance.now();
const face = await detector.detectFace(photo);
console.log(`${detector.id}\nfirst call (TensorFlow.js + weights load, ${photo.width}x${photo.height} photo): ${(performance.now() - t).toFixed(0)} ms`);
const cx = face.box.x + face.box.width / 2, cy = face.box.y + face.box.height / 2;
const frame = makeGrayImage(720, 576, warpAffine(photo, { a: 1, b: 0, c: 0, d: 1, tx: cx - 360, ty: cy - 288 }, 720, 576, { samples: 1 }));
const times = [];
for (let r = 0; r < runs; r++) {
  t = performance.now();
  if (!(await detector.detect(frame))) throw new Error('no face found in the 720x576 frame');
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(`720x576 frame, ${runs} runs: min ${times[0].toFixed(1)} ms, median ${times[runs >> 1].toFixed(1)} ms`);

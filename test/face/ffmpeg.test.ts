import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { withTempDir } from '../helpers.js';
import { decodeVideoGray, encodeVideoGray, findFfmpeg, parseVideoSize, requireFfmpeg } from '../../src/face/ffmpeg.js';
import { makeGrayImage } from '../../src/face/gray-image.js';

test('ffmpeg: frame size from the decoded stream line of the log', () => {
  const log = [
    '  Stream #0:0: Video: ffv1 (FFV1 / 0x31564646), gray, 720x576, 25 fps',
    'Output #0, rawvideo, to \'pipe:\':',
    '    Stream #0:0: Video: rawvideo (Y800 / 0x30303859), gray, 360x288, q=2-31, 2073 kb/s, 25 fps',
  ].join('\n');
  assert.deepEqual(parseVideoSize(log), { width: 360, height: 288 });
  assert.equal(parseVideoSize('no streams here'), undefined);
});

test('ffmpeg: a missing binary is a clear error saying how to get one', () => {
  assert.equal(findFfmpeg('/nonexistent/ffmpeg'), undefined);
  assert.throws(() => requireFfmpeg('/nonexistent/ffmpeg'), (e: Error & { code?: string; hint?: string }) => {
    assert.equal(e.code, 'NOT_FOUND');
    assert.equal(e.message, 'ffmpeg binary /nonexistent/ffmpeg does not exist or is not executable');
    assert.match(e.hint!, /apt-get install ffmpeg.*npm install @ffmpeg-installer\/ffmpeg/);
    return true;
  });
});

test('ffmpeg: gray frames survive a lossless .avi round trip exactly', { skip: findFfmpeg() === undefined ? 'no ffmpeg binary' : false }, async () => {
  await withTempDir(async (dir) => {
    const frames = [0, 1, 2].map((k) => makeGrayImage(16, 8, Float32Array.from({ length: 128 }, (_, i) => (i * 7 + k * 50) % 256)));
    const path = join(dir, 'clip.avi');
    await encodeVideoGray(frames, path);
    const back = await decodeVideoGray(path);
    assert.equal(back.length, 3);
    back.forEach((f, k) => {
      assert.deepEqual([f.width, f.height], [16, 8]);
      assert.deepEqual([...f.data], [...frames[k]!.data]);
    });
    await assert.rejects(decodeVideoGray(join(dir, 'missing.avi')), { message: `${join(dir, 'missing.avi')}: video file does not exist` });
  });
});

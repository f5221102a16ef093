import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eyeCentres, formatLandmarks, parseLandmarks, type Point } from '../../src/face/landmarks.js';

const points: Point[] = Array.from({ length: 68 }, (_, i) => ({ x: 100 + i, y: 200 + 2 * i }));

test('landmarks: CK+ text (scientific notation, leading spaces) parses to the written points', () => {
  const text = formatLandmarks(points);
  assert.match(text.split('\n')[0]!, /^ {3}1\.0000000e\+2 {3}2\.0000000e\+2$/);
  assert.deepEqual(parseLandmarks(text, 'x_landmarks.txt'), points);
  assert.deepEqual(parseLandmarks('   2.5e+01\t  3.75e+01  \r\n'.repeat(68), 'crlf.txt')[67], { x: 25, y: 37.5 });
});

test('landmarks: eye centres are the means of points 36-41 and 42-47 (0-based)', () => {
  const eyes = eyeCentres(points);
  // closed form: mean of 100+i over i = 36..41 is 138.5, of 200+2i is 277
  assert.deepEqual(eyes.left, { x: 138.5, y: 277 });
  assert.deepEqual(eyes.right, { x: 144.5, y: 289 });
});

test('landmarks: wrong line count or a bad line is refused naming the file and line', () => {
  assert.throws(() => parseLandmarks('1 2\n'.repeat(67), 'a_landmarks.txt'), { message: 'a_landmarks.txt: expected 68 landmark lines "x y", found 67' });
  const bad = '1 2\n'.repeat(10) + '3 x\n' + '1 2\n'.repeat(57);
  assert.throws(() => parseLandmarks(bad, 'b_landmarks.txt'), { message: 'b_landmarks.txt: line 11: expected two numbers "x y", found "3 x"' });
  assert.throws(() => parseLandmarks('1 2 3\n'.repeat(68), 'c.txt'), { message: 'c.txt: line 1: expected two numbers "x y", found "1 2 3"' });
});

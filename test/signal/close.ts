// Tolerance check shared by the signal tests: |actual − expected| ≤ rel·|expected| + absFloor for
// every element, reporting the first mismatches. Each caller states why its floor is what it is.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repoPath } from '../helpers.js';

/** 1e-6 relative: the project's bar for float64 agreement with scipy. */
export const REL = 1e-6;

export function assertAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  absFloor: number,
  what: string,
  rel = REL,
): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const bad: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    if (!(Math.abs(a - e) <= rel * Math.abs(e) + absFloor)) {
      if (bad.length < 5) bad.push(`[${i}] got ${a}, expected ${e}`);
      else break;
    }
  }
  assert.equal(bad.length, 0, `${what}: ${bad.join('; ')}`);
}

/** Largest |value| of an array, for floors relative to a signal's scale. */
export function maxAbs(xs: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < xs.length; i++) m = Math.max(m, Math.abs(xs[i]!));
  return m;
}

export function readSignalFixture<T>(name: string): T {
  return JSON.parse(readFileSync(repoPath('test', 'fixtures', 'signal', name), 'utf8')) as T;
}

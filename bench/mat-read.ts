// Timing for the MAT reader on a SEED-raw-like file: 15 variables `sub_eeg1..15` of 62 x 47001
// doubles (235 s at 200 Hz, ~350 MB of doubles), written compressed by our writer, then opened
// (lazy index) and read variable by variable. Values mimic EEG: a random walk in µV rounded to
// 0.01, so zlib finds some but not much redundancy, as in the real files.
//
// Run: npx tsc -p tsconfig.json && node dist/bench/mat-read.js [samples=47001] [level=1]

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matNumeric, openMat, readNumeric, writeMat, type MatValue } from '../src/formats/mat/index.js';
import { Rng } from '../src/util/random.js';

const CHANNELS = 62;
const TRIALS = 15;
const samples = Number(process.argv[2] ?? 47001);
const level = Number(process.argv[3] ?? 1);

const dir = mkdtempSync(join(tmpdir(), 'strnn-mat-bench-'));
try {
  const rng = new Rng(1);
  const vars: Record<string, MatValue> = {};
  for (let t = 1; t <= TRIALS; t++) {
    const data = new Float64Array(CHANNELS * samples);
    for (let c = 0; c < CHANNELS; c++) {
      let v = 0;
      for (let s = 0; s < samples; s++) {
        v = 0.98 * v + 5 * (rng.next() - 0.5);
        data[c + CHANNELS * s] = Math.round(v * 100) / 100;
      }
    }
    vars[`sub_eeg${t}`] = matNumeric(data, [CHANNELS, samples]);
  }
  const path = join(dir, 'seed-like.mat');
  let t0 = performance.now();
  writeMat(path, vars, { compress: true, level });
  const writeMs = performance.now() - t0;
  // Keep only the last sample of each trial, so the generated 350 MB is garbage before timing.
  const expected = Object.values(vars).reduce((a, v) => a + Number((v as { real: Float64Array }).real.at(-1)), 0);
  for (const name of Object.keys(vars)) delete vars[name];
  const fileMB = statSync(path).size / 1e6;
  const rawMB = (TRIALS * CHANNELS * samples * 8) / 1e6;

  t0 = performance.now();
  const mat = await openMat(path);
  const openMs = performance.now() - t0;
  let checksum = 0;
  for (const name of mat.names()) {
    // Each array is dropped after use, as a loader that windows one trial at a time would.
    const { data } = readNumeric(mat, name, [CHANNELS, samples]);
    checksum += data[data.length - 1]!;
  }
  const totalMs = performance.now() - t0;
  if (checksum !== expected) throw new Error(`checksum ${checksum} != ${expected}`);
  console.log(`file: ${TRIALS} x ${CHANNELS} x ${samples} doubles = ${rawMB.toFixed(1)} MB raw, ${fileMB.toFixed(1)} MB compressed (zlib level ${level}), written in ${writeMs.toFixed(0)} ms`);
  console.log(`open (index ${mat.names().length} variables): ${openMs.toFixed(1)} ms`);
  console.log(`open + read all: ${totalMs.toFixed(0)} ms (${(rawMB / (totalMs / 1000)).toFixed(0)} MB/s of doubles)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

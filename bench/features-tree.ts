// Speed of `strnn features` on one full-length SEED session: 62 channels x 3394 s at 200 Hz in 15
// trials of SEED's durations (200·T + 1 samples each), stored like the real Preprocessed_EEG files
// (zlib-compressed doubles, variables <initials>_eeg1..15), to Gaussian DE with LDS (--kinds de
// --smoothing lds), and to everything SEED ships (de + psd, movingAve + LDS).
//
// SEED's reader wants a subject's three sessions, so the bench writes three files with the same
// trials (values: an EEG-like random walk in µV rounded to 0.01; speed does not depend on them),
// runs the command once over all three, then touches one file: the resumed run recomputes exactly one
// session, and that run is the number reported (process start, reading, features, writing included).
//
// Run: npm run build && node dist/bench/features-tree.js [--jobs 2] [--keep DIR]
// Compare with: python3 bench/features_scipy.py (the same work on in-memory arrays with scipy)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { matNumeric, writeMat, type MatValue } from '../src/formats/mat/index.js';
import { seedLabelVars } from '../src/datasets/seed-feature-file.js';
import { SEED_TRIAL_SECONDS } from '../src/datasets/seed-facts.js';
import { Rng } from '../src/util/random.js';

const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const jobs = Number(flag('--jobs') ?? availableParallelism());
const keep = flag('--keep');
const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.js');
const C = 62;
const FS = 200;
const FILES = ['1_20131027.mat', '1_20131030.mat', '1_20131107.mat'];

const root = keep ?? mkdtempSync(join(tmpdir(), 'strnn-features-bench-'));
const input = join(root, 'SEED', 'Preprocessed_EEG');

function writeInput(): void {
  if (FILES.every((f) => existsSync(join(input, f)))) return;
  const t0 = performance.now();
  const rng = new Rng(1);
  const vars: Record<string, MatValue> = {};
  SEED_TRIAL_SECONDS.forEach((sec, i) => {
    const n = FS * sec + 1;
    const data = new Float64Array(C * n);
    for (let c = 0; c < C; c++) {
      let v = 0;
      for (let s = 0; s < n; s++) {
        v = 0.98 * v + 20 * (rng.next() - 0.5);
        data[c + C * s] = Math.round(v * 100) / 100;
      }
    }
    vars[`djc_eeg${i + 1}`] = matNumeric(data, [C, n]);
  });
  for (const f of FILES) writeMat(join(input, f), vars, { compress: true, level: 1 });
  writeMat(join(input, 'label.mat'), seedLabelVars());
  console.log(`input: 3 files of ${(statSync(join(input, FILES[0]!)).size / 1e6).toFixed(0)} MB (62 x ${SEED_TRIAL_SECONDS.reduce((a, b) => a + b, 0)} s at 200 Hz, compressed) written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

function run(out: string, extra: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'features', '--input', join(root, 'SEED'), '--out', out, '--jobs', String(jobs), ...extra], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`strnn features failed: ${r.stderr}`);
  return (performance.now() - t0) / 1000;
}

function oneSession(label: string, out: string, extra: string[]): void {
  const all = run(out, extra);
  const touched = join(input, FILES[1]!);
  const later = new Date(statSync(touched).mtimeMs + 1000);
  utimesSync(touched, later, later);
  const one = run(out, extra);
  console.log(`strnn features ${extra.join(' ')} --jobs ${jobs}: one session (3394 windows x 62 x 5) in ${one.toFixed(2)} s` +
    ` (three sessions from scratch: ${all.toFixed(1)} s) [${label}]`);
}

try {
  writeInput();
  oneSession('DE + LDS', join(root, 'out-de-lds'), ['--kinds', 'de', '--smoothing', 'lds']);
  oneSession('all SEED ships', join(root, 'out-all'), []);
  const py = spawnSync('python3', [resolve(dirname(CLI), '..', '..', '..', 'bench', 'features_scipy.py')], { encoding: 'utf8' });
  console.log(py.status === 0 ? py.stdout.trim() : `scipy baseline not run (${(py.stderr || String(py.error)).trim().split('\n').at(-1)})`);
} finally {
  if (!keep) rmSync(root, { recursive: true, force: true });
}

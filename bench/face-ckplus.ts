// Measures the face pipeline on a synthetic CK+ tree: tree writing, preprocessing time per frame
// (cache off, then a cached reload), and face-10fold accuracy and wall time of STRNN.
//
//   node dist/bench/face-ckplus.js [--root DIR] [--real-size | --subjects N --sequences K] [--epochs E]
//        [--folds F] [--threads P] [--frames MIN,MAX] [--seed S] [--dims small|default]
//
// The tree is written to DIR (default: a fresh temp folder) unless DIR already holds one.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backendFactory } from '../src/kernels/factory.js';
import { loadCkPlusTrials } from '../src/datasets/ckplus.js';
import { CKPLUS_CLASSES } from '../src/datasets/ckplus-facts.js';
import { writeSyntheticFaces } from '../src/synthetic/faces.js';
import { faceMontage } from '../src/face/preprocess.js';
import { faceTenFold } from '../src/protocols/face-10fold.js';
import { runProtocol } from '../src/protocols/run-protocol.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const realSize = process.argv.includes('--real-size');
const ownRoot = arg('root') === undefined;
const root = arg('root') ?? join(mkdtempSync(join(tmpdir(), 'strnn-face-bench-')), 'ckplus');
const epochs = Number(arg('epochs') ?? 10);
const folds = Number(arg('folds') ?? 10);
const threads = Number(arg('threads') ?? 1);
const seed = Number(arg('seed') ?? 1);
const frames = (arg('frames') ?? '10,16').split(',').map(Number) as [number, number];
const small = arg('dims') === 'small';

const log = (s: string) => process.stderr.write(`${s}\n`);

if (!existsSync(join(root, 'Emotion'))) {
  const t0 = performance.now();
  const summary = await writeSyntheticFaces('ckplus', root, realSize
    ? { preset: 'real-size', seed, frames }
    : { subjects: Number(arg('subjects') ?? 20), sequencesPerSubject: Number(arg('sequences') ?? 7), seed, frames });
  const s = (performance.now() - t0) / 1000;
  log(`wrote ${summary.labelled} labelled sequences of ${summary.subjects} subjects (${summary.frames} frames) in ${s.toFixed(1)} s ` +
    `(${((1000 * s) / summary.frames).toFixed(1)} ms per written frame); class counts ${summary.classCounts.join(' ')}`);
}

const t1 = performance.now();
const trials = await loadCkPlusTrials(root, { cache: false });
const loadSeconds = (performance.now() - t1) / 1000;
const T = trials[0]!.windows;
const perFrameMs = (1000 * loadSeconds) / (trials.length * T);
log(`preprocessed ${trials.length} sequences x ${T} frames in ${loadSeconds.toFixed(1)} s: ${perFrameMs.toFixed(2)} ms per frame (decode + landmarks + align + warp + normalise + patches)`);
const stats = { hits: 0, misses: 0 };
await loadCkPlusTrials(root, { stats });
const t2 = performance.now();
await loadCkPlusTrials(root, { stats });
const cachedSeconds = (performance.now() - t2) / 1000;
log(`cached reload: ${cachedSeconds.toFixed(2)} s (${stats.hits} hits, ${stats.misses} misses over two loads)`);

const backend = await backendFactory('auto');
const model = small ? { T, dIn: 64, C: 7, dS: 8, kS: 4, dT: 8, kT: 3 } : { T, dIn: 64, C: 7 };
const t3 = performance.now();
const result = runProtocol(trials, faceTenFold({ folds, seed }), [...CKPLUS_CLASSES], {
  montage: faceMontage(), backend, model, train: { epochs, seed, patience: 0 }, valFraction: 0, seed, threads,
}, { onUnitStart: (u, i, n) => log(`${u.id} (${i + 1}/${n}): ${u.train.length} train / ${u.test.length} test sequences`) });
const wall = (performance.now() - t3) / 1000;
const tested = result.units.reduce((s, u) => s + u.testSamples, 0);
const pooled = result.units.reduce((s, u) => s + u.accuracy * u.testSamples, 0) / tested;
console.log(JSON.stringify({
  sequences: trials.length, subjects: new Set(trials.map((t) => t.subject)).size, T, backend: backend.name, threads, epochs,
  model: small ? 'small' : 'default', folds,
  accuracy: { pooled, foldMean: result.summary.accuracy.mean, foldStd: result.summary.accuracy.std }, macroF1: result.summary.macroF1.mean,
  chance: 1 / 7, wallSeconds: wall, preprocessMsPerFrame: perFrameMs, cachedReloadSeconds: cachedSeconds,
}, null, 2));
if (ownRoot && !process.argv.includes('--keep')) rmSync(join(root, '..'), { recursive: true, force: true });

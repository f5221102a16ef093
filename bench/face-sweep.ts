// A small measured sweep of the face training settings (epochs, patience, learning rate, batch size,
// validation share) on a CK+ tree, under the face-10fold protocol exactly as `strnn experiment` runs
// it (runUnit: subject hold-out validation, normalisation from the training part), plus the linear
// baseline of face-logreg.ts on the same folds. Screening runs only the first --folds-run folds of
// the 10 to save time; a confirmation run takes all 10.
//
//   node dist/bench/face-sweep.js --root DIR [--folds-run K] [--threads P] [--logreg]
//        [--setting epochs=60,patience=0,lr=0.001,batch=32,val=0.2 ...]
//
// Prints one JSON line per setting: the per-fold accuracies, their pooled accuracy (correct / tested)
// and the wall time.
import { loadCkPlusTrials } from '../src/datasets/ckplus.js';
import { CKPLUS_CLASSES } from '../src/datasets/ckplus-facts.js';
import { faceMontage } from '../src/face/preprocess.js';
import { backendFactory } from '../src/kernels/factory.js';
import { faceTenFold } from '../src/protocols/face-10fold.js';
import { runUnit } from '../src/protocols/run-unit.js';
import { logRegAccuracy } from './face-logreg.js';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const settings = argv.flatMap((a, i) => (a === '--setting' ? [argv[i + 1]!] : []));
const root = arg('root');
if (!root) throw new Error('--root DIR (a CK+ tree) is required');
const foldsRun = Number(arg('folds-run') ?? 10);
const threads = Number(arg('threads') ?? 1);

const trials = await loadCkPlusTrials(root);
const units = faceTenFold({ folds: 10, seed: 1 }).units(trials).slice(0, foldsRun);
const C = CKPLUS_CLASSES.length;
const pooled = (accs: number[]) => accs.reduce((s, a, i) => s + a * units[i]!.test.length, 0) / units.reduce((s, u) => s + u.test.length, 0);

if (argv.includes('--logreg')) {
  const t0 = performance.now();
  const accs = units.map((u) => logRegAccuracy(u.train, u.test, C));
  console.log(JSON.stringify({ setting: 'logistic regression, apex frame', folds: accs.map((a) => +a.toFixed(4)), pooled: +pooled(accs).toFixed(4), seconds: +((performance.now() - t0) / 1000).toFixed(1) }));
}

const backend = await backendFactory('auto');
for (const s of settings) {
  const p = Object.fromEntries(s.split(',').map((kv) => kv.split('=')).map(([k, v]) => [k!, Number(v)]));
  const t0 = performance.now();
  const results = units.map((u) => runUnit(u, {
    montage: faceMontage(), backend, model: { T: u.train[0]!.windows, dIn: 64, C },
    train: { epochs: p.epochs ?? 30, patience: p.patience ?? 5, learningRate: p.lr ?? 1e-3, batchSize: p.batch ?? 32, seed: 1 },
    valFraction: p.val ?? 0.2, seed: 1, threads,
  }).result);
  const accs = results.map((r) => r.accuracy);
  console.log(JSON.stringify({
    setting: s, folds: accs.map((a) => +a.toFixed(4)), pooled: +pooled(accs).toFixed(4),
    bestEpochs: results.map((r) => r.bestEpoch), epochsRun: results.map((r) => r.curves.length), seconds: +((performance.now() - t0) / 1000).toFixed(1),
  }));
}

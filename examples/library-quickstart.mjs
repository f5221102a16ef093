// The README's library example, runnable: node examples/library-quickstart.mjs (after npm run build).
import {
  SEED_62, backendFactory, syntheticSeedTrials, seedSubjectDependent,
  runProtocol, formatExperiment, windowTrials, saveCheckpoint, loadCheckpoint, predictProbabilities,
  spatialSalience, SEED_CLASSES,
} from 'strnn';

// Run a protocol on trials (here synthetic; the dataset loaders return the same FeatureTrial shape).
const trials = syntheticSeedTrials({ subjects: 2, sessions: 1, durationScale: 0.25, seed: 1 });
const backend = await backendFactory('auto'); // WebAssembly SIMD, or the reference kernels
const result = runProtocol(trials, seedSubjectDependent(), [...SEED_CLASSES], {
  montage: SEED_62, backend, model: {}, train: { epochs: 3, seed: 1 }, valFraction: 0.2, seed: 1,
}, { onUnitDone: (unit, r, model, normalization) => saveCheckpoint(`models/${r.id.replace(/\W+/g, '-')}`, model, { classNames: [...SEED_CLASSES], normalization }) });
console.log(formatExperiment(result));

// Inference with a saved model on new samples (B x T x N x d_in, raw features).
const ckpt = loadCheckpoint('models/subject-1-session-1', backend.create());
const x = windowTrials(trials.slice(9, 10), { T: 9 });
const probs = predictProbabilities(ckpt, x.x, x.count); // count x C
console.log('first sample:', Array.from(probs.subarray(0, 3)));
console.log('electrode salience:', spatialSalience(ckpt.model)); // one value per electrode, from |G_r|

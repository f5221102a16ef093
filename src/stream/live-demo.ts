// The pieces of `strnn live --demo`: synthetic raw EEG with planted emotion blocks (SEED-shaped:
// 62 channels at 200 Hz, the three SEED classes; src/synthetic/raw.ts turns the planted DE
// targets of synthetic-seed.ts into signals), a model trained on the fly on causal features of the
// first nine blocks, and a stream of the remaining six blocks with their planted labels.
import { plantedEeg } from '../synthetic/raw.js';
import { syntheticSeedTrials } from '../synthetic/seed.js';
import { SEED_CLASSES, SEED_FS_HZ } from '../datasets/seed-facts.js';
import type { FeatureTrial } from '../datasets/types.js';
import type { LoadedCheckpoint } from '../formats/checkpoint.js';
import type { BackendFactory } from '../kernels/factory.js';
import { SEED_62 } from '../montage/seed62.js';
import { SEED_CHANNELS } from '../montage/seed62.js';
import { runUnit } from '../protocols/run-unit.js';
import { SEED_BANDS } from '../signal/bands.js';
import { computeCausalFeatures } from '../signal/causal-features.js';
import { causalFeaturePipeline, causalSettingsFromPipeline } from '../signal/causal-pipeline.js';
import { Rng } from '../util/random.js';

export interface DemoBlock {
  label: string;
  startSec: number;
  endSec: number;
}

export interface LiveDemoData {
  checkpoint: LoadedCheckpoint;
  /** Offline accuracy of the model on the stream's blocks (causal features, the same windows). */
  offlineAccuracy: number;
  /** The stream: C x S row-major µV, 62 SEED channels at 200 Hz. */
  stream: Float64Array;
  labels: readonly string[];
  fsHz: number;
  blocks: DemoBlock[];
  trainSeconds: number;
}

export interface LiveDemoOptions {
  seed: number;
  backend: BackendFactory;
  /** Multiplies the synthetic trial lengths (default 0.1: blocks of 18-26 s). */
  durationScale?: number;
  epochs?: number;
}

export function makeLiveDemo(o: LiveDemoOptions): LiveDemoData {
  const started = performance.now();
  const trials = syntheticSeedTrials({ subjects: 1, sessions: 1, durationScale: o.durationScale ?? 0.1, signal: 2, seed: o.seed });
  const rng = new Rng(o.seed + 7);
  const pipeline = causalFeaturePipeline(SEED_CHANNELS, [SEED_FS_HZ]);
  const settings = causalSettingsFromPipeline(pipeline);
  // Each block's raw EEG follows its planted DE targets; features are recomputed from the raw signal.
  const raw = trials.map((tr) => plantedEeg({
    de: tr.data, windows: tr.windows, channels: tr.nodes, bands: SEED_BANDS, levels: [22, 19.5, 17.5, 15, 13], amplitudeUv: [20, 12, 10, 6, 3],
    fsHz: SEED_FS_HZ, windowSamples: SEED_FS_HZ, samples: tr.windows * SEED_FS_HZ,
  }, rng));
  const causal = (tr: FeatureTrial, x: Float64Array): FeatureTrial => {
    const f = computeCausalFeatures(x, tr.nodes, SEED_FS_HZ, settings);
    return { ...tr, windows: f.windows, data: Float32Array.from(f.values.de!) };
  };
  const featureTrials = trials.map((tr, i) => causal(tr, raw[i]!));
  const { model, normalization, result } = runUnit({ id: 'demo', train: featureTrials.slice(0, 9), test: featureTrials.slice(9) }, {
    montage: SEED_62, backend: o.backend, model: { T: pipeline.T }, train: { epochs: o.epochs ?? 6, seed: o.seed }, valFraction: 0.2, seed: o.seed,
  });
  // The stream: the six test blocks back to back.
  const C = SEED_CHANNELS.length;
  const tests = raw.slice(9);
  const S = tests.reduce((a, x) => a + x.length / C, 0);
  const stream = new Float64Array(C * S);
  const blocks: DemoBlock[] = [];
  let at = 0;
  tests.forEach((x, k) => {
    const n = x.length / C;
    for (let c = 0; c < C; c++) stream.set(x.subarray(c * n, (c + 1) * n), c * S + at);
    blocks.push({ label: SEED_CLASSES[trials[9 + k]!.label]!, startSec: at / SEED_FS_HZ, endSec: (at + n) / SEED_FS_HZ });
    at += n;
  });
  return {
    checkpoint: { model, classNames: [...SEED_CLASSES], normalization, features: pipeline },
    offlineAccuracy: result.accuracy, stream, labels: SEED_CHANNELS, fsHz: SEED_FS_HZ, blocks, trainSeconds: (performance.now() - started) / 1000,
  };
}

/** The planted label at stream time t (seconds from the stream start). */
export function plantedLabelAt(blocks: readonly DemoBlock[], tSec: number): string | undefined {
  return blocks.find((b) => tSec >= b.startSec && tSec < b.endSec)?.label;
}

// Scenarios written once and run both in Node and in Chromium (test/stream/browser-live.test.ts):
// one live run (seeded raw EEG in seeded chunk sizes through LivePipeline: causal features on the
// WebAssembly filter bank, a seeded model on the WebAssembly kernels), and the seeded generator's and
// det-math's numbers. Imports only browser-safe modules.
import { isWasmSimdSupported, wasmBackend } from '../../src/kernels/wasm/index.js';
import { makeConfig } from '../../src/model/config.js';
import { StrnnModel } from '../../src/model/model.js';
import { gridMontage } from '../../src/montage/montage.js';
import { causalFeaturePipeline, causalSettingsFromPipeline } from '../../src/signal/causal-pipeline.js';
import { LivePipeline } from '../../src/stream/live-pipeline.js';
import { detCos, detExp, detHypot, detLog, detPow, detSin, detTan } from '../../src/util/det-math.js';
import { Rng } from '../../src/util/random.js';

export interface LiveScenarioResult {
  /** Each valid window's features (float64, node order), as the pipeline hands them to the model. */
  features: number[][];
  /** Each prediction's window and class probabilities. */
  predictions: { window: number; probabilities: number[] }[];
  /** Whether this engine runs the WebAssembly kernels (the filter bank's and the model's). */
  wasm: boolean;
}

export async function liveScenario(): Promise<LiveScenarioResult> {
  const fs = 250, labels = ['F3', 'Fz', 'F4', 'C3', 'C4', 'P3', 'Pz', 'P4'], S = 24 * fs;
  const montage = gridMontage(2, 4);
  const model = new StrnnModel(makeConfig({ T: 3, dIn: 5, C: 3, dS: 6, kS: 3, dT: 5, kT: 2 }), montage, { backend: await wasmBackend(), maxBatch: 2 });
  model.initialize(7);
  const features = causalFeaturePipeline(labels, [fs], { T: 3 });
  const checkpoint = { model, classNames: ['a', 'b', 'c'], normalization: { mean: new Float32Array(40).fill(2.5), std: new Float32Array(40).fill(1.5) }, features };
  const out: LiveScenarioResult = { features: [], predictions: [], wasm: isWasmSimdSupported() };
  const live = new LivePipeline({
    checkpoint, settings: causalSettingsFromPipeline(features), channels: labels,
    stream: { name: 'scenario', type: 'EEG', fsHz: fs, channelCount: labels.length, labels },
    onFeatures: (_w, values) => out.features.push(Array.from(values)),
  });
  const rng = new Rng(21);
  const frames = new Float32Array(S * labels.length);
  for (let i = 0; i < frames.length; i++) frames[i] = 25 * rng.normal() + 40 * Math.sin(i / labels.length / 9);
  for (let i = 0; i < S;) {
    const n = Math.min(S - i, 1 + rng.int(400));
    for (const e of live.push({ data: frames.subarray(i * labels.length, (i + n) * labels.length), frames: n })) {
      if (e.kind === 'prediction') out.predictions.push({ window: e.window, probabilities: ['a', 'b', 'c'].map((c) => e.probabilities[c]!) });
    }
    i += n;
  }
  return out;
}

/** Seeded uniforms, normals and a shuffle, and det-math on 5000 arguments spread over (0, 50]. */
export function seededNumbers(): Record<string, number[]> {
  const rng = new Rng(99);
  const uniform = Array.from({ length: 2000 }, () => rng.next());
  const normal = Array.from({ length: 2000 }, () => rng.normal());
  const order = Array.from({ length: 200 }, (_, i) => i);
  rng.shuffle(order);
  const xs = Array.from({ length: 5000 }, (_, i) => 1e-3 + (50 * (i * 0.6180339887498949 % 1)));
  return {
    uniform, normal, order,
    log: xs.map(detLog), exp: xs.map((x) => detExp(x / 10)), sin: xs.map(detSin), cos: xs.map(detCos), tan: xs.map(detTan),
    pow: xs.map((x) => detPow(x, 0.37)), hypot: xs.map((x) => detHypot(x, 1 / x)),
  };
}

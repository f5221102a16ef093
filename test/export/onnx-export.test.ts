// ONNX export checked against a real runtime: onnxruntime-web (ONNX Runtime's WebAssembly build, run
// under Node) loads the exported bytes and must give strnn's own predictProbabilities and logits
// within 1e-5 on random inputs, for the SEED, DEAP-32 and face configs with tanh and ReLU. Where
// Debian's python3-onnx is installed (.ci/run installs it), the ONNX project's own checker validates
// each file and its reader decodes the metadata.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { exportOnnx, buildOnnx } from '../../src/export/onnx-export.js';
import { onnxModelType } from '../../src/export/onnx-proto.js';
import { loadCheckpoint, saveCheckpoint, type CheckpointMeta, type LoadedCheckpoint } from '../../src/formats/checkpoint.js';
import { predictProbabilities } from '../../src/eval/predict.js';
import { createBackend } from '../../src/kernels/select.js';
import { makeConfig, type StrnnConfigInput } from '../../src/model/config.js';
import { StrnnModel } from '../../src/model/model.js';
import { DEAP_32 } from '../../src/montage/deap32.js';
import type { Montage } from '../../src/montage/montage.js';
import { SEED_62, SEED_CHANNELS } from '../../src/montage/seed62.js';
import { buildSweeps, levelCount } from '../../src/montage/sweeps.js';
import { faceConfig, faceMontage } from '../../src/face/preprocess.js';
import { faceCheckpointInfo } from '../../src/face/face-checkpoint.js';
import { CKPLUS_CLASSES } from '../../src/datasets/ckplus-facts.js';
import { SEED_BANDS } from '../../src/signal/bands.js';
import type { FeaturePipeline } from '../../src/signal/feature-pipeline.js';
import { StrnnError } from '../../src/util/errors.js';
import { Rng } from '../../src/util/random.js';
import { withTempDir } from '../helpers.js';

// The runtime's float32 kernels sum in another order than strnn's (blocked MatMul, fused adds), so
// values differ by float32 rounding only: measured up to 1.0e-6 on probabilities (the bound is
// 1e-5) and 6.2e-6 on logits of magnitude ~10, hence 1e-4 for logits.
const TOLERANCE = 1e-5;

ort.env.wasm.numThreads = 1; // one thread: the test machine's cores are shared

const SEED_PIPELINE: FeaturePipeline = {
  version: 1, source: 'computed', channels: [...SEED_CHANNELS], trainingFsHz: [200], bands: SEED_BANDS.map((b) => ({ ...b })),
  windowSec: 1, strideSec: 1, feature: 'de', deMethod: 'gaussian', filterOrder: 4, filtering: 'zero-phase',
  smoothing: 'lds', movingAverageLength: 20, T: 9, sampleStride: 1,
};

interface Case {
  name: string;
  montage: Montage;
  config: StrnnConfigInput;
  meta: Omit<CheckpointMeta, 'normalization'>;
}

const CASES: Case[] = [
  { name: 'SEED 62 x 5, tanh', montage: SEED_62, config: {}, meta: { classNames: ['negative', 'neutral', 'positive'], features: SEED_PIPELINE } },
  { name: 'SEED 62 x 5, ReLU', montage: SEED_62, config: { spatialActivation: 'relu', temporalActivation: 'relu' }, meta: { classNames: ['negative', 'neutral', 'positive'] } },
  { name: 'DEAP 32 x 4, ReLU spatial / tanh temporal, T 6', montage: DEAP_32, config: { dIn: 4, C: 2, T: 6, spatialActivation: 'relu' }, meta: { classNames: ['low', 'high'] } },
  {
    name: 'face 8x8 patches x 64, tanh', montage: faceMontage(), config: { dIn: 64, C: 7 },
    meta: { classNames: [...CKPLUS_CLASSES], info: { face: faceCheckpointInfo(faceConfig(), { dataset: 'ckplus' }) } },
  },
  {
    // Diagonal-only neighbours, a node without predecessors after the first wavefront, gaps between
    // wavefronts and a single time slice: the graph's edge cases.
    name: 'sparse 3x3 montage, T 1', config: { T: 1, dIn: 2, C: 2, dS: 4, kS: 2, dT: 3, kT: 1 }, meta: { classNames: ['a', 'b'] },
    montage: { name: 'sparse', rows: 3, cols: 3, nodes: [{ name: 'A', row: 0, col: 0 }, { name: 'B', row: 0, col: 2 }, { name: 'C', row: 2, col: 2 }, { name: 'D', row: 1, col: 1 }] },
  },
  { name: 'face 8x8 patches x 64, ReLU', montage: faceMontage(), config: { dIn: 64, C: 7, dS: 12, kS: 5, spatialActivation: 'relu', temporalActivation: 'relu' }, meta: { classNames: [...CKPLUS_CLASSES] } },
];

/**
 * A checkpoint as a user has it: initialised, with the head scaled up so that probabilities are far
 * from uniform (a wrong graph then shows), random normalisation statistics, saved and loaded back.
 */
async function makeCheckpoint(c: Case, dir: string, seed: number): Promise<LoadedCheckpoint> {
  const cfg = makeConfig(c.config);
  const model = new StrnnModel(cfg, c.montage, { backend: await createBackend('auto'), maxBatch: 32 });
  model.initialize(seed);
  for (const name of ['head.P', 'head.c']) model.param(name).forEach((v, i, a) => (a[i] = 12 * v));
  const rng = new Rng(seed + 100);
  const size = c.montage.nodes.length * cfg.dIn;
  const normalization = {
    mean: Float32Array.from({ length: size }, () => rng.uniform(-3, 3)),
    std: Float32Array.from({ length: size }, () => rng.uniform(0.5, 2)),
  };
  saveCheckpoint(join(dir, 'model'), model, { ...c.meta, normalization });
  return loadCheckpoint(join(dir, 'model'), await createBackend('auto'));
}

/** Raw inputs around the normalisation's mean, B x T x N x dIn. */
function randomInput(ckpt: LoadedCheckpoint, batch: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const { T, dIn } = ckpt.model.config;
  const slice = ckpt.model.nodes * dIn;
  const x = new Float32Array(batch * T * slice);
  for (let i = 0; i < x.length; i++) x[i] = ckpt.normalization!.mean[i % slice]! + 2 * ckpt.normalization!.std[i % slice]! * rng.normal();
  return x;
}

/** strnn's logits for the same input (normalised as predictProbabilities does). */
function strnnLogits(ckpt: LoadedCheckpoint, x: Float32Array, batch: number): Float64Array {
  const input = Float32Array.from(x);
  const slice = ckpt.normalization!.mean.length;
  for (let i = 0; i < input.length; i++) input[i] = (input[i]! - ckpt.normalization!.mean[i % slice]!) / ckpt.normalization!.std[i % slice]!;
  ckpt.model.loadBatch(input, undefined, Array.from({ length: batch }, (_, b) => b));
  ckpt.model.forward();
  return ckpt.model.logits();
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

/** A python3 that imports Debian's onnx, or undefined (the pyenv python on PATH may not see /usr/lib/python3). */
function pythonWithOnnx(): string | undefined {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(python, ['-c', 'import onnx'], { encoding: 'utf8' });
    if (r.status === 0) return python;
  }
  return undefined;
}

const PYTHON = pythonWithOnnx();

// Checks the file with ONNX's checker (full_check runs strict shape inference too) and prints what
// the ONNX reader decoded, as JSON.
const PY_CHECK = `
import json, sys, onnx
m = onnx.load(sys.argv[1])
onnx.checker.check_model(m, full_check=True)
io = lambda v: [v.name] + [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]
print(json.dumps({
  "ir": m.ir_version, "opset": [[o.domain, o.version] for o in m.opset_import],
  "inputs": [io(v) for v in m.graph.input], "outputs": [io(v) for v in m.graph.output],
  "metadata": {p.key: p.value for p in m.metadata_props},
  "initializers": len(m.graph.initializer), "nodes": len(m.graph.node),
}))
`;

for (const [k, c] of CASES.entries()) {
  test(`ONNX Runtime gives strnn's probabilities and logits: ${c.name}`, async (t) => {
    await withTempDir(async (dir) => {
      const ckpt = await makeCheckpoint(c, dir, 11 + k);
      const { T, dIn, C } = ckpt.model.config;
      const N = ckpt.model.nodes;
      const bytes = exportOnnx(ckpt, { source: join(dir, 'model') });
      const session = await ort.InferenceSession.create(bytes);
      assert.deepEqual(session.inputNames, ['x']);
      assert.deepEqual([...session.outputNames].sort(), ['logits', 'probabilities']);
      // The batch dimension is symbolic: one model runs batches of 1 and of 7.
      for (const batch of [7, 1]) {
        const x = randomInput(ckpt, batch, 500 + k + batch);
        const out = await session.run({ x: new ort.Tensor('float32', x, [batch, T, N, dIn]) });
        const probabilities = out.probabilities!.data as Float32Array;
        const logits = out.logits!.data as Float32Array;
        assert.deepEqual(out.probabilities!.dims, [batch, C]);
        const expected = predictProbabilities(ckpt, x, batch);
        const dp = maxAbsDiff(probabilities, expected);
        const dl = maxAbsDiff(logits, strnnLogits(ckpt, x, batch));
        t.diagnostic(`batch ${batch}: max |Δp| = ${dp.toExponential(2)}, max |Δlogit| = ${dl.toExponential(2)}`);
        assert.ok(dp <= TOLERANCE, `probabilities differ by ${dp}`);
        assert.ok(dl <= TOLERANCE * 10, `logits differ by ${dl}`);
        if (batch === 7) {
          // The comparison means something only if the model is far from uniform on these inputs.
          assert.ok(Math.max(...expected) > 0.6, `max probability ${Math.max(...expected)}: the head scaling did not spread the classes`);
        }
      }

      if (!PYTHON) {
        t.diagnostic('python3-onnx is not installed (no python3 imports onnx): the ONNX checker assertion did not run');
        return;
      }
      const file = join(dir, 'model.onnx');
      writeFileSync(file, bytes);
      const r = spawnSync(PYTHON, ['-c', PY_CHECK, file], { encoding: 'utf8' });
      assert.equal(r.status, 0, `onnx.checker.check_model failed:\n${r.stderr}`);
      const seen = JSON.parse(r.stdout) as { ir: number; opset: [string, number][]; inputs: unknown[]; outputs: unknown[]; metadata: Record<string, string> };
      assert.equal(seen.ir, 7);
      assert.deepEqual(seen.opset, [['', 13]]);
      assert.deepEqual(seen.inputs, [['x', 'batch', T, N, dIn]]);
      assert.deepEqual(seen.outputs, [['probabilities', 'batch', C], ['logits', 'batch', C]]);
      assert.deepEqual(JSON.parse(seen.metadata.classNames!), ckpt.classNames);
      assert.deepEqual(JSON.parse(seen.metadata.montage!), { name: c.montage.name, rows: c.montage.rows, cols: c.montage.cols, nodes: c.montage.nodes });
      assert.deepEqual(JSON.parse(seen.metadata.config!), { ...ckpt.model.config });
      assert.deepEqual(seen.metadata.features && JSON.parse(seen.metadata.features), ckpt.features);
      assert.deepEqual(seen.metadata.face && JSON.parse(seen.metadata.face), ckpt.info?.face);
      assert.equal(JSON.parse(seen.metadata.input!).N, N);
    });
  });
}

test('graph: one Gather per wavefront, weights stored once, symbolic batch', async () => {
  await withTempDir(async (dir) => {
    const ckpt = await makeCheckpoint(CASES[0]!, dir, 3);
    const built = buildOnnx(ckpt);
    const decoded = onnxModelType().toObject(onnxModelType().decode(built.bytes), { longs: Number, bytes: Buffer }) as {
      graph: { node: { opType: string }[]; initializer: { name: string; rawData: Buffer; dims: number[] }[]; input: { type: { tensorType: { shape: { dim: { dimParam?: string }[] } } } }[] };
    };
    const ops = decoded.graph.node.map((n) => n.opType);
    const wavefronts = buildSweeps(SEED_62).reduce((n, s) => n + levelCount(s), 0);
    assert.equal(ops.filter((op) => op === 'Gather').length, wavefronts);
    assert.equal(ops.filter((op) => op === 'Tanh').length, wavefronts + 2 * ckpt.model.config.T);
    assert.equal(built.nodes, ops.length);
    // No two initializers hold the same bytes with the same shape (equal ones are shared).
    const keys = decoded.graph.initializer.map((i) => `${i.dims.join('x')}:${i.rawData.toString('hex')}`);
    assert.equal(new Set(keys).size, keys.length);
    // The weights are there once: initializer bytes exceed the parameters by the small index tensors only.
    const initBytes = decoded.graph.initializer.reduce((n, i) => n + i.rawData.length, 0);
    const paramBytes = 4 * ckpt.model.layout.total + 2 * 4 * ckpt.normalization!.mean.length;
    assert.ok(initBytes >= paramBytes && initBytes < 1.15 * paramBytes, `initializers ${initBytes} bytes for ${paramBytes} bytes of weights`);
    assert.equal(decoded.graph.input[0]!.type.tensorType.shape.dim[0]!.dimParam, 'batch');
  });
});

test('export refuses what it cannot express, naming the field', async () => {
  await withTempDir(async (dir) => {
    const ckpt = await makeCheckpoint({ ...CASES[2]!, config: { ...CASES[2]!.config, dS: 6, dT: 5 } }, dir, 5);
    const source = join(dir, 'model');
    const refuses = (mutate: () => () => void, code: string, message: RegExp) => {
      const undo = mutate();
      try {
        assert.throws(() => exportOnnx(ckpt, { source }), (e: unknown) => e instanceof StrnnError && e.code === code && message.test(e.message) && e.message.includes(source));
      } finally {
        undo();
      }
    };
    const config = ckpt.model.config as unknown as Record<string, unknown>;
    refuses(() => {
      config.temporalActivation = 'gelu';
      return () => (config.temporalActivation = 'tanh');
    }, 'UNSUPPORTED', /config\.temporalActivation is "gelu", which has no ONNX operator/);
    refuses(() => {
      config.dropout = 0.5;
      return () => delete config.dropout;
    }, 'UNSUPPORTED', /config\.dropout \(0\.5\) cannot be exported to ONNX/);
    refuses(() => {
      ckpt.model.param('temporal.bwd.V')[7] = Number.NaN;
      return () => (ckpt.model.param('temporal.bwd.V')[7] = 0);
    }, 'NUMERIC', /parameter temporal\.bwd\.V\[7\] is NaN/);
    const std = ckpt.normalization!.std;
    refuses(() => {
      const old = std[40]!;
      std[40] = 0;
      return () => (std[40] = old);
    }, 'NUMERIC', /normalization\.std\[40\] is 0, expected a finite number > 0/);
    // After every undo the same checkpoint exports again.
    assert.ok(exportOnnx(ckpt).length > 0);
  });
});

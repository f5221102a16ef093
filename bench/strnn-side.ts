// The strnn side of `npm run bench`: one benchmark case per process, so that each case's peak
// memory (maxRSS) is its own. bench/run.ts starts it once per case and reads the JSON object it
// prints on its last stdout line. Inputs are a strnn checkpoint and .npy files written by run.ts;
// the PyTorch side (bench/pytorch/strnn_torch.py) reads the very same files.
//
// Run: node dist/bench/strnn-side.js <train-step|infer|train-run> --ckpt DIR --x X.npy [--y Y.npy]
//        [--batch 32] [--threads 1] [--warmup 5] [--repeats 20] [--epochs 3]
import { parseArgs } from 'node:util';
import type { SampleSet } from '../src/datasets/samples.js';
import { loadCheckpoint } from '../src/formats/checkpoint.js';
import { readNpy } from '../src/formats/npy.js';
import { createBackend } from '../src/kernels/select.js';
import type { StrnnModel } from '../src/model/model.js';
import { createParallelEngine } from '../src/train/parallel.js';
import { localGradients, trainModel, type GradientEngine } from '../src/train/train.js';
import { StrnnError } from '../src/util/errors.js';

export interface CaseArgs {
  ckpt: string;
  x: string;
  y?: string;
  batch: number;
  threads: number;
  warmup: number;
  repeats: number;
  epochs: number;
}

/** Reads x (count x T x N x dIn float32) and y (count int32) into a SampleSet. */
export function readSampleSet(xPath: string, yPath: string | undefined): SampleSet {
  const x = readNpy(xPath);
  if (x.dtype !== 'float32' || x.shape.length !== 4) throw new StrnnError('INPUT', `${xPath}: expected a 4-d float32 array, found ${x.dtype} (${x.shape.join(', ')})`);
  const [count, T, N, dIn] = x.shape as [number, number, number, number];
  const y = yPath ? readNpy(yPath) : undefined;
  if (y && (y.dtype !== 'int32' || y.data.length !== count)) throw new StrnnError('INPUT', `${yPath}: expected ${count} int32 labels`);
  return {
    count, T, N, dIn, x: x.data, y: y ? Int32Array.from(y.data) : new Int32Array(count),
    trial: new Int32Array(count), start: new Int32Array(count),
  };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function timed(fn: () => void, warmup: number, repeats: number): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times;
}

function engineFor(model: StrnnModel, threads: number): GradientEngine & { close(): void } {
  if (threads === 1) return { ...localGradients, close() {} };
  return createParallelEngine(model, threads);
}

/** One training step = batch gradient (zero, load, forward, backward) + penalties + Adam, as the trainer does without clipping. */
async function trainStep(a: CaseArgs): Promise<object> {
  const { model } = loadCheckpoint(a.ckpt, await createBackend('wasm'), a.batch);
  const set = readSampleSet(a.x, a.y);
  const engine = engineFor(model, a.threads);
  const k = model.backend.kernels;
  const P = model.layout.total;
  const pools = Math.floor(set.count / a.batch);
  let step = 0;
  const times = timed(() => {
    const first = (step % pools) * a.batch;
    step++;
    const indices = Int32Array.from({ length: a.batch }, (_, i) => first + i);
    const { ce } = engine.batchGradients(model, set, indices);
    model.addPenalties();
    k.adamStep(model.params, model.grads, model.moment1, model.moment2, 0, P, 1e-3, 0.9, 0.999, 1e-8, step);
    if (!Number.isFinite(ce)) throw new StrnnError('NUMERIC', `loss ${ce} at step ${step}`);
  }, a.warmup, a.repeats);
  engine.close();
  return { times };
}

/** Class probabilities of the first `batch` samples (load + forward + softmax). */
async function infer(a: CaseArgs): Promise<object> {
  const { model } = loadCheckpoint(a.ckpt, await createBackend('wasm'), a.batch);
  const set = readSampleSet(a.x, undefined);
  const times = timed(() => model.predict(set.x, a.batch), a.warmup, a.repeats);
  return { times };
}

/** A fixed-epoch training run (no validation, no early stopping; the trainer's defaults otherwise). */
async function trainRun(a: CaseArgs): Promise<object> {
  const { model } = loadCheckpoint(a.ckpt, await createBackend('wasm'), a.batch);
  const t0 = performance.now();
  const set = readSampleSet(a.x, a.y);
  const engine = engineFor(model, a.threads);
  const result = trainModel(model, set, undefined, { epochs: a.epochs, batchSize: a.batch, patience: 0, seed: 1 }, {}, engine);
  const seconds = (performance.now() - t0) / 1000;
  engine.close();
  return { seconds, epochs: result.curves.map((c) => ({ loss: c.trainLoss, accuracy: c.trainAccuracy })) };
}

const COMMANDS: Record<string, (a: CaseArgs) => Promise<object>> = { 'train-step': trainStep, infer, 'train-run': trainRun };

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      ckpt: { type: 'string' }, x: { type: 'string' }, y: { type: 'string' }, batch: { type: 'string', default: '32' },
      threads: { type: 'string', default: '1' }, warmup: { type: 'string', default: '5' }, repeats: { type: 'string', default: '20' },
      epochs: { type: 'string', default: '3' },
    },
  });
  const command = COMMANDS[positionals[0] ?? ''];
  if (!command || !values.ckpt || !values.x) {
    throw new StrnnError('USAGE', `usage: strnn-side.js <${Object.keys(COMMANDS).join('|')}> --ckpt DIR --x X.npy [--y Y.npy] ...`);
  }
  const args: CaseArgs = {
    ckpt: values.ckpt, x: values.x, ...(values.y !== undefined && { y: values.y }), batch: Number(values.batch), threads: Number(values.threads),
    warmup: Number(values.warmup), repeats: Number(values.repeats), epochs: Number(values.epochs),
  };
  const result = await command(args);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ...result, peakRssMb, threads: args.threads }) + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`strnn-side: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}

// Data-parallel training over worker_threads. Each step's batch is cut into `threads` contiguous
// slices; the trainer's own model computes slice 0 while each worker (its own model and wasm
// instance) computes one other slice. The trainer then adds the workers' gradients in worker order,
// weighting each slice's mean by its share of the batch, so for a given thread count the result is
// deterministic, and it equals the one-thread gradient up to float rounding.
//
// Training sets are copied once into SharedArrayBuffers that every worker reads without copying.
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { StrnnModel } from '../model/model.js';
import type { SampleSet } from '../datasets/samples.js';
import { StrnnError } from '../util/errors.js';
import { BATCH, chunkRange, CMD, DONE, QUIT, SEQ, SET, STEP, type SharedSet, type WorkerSetup } from './parallel-protocol.js';
import { countCorrect, type GradientEngine } from './train.js';

// A step takes milliseconds; a worker silent this long has died (e.g. killed by the system).
const STEP_TIMEOUT_MS = 600_000;

export interface ParallelEngine extends GradientEngine {
  readonly threads: number;
  /** Stops the workers; the engine cannot be used afterwards. */
  close(): void;
}

/** Default thread count: the machine's cores. */
export function defaultThreads(): number {
  return availableParallelism();
}

/**
 * An engine for `model` with `threads` threads in all (the caller's thread included). The model's
 * batches may hold up to model.maxBatch samples.
 */
export function createParallelEngine(model: StrnnModel, threads: number): ParallelEngine {
  if (!Number.isInteger(threads) || threads < 2) throw new StrnnError('CONFIG', `a parallel engine needs at least 2 threads, got ${threads}`);
  const P = model.layout.total;
  const workerCount = threads - 1;
  const maxSlice = chunkRange(model.maxBatch, threads, 0).to;
  const control = new SharedArrayBuffer(4 * (DONE + threads));
  const controlView = new Int32Array(control);
  const indicesBuf = new SharedArrayBuffer(4 * model.maxBatch);
  const indices = new Int32Array(indicesBuf);
  // Parameters and gradients cross threads in the model's own precision.
  const bytes = model.backend.dtype === 'float64' ? 8 : 4;
  const floats = (buf: SharedArrayBuffer) => (bytes === 8 ? new Float64Array(buf) : new Float32Array(buf));
  const paramsBuf = new SharedArrayBuffer(bytes * P);
  const params = floats(paramsBuf);
  const slots: { grads: Float32Array | Float64Array; results: Float64Array; worker: Worker; port: MessagePort }[] = [];
  for (let w = 1; w <= workerCount; w++) {
    const gradsBuf = new SharedArrayBuffer(bytes * P);
    const resultsBuf = new SharedArrayBuffer(16);
    const { port1, port2 } = new MessageChannel();
    const setup: WorkerSetup & { port: MessagePort } = {
      index: w, threads, backend: model.backend.name, dtype: model.backend.dtype, config: model.config, montage: model.montage,
      maxBatch: maxSlice, control, indices: indicesBuf, params: paramsBuf, grads: gradsBuf, results: resultsBuf, port: port2,
    };
    const worker = new Worker(new URL('./gradient-worker.js', import.meta.url), { workerData: setup, transferList: [port2] });
    worker.unref();
    slots.push({ grads: floats(gradsBuf), results: new Float64Array(resultsBuf), worker, port: port1 });
  }
  const setIds = new WeakMap<SampleSet, number>();
  let nextSetId = 1;
  let closed = false;

  function share(set: SampleSet): number {
    const known = setIds.get(set);
    if (known !== undefined) return known;
    const id = nextSetId++;
    const x = new SharedArrayBuffer(set.x.byteLength);
    new Float32Array(x).set(set.x);
    const y = new SharedArrayBuffer(set.y.byteLength);
    new Int32Array(y).set(set.y);
    const message: SharedSet = { id, T: set.T, N: set.N, dIn: set.dIn, x, y };
    for (const s of slots) s.port.postMessage(message);
    setIds.set(set, id);
    return id;
  }

  return {
    threads,
    batchGradients(m, set, batch) {
      if (closed) throw new StrnnError('CONFIG', 'this parallel engine was closed');
      if (m !== model) throw new StrnnError('CONFIG', 'a parallel engine serves the model it was created for');
      const B = batch.length;
      const setId = share(set);
      params.set(model.params);
      indices.set(batch);
      controlView[SET] = setId;
      controlView[BATCH] = B;
      controlView[CMD] = STEP;
      const seq = Atomics.add(controlView, SEQ, 1) + 1;
      Atomics.notify(controlView, SEQ);

      // Slice 0 on this thread, through the trainer's own model.
      const own = chunkRange(B, threads, 0);
      const mine = batch.subarray(own.from, own.to);
      model.zeroGradients();
      model.loadBatch(set.x, set.y, mine);
      const ce0 = model.lossAndGradients();
      let ce = (ce0 * mine.length) / B;
      let correct = Number.isFinite(ce0) ? countCorrect(model.probabilities(), set.y, mine, model.config.C) : 0;
      const g = model.grads;
      const w0 = mine.length / B;
      for (let i = 0; i < P; i++) g[i] *= w0;

      slots.forEach((s, k) => {
        const w = k + 1;
        const deadline = Date.now() + STEP_TIMEOUT_MS;
        for (let v = Atomics.load(controlView, DONE + w); v !== seq; v = Atomics.load(controlView, DONE + w)) {
          if (Atomics.wait(controlView, DONE + w, v, 1000) === 'timed-out' && Date.now() > deadline) {
            throw new StrnnError('NUMERIC', `gradient worker ${w} did not answer within ${STEP_TIMEOUT_MS / 1000} s`);
          }
        }
        if (s.results[1] === -1) {
          const report = receiveMessageOnPort(s.port)?.message as { error?: string } | undefined;
          throw new StrnnError('NUMERIC', `gradient worker ${w} failed: ${report?.error ?? 'unknown error'}`);
        }
        const { from, to } = chunkRange(B, threads, w);
        if (to === from) return;
        const share = (to - from) / B;
        ce += s.results[0]! * share;
        correct += s.results[1]!;
        for (let i = 0; i < P; i++) g[i] += share * s.grads[i]!;
      });
      return { ce, correct };
    },
    close() {
      if (closed) return;
      closed = true;
      controlView[CMD] = QUIT;
      Atomics.add(controlView, SEQ, 1);
      Atomics.notify(controlView, SEQ);
      for (const s of slots) {
        s.port.close();
        void s.worker.terminate();
      }
    },
  };
}

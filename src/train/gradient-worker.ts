// A data-parallel gradient worker: owns one model (and one wasm instance), waits for step commands
// in shared memory, computes the gradient of its slice of the batch and stores it in its own slot.
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { referenceBackend } from '../kernels/ref/index.js';
import { wasmBackendSync } from '../kernels/wasm/index.js';
import type { StrnnConfig } from '../model/config.js';
import { StrnnModel } from '../model/model.js';
import type { Montage } from '../montage/montage.js';
import { BATCH, chunkRange, CMD, DONE, QUIT, SEQ, SET, type SharedSet, type WorkerSetup } from './parallel-protocol.js';
import { countCorrect } from './train.js';

const setup = workerData as WorkerSetup & { port: MessagePort };
// A worker that cannot build its model still answers every step (with an error), so the trainer,
// blocked on the done flag, never hangs.
let model: StrnnModel | undefined;
let failure: string | undefined;
try {
  const backend = setup.backend === 'reference' ? referenceBackend(setup.dtype) : wasmBackendSync();
  model = new StrnnModel(setup.config as StrnnConfig, setup.montage as Montage, { backend, maxBatch: setup.maxBatch });
} catch (e) {
  failure = `cannot build the model: ${(e as Error).message}`;
}
const control = new Int32Array(setup.control);
const indices = new Int32Array(setup.indices);
const floats = (buf: SharedArrayBuffer) => (setup.dtype === 'float64' ? new Float64Array(buf) : new Float32Array(buf));
const params = floats(setup.params);
const grads = floats(setup.grads);
const results = new Float64Array(setup.results);
const sets = new Map<number, { x: Float32Array; y: Int32Array }>();

let seen = 0;
for (;;) {
  Atomics.wait(control, SEQ, seen);
  seen = Atomics.load(control, SEQ);
  if (control[CMD] === QUIT) break;
  // New training sets arrive as messages; the worker is blocked in Atomics.wait, so it pulls them.
  for (let m = receiveMessageOnPort(setup.port); m; m = receiveMessageOnPort(setup.port)) {
    const s = m.message as SharedSet;
    sets.set(s.id, { x: new Float32Array(s.x), y: new Int32Array(s.y) });
  }
  const set = sets.get(control[SET]!)!;
  const { from, to } = chunkRange(control[BATCH]!, setup.threads, setup.index);
  results[0] = 0;
  results[1] = 0;
  try {
    if (failure) throw new Error(failure);
    if (to > from) computeSlice(model!, set, indices.subarray(from, to));
  } catch (e) {
    // The trainer is blocked on our done flag: report through the port and flag the slot.
    setup.port.postMessage({ error: (e as Error).message });
    results[1] = -1;
  }
  Atomics.store(control, DONE + setup.index, seen);
  Atomics.notify(control, DONE + setup.index);
}
parentPort?.close();

function computeSlice(model: StrnnModel, set: { x: Float32Array; y: Int32Array }, mine: Int32Array): void {
  model.params.set(params);
  model.zeroGradients();
  model.loadBatch(set.x, set.y, mine);
  const ce = model.lossAndGradients();
  results[0] = ce;
  results[1] = Number.isFinite(ce) ? countCorrect(model.probabilities(), set.y, mine, model.config.C) : 0;
  grads.set(model.grads);
}

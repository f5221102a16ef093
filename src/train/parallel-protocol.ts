// The shared-memory protocol between the trainer and its gradient workers (src/train/parallel.ts,
// src/train/gradient-worker.ts). Steps are synchronous: the trainer publishes a command in a shared
// control block and blocks on Atomics.wait until every worker has stored its gradient.
//
// control (Int32Array):
//   [SEQ]      command counter; workers wait for it to change
//   [CMD]      STEP or QUIT
//   [SET]      id of the sample set the step's indices refer to
//   [BATCH]    samples in this step
//   [DONE + w] the SEQ value worker w finished last

export const SEQ = 0;
export const CMD = 1;
export const SET = 2;
export const BATCH = 3;
export const DONE = 4;

export const STEP = 1;
export const QUIT = 2;

/** Part `part` of `parts` of a batch of `batch` samples: a contiguous range, earlier parts one larger. */
export function chunkRange(batch: number, parts: number, part: number): { from: number; to: number } {
  const base = Math.floor(batch / parts);
  const extra = batch % parts;
  const from = part * base + Math.min(part, extra);
  return { from, to: from + base + (part < extra ? 1 : 0) };
}

/** What a worker needs to build its own copy of the model. */
export interface WorkerSetup {
  index: number; // worker number 1..threads-1 (0 is the trainer itself)
  threads: number;
  backend: string; // 'wasm-simd' or 'reference'
  dtype: 'float32' | 'float64';
  config: unknown;
  montage: unknown;
  maxBatch: number;
  control: SharedArrayBuffer;
  indices: SharedArrayBuffer; // Int32 x maxBatch of the whole step
  params: SharedArrayBuffer; // P floats in the model's dtype, published by the trainer before each step
  grads: SharedArrayBuffer; // P floats in the model's dtype, this worker's gradient
  results: SharedArrayBuffer; // Float64 x 2: cross-entropy (chunk mean), correct predictions
}

/** A training set shared with the workers, sent once over the worker's port. */
export interface SharedSet {
  id: number;
  T: number;
  N: number;
  dIn: number;
  x: SharedArrayBuffer;
  y: SharedArrayBuffer;
}

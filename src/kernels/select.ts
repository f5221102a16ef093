// Backend selection: 'auto' takes the WebAssembly SIMD kernels when the engine supports them and falls
// back to the reference kernels (with a one-line notice on stderr) when it does not. The wasm backend
// is float32 only, so 'auto' with float64 picks the reference backend, silently: that is a choice of
// precision, not a missing feature.
import type { Backend, Dtype } from './kernels.js';
import { referenceBackend } from './ref/index.js';
import { isWasmSimdSupported, wasmBackend } from './wasm/index.js';
import { StrnnError } from '../util/errors.js';

export type BackendKind = 'auto' | 'wasm' | 'reference';

/** A fresh backend (each wasm backend owns its own WebAssembly memory: one per model, one per worker). */
export async function createBackend(kind: BackendKind, dtype: Dtype = 'float32'): Promise<Backend> {
  if (kind === 'reference') return referenceBackend(dtype);
  if (kind === 'wasm') {
    if (dtype !== 'float32') {
      throw new StrnnError('CONFIG', `the wasm backend computes in float32, not ${dtype}`, "use the 'reference' backend for float64");
    }
    return wasmBackend();
  }
  if (dtype !== 'float32') return referenceBackend(dtype);
  if (isWasmSimdSupported()) return wasmBackend();
  process.stderr.write('strnn: WebAssembly SIMD unavailable, using the reference backend (slower)\n');
  return referenceBackend(dtype);
}

// Backend factories: a wasm backend owns one WebAssembly memory and hence one model's arena, so code
// that builds several models (one per protocol unit, one per worker) asks a factory for a fresh
// backend each time. The async part (compiling the module, printing a fallback notice) happens once.
import type { Backend, Dtype } from './kernels.js';
import { createBackend, type BackendKind } from './select.js';
import { referenceBackend } from './ref/index.js';
import { wasmBackendSync } from './wasm/index.js';

export interface BackendFactory {
  /** 'reference' or 'wasm-simd': what `create` returns. */
  readonly name: string;
  readonly dtype: Dtype;
  create(): Backend;
}

export async function backendFactory(kind: BackendKind, dtype: Dtype = 'float32'): Promise<BackendFactory> {
  const first = await createBackend(kind, dtype);
  let unused: Backend | undefined = first;
  return {
    name: first.name,
    dtype: first.dtype,
    create() {
      if (unused) {
        const b = unused;
        unused = undefined;
        return b;
      }
      return first.name === 'reference' ? referenceBackend(first.dtype) : wasmBackendSync();
    },
  };
}

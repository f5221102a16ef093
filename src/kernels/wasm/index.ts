// The WebAssembly SIMD backend (float32): the host side of the kernels in ./assembly/.
//
// Memory: each arena (one per model) lives in a WebAssembly instance of its own, with its own memory:
// a backend's first createArena uses the instance it was made with, later ones instantiate the
// compiled module again, so one backend serves any number of models. Each kernel call runs on the
// instance whose memory holds its first array (the others must be in the same memory). createArena
// grows that memory to its final size once, then creates the views; nothing grows it afterwards, so
// the views never go stale. Layout, in bytes from the module's heap base:
//   [scratch (SCRATCH_FLOATS): gemm packing, sumRows float64 sums] [floats] [ints] [64 bytes of padding]
// The padding lets the kernels' tail loops read (never write) a few floats past the last array.
//
// Kernel calls convert (array, element offset) pairs to byte offsets and check that the array is a
// view of the chosen instance's memory. Only the compiled module (code, no memory) is cached at module
// level, so one instance per worker thread is a matter of calling wasmBackend() in each worker.
import type { Activation, Arena, Backend, FloatArray, Kernels } from '../kernels.js';
import { StrnnError } from '../../util/errors.js';
import { STRNN_WASM_BASE64 } from './generated/strnn-wasm.js';

// The project compiles against lib ES2022 without the DOM, which has no WebAssembly typings: the few
// parts used here are declared locally and reached through globalThis.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<{ exports: object }>;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}
const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

interface WasmExports {
  memory: WasmMemory;
  SCRATCH_FLOATS: { value: number };
  heapBase(): number;
  setScratch(ptr: number): void;
  gemm(transA: number, transB: number, m: number, n: number, k: number, alpha: number,
    a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number): void;
  gemmBias(transA: number, transB: number, m: number, n: number, k: number,
    a: number, lda: number, b: number, ldb: number, bias: number, c: number, ldc: number): void;
  addBias(x: number, rows: number, cols: number, bias: number): void;
  activate(act: number, x: number, n: number): void;
  activationBackward(act: number, dPre: number, dY: number, y: number, n: number): void;
  sumRows(out: number, x: number, rows: number, cols: number): void;
  sumSquares(x: number, n: number): number;
  scale(x: number, n: number, alpha: number): void;
  addInto(y: number, x: number, n: number): void;
  gatherNodes(out: number, x: number, order: number, s: number, nodes: number, d: number): void;
  scatterNodes(dx: number, dOut: number, order: number, s: number, nodes: number, d: number): void;
  sumPredecessors(out: number, x: number, predStart: number, predPos: number, p0: number, p1: number, block: number): void;
  scatterPredecessors(dx: number, dOut: number, predStart: number, predPos: number, p0: number, p1: number, block: number): void;
  softmaxCrossEntropy(probs: number, logits: number, rows: number, cols: number,
    labels: number, hasLabels: number, dLogits: number, hasDLogits: number, scale: number): number;
  l1Penalty(grad: number, w: number, n: number, lambda: number): number;
  l2Penalty(grad: number, w: number, n: number, lambda: number): number;
  adamStep(p: number, g: number, m: number, v: number, n: number,
    lr: number, beta1: number, beta2: number, oneMinusBeta1: number, oneMinusBeta2: number, eps: number, c1: number, c2: number): void;
  sgdMomentumStep(p: number, g: number, vel: number, n: number, lr: number, momentum: number): void;
  detPow(x: number, y: number): number;
}

const PAGE = 65536;
const ALIGN = 64;
const PADDING = 64;
const ACT: Record<Activation, number> = { tanh: 0, relu: 1 };

let wasmBytes: Uint8Array | undefined;
let compiled: Promise<object> | undefined;
let compiledSync: object | undefined;

function bytes(): Uint8Array {
  if (!wasmBytes) {
    const text = atob(STRNN_WASM_BASE64);
    wasmBytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) wasmBytes[i] = text.charCodeAt(i);
  }
  return wasmBytes;
}

/** True when this engine can run the kernels (it validates the module itself, which uses SIMD). */
export function isWasmSimdSupported(): boolean {
  try {
    return wasmApi !== undefined && wasmApi.validate(bytes());
  } catch {
    return false;
  }
}

function unsupported(): StrnnError {
  return new StrnnError('UNSUPPORTED', 'WebAssembly SIMD is not available in this JavaScript engine',
    "use createBackend('reference') or createBackend('auto')");
}

/** The wasm SIMD backend, compiled asynchronously (works on a browser's main thread). */
export async function wasmBackend(): Promise<Backend> {
  if (!wasmApi || !isWasmSimdSupported()) throw unsupported();
  compiled ??= wasmApi.compile(bytes());
  const module = await compiled;
  const instance = await wasmApi.instantiate(module, {});
  return backendFor(instance.exports as unknown as WasmExports, () => new wasmApi.Instance(module, {}).exports as unknown as WasmExports);
}

/**
 * A fresh instance of the kernel module (its own memory), compiled synchronously: for kernels
 * other than the model backend's (the filter bank). The module is small enough for a browser's
 * main thread to compile synchronously.
 */
export function wasmInstanceSync(): object {
  if (!wasmApi || !isWasmSimdSupported()) throw unsupported();
  compiledSync ??= new wasmApi.Module(bytes());
  return new wasmApi.Instance(compiledSync, {}).exports;
}

/** The same, compiled synchronously (Node, workers; browsers refuse synchronous compiles on the main thread). */
export function wasmBackendSync(): Backend {
  if (!wasmApi || !isWasmSimdSupported()) throw unsupported();
  compiledSync ??= new wasmApi.Module(bytes());
  const module = compiledSync;
  const fresh = () => new wasmApi.Instance(module, {}).exports as unknown as WasmExports;
  return backendFor(fresh(), fresh);
}

function alignUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

function backendFor(first: WasmExports, instantiate: () => WasmExports): Backend {
  /** The instance of each arena's memory; `spare`: the one made with the backend, until an arena takes it. */
  const byMemory = new Map<ArrayBuffer, WasmExports>();
  let spare: WasmExports | undefined = first;
  // The instance of the current call and its memory.
  let w: WasmExports = first;
  let buffer: ArrayBuffer | undefined;

  const notOurs = () => new StrnnError('INPUT', 'wasm-simd kernels: an array is not a view of this backend\'s arenas (or the arrays of one call are in different arenas)',
    'allocate buffers with backend.createArena() of the same backend, one arena per call');
  // Picks the instance whose memory holds x (a kernel call's first array); the call's other arrays must be there too.
  const use = (x: FloatArray): void => {
    if (x.buffer === buffer) return;
    const e = byMemory.get(x.buffer as ArrayBuffer);
    if (!e) throw notOurs();
    w = e;
    buffer = x.buffer as ArrayBuffer;
  };
  // Byte offset of element `off` of a float32 view of this instance's memory.
  const fp = (x: FloatArray, off: number): number => {
    if (x.buffer !== buffer || x.BYTES_PER_ELEMENT !== 4 || !(x instanceof Float32Array)) throw notOurs();
    return x.byteOffset + off * 4;
  };
  const ip = (x: Int32Array): number => {
    if (x.buffer !== buffer) throw notOurs();
    return x.byteOffset;
  };

  const kernels: Kernels = {
    gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc) {
      use(a);
      w.gemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, fp(a, aOff), lda, fp(b, bOff), ldb, beta, fp(c, cOff), ldc);
    },
    gemmBias(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, bias, biasOff, c, cOff, ldc) {
      use(a);
      w.gemmBias(transA ? 1 : 0, transB ? 1 : 0, m, n, k, fp(a, aOff), lda, fp(b, bOff), ldb, fp(bias, biasOff), fp(c, cOff), ldc);
    },
    addBias(x, xOff, rows, cols, bias, biasOff) {
      use(x);
      w.addBias(fp(x, xOff), rows, cols, fp(bias, biasOff));
    },
    activate(act, x, off, n) {
      use(x);
      w.activate(ACT[act], fp(x, off), n);
    },
    activationBackward(act, dPre, dPreOff, dY, dYOff, y, yOff, n) {
      use(dPre);
      w.activationBackward(ACT[act], fp(dPre, dPreOff), fp(dY, dYOff), fp(y, yOff), n);
    },
    sumRows(out, outOff, x, xOff, rows, cols) {
      use(out);
      w.sumRows(fp(out, outOff), fp(x, xOff), rows, cols);
    },
    gatherNodes(out, outOff, x, xOff, order, s, nodes, d) {
      use(out);
      w.gatherNodes(fp(out, outOff), fp(x, xOff), ip(order), s, nodes, d);
    },
    scatterNodes(dx, dxOff, dOut, dOutOff, order, s, nodes, d) {
      use(dx);
      w.scatterNodes(fp(dx, dxOff), fp(dOut, dOutOff), ip(order), s, nodes, d);
    },
    sumPredecessors(out, outOff, x, xOff, predStart, predPos, p0, p1, block) {
      use(out);
      w.sumPredecessors(fp(out, outOff), fp(x, xOff), ip(predStart), ip(predPos), p0, p1, block);
    },
    scatterPredecessors(dx, dxOff, dOut, dOutOff, predStart, predPos, p0, p1, block) {
      use(dx);
      w.scatterPredecessors(fp(dx, dxOff), fp(dOut, dOutOff), ip(predStart), ip(predPos), p0, p1, block);
    },
    softmaxCrossEntropy(probs, probsOff, logits, logitsOff, rows, cols, labels, dLogits, dLogitsOff, scale) {
      use(probs);
      const hasLabels = labels !== undefined;
      const hasD = hasLabels && dLogits !== undefined;
      return w.softmaxCrossEntropy(fp(probs, probsOff), fp(logits, logitsOff), rows, cols,
        hasLabels ? ip(labels) : 0, hasLabels ? 1 : 0, hasD ? fp(dLogits!, dLogitsOff) : 0, hasD ? 1 : 0, scale);
    },
    l1Penalty(grad, gOff, wt, wOff, n, lambda) {
      use(grad);
      return w.l1Penalty(fp(grad, gOff), fp(wt, wOff), n, lambda);
    },
    l2Penalty(grad, gOff, wt, wOff, n, lambda) {
      use(grad);
      return w.l2Penalty(fp(grad, gOff), fp(wt, wOff), n, lambda);
    },
    sumSquares(x, off, n) {
      use(x);
      return w.sumSquares(fp(x, off), n);
    },
    scale(x, off, n, alpha) {
      use(x);
      w.scale(fp(x, off), n, alpha);
    },
    addInto(y, yOff, x, xOff, n) {
      use(y);
      w.addInto(fp(y, yOff), fp(x, xOff), n);
    },
    adamStep(p, g, m, v, off, n, lr, beta1, beta2, eps, step) {
      use(p);
      // Coefficients in float64, as the reference computes them (see assembly/optim.ts), with the
      // module's own pow (util/det-math.ts: the same bits in every engine).
      const c1 = 1 - w.detPow(beta1, step);
      const c2 = 1 - w.detPow(beta2, step);
      w.adamStep(fp(p, off), fp(g, off), fp(m, off), fp(v, off), n, lr, beta1, beta2, 1 - beta1, 1 - beta2, eps, c1, c2);
    },
    sgdMomentumStep(p, g, vel, off, n, lr, momentum) {
      use(p);
      w.sgdMomentumStep(fp(p, off), fp(g, off), fp(vel, off), n, lr, momentum);
    },
  };

  return {
    name: 'wasm-simd',
    dtype: 'float32',
    kernels,
    createArena(floats: number, ints: number): Arena {
      const w = spare ?? instantiate();
      spare = undefined;
      const scratch = alignUp(w.heapBase(), ALIGN);
      const floatsAt = alignUp(scratch + (w.SCRATCH_FLOATS.value as number) * 4, ALIGN);
      const intsAt = alignUp(floatsAt + floats * 4, ALIGN);
      const end = intsAt + ints * 4 + PADDING;
      const pages = Math.ceil(end / PAGE) - w.memory.buffer.byteLength / PAGE;
      try {
        if (pages > 0) w.memory.grow(pages);
      } catch (e) {
        throw new StrnnError('INPUT', `wasm-simd: cannot grow WebAssembly memory to ${end} bytes for an arena of ${floats} floats and ${ints} ints (${String(e)})`,
          'use a smaller maxBatch, or the reference backend');
      }
      w.setScratch(scratch);
      const memory = w.memory.buffer;
      byMemory.set(memory, w);
      return { floats: new Float32Array(memory, floatsAt, floats), ints: new Int32Array(memory, intsAt, ints) };
    },
  };
}

// log, exp, sin, cos, tan, pow and hypot that give the same bits in Node and in every browser: the
// WebAssembly module's own libm (src/kernels/wasm/assembly/det-math.ts). JavaScript's Math.* may
// differ between engines in the last bit, so the seeded generator (util/random.ts), filter design,
// FFT twiddles and differential entropy call these: same seed, same numbers, everywhere.
// Without WebAssembly SIMD (no current engine) they fall back to Math.*, reproducible per engine only.
import { isWasmSimdSupported, wasmInstanceSync } from '../kernels/wasm/index.js';

interface DetMathExports {
  detLog(x: number): number;
  detExp(x: number): number;
  detSin(x: number): number;
  detCos(x: number): number;
  detTan(x: number): number;
  detPow(x: number, y: number): number;
  detHypot(x: number, y: number): number;
}

const FALLBACK: DetMathExports = {
  detLog: Math.log, detExp: Math.exp, detSin: Math.sin, detCos: Math.cos, detTan: Math.tan, detPow: Math.pow, detHypot: Math.hypot,
};

let m: DetMathExports | undefined;

// One instance for the process (or page), made on first use.
function math(): DetMathExports {
  m ??= isWasmSimdSupported() ? (wasmInstanceSync() as DetMathExports) : FALLBACK;
  return m;
}

export const detLog = (x: number): number => math().detLog(x);
export const detExp = (x: number): number => math().detExp(x);
export const detSin = (x: number): number => math().detSin(x);
export const detCos = (x: number): number => math().detCos(x);
export const detTan = (x: number): number => math().detTan(x);
export const detPow = (x: number, y: number): number => math().detPow(x, y);
export const detHypot = (x: number, y: number): number => math().detHypot(x, y);

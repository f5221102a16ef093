// Complex FFT of any length (float64), forward transform X[k] = Σ x[j]·exp(−2πi·jk/n).
// Written by hand: the well-kept MIT package fft.js handles powers of two only, and windows here are
// usually 200 or 128·k samples. Powers of two use an iterative radix-2 transform; other lengths use
// Bluestein's chirp-z identity jk = (j² + k² − (k−j)²)/2, which turns the DFT into a circular
// convolution of power-of-two length m ≥ 2n − 1, done with three radix-2 transforms.
// Twiddles are computed directly with cos/sin (not by repeated multiplication) so errors stay near
// machine epsilon; chirp angles use k² mod 2n so they stay exact for large k.
import { StrnnError } from '../util/errors.js';
import { detCos, detSin } from '../util/det-math.js';

export interface Fft {
  readonly n: number;
  /** Transform (re, im), each of length n, in place. */
  transform(re: Float64Array, im: Float64Array): void;
}

class Radix2 implements Fft {
  readonly n: number;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly rev: Uint32Array;

  constructor(n: number) {
    this.n = n;
    this.cos = new Float64Array(n >> 1);
    this.sin = new Float64Array(n >> 1);
    for (let k = 0; k < n >> 1; k++) {
      this.cos[k] = detCos((2 * Math.PI * k) / n);
      this.sin[k] = -detSin((2 * Math.PI * k) / n);
    }
    this.rev = new Uint32Array(n);
    const bits = Math.round(Math.log2(n));
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
  }

  transform(re: Float64Array, im: Float64Array): void {
    const n = this.n;
    for (let i = 0; i < n; i++) {
      const j = this.rev[i]!;
      if (j > i) {
        const tr = re[i]!, ti = im[i]!;
        re[i] = re[j]!; im[i] = im[j]!;
        re[j] = tr; im[j] = ti;
      }
    }
    for (let size = 2; size <= n; size <<= 1) {
      const half = size >> 1, step = n / size;
      for (let start = 0; start < n; start += size) {
        for (let k = 0; k < half; k++) {
          const wr = this.cos[k * step]!, wi = this.sin[k * step]!;
          const a = start + k, b = a + half;
          const xr = re[b]! * wr - im[b]! * wi;
          const xi = re[b]! * wi + im[b]! * wr;
          re[b] = re[a]! - xr; im[b] = im[a]! - xi;
          re[a] = re[a]! + xr; im[a] = im[a]! + xi;
        }
      }
    }
  }
}

class Bluestein implements Fft {
  readonly n: number;
  private readonly inner: Radix2;
  private readonly chirpRe: Float64Array; // exp(−iπk²/n), length n
  private readonly chirpIm: Float64Array;
  private readonly kernelRe: Float64Array; // FFT of the conjugate chirp laid out circularly, length m
  private readonly kernelIm: Float64Array;
  private readonly bufRe: Float64Array;
  private readonly bufIm: Float64Array;

  constructor(n: number) {
    this.n = n;
    let m = 1;
    while (m < 2 * n - 1) m <<= 1;
    this.inner = new Radix2(m);
    this.chirpRe = new Float64Array(n);
    this.chirpIm = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const angle = (Math.PI * ((k * k) % (2 * n))) / n;
      this.chirpRe[k] = detCos(angle);
      this.chirpIm[k] = -detSin(angle);
    }
    this.kernelRe = new Float64Array(m);
    this.kernelIm = new Float64Array(m);
    for (let k = 0; k < n; k++) {
      this.kernelRe[k] = this.chirpRe[k]!;
      this.kernelIm[k] = -this.chirpIm[k]!;
      if (k > 0) {
        this.kernelRe[m - k] = this.chirpRe[k]!;
        this.kernelIm[m - k] = -this.chirpIm[k]!;
      }
    }
    this.inner.transform(this.kernelRe, this.kernelIm);
    this.bufRe = new Float64Array(m);
    this.bufIm = new Float64Array(m);
  }

  transform(re: Float64Array, im: Float64Array): void {
    const n = this.n, m = this.inner.n;
    const br = this.bufRe, bi = this.bufIm;
    br.fill(0);
    bi.fill(0);
    for (let k = 0; k < n; k++) {
      const cr = this.chirpRe[k]!, ci = this.chirpIm[k]!;
      br[k] = re[k]! * cr - im[k]! * ci;
      bi[k] = re[k]! * ci + im[k]! * cr;
    }
    this.inner.transform(br, bi);
    // Pointwise product with the kernel, then an inverse FFT done as conj(FFT(conj(·)))/m.
    for (let k = 0; k < m; k++) {
      const kr = this.kernelRe[k]!, ki = this.kernelIm[k]!;
      const pr = br[k]! * kr - bi[k]! * ki;
      const pi = br[k]! * ki + bi[k]! * kr;
      br[k] = pr;
      bi[k] = -pi;
    }
    this.inner.transform(br, bi);
    for (let k = 0; k < n; k++) {
      const cr = br[k]! / m, ci = -bi[k]! / m;
      re[k] = cr * this.chirpRe[k]! - ci * this.chirpIm[k]!;
      im[k] = cr * this.chirpIm[k]! + ci * this.chirpRe[k]!;
    }
  }
}

const plans = new Map<number, Fft>();

/** FFT plan for length n (cached: building twiddles and Bluestein kernels costs more than a transform). */
export function fftPlan(n: number): Fft {
  if (!Number.isInteger(n) || n < 1) throw new StrnnError('INPUT', `FFT length must be a positive integer, got ${n}`);
  let plan = plans.get(n);
  if (!plan) {
    plan = (n & (n - 1)) === 0 ? new Radix2(n) : new Bluestein(n);
    plans.set(n, plan);
  }
  return plan;
}

// Butterworth IIR design as second-order sections, written to reproduce
// scipy.signal.butter(order, cutoff, btype, fs=fsHz, output='sos') section by section: same analog
// prototype, same frequency transform, same bilinear map and the same pole/zero pairing and section
// order as scipy's zpk2sos with its default 'nearest' pairing for digital filters. Matching scipy's
// layout (not only its frequency response) lets tests compare coefficients one by one.
//
// Steps (each a pure function on zeros z, poles p, gain k):
//   prototype  p_m = -exp(iπm/(2N)), m = -N+1, -N+3, …, N-1; no zeros; k = 1
//   prewarp    ω = 4·tan(π·f/fs)   (bilinear with its sample rate normalised to 2)
//   transform  low-pass, high-pass or band-pass (lp2lp / lp2hp / lp2bp)
//   bilinear   z ↦ (4 + z)/(4 − z); zeros at infinity go to z = −1
//   pairing    poles closest to the unit circle go to the last sections (see zpkToSos)
// Output: Float64Array of S x 6 rows [b0 b1 b2 a0 a1 a2] with a0 = 1, gain folded into section 0.
import { StrnnError } from '../util/errors.js';
import { detCos, detHypot, detSin, detTan } from '../util/det-math.js';

/** One complex number; `real` marks values scipy treats as exactly real (imaginary part 0). */
interface Complex {
  re: number;
  im: number;
}

export type FilterType = 'lowpass' | 'highpass' | 'bandpass';

export interface ButterworthSpec {
  order: number;
  type: FilterType;
  /** One edge for low/high-pass, [low, high] for band-pass, in Hz. */
  cutoffHz: number | readonly [number, number];
  fsHz: number;
}

interface Zpk {
  z: Complex[];
  p: Complex[];
  k: number;
}

const c = (re: number, im = 0): Complex => ({ re, im });
const add = (a: Complex, b: Complex): Complex => c(a.re + b.re, a.im + b.im);
const sub = (a: Complex, b: Complex): Complex => c(a.re - b.re, a.im - b.im);
const mul = (a: Complex, b: Complex): Complex => c(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
const scale = (a: Complex, s: number): Complex => c(a.re * s, a.im * s);
const abs = (a: Complex): number => detHypot(a.re, a.im);
const conj = (a: Complex): Complex => c(a.re, -a.im);

function div(a: Complex, b: Complex): Complex {
  const d = b.re * b.re + b.im * b.im;
  return c((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d);
}

// Principal square root, computed from |a| to avoid cancellation when a is nearly real and negative.
function sqrt(a: Complex): Complex {
  if (a.re === 0 && a.im === 0) return c(0, 0);
  const r = abs(a);
  const t = Math.sqrt((r + Math.abs(a.re)) / 2);
  if (a.re >= 0) return c(t, a.im / (2 * t));
  return c(Math.abs(a.im) / (2 * t), a.im >= 0 ? t : -t);
}

function prod(xs: Complex[]): Complex {
  return xs.reduce((acc, x) => mul(acc, x), c(1));
}

function butterPrototype(order: number): Zpk {
  const p: Complex[] = [];
  for (let m = -order + 1; m < order; m += 2) {
    const theta = (Math.PI * m) / (2 * order);
    p.push(c(-detCos(theta), -detSin(theta)));
  }
  return { z: [], p, k: 1 };
}

function lowpassToLowpass({ z, p, k }: Zpk, wo: number): Zpk {
  const degree = p.length - z.length;
  return { z: z.map((x) => scale(x, wo)), p: p.map((x) => scale(x, wo)), k: k * wo ** degree };
}

function lowpassToHighpass({ z, p, k }: Zpk, wo: number): Zpk {
  const degree = p.length - z.length;
  const zh = z.map((x) => div(c(wo), x));
  const ph = p.map((x) => div(c(wo), x));
  for (let i = 0; i < degree; i++) zh.push(c(0));
  const neg = (x: Complex): Complex => c(-x.re, -x.im);
  const kh = k * div(prod(z.map(neg)), prod(p.map(neg))).re;
  return { z: zh, p: ph, k: kh };
}

function lowpassToBandpass({ z, p, k }: Zpk, wo: number, bw: number): Zpk {
  const degree = p.length - z.length;
  const split = (xs: Complex[]): Complex[] => {
    const lp = xs.map((x) => scale(x, bw / 2));
    const roots = lp.map((x) => sqrt(sub(mul(x, x), c(wo * wo))));
    return [...lp.map((x, i) => add(x, roots[i]!)), ...lp.map((x, i) => sub(x, roots[i]!))];
  };
  const zb = split(z);
  for (let i = 0; i < degree; i++) zb.push(c(0));
  return { z: zb, p: split(p), k: k * bw ** degree };
}

function bilinear({ z, p, k }: Zpk, fs: number): Zpk {
  const degree = p.length - z.length;
  const fs2 = c(2 * fs);
  const zz = z.map((x) => div(add(fs2, x), sub(fs2, x)));
  const pz = p.map((x) => div(add(fs2, x), sub(fs2, x)));
  for (let i = 0; i < degree; i++) zz.push(c(-1));
  const kz = k * div(prod(z.map((x) => sub(fs2, x))), prod(p.map((x) => sub(fs2, x)))).re;
  return { z: zz, p: pz, k: kz };
}

// scipy's _cplxreal: values with |im| <= 100·eps·|x| are real (returned sorted); of each conjugate
// pair only the member with positive imaginary part is kept (averaged with its partner), sorted by
// real part then |im|. zpkToSos relies on this order for its tie-breaking.
const CPLX_TOL = 100 * Number.EPSILON;

function splitConjugates(xs: Complex[]): Complex[] {
  const sorted = xs.slice().sort((a, b) => a.re - b.re || Math.abs(a.im) - Math.abs(b.im));
  const reals = sorted.filter((x) => Math.abs(x.im) <= CPLX_TOL * abs(x)).map((x) => c(x.re, 0));
  const complex = sorted.filter((x) => Math.abs(x.im) > CPLX_TOL * abs(x));
  const pos = complex.filter((x) => x.im > 0);
  const negs = complex.filter((x) => x.im < 0);
  if (pos.length !== negs.length) {
    throw new StrnnError('INPUT', 'filter design: a complex root has no conjugate partner');
  }
  const paired = pos.map((x) => {
    // Partner: the negative-imaginary root nearest to conj(x); averaging removes rounding asymmetry.
    let best = 0;
    for (let j = 1; j < negs.length; j++) {
      if (abs(sub(negs[j]!, conj(x))) < abs(sub(negs[best]!, conj(x)))) best = j;
    }
    const partner = negs.splice(best, 1)[0]!;
    return c((x.re + partner.re) / 2, (x.im - partner.im) / 2);
  });
  return [...paired, ...reals];
}

const isReal = (x: Complex): boolean => x.im === 0;

// Index of the pole closest to the unit circle (first one on ties, like numpy's argmin).
function worstIndex(xs: Complex[], candidates: number[] = xs.map((_, i) => i)): number {
  let best = candidates[0]!;
  for (const i of candidates) {
    if (Math.abs(1 - abs(xs[i]!)) < Math.abs(1 - abs(xs[best]!))) best = i;
  }
  return best;
}

// Index of the zero nearest to `to`, restricted to real, complex or any zeros.
function nearestIndex(xs: Complex[], to: Complex, which: 'real' | 'complex' | 'any'): number {
  let best = -1;
  for (let i = 0; i < xs.length; i++) {
    const ok = which === 'any' || (which === 'real') === isReal(xs[i]!);
    if (ok && (best < 0 || abs(sub(xs[i]!, to)) < abs(sub(xs[best]!, to)))) best = i;
  }
  if (best < 0) throw new StrnnError('INPUT', `filter design: no ${which} zero left to pair`);
  return best;
}

// Real coefficients of Π(x − r) for up to two roots given as a conjugate pair or reals, padded on
// the left to three terms like scipy's _single_zpksos.
function quadratic(roots: Complex[]): [number, number, number] {
  if (roots.length === 0) return [0, 0, 1];
  if (roots.length === 1) return [0, 1, -roots[0]!.re];
  const [r1, r2] = roots as [Complex, Complex];
  return [1, -(r1.re + r2.re), mul(r1, r2).re];
}

/** Pair zeros and poles into second-order sections exactly like scipy's zpk2sos(pairing='nearest'). */
export function zpkToSos(zIn: Complex[], pIn: Complex[], k: number): Float64Array {
  let z = zIn.slice();
  let p = pIn.slice();
  if (z.length === 0 && p.length === 0) return Float64Array.of(k, 0, 0, 1, 0, 0);
  while (p.length < z.length) p.push(c(0));
  while (z.length < p.length) z.push(c(0));
  const sections = (p.length + 1) >> 1;
  if (p.length % 2 === 1) {
    p.push(c(0));
    z.push(c(0));
  }
  z = splitConjugates(z);
  p = splitConjugates(p);
  const sos = new Float64Array(sections * 6);
  const put = (s: number, zs: Complex[], ps: Complex[]): void => {
    sos.set([...quadratic(zs), ...quadratic(ps)], s * 6);
  };
  const take = (xs: Complex[], i: number): Complex => xs.splice(i, 1)[0]!;
  // Fill from the last section backwards so the poles nearest the unit circle come last.
  for (let s = sections - 1; s >= 0; s--) {
    const p1 = take(p, worstIndex(p));
    const realPolesLeft = p.filter(isReal).length;
    if (isReal(p1) && realPolesLeft === 0) {
      // Last real pole: pair with the nearest real zero and a pole/zero at the origin.
      const z1 = take(z, nearestIndex(z, p1, 'real'));
      put(s, [z1, c(0)], [p1, c(0)]);
    } else if (p.length + 1 === z.length && !isReal(p1) && realPolesLeft === 1 && z.filter(isReal).length === 1) {
      // One real pole and one real zero remain: this complex pole must take a complex zero.
      const z1 = take(z, nearestIndex(z, p1, 'complex'));
      put(s, [z1, conj(z1)], [p1, conj(p1)]);
    } else {
      let p2: Complex;
      if (isReal(p1)) {
        const realIdx = p.map((x, i) => (isReal(x) ? i : -1)).filter((i) => i >= 0);
        p2 = take(p, worstIndex(p, realIdx));
      } else {
        p2 = conj(p1);
      }
      if (z.length === 0) {
        put(s, [], [p1, p2]);
        continue;
      }
      const z1 = take(z, nearestIndex(z, p1, 'any'));
      if (!isReal(z1)) put(s, [z1, conj(z1)], [p1, p2]);
      else if (z.length > 0) put(s, [z1, take(z, nearestIndex(z, p1, 'real'))], [p1, p2]);
      else put(s, [z1], [p1, p2]);
    }
  }
  for (let i = 0; i < 3; i++) sos[i] *= k;
  return sos;
}

function checkSpec(spec: ButterworthSpec): number[] {
  const { order, type, cutoffHz, fsHz } = spec;
  if (!Number.isInteger(order) || order < 1 || order > 32) {
    throw new StrnnError('CONFIG', `Butterworth order must be an integer in 1..32, got ${order}`);
  }
  if (!(fsHz > 0) || !Number.isFinite(fsHz)) {
    throw new StrnnError('CONFIG', `sampling rate must be a positive number, got ${fsHz}`);
  }
  const edges = typeof cutoffHz === 'number' ? [cutoffHz] : [...cutoffHz];
  if (edges.length !== (type === 'bandpass' ? 2 : 1)) {
    throw new StrnnError('CONFIG', `a ${type} filter needs ${type === 'bandpass' ? 'two edges [low, high]' : 'one cutoff'} in Hz`);
  }
  for (const f of edges) {
    if (!(f > 0 && f < fsHz / 2)) {
      throw new StrnnError('CONFIG', `cutoff ${f} Hz must lie strictly between 0 and fs/2 = ${fsHz / 2} Hz`);
    }
  }
  if (edges.length === 2 && !(edges[0]! < edges[1]!)) {
    throw new StrnnError('CONFIG', `band edges must satisfy low < high, got [${edges.join(', ')}] Hz`);
  }
  return edges;
}

/**
 * Butterworth filter as second-order sections (S x 6, row-major [b0 b1 b2 1 a1 a2]).
 * Low/high-pass of order N give ceil(N/2) sections; band-pass of order N gives N sections.
 */
export function butterworthSos(spec: ButterworthSpec): Float64Array {
  const edges = checkSpec(spec);
  // Prewarp with the bilinear sample rate normalised to 2, as scipy does after dividing by fs/2.
  const warped = edges.map((f) => 4 * detTan((Math.PI * (2 * f / spec.fsHz)) / 2));
  let zpk = butterPrototype(spec.order);
  if (spec.type === 'lowpass') zpk = lowpassToLowpass(zpk, warped[0]!);
  else if (spec.type === 'highpass') zpk = lowpassToHighpass(zpk, warped[0]!);
  else zpk = lowpassToBandpass(zpk, Math.sqrt(warped[0]! * warped[1]!), warped[1]! - warped[0]!);
  zpk = bilinear(zpk, 2);
  return zpkToSos(zpk.z, zpk.p, zpk.k);
}

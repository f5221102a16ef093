// Fits the small-argument branch of the wasm backend's vector tanh and measures both branches in
// emulated float32 arithmetic (every operation rounded with Math.fround, as f32x4 does).
//
// tanh(x) = x + x^3 P(x^2) on |x| < 0.625, P of degree 4, by weighted least squares (weight =
// x^3 / tanh x, i.e. the relative error of tanh) on 2000 points; |x| >= 0.625 uses
// 1 - 2 / (exp(2|x|) + 1) with our own exp (Cody-Waite reduction + degree-6 Taylor polynomial).
// Run: node dist/bench/kernels/fit-tanh.js  — prints the coefficients and the max relative error.
const f = Math.fround;
const SPLIT = 0.625;
const DEG = 5;

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  for (let i = 0; i < n; i++) {
    let piv = i;
    for (let r = i + 1; r < n; r++) if (Math.abs(a[r]![i]!) > Math.abs(a[piv]![i]!)) piv = r;
    [a[i], a[piv]] = [a[piv]!, a[i]!];
    [b[i], b[piv]] = [b[piv]!, b[i]!];
    for (let r = i + 1; r < n; r++) {
      const q = a[r]![i]! / a[i]![i]!;
      for (let c = i; c < n; c++) a[r]![c]! -= q * a[i]![c]!;
      b[r]! -= q * b[i]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let c = i + 1; c < n; c++) s -= a[i]![c]! * x[c]!;
    x[i] = s / a[i]![i]!;
  }
  return x;
}

export function fitSmallTanh(): number[] {
  const ata = Array.from({ length: DEG }, () => new Array<number>(DEG).fill(0));
  const atb = new Array<number>(DEG).fill(0);
  for (let s = 1; s <= 2000; s++) {
    const x = (SPLIT * s) / 2000;
    const z = x * x;
    const target = (Math.tanh(x) - x) / (x * x * x);
    const w = (x * x * x) / Math.tanh(x);
    const row = Array.from({ length: DEG }, (_, i) => z ** i);
    for (let i = 0; i < DEG; i++) {
      atb[i]! += w * w * row[i]! * target;
      for (let j = 0; j < DEG; j++) ata[i]![j]! += w * w * row[i]! * row[j]!;
    }
  }
  return solve(ata, atb);
}

// As src/kernels/wasm/assembly/math.ts: round by adding 1.5 * 2^23 + 127, Estrin evaluation.
function expF32(x: number): number {
  const magic = f(1.5 * 2 ** 23 + 127);
  const shifted = f(f(x * f(Math.LOG2E)) + magic);
  const n = f(shifted - magic);
  let r = f(x - f(n * f(0.693359375)));
  r = f(r - f(n * f(-2.12194440e-4)));
  const r2 = f(r * r);
  const q0 = f(1 + r);
  const q1 = f(0.5 + f(r * f(1 / 6)));
  const q2 = f(f(1 / 24) + f(r * f(1 / 120)));
  const q3 = f(q2 + f(r2 * f(1 / 720)));
  const p = f(f(q0 + f(r2 * q1)) + f(f(r2 * r2) * q3));
  return f(p * 2 ** n);
}

function tanhF32(x: number, c: number[]): number {
  const ax = Math.abs(x);
  if (ax < SPLIT) {
    const z = f(ax * ax);
    const z2 = f(z * z);
    const [c0, c1, c2, c3, c4] = c.map(f) as [number, number, number, number, number];
    const p = f(f(c0 + f(z * c1)) + f(z2 * f(f(c2 + f(z * c3)) + f(z2 * c4))));
    return Math.sign(x) * f(ax + f(f(ax * z) * p));
  }
  const t = expF32(f(2 * Math.min(ax, 9)));
  return Math.sign(x) * f(1 - f(2 / f(t + 1)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const c = fitSmallTanh();
  console.log('P coefficients (z^0..z^4):', c.map((v) => f(v).toPrecision(9)).join(', '));
  let worst = 0;
  let at = 0;
  for (let i = 1; i < 2_000_000; i++) {
    const x = f(i * 1e-5 - 1e-6);
    const e = Math.abs(tanhF32(x, c) - Math.tanh(x)) / Math.abs(Math.tanh(x));
    if (e > worst) [worst, at] = [e, x];
  }
  console.log(`max relative error on (0, 20): ${worst.toExponential(3)} at x = ${at}`);
}

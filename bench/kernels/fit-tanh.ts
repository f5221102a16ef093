// Fits the wasm backend's vector tanh and measures it in emulated float32 arithmetic (every operation
// rounded with Math.fround, in the order src/kernels/wasm/assembly/math.ts evaluates it).
//
// Form: tanh(x) = x P(z) / Q(z), z = x^2, P of degree 6 and Q of degree 3 with P(0) = Q(0) = 1, on
// |x| <= 7.9 (x clamped there; |x| >= 9.02, where float32 tanh rounds to ±1, returns ±1 exactly).
// Coefficients by Sanathanan-Koerner iteration: weighted linear least squares of
// x P(z) - tanh(x) (Q(z) - 1) = tanh(x) with weights 1 / (tanh(x) Q_previous(z)) (relative error),
// 4000 Chebyshev-spaced points, z scaled by 7.9^2 while solving for conditioning.
// Run: node dist/bench/kernels/fit-tanh.js  — prints the coefficients and the max relative error.
const f = Math.fround;
export const CLAMP = 7.9;
export const SATURATE = 9.02;
const DP = 6;
const DQ = 3;

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

/** Returns [P, Q] coefficients (z^0 first), rounded to float32. */
export function fitTanh(): [number[], number[]] {
  const scale = CLAMP * CLAMP;
  const points = 4000;
  const xs = Array.from({ length: points }, (_, i) => CLAMP * (1 - Math.cos((Math.PI * (i + 1)) / (2 * points))));
  const unknowns = DP + 1 + DQ;
  let P: number[] = [];
  let Q: number[] = [];
  let qPrev = xs.map(() => 1);
  for (let iteration = 0; iteration < 12; iteration++) {
    const ata = Array.from({ length: unknowns }, () => new Array<number>(unknowns).fill(0));
    const atb = new Array<number>(unknowns).fill(0);
    xs.forEach((x, idx) => {
      const z = (x * x) / scale;
      const t = Math.tanh(x);
      const w = 1 / (t * qPrev[idx]!);
      const row: number[] = [];
      for (let i = 0; i <= DP; i++) row.push(x * z ** i * w);
      for (let i = 1; i <= DQ; i++) row.push(-t * z ** i * w);
      for (let i = 0; i < unknowns; i++) {
        atb[i]! += row[i]! * t * w;
        for (let j = 0; j < unknowns; j++) ata[i]![j]! += row[i]! * row[j]!;
      }
    });
    const c = solve(ata, atb);
    P = c.slice(0, DP + 1);
    Q = [1, ...c.slice(DP + 1)];
    qPrev = xs.map((x) => Q.reduce((s, q, i) => s + q * ((x * x) / scale) ** i, 0));
  }
  return [P.map((p, i) => f(p / scale ** i)), Q.map((q, i) => f(q / scale ** i))];
}

/** The kernel's arithmetic for one lane (Estrin order, as math.ts). */
export function tanhF32(x: number, P: number[], Q: number[]): number {
  const xc = Math.max(Math.min(x, f(CLAMP)), -f(CLAMP));
  const z = f(xc * xc);
  const z2 = f(z * z);
  const z4 = f(z2 * z2);
  const p01 = f(1 + f(z * P[1]!));
  const p23 = f(P[2]! + f(z * P[3]!));
  const p45 = f(P[4]! + f(z * P[5]!));
  const p456 = f(p45 + f(z2 * P[6]!));
  const p = f(f(p01 + f(z2 * p23)) + f(z4 * p456));
  const q01 = f(1 + f(z * Q[1]!));
  const q23 = f(Q[2]! + f(z * Q[3]!));
  const q = f(q01 + f(z2 * q23));
  const y = f(f(xc * p) / q);
  return Math.abs(x) >= f(SATURATE) ? Math.sign(x) : y;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [P, Q] = fitTanh();
  console.log('P (z^0..z^6):', P.map((v) => v.toPrecision(9)).join(', '));
  console.log('Q (z^0..z^3):', Q.map((v) => v.toPrecision(9)).join(', '));
  let worst = 0;
  let at = 0;
  for (let i = 1; i < 2_000_000; i++) {
    const x = f(i * 1e-5);
    const e = Math.abs(tanhF32(x, P, Q) - Math.tanh(x)) / Math.tanh(x);
    if (e > worst) [worst, at] = [e, x];
  }
  console.log(`max relative error on (0, 20): ${worst.toExponential(3)} at x = ${at}`);
}

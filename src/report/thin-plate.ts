// Thin-plate spline interpolation of electrode values over the head, for topomaps:
// f(p) = Σ_i w_i φ(|p − p_i|) + a0 + a1 x + a2 y with φ(r) = r² ln r, the weights solving
// [K P; Pᵀ 0] [w; a] = [v; 0] (K_ij = φ(|p_i − p_j|), P_i = [1 x_i y_i]). It passes through every
// electrode value and reproduces any affine field exactly (both tested); EEGLAB's topoplot uses the
// same family (MATLAB's biharmonic 'v4' griddata). Own code: about forty lines, and no npm package
// offers it without a large numeric library.
import { StrnnError } from '../util/errors.js';
import type { ScalpPoint } from './scalp-positions.js';

const phi = (r2: number) => (r2 > 0 ? 0.5 * r2 * Math.log(r2) : 0); // r² ln r written with r²

/** Solves A z = b in place by Gaussian elimination with partial pivoting (A is n x n, row-major). */
function solve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r * n + col]!) > Math.abs(A[pivot * n + col]!)) pivot = r;
    if (Math.abs(A[pivot * n + col]!) < 1e-12) throw new StrnnError('INPUT', 'topomap: electrode positions are degenerate (two at the same place, or all on one line)');
    if (pivot !== col) {
      for (let c = 0; c < n; c++) [A[col * n + c], A[pivot * n + c]] = [A[pivot * n + c]!, A[col * n + c]!];
      [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    }
    for (let r = col + 1; r < n; r++) {
      const f = A[r * n + col]! / A[col * n + col]!;
      if (f === 0) continue;
      for (let c = col; c < n; c++) A[r * n + c]! -= f * A[col * n + c]!;
      b[r]! -= f * b[col]!;
    }
  }
  const z = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let c = r + 1; c < n; c++) s -= A[r * n + c]! * z[c]!;
    z[r] = s / A[r * n + r]!;
  }
  return z;
}

/** The interpolating function of `values` at `points` (finite values, at least three points). */
export function thinPlateSpline(points: readonly ScalpPoint[], values: readonly number[]): (x: number, y: number) => number {
  const m = points.length;
  if (m < 3 || values.length !== m) throw new StrnnError('INPUT', `topomap: need one value per electrode (at least 3), found ${values.length} values for ${m} electrodes`);
  if (!values.every(Number.isFinite)) throw new StrnnError('INPUT', 'topomap: an electrode value is not finite');
  const n = m + 3;
  const A = new Float64Array(n * n);
  const b = new Float64Array(n);
  points.forEach((p, i) => {
    points.forEach((q, j) => (A[i * n + j] = phi((p.x - q.x) ** 2 + (p.y - q.y) ** 2)));
    [1, p.x, p.y].forEach((v, k) => {
      A[i * n + m + k] = v;
      A[(m + k) * n + i] = v;
    });
    b[i] = values[i]!;
  });
  const z = solve(A, b, n);
  return (x, y) => {
    let s = z[m]! + z[m + 1]! * x + z[m + 2]! * y;
    for (let i = 0; i < m; i++) s += z[i]! * phi((x - points[i]!.x) ** 2 + (y - points[i]!.y) ** 2);
    return s;
  };
}

// Backend parity: every Kernels method on the reference and the wasm SIMD backend, over awkward shapes
// (sizes 1, 3, 5, 62, 81; dims not multiples of four; all transpose combinations of gemm with padded
// leading dimensions, non-zero and unaligned offsets; beta 0 over NaN garbage; a batch of one; the
// model's real shapes). Both arenas start from the same contents; after a call the WHOLE arena is
// compared: declared outputs within the tolerances of ./tolerances.ts, every other float bit-exactly
// (a kernel writing outside its output fails). Non-finite expected values must match exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Arena, Kernels } from '../../src/kernels/kernels.js';
import { referenceBackend, referenceKernels } from '../../src/kernels/ref/index.js';
import { wasmBackendSync } from '../../src/kernels/wasm/index.js';
import { buildSweeps } from '../../src/montage/sweeps.js';
import { SEED_62 } from '../../src/montage/seed62.js';
import { Rng } from '../../src/util/random.js';
import * as TOL from './tolerances.js';
import type { Tolerance } from './tolerances.js';

const FLOATS = 1 << 21;
/** Floats compared beyond the last output: a kernel writing past its block is caught there. */
const MARGIN = 4096;
const INTS = 1 << 12;

/** A block of floats the call writes: rows x cols with leading dimension ld, from off. */
interface Output {
  name: string;
  off: number;
  rows: number;
  cols: number;
  ld: number;
  tol: Tolerance;
}

interface Case {
  name: string;
  /** Int32 contents placed at ints[0..] in both arenas. */
  ints?: readonly number[];
  /** Deterministic edits to the shared starting floats (NaN garbage, special values). */
  prepare?(f: Float32Array): void;
  run(k: Kernels, a: Arena): number | void;
  outputs: Output[];
  /** Tolerance of the returned number, for kernels that return one. */
  value?: Tolerance;
  /** Per-element magnitude of reductions (sum of |terms|), from the prepared inputs; indexed like the arena. */
  scale?(input: Float32Array): Float64Array;
}

const vec = (name: string, off: number, n: number, tol: Tolerance): Output => ({ name, off, rows: 1, cols: n, ld: n, tol });

/** Places blocks one after another with odd gaps, so offsets are non-zero and not 16-byte aligned. */
function placer(start = 5) {
  let at = start;
  return (n: number) => {
    const off = at;
    at += n + 7;
    return off;
  };
}

const template = new Float32Array(FLOATS);
{
  const rng = new Rng(2024);
  for (let i = 0; i < FLOATS; i++) template[i] = rng.uniform(-1, 1);
}

const wasm = wasmBackendSync();
const wasmArena = wasm.createArena(FLOATS, INTS);
const refArena = referenceBackend('float32').createArena(FLOATS, INTS);

function fillNaN(f: Float32Array, o: { off: number; rows: number; ld: number }) {
  f.fill(NaN, o.off, o.off + o.rows * o.ld);
}

function check(name: string, expected: number, actual: number, tol: Tolerance, scale: number): string | undefined {
  if (!Number.isFinite(expected)) {
    return Object.is(expected, actual) || (Number.isNaN(expected) && Number.isNaN(actual)) ? undefined : `expected ${expected}, got ${actual}`;
  }
  const bound = tol.abs * scale + tol.rel * Math.abs(expected);
  const diff = Math.abs(actual - expected);
  if (Number.isFinite(actual) && diff <= bound) return undefined;
  return `expected ${expected}, got ${actual} (|diff| ${diff.toExponential(2)} > bound ${bound.toExponential(2)}) [${name}]`;
}

function runCase(c: Case): void {
  // Only the arena up to the last output plus a margin is reset and compared (keeps the suite fast).
  const extent = Math.min(FLOATS, Math.max(...c.outputs.map((o) => o.off + o.rows * o.ld), 0) + MARGIN);
  for (const a of [wasmArena, refArena]) {
    a.floats.set(template.subarray(0, extent));
    c.prepare?.(a.floats as Float32Array);
    a.ints.fill(0);
    if (c.ints) a.ints.set(c.ints);
  }
  const scale = c.scale?.(refArena.floats.slice(0, extent) as Float32Array);
  const expectedValue = c.run(referenceKernels, refArena);
  const actualValue = c.run(wasm.kernels, wasmArena);

  const owner = new Int16Array(extent).fill(-1);
  c.outputs.forEach((o, id) => {
    for (let r = 0; r < o.rows; r++) owner.fill(id, o.off + r * o.ld, o.off + r * o.ld + o.cols);
  });
  const problems: string[] = [];
  let count = 0;
  const exp = refArena.floats;
  const act = wasmArena.floats;
  for (let i = 0; i < extent; i++) {
    const id = owner[i]!;
    let problem: string | undefined;
    if (id < 0) {
      const same = Object.is(exp[i], act[i]) || (Number.isNaN(exp[i]) && Number.isNaN(act[i]));
      if (!same) problem = `float ${i} outside every output changed: ${exp[i]} -> ${act[i]}`;
    } else {
      const o = c.outputs[id]!;
      const rel = i - o.off;
      const where = `${o.name}[${Math.floor(rel / o.ld)}][${rel % o.ld}]`;
      const p = check(o.tol.reason, exp[i]!, act[i]!, o.tol, scale ? scale[i]! : 1);
      if (p) problem = `${where}: ${p}`;
    }
    if (problem) {
      count++;
      if (problems.length < 8) problems.push(problem);
    }
  }
  if (c.value && typeof expectedValue === 'number') {
    const p = check(c.value.reason, expectedValue, actualValue as number, c.value, 1);
    if (p) {
      count++;
      problems.push(`returned value: ${p}`);
    }
  }
  if (count > 0) assert.fail(`${c.name}: ${count} mismatches; first ones:\n  ${problems.join('\n  ')}`);
}

// ---------------------------------------------------------------- gemm

function gemmCase(ta: boolean, tb: boolean, m: number, n: number, k: number, opts: {
  alpha?: number; beta?: number; pad?: number; nanInA?: boolean; label?: string;
} = {}): Case {
  const { alpha = 1, beta = 0, pad = 3 } = opts;
  const lda = (ta ? m : k) + pad;
  const ldb = (tb ? k : n) + pad;
  const ldc = n + pad;
  const take = placer();
  const aOff = take((ta ? k : m) * lda);
  const bOff = take((tb ? n : k) * ldb);
  const cOff = take(m * ldc);
  const C = { name: 'C', off: cOff, rows: m, cols: n, ld: ldc, tol: TOL.reduction(k) };
  return {
    name: `gemm ${ta ? 'T' : 'N'}${tb ? 'T' : 'N'} m=${m} n=${n} k=${k} alpha=${alpha} beta=${beta} pad=${pad}${opts.label ?? ''}`,
    prepare(f) {
      if (beta === 0) fillNaN(f, C); // beta 0 must ignore C entirely
      if (opts.nanInA) f[aOff + lda + 1] = NaN; // spreads into row 1 (N) or row 1's column (T) of C
    },
    run: (kk, a) => kk.gemm(ta, tb, m, n, k, alpha, a.floats, aOff, lda, a.floats, bOff, ldb, beta, a.floats, cOff, ldc),
    outputs: [C],
    scale(input) {
      const abs = new Float64Array(input.length);
      for (let i = 0; i < input.length; i++) abs[i] = Math.abs(input[i]!);
      referenceKernels.gemm(ta, tb, m, n, k, Math.abs(alpha), abs, aOff, lda, abs, bOff, ldb, Math.abs(beta), abs, cOff, ldc);
      return abs;
    },
  };
}

const cases: Case[] = [];
const SHAPES: [number, number, number][] = [
  [1, 1, 1], [3, 5, 1], [5, 3, 7], [1, 30, 30], [3, 81, 5], [62, 81, 5], [81, 62, 3], [7, 30, 30], [13, 10, 62], [9, 5, 960], [5, 13, 0],
];
for (const ta of [false, true]) {
  for (const tb of [false, true]) {
    for (const [m, n, k] of SHAPES) cases.push(gemmCase(ta, tb, m, n, k));
    cases.push(gemmCase(ta, tb, 62, 30, 81, { alpha: -0.75, beta: 0.5 }));
    cases.push(gemmCase(ta, tb, 5, 7, 30, { beta: 1 }));
    cases.push(gemmCase(ta, tb, 9, 530, 270, { beta: 1, pad: 1, label: ' (several k and n blocks)' }));
    cases.push(gemmCase(ta, tb, 6, 9, 11, { nanInA: true, label: ' NaN in A' }));
  }
}
// The model's own shapes (SEED defaults, B = 32, tight leading dimensions), from src/model/layers/.
cases.push(gemmCase(false, true, 17856, 30, 5, { pad: 0, label: ' spatial input term' }));
cases.push(gemmCase(false, true, 2304, 30, 30, { beta: 1, pad: 0, label: ' spatial wavefront' }));
cases.push(gemmCase(true, false, 8640, 10, 62, { pad: 0, label: ' spatial projection' }));
cases.push(gemmCase(true, false, 30, 30, 17856, { beta: 1, pad: 0, label: ' spatial dW' }));
cases.push(gemmCase(false, false, 62, 10, 8640, { pad: 0, label: ' projection dG' }));
cases.push(gemmCase(false, true, 62, 8640, 10, { pad: 0, label: ' projection dh' }));
cases.push(gemmCase(false, false, 1, 30, 30, { beta: 1, pad: 0, label: ' temporal step, batch of one' }));

// gemmBias: C = op(A) op(B) + bias in every row, C overwritten (NaN garbage in C must not matter).
function gemmBiasCase(ta: boolean, tb: boolean, m: number, n: number, k: number, opts: { pad?: number; ldb?: number; label?: string } = {}): Case {
  const { pad = 3 } = opts;
  const lda = (ta ? m : k) + pad;
  const ldb = opts.ldb ?? (tb ? k : n) + pad;
  const ldc = n + pad;
  const take = placer();
  const aOff = take((ta ? k : m) * lda);
  const bOff = take((tb ? n : k) * ldb);
  const biasOff = take(n);
  const cOff = take(m * ldc);
  const C = { name: 'C', off: cOff, rows: m, cols: n, ld: ldc, tol: TOL.gemmBias(k) };
  return {
    name: `gemmBias ${ta ? 'T' : 'N'}${tb ? 'T' : 'N'} m=${m} n=${n} k=${k} pad=${pad}${opts.label ?? ''}`,
    prepare: (f) => fillNaN(f, C),
    run: (kk, a) => kk.gemmBias(ta, tb, m, n, k, a.floats, aOff, lda, a.floats, bOff, ldb, a.floats, biasOff, a.floats, cOff, ldc),
    outputs: [C],
    scale(input) {
      const abs = new Float64Array(input.length);
      for (let i = 0; i < input.length; i++) abs[i] = Math.abs(input[i]!);
      referenceKernels.gemmBias(ta, tb, m, n, k, abs, aOff, lda, abs, bOff, ldb, abs, biasOff, abs, cOff, ldc);
      return abs;
    },
  };
}
for (const ta of [false, true]) {
  for (const tb of [false, true]) {
    for (const [m, n, k] of SHAPES) cases.push(gemmBiasCase(ta, tb, m, n, k));
    cases.push(gemmBiasCase(ta, tb, 9, 530, 270, { pad: 1, label: ' (several k and n blocks)' }));
  }
}
cases.push(gemmBiasCase(false, true, 17856, 30, 5, { pad: 0, label: ' spatial input term' }));
cases.push(gemmBiasCase(false, true, 288, 30, 300, { ldb: 1200, pad: 0, label: ' temporal input term' }));
cases.push(gemmBiasCase(false, true, 32, 3, 150, { ldb: 300, pad: 0, label: ' classifier' }));
cases.push(gemmBiasCase(false, true, 1, 3, 150, { ldb: 300, pad: 0, label: ' classifier, batch of one' }));

// ---------------------------------------------------------------- elementwise

// out (cols) = column sums of x (rows x cols); error scale: the sums of absolute values.
function sumRowsCase(name: string, rows: number, cols: number, x: number, out: number): Case {
  return {
    name,
    run: (k, a) => k.sumRows(a.floats, out, a.floats, x, rows, cols),
    outputs: [vec('out', out, cols, TOL.reduction(rows + 1))],
    scale(input) {
      const s = new Float64Array(input.length);
      for (let j = 0; j < cols; j++) {
        s[out + j] = Math.abs(input[out + j]!);
        for (let i = 0; i < rows; i++) s[out + j] += Math.abs(input[x + i * cols + j]!);
      }
      return s;
    },
  };
}

for (const [rows, cols] of [[1, 1], [3, 5], [62, 30], [81, 3], [1, 81]] as const) {
  const take = placer();
  const x = take(rows * cols);
  const bias = take(cols);
  cases.push({
    name: `addBias ${rows}x${cols}`,
    run: (k, a) => k.addBias(a.floats, x, rows, cols, a.floats, bias),
    outputs: [vec('x', x, rows * cols, TOL.EXACT)],
  });
  cases.push(sumRowsCase(`sumRows ${rows}x${cols}`, rows, cols, x, take(cols)));
}
// The spatial RNN's bias gradient (N * S x dS at SEED defaults), and a row wider than the wasm
// kernel's column group (its float64 sums live in a fixed scratch area).
for (const [rows, cols] of [[17856, 30], [3, 33001]] as const) {
  const take = placer(11);
  const x = take(rows * cols);
  cases.push(sumRowsCase(`sumRows ${rows}x${cols} (model shape / wide rows)`, rows, cols, x, take(cols)));
}

const SPECIALS = [NaN, Infinity, -Infinity, 0, -0, 1e-30, -1e-30, 1e-6, 0.6249, 0.625, -0.7, 7.89, 7.91, 8.99, 9.01, 9.03, -9.03, 20, -20, 3.4e38, 1e-40];
for (const n of [1, 3, 5, 62, 81, 1000]) {
  const x = 3;
  const scaled = (f: Float32Array) => {
    for (let i = 0; i < n; i++) f[x + i]! *= 12; // spans the whole fitted range and the clamp at 7.9
  };
  cases.push({ name: `activate tanh n=${n}`, prepare: scaled, run: (k, a) => k.activate('tanh', a.floats, x, n), outputs: [vec('x', x, n, TOL.TANH)] });
  cases.push({ name: `activate relu n=${n}`, run: (k, a) => k.activate('relu', a.floats, x, n), outputs: [vec('x', x, n, TOL.EXACT)] });
}
for (const act of ['tanh', 'relu'] as const) {
  const x = 9;
  cases.push({
    name: `activate ${act} special values`,
    prepare: (f) => f.set(SPECIALS, x),
    run: (k, a) => k.activate(act, a.floats, x, SPECIALS.length),
    outputs: [vec('x', x, SPECIALS.length, act === 'tanh' ? TOL.TANH : TOL.EXACT)],
  });
}
for (const act of ['tanh', 'relu'] as const) {
  for (const n of [1, 3, 5, 62, 81]) {
    const take = placer();
    const dPre = take(n);
    const dY = take(n);
    const y = take(n);
    const tol = act === 'tanh' ? TOL.TANH_BACKWARD : TOL.EXACT;
    cases.push({
      name: `activationBackward ${act} n=${n}`,
      prepare(f) {
        f.fill(NaN, dPre, dPre + n); // overwritten, never read
        // Saturated outputs (|y| near 1), where 1 - y^2 cancels, next to ordinary ones.
        for (let i = 0; i < n; i += 3) f[y + i] = Math.sign(f[y + i]!) * (1 - 2 ** -(10 + (i % 13)));
        if (n > 2) f[y + 1] = act === 'relu' ? NaN : f[y + 1]!;
      },
      run: (k, a) => k.activationBackward(act, a.floats, dPre, a.floats, dY, a.floats, y, n),
      outputs: [vec('dPre', dPre, n, tol)],
    });
    cases.push({
      name: `activationBackward ${act} n=${n} in place`,
      run: (k, a) => k.activationBackward(act, a.floats, dY, a.floats, dY, a.floats, y, n),
      outputs: [vec('dY', dY, n, tol)],
    });
  }
}
for (const n of [1, 3, 5, 62, 81, 1001]) {
  const take = placer();
  const x = take(n);
  const y = take(n);
  cases.push({ name: `sumSquares n=${n}`, run: (k, a) => k.sumSquares(a.floats, x, n), outputs: [], value: TOL.FLOAT64_SUM });
  cases.push({ name: `scale n=${n}`, run: (k, a) => k.scale(a.floats, x, n, 0.3), outputs: [vec('x', x, n, TOL.SCALE)] });
  cases.push({ name: `addInto n=${n}`, run: (k, a) => k.addInto(a.floats, y, a.floats, x, n), outputs: [vec('y', y, n, TOL.EXACT)] });
}

// ---------------------------------------------------------------- graph

function permutation(n: number, seed: number): number[] {
  const rng = new Rng(seed);
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

for (const [s, nodes, d] of [[1, 1, 1], [3, 5, 5], [1, 62, 10], [3, 81, 3], [2, 62, 5]] as const) {
  const order = permutation(nodes, nodes + d);
  const take = placer();
  const x = take(s * nodes * d);
  const out = take(s * nodes * d);
  cases.push({
    name: `gatherNodes s=${s} nodes=${nodes} d=${d}`,
    ints: order,
    prepare: (f) => f.fill(NaN, out, out + s * nodes * d),
    run: (k, a) => k.gatherNodes(a.floats, out, a.floats, x, a.ints.subarray(0, nodes), s, nodes, d),
    outputs: [vec('out', out, s * nodes * d, TOL.EXACT)],
  });
  cases.push({
    name: `scatterNodes s=${s} nodes=${nodes} d=${d}`,
    ints: order,
    run: (k, a) => k.scatterNodes(a.floats, x, a.floats, out, a.ints.subarray(0, nodes), s, nodes, d),
    outputs: [vec('dx', x, s * nodes * d, TOL.EXACT)],
  });
}

/** predStart / predPos for positions 0..n-1 with 0 to 4 predecessors among earlier positions (some repeated). */
function smallGraph(n: number): { predStart: number[]; predPos: number[] } {
  const predStart = [0];
  const predPos: number[] = [];
  for (let p = 0; p < n; p++) {
    for (let e = 0; e < Math.min(p, p % 5); e++) predPos.push((p * 7 + e * 3) % p);
    predStart.push(predPos.length);
  }
  return { predStart, predPos };
}

const graphs: { label: string; predStart: readonly number[]; predPos: readonly number[]; ranges: [number, number][] }[] = [
  { label: 'hand-made, 0 to 4 predecessors', ...smallGraph(12), ranges: [[0, 12], [4, 10]] },
  ...buildSweeps(SEED_62).slice(0, 2).map((sw, i) => ({
    label: `SEED-62 sweep ${i}`,
    predStart: Array.from(sw.predStart),
    predPos: Array.from(sw.predPos),
    ranges: Array.from(sw.levelStart).slice(0, -1).map((p0, w) => [p0, sw.levelStart[w + 1]!] as [number, number]),
  })),
];
for (const g of graphs) {
  const nodes = g.predStart.length - 1;
  const ints = [...g.predStart, ...g.predPos];
  for (const block of [1, 7, 15]) {
    const take = placer();
    const x = take(nodes * block);
    const out = take(nodes * block);
    const views = (a: Arena) => [a.ints.subarray(0, nodes + 1), a.ints.subarray(nodes + 1, ints.length)] as const;
    cases.push({
      name: `sumPredecessors ${g.label} block=${block}`,
      ints,
      prepare: (f) => f.fill(NaN, out, out + nodes * block),
      run(k, a) {
        const [start, pos] = views(a);
        for (const [p0, p1] of g.ranges) k.sumPredecessors(a.floats, out, a.floats, x, start, pos, p0, p1, block);
      },
      // Covered positions only (the hand-made ranges overlap; the sweep ranges cover all).
      outputs: [vec('out', out, nodes * block, TOL.EXACT)].map((o) => ({ ...o, cols: Math.max(...g.ranges.map((r) => r[1])) * block })),
    });
    cases.push({
      name: `scatterPredecessors ${g.label} block=${block}`,
      ints,
      run(k, a) {
        const [start, pos] = views(a);
        for (const [p0, p1] of g.ranges) k.scatterPredecessors(a.floats, x, a.floats, out, start, pos, p0, p1, block);
      },
      outputs: [vec('dx', x, nodes * block, TOL.EXACT)],
    });
  }
}

// ---------------------------------------------------------------- loss, penalties, optimisers

for (const [rows, cols] of [[1, 1], [1, 3], [3, 5], [32, 3], [5, 2]] as const) {
  for (const mode of ['labels', 'no labels', 'large logits'] as const) {
    const take = placer();
    const probs = take(rows * cols);
    const logits = take(rows * cols);
    const dLogits = take(rows * cols);
    const labels = Array.from({ length: rows }, (_, i) => (i * 2 + 1) % cols);
    const withLabels = mode !== 'no labels';
    cases.push({
      name: `softmaxCrossEntropy ${rows}x${cols} ${mode}`,
      ints: labels,
      prepare(f) {
        f.fill(NaN, probs, probs + rows * cols);
        f.fill(NaN, dLogits, dLogits + rows * cols);
        if (mode === 'large logits') for (let i = 0; i < rows * cols; i++) f[logits + i]! *= 1000;
      },
      run: (k, a) => k.softmaxCrossEntropy(a.floats, probs, a.floats, logits, rows, cols,
        withLabels ? a.ints.subarray(0, rows) : undefined, withLabels ? a.floats : undefined, dLogits, 1 / rows),
      outputs: [vec('probs', probs, rows * cols, TOL.SOFTMAX), ...(withLabels ? [vec('dLogits', dLogits, rows * cols, TOL.SOFTMAX)] : [])],
      value: TOL.SOFTMAX,
    });
  }
}
for (const n of [1, 3, 5, 62, 81, 620]) {
  const take = placer();
  const grad = take(n);
  const w = take(n);
  const zeros = (f: Float32Array) => {
    for (let i = 0; i < n; i += 5) f[w + i] = i % 2 ? -0 : 0; // subgradient 0 at 0
  };
  cases.push({ name: `l1Penalty n=${n}`, prepare: zeros, run: (k, a) => k.l1Penalty(a.floats, grad, a.floats, w, n, 1e-3), outputs: [vec('grad', grad, n, TOL.EXACT)], value: TOL.FLOAT64_SUM });
  cases.push({ name: `l2Penalty n=${n}`, prepare: zeros, run: (k, a) => k.l2Penalty(a.floats, grad, a.floats, w, n, 0.02), outputs: [vec('grad', grad, n, TOL.EXACT)], value: TOL.FLOAT64_SUM });
}
for (const n of [1, 5, 62, 81]) {
  for (const step of [1, 7]) {
    const take = placer();
    const p = take(4 * n); // p, g, m, v as one flat layout of consecutive n-blocks, like the model's
    const at = 2; // element offset inside each
    const block = n + at + 3;
    const views = (a: Arena) => [0, 1, 2, 3].map((i) => a.floats.subarray(p + i * block, p + (i + 1) * block));
    cases.push({
      name: `adamStep n=${n} step=${step}`,
      prepare(f) {
        for (let i = 0; i < block; i++) f[p + 3 * block + i] = Math.abs(f[p + 3 * block + i]!) * 1e-3; // v >= 0
        f[p + block + at] = 0; // zero gradient
      },
      run(k, a) {
        const [pp, g, m, v] = views(a);
        k.adamStep(pp!, g!, m!, v!, at, n, 1e-3, 0.9, 0.999, 1e-8, step);
      },
      outputs: [vec('p', p + at, n, TOL.OPTIMIZER), vec('m', p + 2 * block + at, n, TOL.MOMENT), vec('v', p + 3 * block + at, n, TOL.MOMENT)],
      scale(input) {
        const s = new Float64Array(input.length).fill(1);
        for (let i = at; i < at + n; i++) {
          const g = input[p + block + i]!;
          s[p + 2 * block + i] = 0.9 * Math.abs(input[p + 2 * block + i]!) + 0.1 * Math.abs(g);
          s[p + 3 * block + i] = 0.999 * input[p + 3 * block + i]! + 0.001 * g * g;
        }
        return s;
      },
    });
    if (step === 1) {
      cases.push({
        name: `sgdMomentumStep n=${n}`,
        run(k, a) {
          const [pp, g, vel] = views(a);
          k.sgdMomentumStep(pp!, g!, vel!, at, n, 0.01, 0.9);
        },
        outputs: [vec('p', p + at, n, TOL.OPTIMIZER), vec('vel', p + 2 * block + at, n, TOL.MOMENT)],
        scale(input) {
          const s = new Float64Array(input.length).fill(1);
          for (let i = at; i < at + n; i++) s[p + 2 * block + i] = 0.9 * Math.abs(input[p + 2 * block + i]!) + Math.abs(input[p + block + i]!);
          return s;
        },
      });
    }
  }
}

for (const c of cases) test(c.name, () => runCase(c));

// The STRNN forward pass (spec: "Layers") as a static ONNX graph, layer by layer as src/model/ computes
// it, with a symbolic batch dimension. Value shapes below use the spec's letters with B = batch.
//
// - Normalisation: x' = (x - mean) / std, mean and std N x dIn (the checkpoint's), broadcast.
// - Spatial RNN, per direction r: the input term x' U_r^T + b_r for every node at once, then one step
//   per wavefront of the sweep (src/montage/sweeps.ts): Gather the wavefront's nodes of the input term,
//   add (A_w · bank) W_r^T, where bank holds the states of the earlier wavefronts its predecessors sit in
//   and A_w (nodes x bank rows, entries 0/1) sums each node's predecessors, then σ_s.
// - Spatial projection: states in sweep order (Concat of the wavefronts) times G_r with its rows in the
//   same order, so m_r[t] = rowmajor(H^T G) with H^T = dS x N.
// - Temporal RNN: the input term m R^T + b for every slice, Split into the T slices, then the recurrence
//   unrolled over T in each direction; temporal projection Q^T H per direction.
// - Classifier o = [zf, zb] P^T + c; probabilities = Softmax(o).
// Weights are stored transposed where ONNX's MatMul wants them (names end in "^T").
import type { LoadedCheckpoint } from '../formats/checkpoint.js';
import type { Activation } from '../kernels/kernels.js';
import { buildSweeps, DIRECTIONS, type Sweep } from '../montage/sweeps.js';
import { OnnxGraphBuilder } from './onnx-graph.js';

/** ONNX operator of each activation the model config allows. */
export const ONNX_ACTIVATIONS: Record<Activation, string> = { tanh: 'Tanh', relu: 'Relu' };

/** Names of the graph's input and outputs. */
export const INPUT_NAME = 'x';
export const OUTPUT_LOGITS = 'logits';
export const OUTPUT_PROBABILITIES = 'probabilities';

/** rows x cols row-major → cols x rows row-major. */
function transposed(values: ArrayLike<number>, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = values[i * cols + j]!;
  return out;
}

interface GraphContext {
  g: OnnxGraphBuilder;
  ckpt: LoadedCheckpoint;
  param(name: string): ArrayLike<number>;
}

/** The normalised input x' (or x itself when the checkpoint has no normalisation). B x T x N x dIn. */
function normalizedInput(c: GraphContext, x: string): string {
  const norm = c.ckpt.normalization;
  if (!norm) return x;
  const { dIn } = c.ckpt.model.config;
  const dims = [c.ckpt.model.nodes, dIn];
  const centred = c.g.node('Sub', [x, c.g.floats('normalization.mean', dims, norm.mean)], 'x.centred');
  return c.g.node('Div', [centred, c.g.floats('normalization.std', dims, norm.std)], 'x.normalized');
}

/** One direction's spatial RNN; returns its states in sweep (position) order, B x T x N x dS. */
function spatialSweep(c: GraphContext, xn: string, r: string, sweep: Sweep, act: string): string {
  const { g } = c;
  const { dIn, dS } = c.ckpt.model.config;
  const Ut = g.floats(`spatial.${r}.U^T`, [dIn, dS], transposed(c.param(`spatial.${r}.U`), dS, dIn));
  const Wt = g.floats(`spatial.${r}.W^T`, [dS, dS], transposed(c.param(`spatial.${r}.W`), dS, dS));
  const b = g.floats(`spatial.${r}.b`, [dS], c.param(`spatial.${r}.b`));
  // Input term for every node: B x T x N x dS.
  const inputTerm = g.node('Add', [g.node('MatMul', [xn, Ut], `spatial.${r}.xU`), b], `spatial.${r}.input`);

  const levels = sweep.levelStart;
  const waveOf = new Int32Array(sweep.order.length);
  for (let w = 0; w + 1 < levels.length; w++) waveOf.fill(w, levels[w]!, levels[w + 1]!);
  const states: string[] = [];
  for (let w = 0; w + 1 < levels.length; w++) {
    const p0 = levels[w]!;
    const p1 = levels[w + 1]!;
    const n = p1 - p0;
    const prefix = `spatial.${r}.wave${w}`;
    const nodes = Array.from(sweep.order.subarray(p0, p1));
    let pre = g.node('Gather', [inputTerm, g.int64s(`${prefix}.nodes`, [n], nodes)], `${prefix}.input`, { axis: 2 });
    const preds = sweep.predPos.subarray(sweep.predStart[p0]!, sweep.predStart[p1]!);
    if (preds.length > 0) {
      // The bank: the earlier wavefronts that hold predecessors, in wavefront order.
      const sources = [...new Set(Array.from(preds, (q) => waveOf[q]!))].sort((a, z) => a - z);
      const bankRow = new Map<number, number>();
      let rows = 0;
      for (const s of sources) {
        bankRow.set(s, rows);
        rows += levels[s + 1]! - levels[s]!;
      }
      const sum = new Float32Array(n * rows);
      for (let p = p0; p < p1; p++) {
        for (let e = sweep.predStart[p]!; e < sweep.predStart[p + 1]!; e++) {
          const q = sweep.predPos[e]!;
          sum[(p - p0) * rows + bankRow.get(waveOf[q]!)! + q - levels[waveOf[q]!]!] = 1;
        }
      }
      const bank = sources.length === 1 ? states[sources[0]!]! : g.node('Concat', sources.map((s) => states[s]!), `${prefix}.bank`, { axis: 2 });
      const predSum = g.node('MatMul', [g.floats(`${prefix}.pred-sum`, [n, rows], sum), bank], `${prefix}.pred-sum`);
      pre = g.node('Add', [pre, g.node('MatMul', [predSum, Wt], `${prefix}.recurrent`)], `${prefix}.pre`);
    }
    states.push(g.node(act, [pre], `${prefix}.h`));
  }
  return states.length === 1 ? states[0]! : g.node('Concat', states, `spatial.${r}.h`, { axis: 2 });
}

/** One direction's sparse projection m_r: B x T x (dS kS), rowmajor(S[r][t]). */
function spatialProjection(c: GraphContext, h: string, r: string, sweep: Sweep, flatten2: string): string {
  const { g } = c;
  const { kS } = c.ckpt.model.config;
  const G = c.param(`spatial.${r}.G`);
  const inSweepOrder = new Float32Array(sweep.order.length * kS);
  sweep.order.forEach((v, p) => inSweepOrder.set(Array.from({ length: kS }, (_, j) => G[v * kS + j]!), p * kS));
  const Gp = g.floats(`spatial.${r}.G(sweep order)`, [sweep.order.length, kS], inSweepOrder);
  const hT = g.node('Transpose', [h], `spatial.${r}.h^T`, { perm: [0, 1, 3, 2] });
  const S = g.node('MatMul', [hT, Gp], `spatial.${r}.S`);
  return g.node('Reshape', [S, flatten2], `spatial.${r}.m`);
}

/** One direction of the temporal RNN and its projection: B x (dT kT), rowmajor(Z). */
function temporalDirection(c: GraphContext, m: string, dir: 'fwd' | 'bwd', act: string, flatten1: string): string {
  const { g } = c;
  const { T, dS, kS, dT, kT } = c.ckpt.model.config;
  const mLen = 4 * dS * kS;
  const Rt = g.floats(`temporal.${dir}.R^T`, [mLen, dT], transposed(c.param(`temporal.${dir}.R`), dT, mLen));
  const Vt = g.floats(`temporal.${dir}.V^T`, [dT, dT], transposed(c.param(`temporal.${dir}.V`), dT, dT));
  const b = g.floats(`temporal.${dir}.b`, [dT], c.param(`temporal.${dir}.b`));
  const H = g.floats(`temporal.${dir}.H`, [T, kT], c.param(`temporal.${dir}.H`));
  // Input term of every slice, B x T x dT, cut into T slices of B x 1 x dT.
  const inputTerm = g.node('Add', [g.node('MatMul', [m, Rt], `temporal.${dir}.mR`), b], `temporal.${dir}.input`);
  const slices = T === 1 ? [inputTerm] : g.nodeWithOutputs('Split', [inputTerm], Array.from({ length: T }, (_, t) => `temporal.${dir}.input.t${t}`), { axis: 1 });
  const q: string[] = new Array<string>(T);
  for (let i = 0; i < T; i++) {
    const t = dir === 'bwd' ? T - 1 - i : i;
    const prev = dir === 'bwd' ? t + 1 : t - 1; // the recurrence's previous step (absent at the first)
    const pre = i === 0 ? slices[t]! : g.node('Add', [slices[t]!, g.node('MatMul', [q[prev]!, Vt], `temporal.${dir}.recurrent.t${t}`)], `temporal.${dir}.pre.t${t}`);
    q[t] = g.node(act, [pre], `temporal.${dir}.q.t${t}`);
  }
  // Q in real time order, B x T x dT; Z = Q^T H per sample, B x dT x kT.
  const Q = T === 1 ? q[0]! : g.node('Concat', q, `temporal.${dir}.q`, { axis: 1 });
  const QT = g.node('Transpose', [Q], `temporal.${dir}.q^T`, { perm: [0, 2, 1] });
  return g.node('Reshape', [g.node('MatMul', [QT, H], `temporal.${dir}.Z`), flatten1], `temporal.${dir}.z`);
}

/** Adds the whole forward pass from input `x` to the graph; returns the logits and probabilities names. */
export function buildStrnnGraph(g: OnnxGraphBuilder, ckpt: LoadedCheckpoint, x: string): { logits: string; probabilities: string } {
  const model = ckpt.model;
  const cfg = model.config;
  const c: GraphContext = { g, ckpt, param: (name) => model.param(name) };
  // Reshape targets: keep batch (and T), flatten the rest (0 copies the input's dimension).
  const flatten1 = g.int64s('shape.keep1', [2], [0, -1]);
  const flatten2 = g.int64s('shape.keep2', [3], [0, 0, -1]);
  const xn = normalizedInput(c, x);
  const sweeps = buildSweeps(model.montage);
  const spatialAct = ONNX_ACTIVATIONS[cfg.spatialActivation];
  const temporalAct = ONNX_ACTIVATIONS[cfg.temporalActivation];
  const m = DIRECTIONS.map((r, i) => spatialProjection(c, spatialSweep(c, xn, r, sweeps[i]!, spatialAct), r, sweeps[i]!, flatten2));
  // m[t] = concat over r (spec order tl, tr, bl, br): B x T x 4 dS kS.
  const M = g.node('Concat', m, 'temporal.m', { axis: 2 });
  const z = (['fwd', 'bwd'] as const).map((dir) => temporalDirection(c, M, dir, temporalAct, flatten1));
  const P = model.param('head.P');
  const zLen = 2 * cfg.dT * cfg.kT;
  const Pt = g.floats('head.P^T', [zLen, cfg.C], transposed(P, cfg.C, zLen));
  const zCat = g.node('Concat', z, 'head.z', { axis: 1 });
  const logits = g.node('Add', [g.node('MatMul', [zCat, Pt], 'head.zP'), g.floats('head.c', [cfg.C], model.param('head.c'))], OUTPUT_LOGITS);
  const probabilities = g.node('Softmax', [logits], OUTPUT_PROBABILITIES, { axis: 1 });
  return { logits, probabilities };
}

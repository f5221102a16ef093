// Memory layout of the model: every parameter in spec order with its checkpoint name and shape
// (spec: "Parameter names"), and every activation / cache buffer for a maximum batch size. The model
// allocates one arena from these sizes; everything else is a view (offset) into it.
import type { StrnnConfig } from './config.js';
import { DIRECTIONS } from '../montage/sweeps.js';

export interface ParamSpec {
  name: string;
  shape: number[];
  /** Element offset in the flat parameter buffer. */
  offset: number;
  size: number;
  /** Fan-in used by the default initialisation (spec: "Default initialisation"). */
  fanIn: number;
  /** Fan-out, for Glorot initialisation. */
  fanOut: number;
  isBias: boolean;
}

export interface ParamLayout {
  params: ParamSpec[];
  total: number;
  byName: Map<string, ParamSpec>;
}

export function parameterLayout(cfg: StrnnConfig, N: number): ParamLayout {
  const { dIn, dS, kS, dT, kT, T, C } = cfg;
  const mLen = 4 * dS * kS;
  const zLen = 2 * dT * kT;
  const list: Omit<ParamSpec, 'offset' | 'size'>[] = [];
  const add = (name: string, shape: number[], fanIn: number, fanOut: number, isBias = false) =>
    list.push({ name, shape, fanIn, fanOut, isBias });
  for (const r of DIRECTIONS) {
    add(`spatial.${r}.U`, [dS, dIn], dIn, dS);
    add(`spatial.${r}.W`, [dS, dS], dS, dS);
    add(`spatial.${r}.b`, [dS], dIn, dS, true);
    add(`spatial.${r}.G`, [N, kS], N, kS);
  }
  for (const dir of ['fwd', 'bwd']) {
    add(`temporal.${dir}.R`, [dT, mLen], mLen, dT);
    add(`temporal.${dir}.V`, [dT, dT], dT, dT);
    add(`temporal.${dir}.b`, [dT], mLen, dT, true);
    add(`temporal.${dir}.H`, [T, kT], T, kT);
  }
  add('head.P', [C, zLen], zLen, C);
  add('head.c', [C], zLen, C, true);

  let offset = 0;
  const params = list.map((p) => {
    const size = p.shape.reduce((a, b) => a * b, 1);
    const spec = { ...p, offset, size };
    offset += size;
    return spec;
  });
  return { params, total: offset, byName: new Map(params.map((p) => [p.name, p])) };
}

/** Element offsets of the activation, cache and scratch buffers for batches of up to maxBatch. */
export interface ActivationLayout {
  x: number; // S x N x dIn       model input (time-major slices), kept for the input gradient
  dx: number; // S x N x dIn      input gradient (gradient checks, salience)
  xp: number[]; // R x (N x S x dIn)   node-major input per direction, kept for dU
  h: number[]; // R x (N x S x dS)     spatial RNN states, kept for the projection and activation backward
  hsum: number[]; // R x (N x S x dS)  predecessor sums, kept for dW
  gp: number[]; // R x (N x kS)        G_r rows in sweep order
  m: number; // R x S x (dS kS)      per-slice features, direction-major blocks
  q: number[]; // 2 x (T x B x dT)     temporal RNN states (fwd, bwd)
  z: number; // 2 x B x (dT kT)      temporal projections (fwd, bwd)
  logits: number; // B x C
  probs: number; // B x C
  // Backward scratch, shared by the four directions / two temporal directions.
  dh: number; // N x S x dS
  dhsum: number; // N x S x dS
  dxp: number; // N x S x dIn
  dgp: number; // N x kS
  dm: number; // R x S x (dS kS)
  dq: number; // T x B x dT
  dz: number; // 2 x B x (dT kT)
  dLogits: number; // B x C
  total: number;
}

export function activationLayout(cfg: StrnnConfig, N: number, maxBatch: number): ActivationLayout {
  const S = cfg.T * maxBatch;
  const { dIn, dS, kS, dT, kT, C } = cfg;
  let next = 0;
  const take = (n: number) => {
    const at = next;
    next += n;
    return at;
  };
  const perDir = (n: number) => DIRECTIONS.map(() => take(n));
  const layout = {
    x: take(S * N * dIn),
    dx: take(S * N * dIn),
    xp: perDir(N * S * dIn),
    h: perDir(N * S * dS),
    hsum: perDir(N * S * dS),
    gp: perDir(N * kS),
    m: take(4 * S * dS * kS),
    q: [take(S * dT), take(S * dT)],
    z: take(2 * maxBatch * dT * kT),
    logits: take(maxBatch * C),
    probs: take(maxBatch * C),
    dh: take(N * S * dS),
    dhsum: take(N * S * dS),
    dxp: take(N * S * dIn),
    dgp: take(N * kS),
    dm: take(4 * S * dS * kS),
    dq: take(S * dT),
    dz: take(2 * maxBatch * dT * kT),
    dLogits: take(maxBatch * C),
    total: 0,
  };
  layout.total = next;
  return layout;
}

// The STRNN model: owns one memory arena (parameters, gradients, optimiser moments, activations) and
// chains the layers of src/model/layers/ through the kernel interface. Knows nothing about datasets,
// training loops or files.
import type { Arena, Backend, FloatArray, Kernels } from '../kernels/kernels.js';
import type { Montage } from '../montage/montage.js';
import { buildSweeps, DIRECTIONS } from '../montage/sweeps.js';
import { StrnnError } from '../util/errors.js';
import { dimsFor, type Dims, type StrnnConfig } from './config.js';
import { initializeParameters } from './init.js';
import { activationLayout, parameterLayout, type ActivationLayout, type ParamLayout } from './layout.js';
import { classifierBackward, classifierForward } from './layers/classifier.js';
import { spatialProjectionBackward, spatialProjectionForward } from './layers/spatial-projection.js';
import { spatialRnnBackward, spatialRnnForward, type SweepIndex } from './layers/spatial-rnn.js';
import { temporalProjectionBackward, temporalProjectionForward } from './layers/temporal-projection.js';
import { temporalInputForward, temporalRecurrenceForward, temporalRnnBackward, temporalRnnForward } from './layers/temporal-rnn.js';

/** Samples per forward pass in predict (see there). */
const PREDICT_CHUNK = 32;

export interface ModelOptions {
  backend: Backend;
  /** Largest batch the activation buffers hold; smaller batches reuse them. */
  maxBatch: number;
}

/** Refuses NaN / Inf (`what` names the input): a non-finite value never reaches a prediction. */
function requireFinite(x: ArrayLike<number>, what: string): void {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) throw new StrnnError('NUMERIC', `${what} holds a non-finite value (${x[i]} at index ${i})`);
  }
}

export class StrnnModel {
  readonly config: StrnnConfig;
  readonly montage: Montage;
  readonly backend: Backend;
  readonly maxBatch: number;
  readonly nodes: number;
  readonly layout: ParamLayout;
  /** Flat parameter buffer in spec order, and same-layout gradients and Adam moments (arena views). */
  readonly params: FloatArray;
  readonly grads: FloatArray;
  readonly moment1: FloatArray;
  readonly moment2: FloatArray;

  private readonly k: Kernels;
  private readonly arena: Arena;
  private readonly f: FloatArray;
  private readonly act: ActivationLayout; // offsets relative to actBase
  private readonly actBase: number;
  private readonly gradBase: number;
  private readonly sweeps: SweepIndex[];
  private readonly labels: Int32Array;
  private batch = 0;
  /** Set once the parameters are seen to hold values (a fresh arena is all zeros). */
  private initialized = false;

  constructor(config: StrnnConfig, montage: Montage, opts: ModelOptions) {
    this.config = config;
    this.montage = montage;
    this.backend = opts.backend;
    this.k = opts.backend.kernels;
    this.maxBatch = opts.maxBatch;
    this.nodes = montage.nodes.length;
    this.layout = parameterLayout(config, this.nodes);
    this.act = activationLayout(config, this.nodes, this.maxBatch);

    const P = this.layout.total;
    const sweeps = buildSweeps(montage);
    const intCount = sweeps.reduce((n, s) => n + s.order.length + s.predStart.length + s.predPos.length, 0) + this.maxBatch;
    this.arena = opts.backend.createArena(4 * P + this.act.total, intCount);
    this.f = this.arena.floats;
    this.params = this.f.subarray(0, P);
    this.grads = this.f.subarray(P, 2 * P);
    this.moment1 = this.f.subarray(2 * P, 3 * P);
    this.moment2 = this.f.subarray(3 * P, 4 * P);
    this.gradBase = P;
    this.actBase = 4 * P;

    // Copy the sweep index arrays into the arena (the wasm kernels read them from their memory).
    let at = 0;
    const place = (src: Int32Array) => {
      const view = this.arena.ints.subarray(at, at + src.length);
      view.set(src);
      at += src.length;
      return view;
    };
    this.sweeps = sweeps.map((s) => ({
      order: place(s.order),
      predStart: place(s.predStart),
      predPos: place(s.predPos),
      levelStart: Array.from(s.levelStart),
    }));
    this.labels = this.arena.ints.subarray(at, at + this.maxBatch);
  }

  /** The sample shape this model reads: 'T x N x dIn = 9 x 62 x 5'. */
  shapeText(): string {
    return `T x N x dIn = ${this.config.T} x ${this.nodes} x ${this.config.dIn}`;
  }

  /**
   * Refuses a model whose parameters were never set: all zeros (a fresh arena) would predict the
   * uniform distribution for every sample. initialize(), a checkpoint or a copy into params sets them.
   */
  private requireInitialized(): void {
    if (this.initialized) return;
    this.initialized = this.params.some((v) => v !== 0);
    if (!this.initialized) {
      throw new StrnnError('CONFIG', 'this model was never initialised: every parameter is 0', 'call model.initialize(seed) before training, or load a checkpoint with loadCheckpoint');
    }
  }

  /** Offset of a named parameter in the arena (its gradient is at + gradBase). */
  private p(name: string): number {
    return this.layout.byName.get(name)!.offset;
  }

  /** A view of one named parameter (spec name, e.g. 'spatial.tl.U'). */
  param(name: string): FloatArray {
    const spec = this.layout.byName.get(name);
    if (!spec) throw new StrnnError('INPUT', `no parameter named "${name}"`);
    return this.params.subarray(spec.offset, spec.offset + spec.size);
  }

  /** A view of one named parameter's gradient. */
  grad(name: string): FloatArray {
    const spec = this.layout.byName.get(name)!;
    return this.grads.subarray(spec.offset, spec.offset + spec.size);
  }

  initialize(seed: number): void {
    initializeParameters(this.params, this.layout, this.config, seed);
    this.initialized = true;
    this.moment1.fill(0);
    this.moment2.fill(0);
  }

  private dims(): Dims {
    return dimsFor(this.config, this.nodes, this.batch);
  }

  /**
   * Loads a batch: the samples `indices` of x, a sample set laid out count x T x N x dIn (row-major,
   * as users hold samples), with their labels y when given. Stored time-major (s = t * B + b).
   */
  loadBatch(x: ArrayLike<number>, y: ArrayLike<number> | undefined, indices: ArrayLike<number>): void {
    this.requireInitialized();
    const batch = indices.length;
    if (batch < 1 || batch > this.maxBatch) {
      throw new StrnnError('INPUT', `batch of ${batch} samples does not fit this model (1..${this.maxBatch})`);
    }
    this.batch = batch;
    const { T, dIn, C } = this.config;
    const slice = this.nodes * dIn;
    const base = this.actBase + this.act.x;
    const available = Math.floor(x.length / (T * slice));
    for (let b = 0; b < batch; b++) {
      const sample = indices[b]!;
      if (!Number.isInteger(sample) || sample < 0 || sample >= available) {
        throw new StrnnError('INPUT', `sample ${sample} is outside the ${available} samples of ${this.shapeText()} the input holds (${x.length} values)`);
      }
      const label = y?.[sample];
      if (label !== undefined && !(Number.isInteger(label) && label >= 0 && label < C)) {
        throw new StrnnError('INPUT', `label ${label} of sample ${sample} is outside 0..${C - 1} (the model has C = ${C} classes)`);
      }
      for (let t = 0; t < T; t++) {
        const src = (sample * T + t) * slice;
        const dst = base + (t * batch + b) * slice;
        for (let i = 0; i < slice; i++) this.f[dst + i] = x[src + i]!;
      }
      if (y !== undefined) this.labels[b] = y[sample]!;
    }
  }

  /** Forward pass of the loaded batch up to the logits. */
  forward(): void {
    const d = this.dims();
    this.spatialForward(d);
    this.temporalForward(d);
  }

  // The spatial stage (RNN and sparse projection, four directions) of the d.S loaded slices: x → m.
  // Each slice's m depends on that slice alone, which is what streaming inference relies on.
  private spatialForward(d: Dims): void {
    const { k, f, config: cfg } = this;
    const A = this.actBase;
    const a = this.act;
    const L = d.dS * d.kS;
    DIRECTIONS.forEach((r, i) => {
      const sweep = this.sweeps[i]!;
      spatialRnnForward(k, f, A + a.h[i]!, A + a.hsum[i]!, A + a.xp[i]!, A + a.x,
        this.p(`spatial.${r}.U`), this.p(`spatial.${r}.W`), this.p(`spatial.${r}.b`), sweep, cfg.spatialActivation, d);
      spatialProjectionForward(k, f, A + a.m + i * d.S * L, A + a.gp[i]!, A + a.h[i]!, this.p(`spatial.${r}.G`), sweep.order, d);
    });
  }

  // The temporal stage (bi-directional RNN and projection) and the classifier: m → logits.
  private temporalForward(d: Dims): void {
    const { k, f, config: cfg } = this;
    const A = this.actBase;
    const a = this.act;
    ['fwd', 'bwd'].forEach((dir, j) => {
      temporalRnnForward(k, f, A + a.q[j]!, A + a.m,
        this.p(`temporal.${dir}.R`), this.p(`temporal.${dir}.V`), this.p(`temporal.${dir}.b`), dir === 'bwd', cfg.temporalActivation, d);
      temporalProjectionForward(k, f, A + a.z + j * d.B * d.dT * d.kT, A + a.q[j]!, this.p(`temporal.${dir}.H`), d);
    });
    classifierForward(k, f, A + a.logits, A + a.z, this.p('head.P'), this.p('head.c'), d);
  }

  /** Values of one slice's code (what sliceCodes returns per slice): 2 dT. */
  get sliceCodeLength(): number {
    return 2 * this.config.dT;
  }

  /** Most slices one sliceCodes call takes (the activation buffers hold T x maxBatch slices). */
  get maxSlicesPerCall(): number {
    return this.config.T * this.maxBatch;
  }

  /**
   * Streaming inference, step 1: the code of each of `count` time slices x (count x N x dIn, already
   * normalised): the slice's input term to both temporal RNN directions, R_f m[t] + b_f and
   * R_b m[t] + b_b (2 dT values), through the spatial RNN and projections. It depends on that slice
   * alone, so a stream whose samples overlap by T − 1 slices computes it once per slice, keeps the
   * last T, and runs only the temporal recurrence and the head per prediction (predictFromSliceCodes):
   * about a ninth of predict()'s work at T = 9. Returns count x 2 dT, copied out.
   */
  sliceCodes(x: ArrayLike<number>, count = 1): Float32Array {
    this.requireInitialized();
    const { dIn, dT } = this.config;
    const size = this.nodes * dIn;
    if (!Number.isInteger(count) || count < 1 || count > this.maxSlicesPerCall) {
      throw new StrnnError('INPUT', `sliceCodes: count ${count} is outside 1..${this.maxSlicesPerCall} (T x maxBatch slices fit this model)`);
    }
    if (x.length !== count * size) {
      throw new StrnnError('INPUT', `sliceCodes: ${x.length} values are not ${count} time slice(s) of N x dIn = ${this.nodes} x ${dIn} (${count * size} values)`);
    }
    requireFinite(x, 'sliceCodes: the slices');
    const base = this.actBase + this.act.x;
    for (let i = 0; i < x.length; i++) this.f[base + i] = x[i]!;
    const d: Dims = { ...dimsFor(this.config, this.nodes, 1), T: count, S: count };
    this.spatialForward(d);
    const A = this.actBase, out = new Float32Array(count * 2 * dT);
    ['fwd', 'bwd'].forEach((dir, j) => {
      const q = A + this.act.q[j]!;
      temporalInputForward(this.k, this.f, q, A + this.act.m, this.p(`temporal.${dir}.R`), this.p(`temporal.${dir}.b`), d);
      for (let s = 0; s < count; s++) out.set(this.f.subarray(q + s * dT, q + (s + 1) * dT), (2 * s + j) * dT);
    });
    return out;
  }

  /**
   * Streaming inference, step 2: class probabilities (count x C) of `count` samples from their T
   * slices' codes, each sample's oldest slice first (count x T x 2 dT, each slice as sliceCodes
   * returned it). Equals predict() on the same samples up to float rounding in the matrix products'
   * blocking (parity tested to 1e-6).
   */
  predictFromSliceCodes(codes: ArrayLike<number>, count = 1): Float32Array {
    this.requireInitialized();
    const { T, dT } = this.config;
    const per = this.sliceCodeLength;
    if (!Number.isInteger(count) || count < 1 || count > this.maxBatch) {
      throw new StrnnError('INPUT', `predictFromSliceCodes: count ${count} is outside 1..${this.maxBatch} (this model's largest batch)`);
    }
    if (codes.length !== count * T * per) {
      throw new StrnnError('INPUT', `predictFromSliceCodes: ${codes.length} values are not ${count} sample(s) of T x 2 dT = ${T} x ${per} slice codes (${count * T * per} values)`);
    }
    requireFinite(codes, 'predictFromSliceCodes: the slice codes');
    this.batch = count;
    const d = this.dims();
    const { k, f, config: cfg } = this;
    const A = this.actBase, a = this.act;
    ['fwd', 'bwd'].forEach((dir, j) => {
      // Time-major like a loaded batch: step t of sample b at q + (t B + b) dT.
      const q = A + a.q[j]!;
      for (let b = 0; b < count; b++) {
        for (let t = 0; t < T; t++) {
          const src = ((b * T + t) * 2 + j) * dT, dst = q + (t * count + b) * dT;
          for (let i = 0; i < dT; i++) f[dst + i] = codes[src + i]!;
        }
      }
      temporalRecurrenceForward(k, f, q, this.p(`temporal.${dir}.V`), dir === 'bwd', cfg.temporalActivation, d);
      temporalProjectionForward(k, f, A + a.z + j * d.B * d.dT * d.kT, q, this.p(`temporal.${dir}.H`), d);
    });
    classifierForward(k, f, A + a.logits, A + a.z, this.p('head.P'), this.p('head.c'), d);
    return this.probabilities();
  }

  /** Class probabilities of the loaded batch (after forward), B x C, copied out. */
  probabilities(): Float32Array {
    const { B, C } = this.dims();
    const A = this.actBase;
    this.k.softmaxCrossEntropy(this.f, A + this.act.probs, this.f, A + this.act.logits, B, C, undefined, undefined, 0, 0);
    return Float32Array.from(this.f.subarray(A + this.act.probs, A + this.act.probs + B * C));
  }

  /** Logits of the loaded batch (after forward), B x C, copied out. */
  logits(): Float64Array {
    const { B, C } = this.dims();
    const at = this.actBase + this.act.logits;
    return Float64Array.from(this.f.subarray(at, at + B * C));
  }

  /**
   * Cross-entropy of the loaded batch (mean over the batch) and its gradients, accumulated into
   * `grads` (callers zero them once per step). Penalties are separate: see addPenalties.
   * With inputGrad, the gradient w.r.t. the (time-major) input is left in inputGradient().
   */
  lossAndGradients(opts: { inputGrad?: boolean } = {}): number {
    this.forward();
    const d = this.dims();
    const { k, f, config: cfg } = this;
    const A = this.actBase;
    const a = this.act;
    const G = this.gradBase;
    const L = d.dS * d.kS;
    const ce = k.softmaxCrossEntropy(f, A + a.probs, f, A + a.logits, d.B, d.C, this.labels.subarray(0, d.B), f, A + a.dLogits, 1 / d.B);
    if (!Number.isFinite(ce)) return ce / d.B;

    classifierBackward(k, f, A + a.dz, G + this.p('head.P'), G + this.p('head.c'), A + a.dLogits, A + a.z, this.p('head.P'), d);
    f.fill(0, A + a.dm, A + a.dm + 4 * d.S * L);
    ['fwd', 'bwd'].forEach((dir, j) => {
      temporalProjectionBackward(k, f, A + a.dq, G + this.p(`temporal.${dir}.H`), A + a.dz + j * d.B * d.dT * d.kT, A + a.q[j]!, this.p(`temporal.${dir}.H`), d);
      temporalRnnBackward(k, f, A + a.dm, G + this.p(`temporal.${dir}.R`), G + this.p(`temporal.${dir}.V`), G + this.p(`temporal.${dir}.b`),
        A + a.dq, A + a.q[j]!, A + a.m, this.p(`temporal.${dir}.R`), this.p(`temporal.${dir}.V`), dir === 'bwd', cfg.temporalActivation, d);
    });
    const dx = opts.inputGrad ? A + a.dx : -1;
    if (opts.inputGrad) f.fill(0, A + a.dx, A + a.dx + d.S * d.N * d.dIn);
    DIRECTIONS.forEach((r, i) => {
      const sweep = this.sweeps[i]!;
      spatialProjectionBackward(k, f, A + a.dh, G + this.p(`spatial.${r}.G`), A + a.dgp, A + a.dm + i * d.S * L, A + a.h[i]!, A + a.gp[i]!, sweep.order, d);
      spatialRnnBackward(k, f, dx, A + a.dxp, G + this.p(`spatial.${r}.U`), G + this.p(`spatial.${r}.W`), G + this.p(`spatial.${r}.b`),
        A + a.dh, A + a.dhsum, A + a.h[i]!, A + a.hsum[i]!, A + a.xp[i]!, this.p(`spatial.${r}.U`), this.p(`spatial.${r}.W`), sweep, cfg.spatialActivation, d);
    });
    return ce / d.B;
  }

  /** Gradient w.r.t. the loaded input, as B x T x N x dIn (after lossAndGradients with inputGrad). */
  inputGradient(): Float64Array {
    const { B, T } = this.dims();
    const slice = this.nodes * this.config.dIn;
    const out = new Float64Array(B * T * slice);
    const base = this.actBase + this.act.dx;
    for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) {
      const src = base + (t * B + b) * slice;
      for (let i = 0; i < slice; i++) out[(b * T + t) * slice + i] = this.f[src + i]!;
    }
    return out;
  }

  /**
   * Adds the objective's penalty terms to the gradients and returns their value:
   * λ_s Σ_r ||G_r||_1 + λ_t (||Hf||_1 + ||Hb||_1) + λ_w Σ w² over every non-bias parameter.
   */
  addPenalties(): number {
    const { k, f, config: cfg } = this;
    let value = 0;
    for (const spec of this.layout.params) {
      const g = this.gradBase + spec.offset;
      if (cfg.lambdaS > 0 && spec.name.startsWith('spatial.') && spec.name.endsWith('.G')) {
        value += k.l1Penalty(f, g, f, spec.offset, spec.size, cfg.lambdaS);
      }
      if (cfg.lambdaT > 0 && spec.name.startsWith('temporal.') && spec.name.endsWith('.H')) {
        value += k.l1Penalty(f, g, f, spec.offset, spec.size, cfg.lambdaT);
      }
      if (cfg.lambdaW > 0 && !spec.isBias) value += k.l2Penalty(f, g, f, spec.offset, spec.size, cfg.lambdaW);
    }
    return value;
  }

  zeroGradients(): void {
    this.grads.fill(0);
  }

  /**
   * Forward over many samples (B x T x N x dIn), in chunks of at most PREDICT_CHUNK; returns
   * probabilities, count x C. Chunks keep one wavefront's states in cache: 256 SEED samples took
   * 60.9 ms as one batch and 55.7 ms in chunks of 32 (8 to 32 measured the same).
   */
  predict(x: ArrayLike<number>, count: number): Float32Array {
    const C = this.config.C;
    const perSample = this.config.T * this.nodes * this.config.dIn;
    if (!Number.isInteger(count) || count < 0 || x.length !== count * perSample) {
      throw new StrnnError('INPUT', `predict: ${x.length} values are not ${count} samples of ${this.shapeText()} (${count} x ${perSample} = ${count * perSample} values)`,
        'pass samples laid out count x T x N x dIn for this model');
    }
    const out = new Float32Array(count * C);
    const chunk = Math.min(this.maxBatch, PREDICT_CHUNK);
    for (let first = 0; first < count; first += chunk) {
      const b = Math.min(chunk, count - first);
      this.loadBatch(x, undefined, Array.from({ length: b }, (_, i) => first + i));
      this.forward();
      out.set(this.probabilities(), first * C);
    }
    return out;
  }
}

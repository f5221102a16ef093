// Mini-batch training of an STRNN model: seeded shuffling, Adam or SGD with momentum, optional
// gradient-norm clipping, early stopping on a validation part carved from the training data, and
// learning curves. Test data never enters here.
import type { StrnnModel } from '../model/model.js';
import type { SampleSet } from '../datasets/samples.js';
import { z } from 'zod';
import { StrnnError } from '../util/errors.js';
import { Rng } from '../util/random.js';
import { checkFinite, checkSetFitsModel } from './check-samples.js';
import { detLog } from '../util/det-math.js';

export { checkFinite } from './check-samples.js';

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  optimizer: 'adam' | 'sgd';
  learningRate: number;
  /** Adam's β1, β2, ε (spec: Adam, β = (0.9, 0.999)). */
  beta1: number;
  beta2: number;
  epsilon: number;
  /** SGD momentum. */
  momentum: number;
  /** Clip the global gradient norm to this value; 0 turns clipping off. */
  clipNorm: number;
  /** Stop after this many epochs without a better validation loss; 0 never stops early. */
  patience: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  epochs: 30, batchSize: 32, optimizer: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8,
  momentum: 0.9, clipNorm: 5, patience: 5, seed: 1,
};

const trainOptionsSchema = z.object({
  epochs: z.number().int().positive(),
  batchSize: z.number().int().positive(),
  optimizer: z.enum(['adam', 'sgd']),
  learningRate: z.number().positive(),
  beta1: z.number().min(0).lt(1),
  beta2: z.number().min(0).lt(1),
  epsilon: z.number().positive(),
  momentum: z.number().min(0).lt(1),
  clipNorm: z.number().min(0),
  patience: z.number().int().min(0),
  seed: z.number().int(),
}).partial().strict();

// Names people reach for (from the CLI flags or other libraries) and the option they mean.
const OPTION_ALIASES: Record<string, keyof TrainOptions> = {
  epoch: 'epochs', lr: 'learningRate', learning_rate: 'learningRate', batch: 'batchSize', batch_size: 'batchSize',
  clip: 'clipNorm', clip_norm: 'clipNorm', eps: 'epsilon',
};

/** Fills in defaults and validates train options; unknown keys ('epoch', 'lr') are refused like makeConfig refuses them. */
export function makeTrainOptions(options: Partial<TrainOptions> = {}): TrainOptions {
  const parsed = trainOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0]!;
      const meant = OPTION_ALIASES[key];
      throw new StrnnError('CONFIG', `train options: unknown option "${key}"${meant ? ` (did you mean "${meant}"?)` : ''}`, `known options: ${Object.keys(DEFAULT_TRAIN_OPTIONS).join(', ')}`);
    }
    throw new StrnnError('CONFIG', `train options: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const given = Object.entries(parsed.data).filter(([, v]) => v !== undefined);
  return { ...DEFAULT_TRAIN_OPTIONS, ...Object.fromEntries(given) };
}

export interface EpochStats {
  epoch: number;
  /** The most epochs this run could take (options.epochs), for "epoch k/N". */
  maxEpochs: number;
  trainLoss: number;
  trainAccuracy: number;
  valLoss?: number;
  valAccuracy?: number;
  seconds: number;
}

/** When and why training stopped, and which epoch's weights it kept. */
export interface TrainStop {
  /** 'early-stop': patience ran out; 'max-epochs': every epoch ran (best validation epoch kept); 'no-validation': every epoch ran, the last kept. */
  reason: 'early-stop' | 'max-epochs' | 'no-validation';
  epochsRun: number;
  maxEpochs: number;
  bestEpoch: number;
  /** Validation accuracy and loss of the kept epoch (absent without validation). */
  bestValAccuracy?: number;
  bestValLoss?: number;
  /** The same as one line, e.g. "stopped early at epoch 12/30 (no better validation loss for 5 epochs); kept epoch 7: validation accuracy 0.812". */
  message: string;
}

export interface TrainResult {
  curves: EpochStats[];
  /** Epoch whose weights the model holds at the end (best validation loss, or the last epoch). */
  bestEpoch: number;
  stoppedEarly: boolean;
  steps: number;
  stop: TrainStop;
}

export interface TrainCallbacks {
  onEpoch?: (stats: EpochStats) => void;
  onBatch?: (epoch: number, batch: number, batches: number) => void;
  /** Called once at the end with the stop summary. */
  onStop?: (stop: TrainStop) => void;
}

/** The stop summary of a finished run (see TrainStop). */
export function describeStop(curves: readonly EpochStats[], maxEpochs: number, bestEpoch: number, stoppedEarly: boolean, patience: number): TrainStop {
  const epochsRun = curves.length;
  const best = curves[bestEpoch - 1];
  const hasVal = best?.valLoss !== undefined;
  const kept = hasVal ? `kept epoch ${bestEpoch}: validation accuracy ${best.valAccuracy!.toFixed(3)}, loss ${best.valLoss!.toFixed(3)}` : '';
  if (!hasVal) {
    return { reason: 'no-validation', epochsRun, maxEpochs, bestEpoch, message: `ran all ${maxEpochs} epochs without validation samples (no early stopping); kept the last epoch` };
  }
  const base = { epochsRun, maxEpochs, bestEpoch, bestValAccuracy: best.valAccuracy!, bestValLoss: best.valLoss! };
  return stoppedEarly
    ? { reason: 'early-stop', ...base, message: `stopped early at epoch ${epochsRun}/${maxEpochs} (no better validation loss for ${patience} epochs); ${kept}` }
    : { reason: 'max-epochs', ...base, message: `ran all ${maxEpochs} epochs; ${kept}` };
}

/** Mean cross-entropy and accuracy of the model on a sample set (forward only). */
export function evaluateLoss(model: StrnnModel, set: SampleSet): { loss: number; accuracy: number; probs: Float32Array } {
  const C = model.config.C;
  const probs = model.predict(set.x, set.count);
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < set.count; i++) {
    const row = probs.subarray(i * C, (i + 1) * C);
    const y = set.y[i]!;
    // probabilities are float32: clamp so a confident mistake costs at most -ln(1e-30), not Infinity.
    loss -= detLog(Math.max(row[y]!, 1e-30));
    let best = 0;
    for (let c = 1; c < C; c++) if (row[c]! > row[best]!) best = c;
    if (best === y) correct++;
  }
  return { loss: set.count ? loss / set.count : NaN, accuracy: set.count ? correct / set.count : NaN, probs };
}

/**
 * Computes one batch's gradient of the mean cross-entropy into model.grads (replacing what was
 * there) and returns that loss and the number of correct predictions. The trainer adds penalties,
 * clips and steps. A data-parallel engine splits the batch over workers and sums their gradients.
 */
export interface GradientEngine {
  batchGradients(model: StrnnModel, set: SampleSet, indices: Int32Array): { ce: number; correct: number };
}

/** The single-threaded engine: the whole batch through the model itself. */
export const localGradients: GradientEngine = {
  batchGradients(model, set, indices) {
    model.zeroGradients();
    model.loadBatch(set.x, set.y, indices);
    const ce = model.lossAndGradients();
    return { ce, correct: Number.isFinite(ce) ? countCorrect(model.probabilities(), set.y, indices, model.config.C) : 0 };
  },
};

export function trainModel(
  model: StrnnModel, train: SampleSet, val: SampleSet | undefined, options: Partial<TrainOptions> = {}, callbacks: TrainCallbacks = {},
  engine: GradientEngine = localGradients,
): TrainResult {
  const o = makeTrainOptions(options);
  if (train.count === 0) throw new StrnnError('INPUT', 'the training part has no samples', 'check the trial lengths against T');
  if (o.batchSize > model.maxBatch) throw new StrnnError('CONFIG', `batch size ${o.batchSize} exceeds the model's maximum batch ${model.maxBatch}`);
  checkSetFitsModel(model, train, 'training samples');
  if (val) checkSetFitsModel(model, val, 'validation samples');
  checkFinite(train, 'training samples');
  if (val) checkFinite(val, 'validation samples');
  const useVal = val !== undefined && val.count > 0;

  const k = model.backend.kernels;
  const P = model.layout.total;
  const rng = new Rng(o.seed);
  const order = Int32Array.from({ length: train.count }, (_, i) => i);
  const batches = Math.ceil(train.count / o.batchSize);
  const curves: EpochStats[] = [];
  let best = { loss: Infinity, epoch: 0, params: model.params.slice() };
  let stale = 0;
  let steps = 0;
  let stoppedEarly = false;
  model.moment1.fill(0);
  model.moment2.fill(0);

  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const started = performance.now();
    rng.shuffle(order);
    let lossSum = 0;
    let correct = 0;
    for (let bi = 0; bi < batches; bi++) {
      const indices = order.subarray(bi * o.batchSize, Math.min(train.count, (bi + 1) * o.batchSize));
      const { ce, correct: right } = engine.batchGradients(model, train, indices);
      if (!Number.isFinite(ce)) {
        throw new StrnnError('NUMERIC', `training diverged: loss is ${ce} at epoch ${epoch}, batch ${bi + 1} of ${batches}`, 'lower --lr or set --clip-norm');
      }
      correct += right;
      model.addPenalties();
      lossSum += ce * indices.length;
      if (o.clipNorm > 0) {
        const norm = Math.sqrt(k.sumSquares(model.grads, 0, P));
        if (norm > o.clipNorm) k.scale(model.grads, 0, P, o.clipNorm / norm);
      }
      steps++;
      if (o.optimizer === 'adam') {
        k.adamStep(model.params, model.grads, model.moment1, model.moment2, 0, P, o.learningRate, o.beta1, o.beta2, o.epsilon, steps);
      } else {
        k.sgdMomentumStep(model.params, model.grads, model.moment1, 0, P, o.learningRate, o.momentum);
      }
      callbacks.onBatch?.(epoch, bi + 1, batches);
    }
    const stats: EpochStats = { epoch, maxEpochs: o.epochs, trainLoss: lossSum / train.count, trainAccuracy: correct / train.count, seconds: 0 };
    if (useVal) {
      const v = evaluateLoss(model, val);
      stats.valLoss = v.loss;
      stats.valAccuracy = v.accuracy;
      if (v.loss < best.loss) {
        best = { loss: v.loss, epoch, params: model.params.slice() };
        stale = 0;
      } else {
        stale++;
      }
    }
    stats.seconds = (performance.now() - started) / 1000;
    curves.push(stats);
    callbacks.onEpoch?.(stats);
    if (useVal && o.patience > 0 && stale >= o.patience) {
      stoppedEarly = epoch < o.epochs;
      break;
    }
  }
  if (useVal) model.params.set(best.params);
  const bestEpoch = useVal ? best.epoch : curves.length;
  const stop = describeStop(curves, o.epochs, bestEpoch, stoppedEarly, o.patience);
  callbacks.onStop?.(stop);
  return { curves, bestEpoch, stoppedEarly, steps, stop };
}

export function countCorrect(probs: Float32Array, y: Int32Array, indices: ArrayLike<number>, C: number): number {
  let n = 0;
  for (let b = 0; b < indices.length; b++) {
    let best = 0;
    for (let c = 1; c < C; c++) if (probs[b * C + c]! > probs[b * C + best]!) best = c;
    if (best === y[indices[b]!]) n++;
  }
  return n;
}

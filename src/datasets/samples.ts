// Windowing: trials of per-window node features -> model samples of T consecutive windows.
// Samples never cross a trial boundary; every sample takes its trial's label (spec: "Input").
import { StrnnError } from '../util/errors.js';
import { Rng } from '../util/random.js';
import type { FeatureTrial } from './types.js';

/** Model samples: x is count x T x N x dIn (row-major); trial[i] indexes the trials list it came from. */
export interface SampleSet {
  count: number;
  T: number;
  N: number;
  dIn: number;
  x: Float32Array;
  y: Int32Array;
  trial: Int32Array;
  /** First window of each sample inside its trial. */
  start: Int32Array;
}

/** A half-open window range [from, to) of one trial. */
export interface WindowRange {
  from: number;
  to: number;
}

export interface WindowOptions {
  T: number;
  /** Windows between the starts of consecutive samples (spec default 1). */
  stride?: number;
  /** Restrict each trial to a window range (used to carve validation windows); whole trial by default. */
  range?: (trial: FeatureTrial, index: number) => WindowRange;
}

export function windowTrials(trials: readonly FeatureTrial[], opts: WindowOptions): SampleSet {
  const { T } = opts;
  const stride = opts.stride ?? 1;
  if (!Number.isInteger(T) || T < 1) throw new StrnnError('CONFIG', `window count T must be a positive integer, found ${T}`);
  if (!Number.isInteger(stride) || stride < 1) throw new StrnnError('CONFIG', `stride must be a positive integer, found ${stride}`);
  if (trials.length === 0) return emptySet(T, 0, 0);
  const { nodes: N, features: dIn } = trials[0]!;
  const starts: { trial: number; start: number }[] = [];
  trials.forEach((tr, i) => {
    if (tr.nodes !== N || tr.features !== dIn) {
      throw new StrnnError('INPUT', `trial ${describe(tr)} has ${tr.nodes} nodes x ${tr.features} features, expected ${N} x ${dIn} like the first trial`);
    }
    if (tr.data.length !== tr.windows * N * dIn) {
      throw new StrnnError('INPUT', `trial ${describe(tr)}: data holds ${tr.data.length} values, expected ${tr.windows} x ${N} x ${dIn}`);
    }
    const r = opts.range ? opts.range(tr, i) : { from: 0, to: tr.windows };
    for (let s = r.from; s + T <= r.to; s += stride) starts.push({ trial: i, start: s });
  });
  const slice = N * dIn;
  const set = emptySet(T, N, dIn, starts.length);
  starts.forEach(({ trial, start }, k) => {
    const tr = trials[trial]!;
    set.x.set(tr.data.subarray(start * slice, (start + T) * slice), k * T * slice);
    set.y[k] = tr.label;
    set.trial[k] = trial;
    set.start[k] = start;
  });
  return set;
}

function emptySet(T: number, N: number, dIn: number, count = 0): SampleSet {
  return {
    count, T, N, dIn,
    x: new Float32Array(count * T * N * dIn),
    y: new Int32Array(count),
    trial: new Int32Array(count),
    start: new Int32Array(count),
  };
}

export function describe(t: { subject: string; session: number; trial: number; dataset?: string }): string {
  return `${t.dataset ? t.dataset + ' ' : ''}subject ${t.subject} session ${t.session} trial ${t.trial}`;
}

/**
 * Splits each training trial into a training part and a validation tail: the last `fraction` of its
 * windows are validation, and the T-1 windows before them are dropped so that no training sample
 * shares a window with a validation sample. Test trials are never involved.
 */
export function carveValidation(trials: readonly FeatureTrial[], T: number, fraction: number, stride = 1): { train: SampleSet; val: SampleSet } {
  // A tail too short to hold one sample would only cost training windows: such trials keep them all.
  const valWindows = (tr: FeatureTrial) => {
    const n = Math.floor(tr.windows * fraction);
    return n >= T ? n : 0;
  };
  const train = windowTrials(trials, { T, stride, range: (tr) => ({ from: 0, to: Math.max(0, tr.windows - valWindows(tr) - (valWindows(tr) > 0 ? T - 1 : 0)) }) });
  const val = windowTrials(trials, { T, stride, range: (tr) => ({ from: tr.windows - valWindows(tr), to: tr.windows }) });
  return { train, val };
}

/**
 * Validation for trials too short to give up a tail (face sequences are exactly T frames): whole
 * training subjects are held out instead, when the training part has three or more subjects (so
 * validation measures generalisation to new people, as the test part does). The choice is seeded.
 * With fewer subjects there is no validation: holding out whole trials of one subject-session (3 per
 * class in SEED's training part) cost more accuracy than early stopping gained.
 */
export function holdOutTrials(trials: readonly FeatureTrial[], fraction: number, seed: number): { train: FeatureTrial[]; val: FeatureTrial[] } {
  const subjects = [...new Set(trials.map((t) => t.subject))].sort();
  if (fraction <= 0 || subjects.length < 3) return { train: [...trials], val: [] };
  new Rng(seed).shuffle(subjects);
  const chosen = new Set(subjects.slice(0, Math.max(1, Math.round(subjects.length * fraction))));
  return { train: trials.filter((t) => !chosen.has(t.subject)), val: trials.filter((t) => chosen.has(t.subject)) };
}

/**
 * The validation split runUnit uses: window tails of each training trial (carveValidation), or, when
 * no trial is long enough for that, whole held-out trials (holdOutTrials). `stride` thins the samples
 * (windows between sample starts, default 1).
 */
export function validationSplit(trials: readonly FeatureTrial[], T: number, fraction: number, seed: number, stride = 1): { train: SampleSet; val: SampleSet; method: 'window-tail' | 'held-out-trials' | 'none' } {
  const tails = carveValidation(trials, T, fraction, stride);
  if (tails.val.count > 0 || fraction <= 0) return { ...tails, method: tails.val.count > 0 ? 'window-tail' : 'none' };
  const split = holdOutTrials(trials, fraction, seed);
  if (split.val.length === 0) return { ...tails, method: 'none' };
  return { train: windowTrials(split.train, { T, stride }), val: windowTrials(split.val, { T, stride }), method: 'held-out-trials' };
}

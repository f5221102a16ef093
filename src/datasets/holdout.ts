// Validation hold-out for a plain sample file. With group ids (trial or recording per sample) whole
// groups are held out, so overlapping windows of one trial never straddle the split; without them,
// the last share of the samples in file order is held out (one contiguous block, so at most the
// samples at its edge can share windows with training samples).
import { Rng } from '../util/random.js';
import type { SampleSet } from './samples.js';

function subset(set: SampleSet, keep: (i: number) => boolean): SampleSet {
  const idx: number[] = [];
  for (let i = 0; i < set.count; i++) if (keep(i)) idx.push(i);
  const per = set.T * set.N * set.dIn;
  const x = new Float32Array(idx.length * per);
  idx.forEach((i, k) => x.set(set.x.subarray(i * per, (i + 1) * per), k * per));
  const pick = (a: Int32Array) => Int32Array.from(idx, (i) => a[i]!);
  return { count: idx.length, T: set.T, N: set.N, dIn: set.dIn, x, y: pick(set.y), trial: pick(set.trial), start: pick(set.start) };
}

export function splitHoldout(set: SampleSet, fraction: number, byGroup: boolean, seed: number): { train: SampleSet; val: SampleSet } {
  if (fraction <= 0) return { train: set, val: subset(set, () => false) };
  if (byGroup) {
    const groups = [...new Set(set.trial)];
    new Rng(seed).shuffle(groups);
    const held = new Set(groups.slice(0, Math.max(1, Math.round(groups.length * fraction))));
    if (held.size === groups.length) return { train: set, val: subset(set, () => false) };
    return { train: subset(set, (i) => !held.has(set.trial[i]!)), val: subset(set, (i) => held.has(set.trial[i]!)) };
  }
  const cut = set.count - Math.floor(set.count * fraction);
  return { train: subset(set, (i) => i < cut), val: subset(set, (i) => i >= cut) };
}

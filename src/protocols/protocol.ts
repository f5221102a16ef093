// Evaluation protocols: named, leak-free ways to split trials into training and test parts.
// Splits are by trial or by subject, never by window, so overlapping windows cannot leak.
import type { FeatureTrial } from '../datasets/types.js';

/** One train/test split: a model is trained on `train` and scored on `test`. */
export interface ProtocolUnit {
  id: string;
  train: FeatureTrial[];
  test: FeatureTrial[];
}

export interface Protocol {
  /** CLI value, e.g. 'seed-sd'. */
  id: string;
  /** One line printed with every result. */
  description: string;
  units(trials: readonly FeatureTrial[]): ProtocolUnit[];
}

/** Groups trials by a key, keeping first-seen order of the keys. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

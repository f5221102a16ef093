// How well a salience map recovers a planted region: precision at k of each method's top-k
// electrodes against the electrodes where the class signal was planted (synthetic data), over all
// classes (union of the planted sets) and per class (each class's own set, from that class's map).
// Projection salience has no class, so its per-class figure ranks its one map against each set.
import { SEED_BANDS, SEED_CLASSES } from '../datasets/seed-facts.js';
import { PLANTED_PATTERNS } from '../synthetic/seed.js';
import { precisionAtK, topK, type SalienceBundle } from '../model/salience.js';

export interface PlantedRegion {
  /** Planted electrode names of each class index. */
  perClass: string[][];
  /** Planted feature (band) names of each class index, strongest first. */
  bands?: string[][];
}

export interface RecoveryRow {
  method: 'projection' | 'input-x-gradient' | 'integrated-gradients';
  /** Precision at |union| of the class-free map against the union of the planted sets. */
  unionPrecision: number;
  /** Mean over classes of precision at |set_c| of the class map against set_c. */
  perClassPrecision: number;
  /** Mean over classes: share of the planted bands among the class map's top bands (gradient methods). */
  bandHits?: number;
}

export function salienceRecovery(bundle: SalienceBundle, planted: PlantedRegion): RecoveryRow[] {
  const union = new Set(planted.perClass.flat());
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const rows: RecoveryRow[] = [{
    method: 'projection',
    unionPrecision: precisionAtK(bundle.projection.node, bundle.nodes, union, union.size),
    perClassPrecision: mean(planted.perClass.map((set) => precisionAtK(bundle.projection.node, bundle.nodes, new Set(set), set.length))),
  }];
  for (const a of [bundle.inputXGradient, bundle.integratedGradients]) {
    const bandHits = planted.bands && mean(planted.bands.map((bands, c) => {
      const top = topK(a.perClass[c]!.feature, bands.length).map((i) => bundle.features[i]!);
      return top.filter((b) => bands.includes(b)).length / bands.length;
    }));
    rows.push({
      method: a.method,
      unionPrecision: precisionAtK(a.all.node, bundle.nodes, union, union.size),
      perClassPrecision: mean(planted.perClass.map((set, c) => precisionAtK(a.perClass[c]!.node, bundle.nodes, new Set(set), set.length))),
      ...(bandHits !== undefined && { bandHits }),
    });
  }
  return rows;
}

/** Synthetic SEED's planted region (src/synthetic/seed.ts): 10 electrodes and 2 main bands per class. */
export function plantedSeedRegion(): { perClass: string[][]; bands: string[][] } {
  const perClass = SEED_CLASSES.map((_, c) => PLANTED_PATTERNS.filter((p) => p.cls === c).flatMap((p) => p.channels));
  const bands = SEED_CLASSES.map((_, c) => {
    const weight = SEED_BANDS.map((_, b) => PLANTED_PATTERNS.filter((p) => p.cls === c).reduce((s, p) => s + p.bands[b]!, 0));
    return weight.map((w, b) => [w, b] as const).sort((a, b) => b[0] - a[0]).slice(0, 2).map(([, b]) => SEED_BANDS[b]!);
  });
  return { perClass, bands };
}

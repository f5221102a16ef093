// Salience recovery on synthetic SEED (src/synthetic/seed.ts plants each class's signal in
// 10 known electrodes and 2 main bands): trains one model per subject (seed-sd split: trials 1-9
// train, 10-15 test), computes projection salience, input x gradient and integrated gradients on the
// test samples, and prints each method's precision at k against the planted electrodes, per subject
// and as the mean over subjects. With --run DIR it scores the salience.json files a `strnn
// experiment` run on a `strnn synth --format seed` tree saved instead (band selection 'all').
// The README's salience numbers come from this script.
// Run: node dist/bench/salience-recovery.js [--subjects 3] [--epochs 15] | --run runs/synth-seed
import { SEED_BANDS, SEED_CLASSES } from '../src/datasets/seed-facts.js';
import { syntheticSeedTrials } from '../src/synthetic/seed.js';
import { plantedSeedRegion, salienceRecovery, type RecoveryRow } from '../src/eval/salience-recovery.js';
import { backendFactory } from '../src/kernels/factory.js';
import { SEED_62 } from '../src/montage/seed62.js';
import { runUnit } from '../src/protocols/run-unit.js';
import { seedSubjectDependent } from '../src/protocols/seed-sd.js';
import { unitSalience } from '../src/protocols/unit-artifacts.js';
import { readRun, unitsOf } from '../src/report/run-data.js';

/** Mean over units of each method's row. */
function meanRows(all: RecoveryRow[][]): RecoveryRow[] {
  return all[0]!.map((row, r) => {
    const avg = (pick: (x: RecoveryRow) => number | undefined) => all.reduce((s, rows) => s + (pick(rows[r]!) ?? 0), 0) / all.length;
    return { method: row.method, unionPrecision: avg((x) => x.unionPrecision), perClassPrecision: avg((x) => x.perClassPrecision), ...(row.bandHits !== undefined && { bandHits: avg((x) => x.bandHits) }) };
  });
}

/** Scores the saved salience of a run folder's 'all' units. */
export function runRecovery(dir: string, onUnit?: (id: string, rows: RecoveryRow[], accuracy: number) => void): RecoveryRow[] {
  const run = readRun(dir);
  const planted = plantedSeedRegion();
  const all = unitsOf(run, 'all').flatMap((u) => {
    const salience = run.salience.get(u.key);
    if (!salience) return [];
    const rows = salienceRecovery(salience, planted);
    onUnit?.(u.id, rows, u.accuracy);
    return [rows];
  });
  return meanRows(all);
}

export async function measureRecovery(subjects: number, epochs: number, onSubject?: (s: number, rows: RecoveryRow[], accuracy: number) => void): Promise<RecoveryRow[]> {
  const backend = await backendFactory('auto');
  const trials = syntheticSeedTrials({ subjects, sessions: 1, durationScale: 0.25, seed: 3 });
  const planted = plantedSeedRegion();
  const all: RecoveryRow[][] = [];
  seedSubjectDependent().units(trials).forEach((unit, i) => {
    const outcome = runUnit(unit, { montage: SEED_62, backend, model: {}, train: { epochs, seed: 7 + i, patience: 5 }, valFraction: 0.2, seed: 7 + i });
    const rows = salienceRecovery(unitSalience(outcome, [...SEED_BANDS], [...SEED_CLASSES]), planted);
    onSubject?.(i + 1, rows, outcome.result.accuracy);
    all.push(rows);
  });
  return meanRows(all);
}

const fmt = (rows: RecoveryRow[]) => rows.map((r) => `  ${r.method.padEnd(22)} P@30 (all classes) ${r.unionPrecision.toFixed(3)}   P@10 per class ${r.perClassPrecision.toFixed(3)}${r.bandHits === undefined ? '' : `   planted bands in top 2 ${r.bandHits.toFixed(3)}`}`).join('\n');

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, d: number) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : d;
  };
  const runAt = process.argv.indexOf('--run');
  const show = (s: string | number, rows: RecoveryRow[], acc: number) => console.log(`${typeof s === 'number' ? `subject ${s}` : s} (test accuracy ${(100 * acc).toFixed(1)} %)\n${fmt(rows)}`);
  const mean = runAt > 0 ? runRecovery(process.argv[runAt + 1]!, show) : await measureRecovery(arg('--subjects', 3), arg('--epochs', 15), show);
  console.log(`mean over subjects (chance: P@30 ${(30 / 62).toFixed(3)}, P@10 per class ${(10 / 62).toFixed(3)}, bands 0.400)\n${fmt(mean)}`);
}

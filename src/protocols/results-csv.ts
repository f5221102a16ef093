// results.csv: the experiment's results as one tidy row per unit and band selection (what
// pandas.read_csv wants), beside results.json. Empty cells mean "not applicable" (a unit spanning
// several subjects has no single subject); per-class F1 columns are named f1_<class>.
import type { ExperimentReport } from './experiment.js';

/** RFC 4180 quoting: only fields with a comma, quote or newline are quoted. */
function csvField(v: string | number | undefined): string {
  if (v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function resultsCsv(r: ExperimentReport): string {
  const header = ['dataset', 'feature', 'protocol', 'bands', 'unit', 'subject', 'session', 'fold', 'accuracy', 'macro_f1',
    ...r.classNames.map((c) => `f1_${c}`), 'test_samples', 'train_samples', 'val_samples', 'best_epoch', 'seed', 'key'];
  const rows = r.units.map((u) => [r.dataset.id, r.dataset.feature, r.protocol.id, u.bands, u.id, u.subject, u.session, u.fold, u.accuracy, u.macroF1,
    ...r.classNames.map((_, c) => u.perClass?.[c]?.f1), u.testSamples, u.trainSamples, u.valSamples, u.bestEpoch, u.seed, u.key]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

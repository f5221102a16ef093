// Plain-text reports for the terminal: the per-unit table, the mean ± std line with the chance and
// majority-class baselines, and the run's warnings.
import type { ExperimentResult } from '../protocols/run-protocol.js';

const pct = (x: number) => (100 * x).toFixed(2);

export function formatExperiment(r: ExperimentResult): string {
  const idWidth = Math.max(4, ...r.units.map((u) => u.id.length));
  const lines = [
    `protocol: ${r.protocol.id} — ${r.protocol.description}`,
    '',
    `${'unit'.padEnd(idWidth)}  accuracy  macro-F1  train/val/test samples  best epoch  seconds`,
    ...r.units.map((u) =>
      `${u.id.padEnd(idWidth)}  ${pct(u.accuracy).padStart(7)}%  ${pct(u.macroF1).padStart(7)}%  ` +
      `${`${u.trainSamples}/${u.valSamples}/${u.testSamples}`.padStart(22)}  ${String(u.bestEpoch).padStart(10)}  ${u.seconds.toFixed(1).padStart(7)}`),
    '',
    `mean ± std accuracy over ${r.summary.units} units: ${pct(r.summary.accuracy.mean)} ± ${pct(r.summary.accuracy.std)} %` +
      `   (macro-F1 ${pct(r.summary.macroF1.mean)} ± ${pct(r.summary.macroF1.std)} %; chance ${pct(1 / r.classNames.length)} %, majority class ${pct(r.summary.majorityAccuracy.mean)} %)`,
    ...r.warnings.map((w) => `warning: ${w}`),
  ];
  return lines.join('\n');
}

/** Confusion matrix with class names, rows = true class. */
export function formatConfusion(confusion: number[][], classNames: readonly string[]): string {
  const corner = 'true \\ predicted';
  // The first column fits the corner label and every row name; each count column fits its class name and counts.
  const first = Math.max(corner.length, ...classNames.map((c) => c.length)) + 2;
  const widths = classNames.map((c, j) => Math.max(c.length, ...confusion.map((row) => String(row[j]).length)));
  const head = `${corner.padEnd(first)}${classNames.map((c, j) => c.padStart(widths[j]!)).join('  ')}`;
  return [head, ...confusion.map((row, i) => `${classNames[i]!.padEnd(first)}${row.map((v, j) => String(v).padStart(widths[j]!)).join('  ')}`)].join('\n');
}

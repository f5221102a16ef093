// Plain-text report of `strnn experiment`: the protocol line, then the paper-style table (one row per
// band selection, mean ± std accuracy and macro-F1 over units).
import type { ExperimentReport } from '../protocols/experiment.js';

const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(2) : '-');

export function formatExperimentReport(r: ExperimentReport, resultsPath?: string): string {
  const width = Math.max(5, ...r.table.map((row) => row.bands.length));
  const lines = [
    `dataset: ${r.dataset.id} (${r.dataset.feature}) at ${r.dataset.root}`,
    `protocol: ${r.protocol.id} — ${r.protocol.description}`,
    `classes: ${r.classNames.join(', ')} (chance ${pct(r.baselines.chance)} %, majority class ${pct(r.baselines.majorityClass.mean)} ± ${pct(r.baselines.majorityClass.std)} %)`,
    '',
    `${'bands'.padEnd(width)}  units  accuracy % (mean ± std)  macro-F1 % (mean ± std)`,
    ...r.table.map((row) =>
      `${row.bands.padEnd(width)}  ${String(row.units).padStart(5)}  ${`${pct(row.accuracy.mean)} ± ${pct(row.accuracy.std)}`.padStart(23)}  ${`${pct(row.macroF1.mean)} ± ${pct(row.macroF1.std)}`.padStart(23)}`),
    '',
    `${r.units.length}/${r.plannedUnits} units (${r.computedUnits} computed, ${r.reusedUnits} reused from an earlier run)${r.complete ? '' : ' — incomplete: run again to resume'}`,
  ];
  lines.push(...r.warnings.map((w) => `warning: ${w}`));
  if (resultsPath) lines.push(`results: ${resultsPath}`);
  return lines.join('\n');
}

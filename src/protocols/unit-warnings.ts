// The things a finished protocol run must say once, not per unit and not never: units that trained
// without validation (so without early stopping), and test trials too short to give one sample
// (left out of the accuracy). Shared by runProtocol and runExperiment; the CLI prints them and
// results.json keeps them.
import type { UnitResult } from './run-unit.js';

type UnitFacts = Pick<UnitResult, 'id' | 'validation' | 'droppedTestTrials'>;

/** Lists at most `max` items, then how many more. */
function some(items: readonly string[], max = 3): string {
  return items.length <= max ? items.join('; ') : `${items.slice(0, max).join('; ')}; and ${items.length - max} more`;
}

export function unitWarnings(units: readonly UnitFacts[]): string[] {
  const warnings: string[] = [];
  const noVal = units.filter((u) => u.validation === 'none');
  if (noVal.length > 0) {
    warnings.push(`${noVal.length} of ${units.length} units had no validation samples, so they trained every epoch without early stopping ` +
      `(${some(noVal.map((u) => u.id))}): training trials are too short for a validation tail of T windows and there are fewer ` +
      'than 3 training subjects to hold out (longer trials, more subjects or a larger --val-fraction give validation)');
  }
  const dropped = units.flatMap((u) => u.droppedTestTrials.map((t) => `${u.id}: ${t}`));
  if (dropped.length > 0) {
    warnings.push(`${dropped.length} test trials are shorter than T windows and give no test sample, so the accuracy leaves them out (${some(dropped)})`);
  }
  return warnings;
}

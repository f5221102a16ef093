// Training defaults that depend on the data: a dataset's registry entry may bring its own (the face
// datasets do, chosen by the measured sweep in the README), and they replace the flag table's
// defaults for every training flag the user did not give. Flags given on the command line always win.
import type { TrainingDefaults } from '../datasets/registry.js';
import type { Flags } from './command.js';

/** Flag key (commander's camelCase) for each training default. */
const FLAG_OF: Record<keyof TrainingDefaults, string> = {
  epochs: 'epochs', patience: 'patience', learningRate: 'lr', batchSize: 'batchSize', valFraction: 'valFraction',
};

/**
 * `flags` with the dataset's training defaults in place of table defaults. `isDefault(key)` says
 * whether a flag's value came from the table (not from the command line).
 */
export async function withDatasetDefaults(flags: Flags, isDefault: (key: string) => boolean): Promise<Flags> {
  if (typeof flags.dataset !== 'string') return flags;
  const { datasetIds, getDataset } = await import('../datasets/registry.js');
  if (!datasetIds().includes(flags.dataset)) return flags; // the command reports the unknown name
  const defaults = getDataset(flags.dataset).trainingDefaults ?? {};
  const out = { ...flags };
  for (const [field, value] of Object.entries(defaults) as [keyof TrainingDefaults, number][]) {
    const key = FLAG_OF[field];
    if (key in out && isDefault(key)) out[key] = value;
  }
  return out;
}

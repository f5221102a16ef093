// `strnn dataset check`: what strnn finds in a folder of your own recordings (BIDS-EEG, or described
// by strnn.dataset.json): subjects, sessions, trials per class, channels, rates and problems. Exits 1
// when there are errors, so it can gate a script before `strnn experiment` or `strnn train`.
import { StrnnError } from '../../util/errors.js';
import type { CommandSpec } from '../command.js';
import { printResult } from '../command.js';

export const datasetCommand: CommandSpec = {
  name: 'dataset',
  summary: 'check a folder of your own EEG recordings (BIDS-EEG or strnn.dataset.json): subjects, sessions, trials per class, channels, rates, problems',
  arguments: ['<action>'],
  examples: [
    'strnn dataset check --root my-bids-study/',
    'strnn dataset check --dataset my-study/strnn.dataset.json --T 5',
    'strnn dataset check --root my-bids-study/ --label-column emotion --json',
  ],
  flags: ['root', 'dataset', 'labelColumn', 'T', 'json'],
  async run(f) {
    const [action] = f._args as string[];
    if (action !== 'check') throw new StrnnError('USAGE', `unknown dataset action '${action}'; expected check`, 'strnn dataset check --root DIR');
    const path = (f.dataset ?? f.root) as string | undefined;
    if (!path || (f.dataset !== undefined && f.root !== undefined)) throw new StrnnError('USAGE', 'dataset check needs one of --root <dir> or --dataset <dir|file.json>');
    const { checkRecordingDataset, formatDatasetCheck } = await import('../../datasets/recording-check.js');
    const report = checkRecordingDataset(path, {
      ...(f.labelColumn !== undefined && { labelColumn: f.labelColumn as string }), ...(f.T !== undefined && { T: f.T as number }),
    });
    printResult(f, report, () => formatDatasetCheck(report));
    if (report.errors > 0) throw new StrnnError('INPUT', `${report.description ?? report.root}: ${report.errors} error${report.errors === 1 ? '' : 's'} in the dataset (listed above)`);
  },
};

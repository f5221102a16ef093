// `strnn montage show`: where a recording's channels go on the STRNN grid — placed by their 10-05
// names (SEED's 9x9 map or a generated grid) or by a montage file — and which are dropped, and why.
import type { CommandSpec } from '../command.js';
import { printResult } from '../command.js';

export const montageShowCommand: CommandSpec = {
  name: 'montage show',
  summary: 'print the grid a list of channels is placed on (by 10-05 names or a montage file) and the channels dropped',
  examples: [
    'strnn montage show --channels Fp1,Fp2,F7,F3,Fz,F4,F8,T3,C3,Cz,C4,T4,T5,P3,Pz,P4,T6,O1,O2',
    'strnn montage show --channels Fp1,Fp2,Cz,HEOG --montage my-cap.json --json',
  ],
  flags: ['channels', 'montage', 'json'],
  defaults: { montage: 'auto' },
  async run(f) {
    const { requireFlags } = await import('./shared.js');
    requireFlags(f, ['channels'], 'montage show');
    const { StrnnError } = await import('../../util/errors.js');
    const labels = String(f.channels).split(',').map((s) => s.trim());
    if (labels.some((l) => l === '')) throw new StrnnError('USAGE', `--channels ${String(f.channels)}: expected comma-separated labels without empty entries`);
    const { placeChannels } = await import('../../montage/place-channels.js');
    const { formatMontageGrid } = await import('../../montage/format-grid.js');
    const montageArg = String(f.montage);
    const given = montageArg === 'auto' ? undefined : (await import('../inputs.js')).resolveMontage(montageArg);
    const placed = placeChannels(labels, { source: '--channels', ...(given ? { montage: given } : {}) });
    const { montage, channels, dropped } = placed;
    printResult(f, { montage, channels, dropped }, () => {
      const renamed = montage.nodes.map((n, i) => [channels[i]!, n.name] as const).filter(([label, name]) => label.toUpperCase() !== name.toUpperCase());
      return [
        `montage ${montage.name}: ${montage.rows} x ${montage.cols} grid, ${channels.length} channel${channels.length === 1 ? '' : 's'} placed, ${dropped.length} dropped`,
        '',
        formatMontageGrid(montage, channels),
        ...(renamed.length ? ['', `electrodes: ${renamed.map(([l, n]) => `${l} = ${n}`).join(', ')}`] : []),
        ...(dropped.length ? ['', 'dropped:', ...dropped.map((d) => `  ${d.label}: ${d.reason}`)] : []),
      ].join('\n');
    });
  },
};

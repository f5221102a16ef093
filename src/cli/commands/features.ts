// `strnn features`: raw EEG (SEED Preprocessed_EEG, SEED-IV eeg_raw_data, DEAP, EDF/BDF) → feature
// files in SEED's ExtractedFeatures layout, resumable per file and parallel (src/datasets/feature-tree.ts);
// `--causal` writes the features `strnn live` computes (src/signal/causal-features.ts).
import { StrnnError } from '../../util/errors.js';
import type { CommandSpec } from '../command.js';
import { printResult } from '../command.js';
import { fileProgress, type FileProgress } from '../progress.js';

export const featuresCommand: CommandSpec = {
  name: 'features',
  summary: 'compute DE / PSD feature files (SEED ExtractedFeatures layout) from raw SEED, SEED-IV, DEAP or EDF/BDF EEG; resumable, parallel',
  examples: [
    'strnn features --input data/SEED --out data/SEED-features && strnn experiment --dataset seed --root data/SEED-features --feature de_LDS',
    'strnn features --input recordings/ --out features/ --bands delta:1-4,theta:4-8,alpha:8-14,beta:14-31,gamma:31-50 --smoothing lds',
    'strnn features --input data/DEAP --out data/DEAP-features --bands deap --kinds de --jobs 4 --json',
    'strnn features --input recording.edf --out causal-features/ --causal --kinds de   # the features strnn live computes',
  ],
  flags: ['input', 'out', 'window', 'bands', 'smoothing', 'de', 'kinds', 'causal', 'jobs', 'json'],
  defaults: { bands: 'seed' },
  async run(f) {
    if (!f.input) throw new StrnnError('USAGE', 'features needs --input <path>, a raw EEG tree or EDF/BDF file(s)', 'see strnn features --help');
    if (!f.out) throw new StrnnError('USAGE', 'features needs --out <dir>', 'see strnn features --help');
    const { extractFeatures, parseBandTable, FEATURE_KINDS } = await import('../../datasets/feature-tree.js');
    const kinds = String(f.kinds).split(',').map((k) => k.trim());
    for (const k of kinds) {
      if (!(FEATURE_KINDS as readonly string[]).includes(k)) throw new StrnnError('USAGE', `--kinds: unknown feature kind '${k}'; expected a comma-separated list of ${FEATURE_KINDS.join(', ')}`);
    }
    const smoothing = f.smoothing as 'both' | 'lds' | 'movingAve';
    let progress: FileProgress | undefined;
    const report = await extractFeatures(f.input as string, f.out as string, {
      bands: parseBandTable(f.bands as string), windowSec: f.window as number, deMethod: f.de as 'gaussian',
      smoothings: smoothing === 'both' ? ['movingAve', 'LDS'] : [smoothing === 'lds' ? 'LDS' : 'movingAve'],
      kinds: kinds as ('de' | 'psd')[], ...(f.jobs !== undefined && { jobs: f.jobs as number }), ...(f.causal === true && { causal: true }),
    }, {
      onStart: (s) => {
        process.stderr.write(`strnn features: ${s.layout} input ${s.input} → ${s.outFolder}\n` +
          `  ${s.files} files (${s.reused} already done), ${s.jobs} parallel job(s)\n`);
        progress = fileProgress('features', s.files);
      },
      onFileDone: (file, done, total) => progress?.file(file.file, file.reused, done, total),
    });
    progress?.done();
    printResult(f, report, () => {
      const o = report.options;
      const montage = report.montages.map((m) => montageText(m, report.files.find((x) => x.montage === m)!.channelNames)).join('; ');
      const windows = report.files.reduce((a, x) => a + x.windows.reduce((p, q) => p + q, 0), 0);
      const lines = [
        `${report.files.length} feature files in ${report.outFolder} (${report.computed} computed, ${report.reused} reused) in ${report.wallSeconds.toFixed(1)} s`,
        `  ${windows} windows of ${o.windowSec} s; ${o.causal ? 'causal ' : ''}${o.kinds.join(', ')} (${o.deMethod} DE) x ${o.smoothings.join(', ')}; bands ${o.bands.map((b) => `${b.name}:${b.lowHz}-${b.highHz}`).join(',')}`,
        `  montage: ${montage}`,
      ];
      if (report.experiment) lines.push(`  next: ${report.experiment}`);
      return lines.join('\n');
    });
  },
};

function montageText(montage: string, names: readonly string[]): string {
  if (montage === 'seed-62') return 'seed-62 (the SEED 62 electrodes, SEED order)';
  if (montage === 'deap-32') return "deap-32 (DEAP's 32 electrodes, DEAP order)";
  const shown = names.slice(0, 8).join(' ') + (names.length > 8 ? ' ...' : '');
  return `own (${names.length} EEG channels with their file names: ${shown}; no grid: pass strnn train a --montage JSON)`;
}

// `strnn report`: one self-contained HTML page (inline SVG) plus every figure as SVG and PNG under
// figures/, from one or more experiment run folders (see src/report/build-report.ts).
import { resolve } from 'node:path';
import type { CommandSpec } from '../command.js';
import { printResult } from '../command.js';
import { fileProgress } from '../progress.js';
import { StrnnError } from '../../util/errors.js';

export const reportCommand: CommandSpec = {
  name: 'report',
  summary: 'draw the per-band table, per-unit accuracy, confusion matrices, training curves and salience maps of experiment runs as one HTML page (+ SVG/PNG figures)',
  examples: ['strnn report runs/seed-sd', 'strnn report runs/seed-sd runs/loso --out compare/report.html', 'strnn report runs/demo-run --json'],
  args: '<runDirs...>',
  flags: ['reportOut', 'json'],
  async run(f) {
    const dirs = f.args as string[];
    if (dirs.length === 0) throw new StrnnError('USAGE', 'report needs at least one run folder (the --out of strnn experiment)');
    const out = f.out as string;
    if (!out.endsWith('.html')) throw new StrnnError('USAGE', `--out ${out}: the report is an HTML file, so --out must end in .html`);
    const { writeReport } = await import('../../report/build-report.js');
    let progress: ReturnType<typeof fileProgress> | undefined;
    const result = await writeReport(dirs, {
      out,
      onFigure: (id, done, total) => {
        progress ??= fileProgress('strnn report: figures', total);
        progress.file(id, false, done, total);
      },
    });
    progress?.done();
    printResult(f, result, () => `report written to ${resolve(result.html)} (${result.figures.length / 2} figures as SVG and PNG under figures/)`);
  },
};

// `strnn synth`: write a synthetic dataset in a real layout (SEED, SEED-IV or DEAP folders, file and
// variable names, shapes; CK+ or MMI faces) with a planted, learnable signal. Never writes over
// anything strnn did not write: a non-empty --out is refused before anything is printed, and
// --force replaces only a previous synth output (src/synthetic/output.ts).
import { StrnnError } from '../../util/errors.js';
import type { CommandSpec, Flags } from '../command.js';
import { printResult } from '../command.js';
import { countProgress } from '../progress.js';

export const synthCommand: CommandSpec = {
  name: 'synth',
  summary: 'write a synthetic SEED, SEED-IV, DEAP, CK+ or MMI tree (real folders, file names, variables, shapes) with a learnable planted signal',
  examples: [
    'strnn synth --format seed --out data/SEED',
    'strnn synth --format seed --out data/SEED-raw --subjects 3 --raw --raw-subjects 1',
    'strnn synth --format deap --out data/DEAP --subjects 4',
    'strnn synth --format ckplus --out data/CK+ --real-size',
    'strnn synth --format seed --out data/SEED --subjects 3 --force   # replace the earlier synthetic tree',
  ],
  flags: ['format', 'out', 'force', 'subjects', 'durationScale', 'raw', 'rawSubjects', 'sequences', 'realSize', 'seed', 'json'],
  // 0.25 of SEED's trial lengths (46-66 one-second windows a trial) leaves every trial a validation
  // tail of at least T = 9 windows at --val-fraction 0.2, so seed-sd trains with early stopping.
  defaults: { subjects: 15, durationScale: 0.25 },
  async run(f) {
    if (!f.format || !['seed', 'seed-iv', 'deap', 'ckplus', 'mmi'].includes(f.format as string)) {
      throw new StrnnError('USAGE', `synth needs --format seed|seed-iv|deap|ckplus|mmi${f.format ? `, found '${String(f.format)}'` : ''}`, 'see strnn synth --help');
    }
    if (!f.out) throw new StrnnError('USAGE', 'synth needs --out <dir>', 'see strnn synth --help');
    const { checkSyntheticOutput } = await import('../../synthetic/output.js');
    checkSyntheticOutput(f.out as string, Boolean(f.force));
    if (f.format === 'ckplus' || f.format === 'mmi') return synthFaces(f);
    const { writeSyntheticDataset } = await import('../../synthetic/tree.js');
    const started = performance.now();
    process.stderr.write(`strnn synth: writing a synthetic ${f.format} tree of ${f.subjects} subjects to ${f.out}\n`);
    const r = writeSyntheticDataset(f.format as 'seed', f.out as string, {
      subjects: f.subjects as number, seed: f.seed as number, durationScale: f.durationScale as number, raw: Boolean(f.raw), rawSubjects: f.rawSubjects as number,
      force: Boolean(f.force),
    });
    const seconds = (performance.now() - started) / 1000;
    printResult(f, { format: r.format, root: r.root, files: r.files.length, bytes: r.bytes, wallSeconds: seconds }, () =>
      `wrote ${r.files.length} files (${(r.bytes / 1e6).toFixed(1)} MB) under ${r.root} in ${seconds.toFixed(1)} s`);
  },
};

async function synthFaces(f: Flags): Promise<void> {
  const { writeSyntheticFaces } = await import('../../synthetic/faces.js');
  const started = performance.now();
  process.stderr.write(`strnn synth: writing a synthetic ${f.format} tree to ${f.out}\n`);
  const progress = countProgress(`strnn synth ${f.format}`, 'sequences');
  const r = await writeSyntheticFaces(f.format as 'ckplus', f.out as string, {
    subjects: f.subjects as number, sequencesPerSubject: f.sequences as number, seed: f.seed as number, force: Boolean(f.force),
    ...(f.realSize ? { preset: 'real-size' as const } : {}),
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.done();
  const seconds = (performance.now() - started) / 1000;
  printResult(f, { ...r, wallSeconds: seconds }, () =>
    `wrote ${r.sequences} sequences (${r.labelled} labelled, ${r.frames} frames) of ${r.subjects} subjects under ${r.root} in ${seconds.toFixed(1)} s`);
}

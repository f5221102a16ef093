// `strnn synth`: write a synthetic dataset in a real layout (SEED, SEED-IV or DEAP folders, file and
// variable names, shapes) with a planted, learnable signal.
import { StrnnError } from '../../util/errors.js';
import type { CommandSpec, Flags } from '../command.js';
import { printResult } from '../command.js';

export const synthCommand: CommandSpec = {
  name: 'synth',
  summary: 'write a synthetic SEED, SEED-IV, DEAP, CK+ or MMI tree (real folders, file names, variables, shapes) with a learnable planted signal',
  examples: [
    'strnn synth --format seed --out data/SEED',
    'strnn synth --format seed --out data/SEED --subjects 3 --raw --raw-subjects 1',
    'strnn synth --format deap --out data/DEAP --subjects 4 --duration-scale 0.25',
    'strnn synth --format ckplus --out data/CK+ --real-size',
  ],
  flags: ['format', 'out', 'subjects', 'durationScale', 'raw', 'rawSubjects', 'sequences', 'realSize', 'seed', 'json'],
  defaults: { subjects: 15, durationScale: 0.1 },
  async run(f) {
    if (!f.format || !['seed', 'seed-iv', 'deap', 'ckplus', 'mmi'].includes(f.format as string)) {
      throw new StrnnError('USAGE', `synth needs --format seed|seed-iv|deap|ckplus|mmi${f.format ? `, found '${String(f.format)}'` : ''}`, 'see strnn synth --help');
    }
    if (!f.out) throw new StrnnError('USAGE', 'synth needs --out <dir>', 'see strnn synth --help');
    if (f.format === 'ckplus' || f.format === 'mmi') return synthFaces(f);
    const durationScale = f.durationScale as number;
    if (!(durationScale > 0 && durationScale <= 1)) throw new StrnnError('USAGE', `--duration-scale must be in (0, 1], got ${durationScale}`);
    const { writeSyntheticDataset } = await import('../../datasets/synthetic-tree.js');
    const started = performance.now();
    process.stderr.write(`strnn synth: writing a synthetic ${f.format} tree of ${f.subjects} subjects to ${f.out}\n`);
    const r = writeSyntheticDataset(f.format as 'seed', f.out as string, {
      subjects: f.subjects as number, seed: f.seed as number, durationScale, raw: Boolean(f.raw), rawSubjects: f.rawSubjects as number,
    });
    const seconds = (performance.now() - started) / 1000;
    printResult(f, { format: r.format, root: r.root, files: r.files.length, bytes: r.bytes, wallSeconds: seconds }, () =>
      `wrote ${r.files.length} files (${(r.bytes / 1e6).toFixed(1)} MB) under ${r.root} in ${seconds.toFixed(1)} s`);
  },
};

async function synthFaces(f: Flags): Promise<void> {
  const { writeSyntheticFaces } = await import('../../datasets/synthetic-faces.js');
  const started = performance.now();
  process.stderr.write(`strnn synth: writing a synthetic ${f.format} tree to ${f.out}\n`);
  const r = await writeSyntheticFaces(f.format as 'ckplus', f.out as string, {
    subjects: f.subjects as number, sequencesPerSubject: f.sequences as number, seed: f.seed as number,
    ...(f.realSize ? { preset: 'real-size' as const } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  printResult(f, { ...r, wallSeconds: seconds }, () =>
    `wrote ${r.sequences} sequences (${r.labelled} labelled, ${r.frames} frames) of ${r.subjects} subjects under ${r.root} in ${seconds.toFixed(1)} s`);
}

// Small pieces several commands share.
import { StrnnError } from '../../util/errors.js';
import type { Flags } from '../command.js';
import type { LoadedCheckpoint } from '../../formats/checkpoint.js';

const FLAG_TEXT: Record<string, string> = { model: '--model <dir>', samples: '--samples <file>', labels: '--labels <file>' };

export function requireFlags(f: Flags, names: string[], command: string): void {
  const missing = names.filter((n) => f[n] === undefined);
  if (missing.length) throw new StrnnError('USAGE', `${command} needs ${missing.map((n) => FLAG_TEXT[n] ?? `--${n}`).join(' and ')}`, `see strnn ${command} --help`);
}

export async function loadModel(f: Flags): Promise<LoadedCheckpoint> {
  const { createBackend } = await import('../../kernels/select.js');
  const { loadCheckpoint } = await import('../../formats/checkpoint.js');
  return loadCheckpoint(f.model as string, await createBackend(f.backend as 'auto'));
}

// The "is this ours?" rule for output folders: strnn replaces a folder only if it is missing, empty,
// or something strnn wrote itself (recognised by `ours`, e.g. a checkpoint's model.json). Anything
// else — a file, a folder of the user's own notes, the current folder — is refused before any work
// starts, so `--out` can never delete what strnn did not write. Commands that write folders (train,
// demo, synth, experiment, report) pass their own recogniser.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { StrnnError } from './errors.js';

export interface OutputDirRule {
  /** True when the existing, non-empty folder `dir` was written by strnn and may be replaced. */
  ours: (dir: string) => boolean;
  /** What strnn writes there, for messages: 'a strnn checkpoint'. */
  what: string;
  /** The flag that named the folder, for messages (default --out). */
  flag?: string;
}

/**
 * Throws a StrnnError unless `path` may be (re)written as a whole folder. Returns 'new' (nothing
 * there, or an empty folder) or 'replace' (a folder strnn wrote, to be replaced atomically).
 */
export function checkOutputDir(path: string, rule: OutputDirRule): 'new' | 'replace' {
  const flag = rule.flag ?? '--out';
  const rel = relative(resolve(path), process.cwd());
  // The current folder or one of its parents cannot be swapped for a new one (EBUSY, and it holds the run).
  if (rel === '' || (rel.split(sep)[0] !== '..' && !isAbsolute(rel))) {
    throw new StrnnError('USAGE', `${flag} ${path}: is the current folder or one of its parents; strnn writes a whole folder there`, 'name a new folder (e.g. model/)');
  }
  if (!existsSync(path)) return 'new';
  if (!statSync(path).isDirectory()) {
    throw new StrnnError('USAGE', `${flag} ${path}: is a file, expected a folder for ${rule.what}`, 'choose another name; strnn does not replace files it did not write');
  }
  if (readdirSync(path).length === 0) return 'new';
  if (rule.ours(path)) return 'replace';
  throw new StrnnError('USAGE', `${flag} ${path}: folder is not empty and is not ${rule.what}; refusing to replace it`,
    'choose a new or empty folder (strnn only replaces folders it wrote itself)');
}

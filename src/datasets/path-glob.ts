// File globs of dataset descriptions ('sub-*/eeg/*.edf', 'rec/**/*.{edf,bdf}'), matched against paths
// relative to the dataset folder. Written here because Node 20 has no fs.glob and the patterns are a
// small, fixed language: '*' and '?' within one path segment, '**' for any number of segments, and
// '{a,b}' alternatives. Results are sorted naturally ('sub-2' before 'sub-10').
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const escape = (s: string) => s.replace(/[.+^$()|[\]\\]/g, '\\$&');

/** The regular expression a glob stands for (whole relative path, '/' separated). */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      // '**/' matches zero or more whole segments; a trailing '**' matches the rest of the path.
      if (glob[i + 2] === '/') {
        re += '(?:[^/]+/)*';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        re += `(?:${glob.slice(i + 1, close).split(',').map(escape).join('|')})`;
        i = close;
      }
    } else re += escape(ch);
  }
  return new RegExp(`^${re}$`);
}

/** Compares names with their digits as numbers ('sub-2' before 'sub-10'). */
export const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

function walk(root: string, relative: string, out: string[]): void {
  for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) walk(root, path, out);
    else if (entry.isFile()) out.push(path);
  }
}

/** Relative paths ('/' separated) of the files under `root` matching any of the globs, sorted naturally. */
export function globFiles(root: string, globs: readonly string[]): string[] {
  const patterns = globs.map(globToRegExp);
  const all: string[] = [];
  walk(root, '', all);
  return all.filter((p) => patterns.some((re) => re.test(p))).sort(naturalOrder);
}


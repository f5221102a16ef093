// Shared test helpers: paths into the repository and temporary folders that remove themselves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (tests run from dist/test/, two levels below it). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Path under the repository root, e.g. repoPath('test', 'fixtures', 'mat', 'x.mat'). */
export function repoPath(...parts: string[]): string {
  return join(REPO_ROOT, ...parts);
}

/** Run `fn` with a fresh temporary directory that is deleted afterwards. */
export async function withTempDir<T>(fn: (dir: string) => T | Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'strnn-test-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

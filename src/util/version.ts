// strnn's own version, read once from its package.json (checkpoints and results record it).
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function strnnVersion(): string {
  // Compiled to dist/src/util/version.js, so package.json is three folders up.
  cached ??= (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}

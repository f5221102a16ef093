// The LSL protocol core must run in a browser: only the transport adapters (src/stream/lsl/node/) and
// the Node entry point (index.ts, which binds the classes to them) may import Node built-ins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../../helpers.js';

const CORE = repoPath('src', 'stream', 'lsl');
const NODE_ENTRY = new Set(['index.ts']);

function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push(m[1] ?? m[2] ?? m[3]!);
  }
  return found;
}

/** Follow relative imports from a core file; every module reached must be free of Node built-ins too. */
function reachable(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const spec of importsOf(readFileSync(file, 'utf8'))) {
    if (spec.startsWith('.')) reachable(join(file, '..', spec.replace(/\.js$/, '.ts')), seen);
  }
  return seen;
}

test('LSL core files import nothing from node: (directly or through what they import)', () => {
  const coreFiles = readdirSync(CORE)
    .filter((f) => f.endsWith('.ts') && !NODE_ENTRY.has(f))
    .map((f) => join(CORE, f));
  assert.ok(coreFiles.length >= 10, `expected the core modules, found ${coreFiles.length}`);
  const offenders: string[] = [];
  for (const core of coreFiles) {
    for (const file of reachable(core)) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('node:') || ['fs', 'net', 'dgram', 'os', 'path', 'buffer', 'events'].includes(spec)) offenders.push(`${file} imports ${spec}`);
      }
      // Node globals with no browser counterpart are as bad as imports.
      if (/\b(process|Buffer)\./.test(readFileSync(file, 'utf8'))) offenders.push(`${file} uses process or Buffer`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('the import scanner sees the Node adapter imports (so it can fail)', () => {
  const adapter = readFileSync(join(CORE, 'node', 'transport.ts'), 'utf8');
  assert.ok(importsOf(adapter).includes('node:dgram'));
  assert.ok(importsOf(adapter).includes('node:net'));
});

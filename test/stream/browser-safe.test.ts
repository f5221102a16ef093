// The live pipeline below the source adapters must run in a browser: no module it loads, however
// indirectly, may import a Node built-in. Follows the built modules' static imports from the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { repoPath } from '../helpers.js';

const CORE = ['live-pipeline.js', 'live-session.js', 'model-features.js', 'channel-map.js', 'sources/replay.js'];

/** Every module reachable from `entry` through static imports, with the Node built-ins each names. */
function nodeImports(entry: string): string[] {
  const seen = new Set<string>(), found: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('node:') || ['fs', 'path', 'os', 'net', 'dgram', 'worker_threads', 'child_process'].includes(spec)) found.push(`${file} imports ${spec}`);
      else if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
    }
  };
  visit(entry);
  return found;
}

test('the live pipeline, its session, the causal features and the model path import no Node built-in', () => {
  for (const f of CORE) assert.deepEqual(nodeImports(repoPath('dist', 'src', 'stream', f)), [], f);
  assert.deepEqual(nodeImports(repoPath('dist', 'src', 'signal', 'causal-pipeline.js')), []);
  // The check can fail: a source adapter does import Node built-ins.
  assert.ok(nodeImports(repoPath('dist', 'src', 'stream', 'sources', 'file-source.js')).length > 0);
});

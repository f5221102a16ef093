import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath, withTempDir } from './helpers.js';

test("the README's library example is the committed example, and it runs", async () => {
  const example = readFileSync(repoPath('examples', 'library-quickstart.mjs'), 'utf8');
  const readme = readFileSync(repoPath('README.md'), 'utf8');
  const code = example.slice(example.indexOf('\n') + 1);
  assert.ok(readme.includes(code), 'README library example and examples/library-quickstart.mjs differ');
  await withTempDir((dir) => {
    const r = spawnSync(process.execPath, [repoPath('examples', 'library-quickstart.mjs')], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /mean ± std accuracy over 2 units/);
    assert.ok(existsSync(join(dir, 'models', 'subject-1-session-1', 'model.json')));
  });
});

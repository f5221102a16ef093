// The README's ```sh blocks run in order on a fresh folder (scripts/readme-blocks.mjs --small), so
// CI catches commands that collide (two synth into one folder) or need files nothing made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { repoPath } from './helpers.js';

const SCRIPT = repoPath('scripts', 'readme-blocks.mjs');

interface Block { line: number; skip: boolean; text: string }
const { shBlocks, shrink } = (await import(pathToFileURL(SCRIPT).href)) as { shBlocks: (md: string) => Block[]; shrink: (text: string) => string };

test('readme-blocks finds sh blocks, honours the skip marker and shrinks strnn commands in --small mode', () => {
  const md = ['# x', '```sh', 'strnn synth --format ckplus --out d --real-size   # big', '```', '<!-- readme-blocks: skip (needs clip.mp4) -->', '```sh', 'strnn predict --face-video clip.mp4', '```', '```text', 'strnn demo', '```'].join('\n');
  const blocks = shBlocks(md);
  assert.deepEqual(blocks.map((b) => [b.line, b.skip]), [[2, false], [6, true]]);
  assert.equal(shrink(blocks[0]!.text), 'strnn synth --format ckplus --out d --subjects 3 --sequences 2 --duration-scale 0.1   # big');
  assert.equal(shrink('strnn experiment --dataset seed \\\n  --out r'), 'strnn experiment --dataset seed --out r --epochs 1 --d-s 4 --k-s 2 --d-t 4 --k-t 2 --sessions 1 --folds 2 --jobs 2');
  assert.equal(shrink('ls data'), 'ls data');
});

test("the README's command blocks run in sequence on a fresh folder (small sizes)", () => {
  const readme = readFileSync(repoPath('README.md'), 'utf8');
  const runnable = shBlocks(readme).filter((b) => !b.skip);
  assert.ok(runnable.length >= 4, 'the README has runnable command blocks');
  const r = spawnSync(process.execPath, [SCRIPT, '--small'], { encoding: 'utf8', timeout: 600_000 });
  assert.equal(r.status, 0, r.stderr.split('\n').slice(-30).join('\n'));
  for (const b of runnable) assert.match(r.stderr, new RegExp(`readme-blocks: block at line ${b.line}: exit 0`));
});

#!/usr/bin/env node
// Runs the README's ```sh command blocks in order, in a fresh temporary folder (what a user with a
// fresh clone and `npm link` has: `strnn` on the PATH and a working folder holding the clone's
// committed test/, scripts/ and examples/ but none of what earlier runs wrote), and fails on the
// first command that exits non-zero. It checks that the blocks work as a sequence: no two writing the
// same folder, each finding the files the earlier ones made.
//
//   node scripts/readme-blocks.mjs [--small] [--keep] [--readme README.md]
//
// Conventions in the README:
// - Only fences opened with ```sh are run; usage summaries are ```text.
// - A block right after the line `<!-- readme-blocks: skip (reason) -->` is not run: blocks that
//   install or test the clone itself (npm ci, npm test) and blocks that need a file the user supplies
//   (clip.mp4, photos). The `npm run demo` of a skipped block still runs, as `strnn demo`, because
//   later blocks use the model it saves.
// - `--small` (or STRNN_README_SMALL=1) shrinks the work so the whole sequence takes well under three
//   minutes: every `strnn <command>` line gets the flags in SMALL below appended (a repeated flag's
//   last value wins) and loses --real-size. The commands and their order stay the README's.
// Needs `npm run build` first (the shim runs dist/src/cli/main.js).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TINY_MODEL = ['--epochs', '1', '--d-s', '4', '--k-s', '2', '--d-t', '4', '--k-t', '2'];

/** Flags appended to each command in --small mode. */
export const SMALL = {
  synth: ['--subjects', '3', '--sequences', '2', '--duration-scale', '0.1'],
  experiment: [...TINY_MODEL, '--sessions', '1', '--folds', '2', '--jobs', '2'],
  train: TINY_MODEL,
  demo: ['--subjects', '1', '--epochs', '1'],
  features: ['--jobs', '2'],
};

const SKIP = /^<!--\s*readme-blocks:\s*skip\b.*-->\s*$/;

/** The README's sh blocks in order: { line, skip, text }. */
export function shBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```sh') continue;
    const start = i;
    const body = [];
    for (i++; i < lines.length && lines[i].trim() !== '```'; i++) body.push(lines[i]);
    blocks.push({ line: start + 1, skip: start > 0 && SKIP.test(lines[start - 1].trim()), text: body.join('\n') });
  }
  return blocks;
}

/** Applies the --small rewrite to every `strnn <command>` line (continuations joined first). */
export function shrink(text) {
  return text.replace(/\s*\\\n\s*/g, ' ').split('\n').map((line) => {
    const m = /^(\s*strnn\s+(\w+))(.*?)(\s+#.*)?$/.exec(line);
    if (!m) return line;
    const extra = SMALL[m[2]] ?? [];
    return `${m[1]}${m[3].replace(/\s--real-size\b/, '')} ${extra.join(' ')}${m[4] ?? ''}`.replace(/\s+$/, '');
  }).join('\n');
}

function main() {
  const args = process.argv.slice(2);
  const small = args.includes('--small') || process.env.STRNN_README_SMALL === '1';
  const readme = args.includes('--readme') ? args[args.indexOf('--readme') + 1] : join(REPO, 'README.md');
  const work = mkdtempSync(join(tmpdir(), 'strnn-readme-'));
  const bin = join(work, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'strnn'), `#!/bin/sh\nexec "${process.execPath}" "${join(REPO, 'dist', 'src', 'cli', 'main.js')}" "$@"\n`);
  chmodSync(join(bin, 'strnn'), 0o755);
  const folder = join(work, 'clone');
  mkdirSync(folder);
  // The README's examples on the committed fixtures name them as a clone has them (test/fixtures/...);
  // the clone's own files are linked in read-only use, everything the blocks write lands beside them.
  for (const shipped of ['test', 'scripts', 'examples']) symlinkSync(join(REPO, shipped), join(folder, shipped));
  let failed = false;
  try {
    for (const block of shBlocks(readFileSync(readme, 'utf8'))) {
      // A skipped quick start still leaves what its `npm run demo` writes (runs/demo-model), which
      // later blocks use: that command runs as `strnn demo`.
      const demo = block.skip && /npm run demo\b/.test(block.text);
      if (block.skip && !demo) {
        process.stderr.write(`readme-blocks: skip block at line ${block.line}\n`);
        continue;
      }
      const text = demo ? 'strnn demo' : block.text;
      const script = small ? shrink(text) : text;
      process.stderr.write(`readme-blocks: block at line ${block.line}\n${script.replace(/^/gm, '  $ ')}\n`);
      const started = performance.now();
      const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script], {
        cwd: folder, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
      });
      process.stderr.write(`readme-blocks: block at line ${block.line}: exit ${r.status}, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      if (r.status !== 0) {
        failed = true;
        break;
      }
    }
  } finally {
    if (args.includes('--keep')) process.stderr.write(`readme-blocks: kept ${folder}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

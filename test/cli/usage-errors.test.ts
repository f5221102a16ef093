// The argument parser's side of the CLI: a closed pipe is not a crash, --version exists, every usage
// error carries the `strnn: error:` prefix with exit 2, and numeric flags are range-checked at parse
// time (from the ranges in the flag table, src/cli/options.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { FLAGS, parseInRange } from '../../src/cli/options.js';
import { repoPath, withTempDir } from '../helpers.js';
import { CLI, runCli } from './run-cli.js';

/** Runs the CLI with stdout's reading end closed before it writes (as `| head` does once satisfied). */
function runWithClosedStdout(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

test('output into a closed pipe (strnn <cmd> --help | head) exits 0 without a stack trace', async () => {
  for (const args of [['--help'], ['train', '--help'], ['experiment', '--help'], ['--version']]) {
    const r = await runWithClosedStdout(args);
    assert.equal(r.stderr, '', `strnn ${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.status, 0, `strnn ${args.join(' ')}`);
  }
});

test('strnn --version prints the package version', async () => {
  await withTempDir((dir) => {
    const r = runCli(['--version'], dir);
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), (JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { version: string }).version);
  });
});

test('every argument-parser error starts with "strnn: error:" and exits 2', async () => {
  await withTempDir((dir) => {
    const cases: [string[], RegExp][] = [
      [['trian'], /^strnn: error: unknown command 'trian'/],
      [['train', '--bogus'], /^strnn: error: unknown option '--bogus'/],
      [['demo', '--subjects'], /^strnn: error: option '--subjects <n>' argument missing/],
      [['train', '--optimizer', 'adamw'], /^strnn: error: option '--optimizer <name>' argument 'adamw' is invalid/],
      [['train', '--val-fraction', '1.5'], /^strnn: error: option '--val-fraction <x>' argument '1\.5' is invalid\. expected a number >= 0 and < 1, got "1\.5"/],
      [['train', '--val-fraction', '1', '--synthetic', '--out', 'm'], /^strnn: error: option '--val-fraction <x>' argument '1' is invalid/],
      [['train', '--lr', '0'], /^strnn: error: option '--lr <x>' argument '0' is invalid\. expected a number > 0, got "0"/],
      [['synth', '--format', 'seed', '--out', 'd', '--duration-scale', '2'], /expected a number > 0 and <= 1, got "2"/],
      [['experiment', '--folds', '1'], /expected an integer >= 2, got "1"/],
      [['features', '--window', '-1'], /expected a number > 0, got "-1"/],
      [['train', '--batch-size', '2.5'], /expected an integer >= 1, got "2\.5"/],
      [['train', '--seed', ''], /expected an integer >= 0, got ""/],
    ];
    for (const [args, expected] of cases) {
      const r = runCli(args, dir);
      assert.equal(r.status, 2, `strnn ${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, expected, `strnn ${args.join(' ')}`);
      assert.equal(r.stdout, '', `strnn ${args.join(' ')} printed to stdout`);
    }
  });
});

test('every numeric flag in the table has a range, and the range parser enforces it', () => {
  for (const [name, spec] of Object.entries(FLAGS)) {
    if (/<(n|x|sec)>/.test(spec.flags)) assert.ok('range' in spec, `--${name} is numeric but has no range in the flag table`);
  }
  const fraction = parseInRange({ min: 0, below: 1 });
  assert.equal(fraction('0'), 0);
  assert.equal(fraction('0.99'), 0.99);
  for (const bad of ['1', '-0.1', 'NaN', 'Infinity', 'x', '']) assert.throws(() => fraction(bad), /expected a number >= 0 and < 1/);
});

// strnn report and strnn inspect as a user runs them (built binary, temp folder): the demo's run
// folder becomes a report, a folder that is no run is refused with exit 1 and its name, a missing
// argument or a non-HTML --out is a usage error (exit 2), and inspect draws a checkpoint's figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './run-cli.js';
import { withTempDir } from '../helpers.js';
import { writeNpy } from '../../src/formats/npy.js';
import { windowTrials } from '../../src/datasets/samples.js';
import { syntheticSeedTrials } from '../../src/synthetic/seed.js';

test('demo ends with a report; report and inspect work on its output; bad input is refused clearly', () => withTempDir((dir) => {
  const demo = runCli(['demo', '--subjects', '1', '--epochs', '1', '--duration-scale', '0.1', '--out', 'runs/demo-model'], dir);
  assert.equal(demo.status, 0, demo.stderr);
  assert.match(demo.stdout, /report written to .*runs\/demo-report\/report\.html/);
  const info = (JSON.parse(readFileSync(join(dir, 'runs', 'demo-model', 'model.json'), 'utf8')) as { info: Record<string, unknown> }).info;
  for (const key of ['hyperparameters', 'bestEpoch', 'validation', 'curves', 'data', 'strnnVersion']) assert.ok(info[key] !== undefined, `checkpoint info lacks ${key}`);
  const page = readFileSync(join(dir, 'runs', 'demo-report', 'report.html'), 'utf8');
  assert.match(page, /<svg/);
  assert.ok(!/https?:\/\/(?!www\.w3\.org)/.test(page), 'the page refers to no network address');

  const r = runCli(['report', 'runs/demo-run', '--out', 'again/r.html', '--json'], dir);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { html: string; figures: string[] };
  assert.ok(out.figures.length > 10 && out.figures.every((f) => existsSync(join(dir, f))));
  assert.ok(out.figures.some((f) => f.endsWith('salience-all-spatial-ig.png')));

  mkdirSync(join(dir, 'empty'));
  const notRun = runCli(['report', 'empty'], dir);
  assert.equal(notRun.status, 1);
  assert.match(notRun.stderr, /strnn: error: empty: no results\.json/);
  assert.equal(runCli(['report'], dir).status, 2);
  const badOut = runCli(['report', 'runs/demo-run', '--out', 'r.pdf'], dir);
  assert.equal(badOut.status, 2);
  assert.match(badOut.stderr, /must end in \.html/);

  const inspect = runCli(['inspect', '--model', 'runs/demo-model', '--out', 'inspect'], dir);
  assert.equal(inspect.status, 0, inspect.stderr);
  const files = readdirSync(join(dir, 'inspect'));
  assert.ok(files.includes('spatial-projection.svg') && files.includes('spatial-projection.png') && files.includes('temporal.png') && files.includes('salience.json'));
  assert.ok(!files.includes('spatial-ig.svg'), 'no attribution without samples');

  const set = windowTrials(syntheticSeedTrials({ subjects: 1, sessions: 1, durationScale: 0.1, seed: 8 }).slice(9, 12), { T: 9 });
  assert.ok(set.count >= 12);
  writeNpy(join(dir, 'x.npy'), set.x.subarray(0, 12 * 9 * 62 * 5), [12, 9, 62, 5]);
  const withSamples = runCli(['inspect', '--model', 'runs/demo-model', '--samples', 'x.npy', '--out', 'inspect2'], dir);
  assert.equal(withSamples.status, 0, withSamples.stderr);
  const files2 = readdirSync(join(dir, 'inspect2'));
  for (const f of ['spatial-ig.svg', 'spatial-ixg.png', 'spatial-ig-band-gamma.svg']) assert.ok(files2.includes(f), `${f} missing`);
  const salience = JSON.parse(readFileSync(join(dir, 'inspect2', 'salience.json'), 'utf8')) as { integratedGradients: { all: { samples: number } } };
  assert.equal(salience.integratedGradients.all.samples, 12);
}));

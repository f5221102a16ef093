// strnn synth and strnn experiment as a user runs them: the built binary in a temp folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { withTempDir } from '../helpers.js';
import { runCli } from './run-cli.js';

const TINY = ['--d-s', '3', '--k-s', '2', '--d-t', '3', '--k-t', '2', '--epochs', '1'];

test('synth writes the SEED layout; experiment runs seed-sd with --json, resumes, and refuses typos with exit 2', async () => {
  await withTempDir((dir) => {
    const s = runCli(['synth', '--format', 'seed', '--out', 'SEED', '--subjects', '2', '--duration-scale', '0.06', '--json'], dir);
    assert.equal(s.status, 0, s.stderr);
    const synth = JSON.parse(s.stdout) as { files: number; format: string };
    assert.equal(synth.files, 7);
    assert.deepEqual(readdirSync(join(dir, 'SEED', 'ExtractedFeatures')).sort(),
      ['1_20131027.mat', '1_20131030.mat', '1_20131107.mat', '2_20140404.mat', '2_20140413.mat', '2_20140419.mat', 'label.mat']);

    const args = ['experiment', '--dataset', 'seed', '--root', 'SEED', '--protocol', 'seed-sd', '--sessions', '1', '--bands', 'all,alpha', '--out', 'run', '--jobs', '2', ...TINY];
    const r = runCli([...args, '--json'], dir);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { protocol: { id: string }; table: { bands: string; units: number }[]; computedUnits: number; units: { confusion: { classNames: string[] } }[] };
    assert.equal(report.protocol.id, 'seed-sd');
    assert.deepEqual(report.table.map((row) => [row.bands, row.units]), [['all', 2], ['alpha', 2]]);
    assert.equal(report.computedUnits, 4);
    assert.match(r.stderr, /protocol seed-sd — subject-dependent/);
    assert.match(r.stderr, /^\[1\/4\] bands .*, ETA /m, 'each unit line carries an ETA');
    // 13-window trials (duration scale 0.06) leave no validation tail: warned once, recorded in the results.
    const full = report as unknown as { warnings: string[]; baselines: { chance: number; majorityClass: { mean: number } }; units: { validation: string; majorityAccuracy: number }[] };
    assert.equal(full.warnings.length, 1);
    assert.match(full.warnings[0]!, /^2 of 2 units had no validation samples/);
    assert.equal(r.stderr.split('\n').filter((l) => l.includes('warning: 2 of 2 units had no validation samples')).length, 1);
    assert.ok(full.units.every((u) => u.validation === 'none'));
    assert.equal(full.baselines.chance, 1 / 3);
    assert.ok(full.baselines.majorityClass.mean >= 1 / 3 && full.baselines.majorityClass.mean < 1);
    assert.ok(existsSync(join(dir, 'run', 'results.json')));
    assert.equal(readdirSync(join(dir, 'run', 'units')).length, 4);
    assert.ok(!readdirSync(join(dir, 'run')).some((f) => f.includes('.tmp-')), 'no half-written file');

    const again = runCli(args, dir);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /protocol: seed-sd/);
    assert.match(again.stdout, /4\/4 units \(0 computed, 4 reused/);
    assert.match(again.stdout, /^all\s+2\s/m);

    // Other settings into the same --out: refused with exit 2 naming the key; --force replaces the run.
    const changed = runCli([...args, '--lr', '0.002'], dir);
    assert.equal(changed.status, 2, changed.stderr);
    assert.match(changed.stderr, /strnn: error: run holds a run with other settings \(train\.learningRate differ\)/);
    assert.match(changed.stderr, /--force/);
    const forced = runCli([...args, '--lr', '0.002', '--force', '--no-save-models', '--json'], dir);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal((JSON.parse(forced.stdout) as { computedUnits: number }).computedUnits, 4);
    assert.ok(!readdirSync(join(dir, 'run', 'units')).some((key) => existsSync(join(dir, 'run', 'units', key, 'model'))), '--no-save-models');

    for (const [bad, message] of [
      [['--dataset', 'seeed'], /unknown dataset 'seeed'; did you mean 'seed'\?/],
      [['--dataset', 'seed', '--protocol', 'los'], /unknown protocol 'los'; did you mean 'loso'\?/],
      [['--dataset', 'seed', '--feature', 'de_lds'], /no feature 'de_lds'; did you mean 'de_LDS'\?/],
    ] as const) {
      const e = runCli(['experiment', '--root', 'SEED', ...bad, ...TINY], dir);
      assert.equal(e.status, 2, e.stderr);
      assert.match(e.stderr, message);
    }
    const missing = runCli(['experiment', '--dataset', 'seed', '--root', 'nowhere', ...TINY], dir);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /nowhere: no SEED features folder/);
  });
});

test("synth's default trial length gives seed-sd units validation samples: no warning", async () => {
  await withTempDir((dir) => {
    assert.equal(runCli(['synth', '--format', 'seed', '--out', 'SEED', '--subjects', '1'], dir).status, 0);
    const r = runCli(['experiment', '--dataset', 'seed', '--root', 'SEED', '--sessions', '1', '--jobs', '1', '--json', ...TINY], dir);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { warnings: string[]; units: { validation: string; valSamples: number }[] };
    assert.deepEqual(report.warnings, []);
    assert.equal(report.units[0]!.validation, 'window-tail');
    assert.ok(report.units[0]!.valSamples > 0);
    assert.doesNotMatch(r.stderr, /warning/);
  });
});

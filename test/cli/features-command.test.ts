// strnn features as a user runs it: synth --raw → features → experiment on the outputs, unchanged;
// --json, resume, exit codes (2 usage, 1 data), no half-written files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { withTempDir } from '../helpers.js';
import { runCli } from './run-cli.js';

test('synth --raw → features → experiment --dataset seed --feature de_LDS learns; rerun reuses; bad flags and inputs exit 2 / 1', async () => {
  await withTempDir((dir) => {
    const s = runCli(['synth', '--format', 'seed', '--out', 'SEED', '--subjects', '1', '--duration-scale', '0.01', '--raw', '--raw-subjects', '1'], dir);
    assert.equal(s.status, 0, s.stderr);

    const args = ['features', '--input', 'SEED', '--out', 'F', '--kinds', 'de', '--smoothing', 'lds', '--jobs', '2'];
    const f = runCli([...args, '--json'], dir);
    assert.equal(f.status, 0, f.stderr);
    const report = JSON.parse(f.stdout) as { layout: string; computed: number; montages: string[]; files: { file: string; windows: number[] }[]; experiment: string };
    assert.deepEqual([report.layout, report.computed, report.montages], ['seed', 3, ['seed-62']]);
    assert.equal(report.experiment, 'strnn experiment --dataset seed --root F --feature de_LDS');
    assert.match(f.stderr, /seed input SEED → F\/ExtractedFeatures/);
    const folder = join(dir, 'F', 'ExtractedFeatures');
    assert.deepEqual(readdirSync(folder).sort(), ['1_20131027.mat', '1_20131030.mat', '1_20131107.mat', 'features-manifest.json', 'label.mat']);
    assert.ok(!readdirSync(folder).some((n) => n.includes('.tmp-')), 'no half-written file');

    const again = runCli(args, dir);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /3 feature files in F\/ExtractedFeatures \(0 computed, 3 reused\)/);
    assert.match(again.stdout, /montage: seed-62/);

    // The outputs read as SEED ExtractedFeatures, unchanged: 3 sessions of subject 1, a planted signal.
    const e = runCli(['experiment', '--dataset', 'seed', '--root', 'F', '--feature', 'de_LDS', '--epochs', '5', '--jobs', '2', '--out', 'run', '--json'], dir);
    assert.equal(e.status, 0, e.stderr);
    const result = JSON.parse(e.stdout) as { table: { bands: string; units: number; accuracy: { mean: number } }[] };
    assert.equal(result.table[0]!.units, 3);
    // Chance is 1/3; the planted signal survives raw synthesis and DE + LDS extraction (58 % measured).
    assert.ok(result.table[0]!.accuracy.mean > 0.45, `accuracy ${result.table[0]!.accuracy.mean}`);

    for (const [bad, code, message] of [
      [['features', '--out', 'F'], 2, /features needs --input <path>/],
      [['features', '--input', 'SEED', '--out', 'G', '--bands', 'alpha:8'], 2, /band table entry 'alpha:8' is not name:lowHz-highHz/],
      [['features', '--input', 'SEED', '--out', 'G', '--kinds', 'de,dasm'], 2, /--kinds: unknown feature kind 'dasm'/],
      [['features', '--input', 'SEED', '--out', 'G', '--smoothing', 'kalman'], 2, /argument 'kalman' is invalid/],
      [['features', '--input', 'nowhere', '--out', 'G'], 1, /nowhere: no such file or folder/],
      [['features', '--input', 'F', '--out', 'G'], 1, /F: no raw EEG found[^\n]*\n {2}hint: ExtractedFeatures already holds features/],
    ] as const) {
      const r = runCli([...bad], dir);
      assert.equal(r.status, code, `${bad.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });
});

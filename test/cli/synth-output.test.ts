// `strnn synth` never writes over what it did not write: every format refuses a non-empty --out the
// same way (exit 2, nothing printed before the refusal); --force replaces a previous synth output,
// and only one: a folder without the marker, or with files synth did not write, is refused even then.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYNTH_MARKER } from '../../src/synthetic/output.js';
import { writeSyntheticDataset } from '../../src/synthetic/tree.js';
import { withTempDir } from '../helpers.js';
import { runCli } from './run-cli.js';

const SMALL: Record<string, string[]> = {
  seed: ['--subjects', '1', '--duration-scale', '0.05'],
  'seed-iv': ['--subjects', '1', '--duration-scale', '0.05'],
  deap: ['--subjects', '1', '--duration-scale', '0.05'],
  ckplus: ['--subjects', '1', '--sequences', '1'],
  mmi: ['--subjects', '1', '--sequences', '1'],
};

test('every synth format refuses a non-empty folder with exit 2 and prints nothing before the refusal', async () => {
  await withTempDir((dir) => {
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine', 'thesis.tex'), 'my own work');
    for (const [format, size] of Object.entries(SMALL)) {
      for (const force of [[], ['--force']]) {
        const r = runCli(['synth', '--format', format, '--out', 'mine', ...size, ...force], dir);
        assert.equal(r.status, 2, `${format} ${force.join('')}: ${r.stderr}`);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, /^strnn: error: mine: /, `${format}: the refusal is the first thing printed`);
        assert.match(r.stderr, force.length ? /not replacing a folder that strnn synth did not write/ : /output folder is not empty/);
      }
    }
    assert.deepEqual(readdirSync(join(dir, 'mine')), ['thesis.tex']);
    assert.equal(readFileSync(join(dir, 'mine', 'thesis.tex'), 'utf8'), 'my own work');
  });
});

test('--force replaces a previous synth output, and refuses once the folder holds a file synth did not write', async () => {
  await withTempDir((dir) => {
    const synth = (subjects: string, ...extra: string[]) =>
      runCli(['synth', '--format', 'seed', '--out', 'SEED', '--subjects', subjects, '--duration-scale', '0.05', '--json', ...extra], dir);
    let r = synth('2');
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { files: number }).files, 7); // label.mat + 2 subjects x 3 sessions
    r = synth('1');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^strnn: error: SEED: output folder is not empty\n {2}hint: .*--force/);
    r = synth('1', '--force');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readdirSync(join(dir, 'SEED', 'ExtractedFeatures')).length, 4, 'the old tree is gone, not mixed with the new one');
    const marker = JSON.parse(readFileSync(join(dir, 'SEED', SYNTH_MARKER), 'utf8')) as { complete: boolean; files: string[] };
    assert.equal(marker.complete, true);
    assert.equal(marker.files.length, 4);

    writeFileSync(join(dir, 'SEED', 'ExtractedFeatures', 'notes.txt'), 'mine');
    r = synth('1', '--force');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^strnn: error: SEED: not replacing it: ExtractedFeatures\/notes\.txt was not written by strnn synth/);
    assert.ok(existsSync(join(dir, 'SEED', 'ExtractedFeatures', 'notes.txt')));
  });
});

test('the library refuses the same way: writeSyntheticDataset into a non-empty folder', async () => {
  await withTempDir((dir) => {
    writeFileSync(join(dir, 'keep.txt'), 'x');
    assert.throws(() => writeSyntheticDataset('deap', dir, { subjects: 1, durationScale: 0.05 }), /output folder is not empty/);
    assert.throws(() => writeSyntheticDataset('deap', dir, { subjects: 1, durationScale: 0.05, force: true }), /did not write/);
    assert.deepEqual(readdirSync(dir), ['keep.txt']);
  });
});

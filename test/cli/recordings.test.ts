// Your own recordings end to end through the built CLI, on the committed fixtures of
// scripts/fixtures/make-own-recordings-fixtures.py (independent Python writers of EDF and XDF): a BIDS-EEG
// folder → dataset check → experiment (LOSO) → train → predict --recording on an XDF session at
// another rate, asserting that the planted rhythm is learned (alpha on O1/O2 = calm, beta on Fp1/Fp2
// = excited; delta carries nothing) and that window times are right; then bad input, each failing
// with an error naming the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath, withTempDir } from '../helpers.js';
import { runCli } from './run-cli.js';

const FIXTURES = repoPath('test', 'fixtures', 'recordings');
const BIDS = join(FIXTURES, 'bids');
const SMALL = ['--d-s', '8', '--k-s', '4', '--d-t', '8', '--k-t', '3', '--epochs', '12', '--T', '4'];

interface Report {
  protocol: { id: string; description: string };
  classNames: string[];
  table: { bands: string; units: number; accuracy: { mean: number } }[];
  units: { id: string; testSamples: number }[];
  config: { flags: Record<string, unknown> };
}

test('BIDS folder: dataset check, LOSO experiment, train, predict --recording on an XDF session', async () => {
  await withTempDir((dir) => {
    const check = runCli(['dataset', 'check', '--root', BIDS, '--label-column', 'emotion', '--T', '4', '--json'], dir);
    assert.equal(check.status, 0, check.stderr);
    const c = JSON.parse(check.stdout) as { subjects: { subject: string }[]; trialsPerClass: Record<string, number>; channels: string[]; dropped: { label: string; reason: string }[]; ratesHz: Record<string, number>; errors: number };
    assert.deepEqual(c.subjects.map((s) => s.subject), ['01', '02', '03']);
    assert.deepEqual(c.trialsPerClass, { calm: 9, excited: 9 }); // 3 subjects x 3 trials per class; fixation rows (n/a) are no trials
    assert.deepEqual(c.channels, ['Fp1', 'Fp2', 'T3', 'C3', 'C4', 'T4', 'O1', 'O2']); // node order: front to back, left to right
    assert.deepEqual(c.dropped, [{ label: 'ECG', reason: 'type ECG in channels.tsv', recordings: 3 }]);
    assert.deepEqual(c.ratesHz, { 128: 3 });
    const text = runCli(['dataset', 'check', '--root', BIDS, '--label-column', 'emotion', '--T', '4'], dir);
    assert.match(text.stdout, /trials per class: calm 9, excited 9/);
    assert.match(text.stdout, /^ {2}T3 +- +C3 +- +- +- +C4 +- +T4$/m); // the grid row of the central electrodes

    const exp = runCli(['experiment', '--dataset', BIDS, '--label-column', 'emotion', '--protocol', 'loso', '--bands', 'all,alpha,delta',
      '--jobs', '1', '--out', 'loso', '--json', ...SMALL], dir);
    assert.equal(exp.status, 0, exp.stderr);
    const report = JSON.parse(exp.stdout) as Report;
    assert.equal(report.protocol.id, 'loso');
    assert.match(exp.stderr, /protocol loso — cross-subject: leave one subject out/);
    assert.deepEqual(report.classNames, ['calm', 'excited']);
    const acc = Object.fromEntries(report.table.map((r) => [r.bands, r.accuracy.mean]));
    assert.ok(acc.all! >= 0.9, `all bands: ${acc.all}`);
    assert.ok(acc.alpha! >= 0.9, `alpha (planted): ${acc.alpha}`);
    assert.ok(acc.delta! < 0.75, `delta carries no planted signal, yet ${acc.delta}`);
    // 3 test trials per class, 8 windows each, T = 4: 6 x 5 samples per held-out subject.
    assert.deepEqual(report.units.filter((u) => u.id.startsWith('subject')).slice(0, 3).map((u) => [u.id, u.testSamples]), [['subject 01', 30], ['subject 02', 30], ['subject 03', 30]]);

    // The config block reruns the same experiment: every unit is reused.
    const rerun = runCli(['experiment', '--config', join(dir, 'loso', 'results.json')], dir);
    assert.equal(rerun.status, 0, rerun.stderr);
    assert.match(rerun.stdout, /9\/9 units \(0 computed, 9 reused/);

    const train = runCli(['train', '--dataset', BIDS, '--label-column', 'emotion', '--out', 'model', '--threads', '1', ...SMALL], dir);
    assert.equal(train.status, 0, train.stderr);
    const manifest = JSON.parse(readFileSync(join(dir, 'model', 'model.json'), 'utf8')) as { features: { channels: string[]; trainingFsHz: number[]; bands: { name: string }[]; T: number; windowSec: number; filtering: string } };
    assert.deepEqual(manifest.features.channels, c.channels);
    assert.deepEqual(manifest.features.trainingFsHz, [128]);
    assert.deepEqual(manifest.features.bands.map((b) => b.name), ['delta', 'theta', 'alpha', 'beta', 'gamma']);
    assert.equal(manifest.features.T, 4);
    assert.equal(manifest.features.filtering, 'zero-phase');

    // session.xdf: 30 s at 160 Hz (not 128), channels named FP1 fp2 T7 T8 ...; calm 0-15 s, excited 15-30 s.
    const pred = runCli(['predict', '--model', 'model', '--recording', join(FIXTURES, 'session.xdf')], dir);
    assert.equal(pred.status, 0, pred.stderr);
    const rows = pred.stdout.trim().split('\n').map((l) => JSON.parse(l) as { index: number; startSec: number; endSec: number; predicted: string; probabilities: Record<string, number> });
    // 1-s windows, T = 4: one prediction per second, the first ending at 4 s, the last at 30 s.
    assert.equal(rows.length, 27);
    rows.forEach((r, i) => {
      assert.equal(r.startSec, i);
      assert.equal(r.endSec, i + 4);
      assert.ok(Math.abs(r.probabilities.calm! + r.probabilities.excited! - 1) < 1e-5);
    });
    const wrong = rows.filter((r) => (r.endSec <= 15 && r.predicted !== 'calm') || (r.startSec >= 15 && r.predicted !== 'excited'));
    assert.deepEqual(wrong, [], 'samples wholly inside one block get its class');
    assert.match(pred.stderr, /27 predictions at 160 Hz from FP1 fp2 T7 C3 C4 T8 O1 O2/);

    const csv = runCli(['predict', '--model', 'model', '--recording', join(FIXTURES, 'session.xdf'), '--format', 'csv'], dir);
    assert.equal(csv.status, 0, csv.stderr);
    const lines = csv.stdout.trim().split('\n');
    assert.equal(lines[0], 'index,start_sec,end_sec,predicted,p_calm,p_excited');
    assert.equal(lines.length, 28);
    assert.match(lines[1]!, /^0,0,4,calm,/);

    // A model without a feature pipeline is refused with the reason.
    const synth = runCli(['train', '--synthetic', '--out', 'plain', '--epochs', '1', '--d-s', '3', '--k-s', '2', '--d-t', '3', '--k-t', '2', '--threads', '1'], dir);
    assert.equal(synth.status, 0, synth.stderr);
    const plain = runCli(['predict', '--model', 'plain', '--recording', join(FIXTURES, 'session.xdf')], dir);
    assert.equal(plain.status, 1);
    assert.match(plain.stderr, /plain: the model has no feature pipeline/);

    // The model's channels must all be in the recording: a 3-channel recording lists the missing ones.
    const missing = runCli(['predict', '--model', 'model', '--recording', join(FIXTURES, 'unplaceable', 'sub-01', 'eeg', 'sub-01_task-x_eeg.edf')], dir);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /sub-01_task-x_eeg\.edf: missing channels Fp1, Fp2, T3, C3, C4, T4, O1, O2/);

    // 64 Hz: SEED's gamma band (31-50 Hz) lies above Nyquist.
    const low = runCli(['predict', '--model', 'model', '--recording', join(FIXTURES, 'low-rate', 's1_64hz.edf')], dir);
    assert.equal(low.status, 1);
    assert.match(low.stderr, /s1_64hz\.edf: sampled at 64 Hz: band 'gamma' \[31, 50\] Hz must satisfy 0 < low < high < fs\/2 = 32 Hz/);
  });
});

test('a described folder of EDF+ files: labels from the marker text; bad input fails naming the file', async () => {
  await withTempDir((dir) => {
    const described = join(FIXTURES, 'described', 'strnn.dataset.json');
    const check = runCli(['dataset', 'check', '--dataset', described, '--T', '4', '--json'], dir);
    assert.equal(check.status, 0, check.stderr);
    const c = JSON.parse(check.stdout) as { subjects: { subject: string; sessions: { name: string; trials: number }[] }[]; trialsPerClass: Record<string, number> };
    assert.deepEqual(c.subjects.map((s) => [s.subject, s.sessions.map((x) => [x.name, x.trials])]), [['1', [['day1', 4]]], ['2', [['day1', 4]]]]);
    assert.deepEqual(c.trialsPerClass, { calm: 4, excited: 4 });

    const withDescription = (name: string, files: string[], description: object) => {
      const folder = join(dir, name);
      cpSync(join(FIXTURES, 'described', 'rec'), join(folder, 'rec'), { recursive: true });
      for (const f of files) copyFileSync(f, join(folder, 'rec', f.split('/').at(-1)!));
      writeFileSync(join(folder, 'strnn.dataset.json'), JSON.stringify({ files: 'rec/*.edf', subject: '^rec/s(?<subject>\\d+)', ...description }));
      return folder;
    };
    const cases: [string, object, RegExp][] = [
      ['no-markers', { trials: { start: 'stimulus-onset', durationSec: 4 }, label: { from: 'marker' } },
        /s1_day1\.edf: no event matches trials\.start "stimulus-onset"; found 'stim\/calm', 'stim-end', 'stim\/excited'/],
      ['bad-labels', { trials: { start: { regex: '^stim/' }, end: 'stim-end' }, label: { from: 'marker', pattern: '^stim/(?<label>\\d+)$' } },
        /s1_day1\.edf: event 'stim\/calm' at 2\.000 s: the label does not parse: the marker does not match label\.pattern/],
      ['unknown-class', { trials: { start: { regex: '^stim/' }, end: 'stim-end' }, label: { from: 'marker', pattern: '^stim/(?<label>\\w+)$' }, classes: ['calm', 'angry'] },
        /s1_day1\.edf: trial 2 \('stim\/excited'\): unknown label 'excited'; classes: calm, angry/],
    ];
    for (const [name, description, message] of cases) {
      const folder = withDescription(name, [], description);
      const r = runCli(['dataset', 'check', '--root', folder, '--T', '4'], dir);
      assert.equal(r.status, 1, `${name}: ${r.stdout}`);
      assert.match(r.stdout, message, name);
      assert.match(r.stderr, /error in the dataset|errors in the dataset/);
      // experiment and train refuse the same dataset with the first problem, naming the file.
      const t = runCli(['train', '--dataset', folder, '--out', 'never', ...SMALL], dir);
      assert.equal(t.status, 1, name);
      assert.match(t.stderr, message, name);
      assert.ok(!existsSync(join(dir, 'never')));
    }

    const badKey = withDescription('bad-key', [], { trials: { start: 'x', durationSec: -1 }, label: { from: 'marker' } });
    const k = runCli(['dataset', 'check', '--root', badKey], dir);
    assert.equal(k.status, 1);
    assert.match(k.stderr, /strnn\.dataset\.json: key trials\.durationSec: /);

    const unplaceable = runCli(['experiment', '--dataset', join(FIXTURES, 'unplaceable'), '--T', '2', ...SMALL.slice(0, -2)], dir);
    assert.equal(unplaceable.status, 1);
    assert.match(unplaceable.stderr, /sub-01_task-x_eeg\.edf: no channel can be placed on the scalp map \(E1, E2, E3\)/);

    const low = withDescription('low-rate', [join(FIXTURES, 'low-rate', 's1_64hz.edf')], { trials: { start: { regex: '^stim/' }, durationSec: 4 }, label: { from: 'marker', pattern: '^stim/(?<label>\\w+)$' } });
    const g = runCli(['dataset', 'check', '--root', low, '--T', '2'], dir);
    assert.equal(g.status, 1);
    assert.match(g.stdout, /s1_64hz\.edf: sampled at 64 Hz: band 'gamma' \[31, 50\] Hz must satisfy/);
  });
});

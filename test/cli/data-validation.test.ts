// Hostile and unusual data through the built CLI (issue 10, data-validation half): non-finite samples
// refused or skipped and listed, label codings refused with hints or mapped, --out never replacing
// what strnn did not write, predict's output formats, evaluate's edge cases. Each case failed before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeNpy } from '../../src/formats/npy.js';
import { matNumeric, writeMat } from '../../src/formats/mat/index.js';
import { Rng } from '../../src/util/random.js';
import { withTempDir } from '../helpers.js';
import { writeInt64Npy, writeRawNpy } from '../npy-bytes.js';
import { runCli } from './run-cli.js';

const TINY = ['--d-s', '4', '--k-s', '2', '--d-t', '4', '--k-t', '2', '--montage', 'grid:2x3', '--backend', 'reference', '--threads', '1'];
const PER = 3 * 6 * 2;

/** B samples of T=3, N=6, dIn=2 in x.npy; class = sign of node 0's first feature; labels y.npy (0/1). */
function writeData(dir: string, B = 60): Float32Array {
  const rng = new Rng(3);
  const x = new Float32Array(B * PER);
  const y = Int32Array.from({ length: B }, (_, b) => b % 2);
  for (let b = 0; b < B; b++) for (let i = 0; i < PER; i++) x[b * PER + i] = rng.normal() + (i % 12 === 0 ? 3 * y[b]! : 0);
  writeNpy(join(dir, 'x.npy'), x, [B, 3, 6, 2]);
  writeNpy(join(dir, 'y.npy'), y, [B]);
  return x;
}

const train = (dir: string, out: string, extra: string[] = []) =>
  runCli(['train', '--samples', 'x.npy', '--labels', 'y.npy', '--epochs', '3', '--out', out, ...TINY, ...extra], dir);

/** x.npy with NaN in sample 10 (time slice 0, node 2, feature 1) and Inf in sample 20, as bad.npy. */
function writeBad(dir: string, x: Float32Array): void {
  const bad = x.slice();
  bad[10 * PER + 5] = NaN;
  bad[20 * PER] = Infinity;
  writeNpy(join(dir, 'bad.npy'), bad, [x.length / PER, 3, 6, 2]);
}

test('predict and evaluate refuse non-finite samples naming the first; --skip-invalid leaves them out and lists them', async () => {
  await withTempDir((dir) => {
    writeBad(dir, writeData(dir));
    assert.equal(train(dir, 'model').status, 0);
    const p = runCli(['predict', '--model', 'model', '--samples', 'bad.npy', '--backend', 'reference'], dir);
    assert.equal(p.status, 1);
    assert.equal(p.stdout, '');
    assert.match(p.stderr, /^strnn: error: bad\.npy: sample 10 holds a non-finite value \(NaN at time slice 0, node 2, feature 1\)/);
    const e = runCli(['evaluate', '--model', 'model', '--samples', 'bad.npy', '--labels', 'y.npy', '--backend', 'reference'], dir);
    assert.equal(e.status, 1);
    assert.match(e.stderr, /bad\.npy: sample 10 holds a non-finite value/);

    const jsonl = runCli(['predict', '--model', 'model', '--samples', 'bad.npy', '--backend', 'reference', '--skip-invalid'], dir);
    assert.equal(jsonl.status, 0, jsonl.stderr);
    const rows = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, 60);
    assert.deepEqual(rows.filter((r) => r.skipped).map((r) => r.index), [10, 20]);
    assert.ok(rows.filter((r) => !r.skipped).every((r) => Number.isFinite(r.probabilities.class0)));
    assert.match(jsonl.stderr, /left out 2 samples holding NaN or Inf \(--skip-invalid\): 10, 20/);
    const doc = JSON.parse(runCli(['predict', '--model', 'model', '--samples', 'bad.npy', '--backend', 'reference', '--skip-invalid', '--format', 'json'], dir).stdout);
    assert.deepEqual(doc.skipped, [10, 20]);
    assert.equal(doc.predictions.length, 58);
    assert.deepEqual(doc.predictions.slice(9, 11).map((r: { index: number }) => r.index), [9, 11]);

    const scored = runCli(['evaluate', '--model', 'model', '--samples', 'bad.npy', '--labels', 'y.npy', '--backend', 'reference', '--skip-invalid', '--json'], dir);
    assert.equal(scored.status, 0, scored.stderr);
    const m = JSON.parse(scored.stdout);
    assert.equal(m.samples, 58);
    assert.deepEqual(m.skipped, [10, 20]);
    assert.equal(m.confusion.flat().reduce((a: number, b: number) => a + b, 0), 58);
  });
});

test('predict --format csv / jsonl / json and --out FILE (atomic; format from the extension)', async () => {
  await withTempDir((dir) => {
    writeBad(dir, writeData(dir));
    assert.equal(train(dir, 'model', ['--classes', 'low,high']).status, 0);
    const base = ['predict', '--model', 'model', '--samples', 'x.npy', '--backend', 'reference'];
    const doc = JSON.parse(runCli([...base, '--format', 'json'], dir).stdout);
    const r = runCli([...base, '--out', 'p.csv'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    const lines = readFileSync(join(dir, 'p.csv'), 'utf8').trim().split('\n');
    assert.equal(lines[0], 'index,predicted,low,high');
    assert.equal(lines.length, 61);
    const [index, predicted, low, high] = lines[8]!.split(',');
    assert.deepEqual([Number(index), predicted, Number(low), Number(high)], [7, doc.predictions[7].predicted, doc.predictions[7].probabilities.low, doc.predictions[7].probabilities.high]);
    assert.equal(runCli([...base, '--out', 'p.jsonl'], dir).status, 0);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'p.jsonl'), 'utf8').split('\n')[7]!), doc.predictions[7]);
    // A refused input leaves no output file and no temporary file.
    const bad = runCli(['predict', '--model', 'model', '--samples', 'bad.npy', '--backend', 'reference', '--out', 'q.json'], dir);
    assert.equal(bad.status, 1);
    assert.ok(!readdirSync(dir).some((n) => n.startsWith('q.json') || n.startsWith('.q.json')), readdirSync(dir).join(' '));
  });
});

test('train names the sample, time slice, node and feature of a NaN in the raw input (sample 100, not 0)', async () => {
  await withTempDir((dir) => {
    const x = writeData(dir, 120);
    x[100 * PER + 12 + 3] = NaN; // time slice 1, node 1, feature 1
    writeNpy(join(dir, 'x.npy'), x, [120, 3, 6, 2]);
    const r = train(dir, 'model');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^strnn: error: x\.npy: sample 100, time slice 1, node 1, feature 1 holds a non-finite value \(NaN\)/);
  });
});

test('labels that are not 0..C-1 are refused with a hint; --label-map maps them; the class count is never the largest label', async () => {
  await withTempDir((dir) => {
    writeData(dir);
    const labels = (name: string, f: (b: number) => number) => writeNpy(join(dir, name), Int32Array.from({ length: 60 }, (_, b) => f(b)), [60]);
    labels('one-based.npy', (b) => 1 + (b % 2));
    labels('seed.npy', (b) => (b % 3) - 1);
    labels('huge.npy', (b) => (b === 7 ? 100_000_000 : b % 2));
    let r = runCli(['train', '--samples', 'x.npy', '--labels', 'one-based.npy', '--out', 'm', ...TINY], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /one-based\.npy: label 2 of sample 1 is outside 0\.\.1 \(2 classes from the 2 distinct labels\)\n {2}hint: the labels look 1-based \(MATLAB\)/);
    r = runCli(['train', '--samples', 'x.npy', '--labels', 'seed.npy', '--out', 'm', ...TINY], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /seed\.npy: label -1 of sample 0 is outside 0\.\.2[^\n]*\n {2}hint: SEED codes emotions as -1\/0\/1: pass --label-map -1:negative,0:neutral,1:positive/);
    const started = performance.now();
    r = runCli(['train', '--samples', 'x.npy', '--labels', 'huge.npy', '--out', 'm', ...TINY], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /huge\.npy: label 100000000 of sample 7 is outside 0\.\.2/);
    assert.ok(performance.now() - started < 20_000, 'refused without allocating a 100-million-class model');
    // int64 labels of 2^32 and 2^32 + 1 once wrapped to 0 and 1 and trained silently.
    writeInt64Npy(join(dir, 'wide.npy'), Array.from({ length: 60 }, (_, b) => 2n ** 32n + BigInt(b % 2)));
    r = runCli(['train', '--samples', 'x.npy', '--labels', 'wide.npy', '--out', 'm', ...TINY], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /wide\.npy: label 4294967296 of sample 0 is outside 0\.\.1/);

    r = runCli(['train', '--samples', 'x.npy', '--labels', 'seed.npy', '--label-map', '-1:negative,0:neutral,1:positive', '--out', 'm', '--epochs', '2', ...TINY], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'm', 'model.json'), 'utf8')).classNames, ['negative', 'neutral', 'positive']);
    // evaluate maps the same file onto the model's classes; unmapped it is refused naming the label.
    const e = runCli(['evaluate', '--model', 'm', '--samples', 'x.npy', '--labels', 'seed.npy', '--label-map', '-1:negative,0:neutral,1:positive', '--backend', 'reference', '--json'], dir);
    assert.equal(e.status, 0, e.stderr);
    assert.equal(JSON.parse(e.stdout).samples, 60);

    for (const classes of ['a,a', 'a,,b']) {
      r = runCli(['train', '--samples', 'x.npy', '--labels', 'y.npy', '--classes', classes, '--out', 'm2', ...TINY], dir);
      assert.equal(r.status, 2, classes);
      assert.match(r.stderr, classes === 'a,a' ? /--classes "a,a": class "a" appears twice/ : /--classes "a,,b": name 2 is empty/);
    }
  });
});

test('evaluate: labels outside the model\'s classes and zero samples are errors, not a crash or 0 %', async () => {
  await withTempDir((dir) => {
    writeData(dir);
    assert.equal(train(dir, 'model').status, 0);
    for (const bad of [-1, 5]) {
      writeNpy(join(dir, 'lab.npy'), Int32Array.from({ length: 60 }, (_, b) => (b === 4 ? bad : b % 2)), [60]);
      const r = runCli(['evaluate', '--model', 'model', '--samples', 'x.npy', '--labels', 'lab.npy', '--backend', 'reference'], dir);
      assert.equal(r.status, 1);
      assert.match(r.stderr, new RegExp(`^strnn: error: lab\\.npy: label ${bad} of sample 4 is outside 0\\.\\.1: the model has 2 classes \\(class0, class1\\)`));
    }
    writeNpy(join(dir, 'none.npy'), new Float32Array(0), [0, 3, 6, 2]);
    writeNpy(join(dir, 'none-y.npy'), new Int32Array(0), [0]);
    const r = runCli(['evaluate', '--model', 'model', '--samples', 'none.npy', '--labels', 'none-y.npy', '--backend', 'reference'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /strnn: error: no samples to evaluate/);
  });
});

test('evaluate text: the confusion matrix header lines up with its columns', async () => {
  await withTempDir((dir) => {
    writeData(dir);
    assert.equal(train(dir, 'model', ['--classes', 'negative,positive']).status, 0);
    const r = runCli(['evaluate', '--model', 'model', '--samples', 'x.npy', '--labels', 'y.npy', '--backend', 'reference'], dir);
    assert.equal(r.status, 0, r.stderr);
    const table = r.stdout.trim().split('\n').slice(-3);
    assert.match(table[0]!, /^true \\ predicted +negative +positive$/);
    // Every column ends where its header ends.
    const ends = (line: string) => [...line.matchAll(/\S+/g)].map((m) => m.index! + m[0].length);
    for (const row of table.slice(1)) assert.deepEqual(ends(row).slice(-2), ends(table[0]!).slice(-2), table.join('\n'));
  });
});

test('--out never replaces what strnn did not write; an old checkpoint is replaced whole', async () => {
  await withTempDir((dir) => {
    writeData(dir);
    mkdirSync(join(dir, 'thesis'));
    writeFileSync(join(dir, 'thesis', 'chapter1.tex'), 'years of work');
    writeFileSync(join(dir, 'notes.txt'), 'my notes');
    let r = train(dir, 'thesis');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--out thesis: folder is not empty and is not a strnn checkpoint[^\n]*refusing to replace it/);
    assert.equal(readFileSync(join(dir, 'thesis', 'chapter1.tex'), 'utf8'), 'years of work');
    r = train(dir, 'notes.txt');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--out notes\.txt: is a file, expected a folder/);
    assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'my notes');
    r = runCli(['demo', '--subjects', '1', '--epochs', '1', '--out', 'thesis'], dir);
    assert.equal(r.status, 2);
    assert.equal(readFileSync(join(dir, 'thesis', 'chapter1.tex'), 'utf8'), 'years of work');
    const before = readdirSync(dir).sort();
    r = train(dir, '.');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^strnn: error: --out \.: is the current folder or one of its parents/);
    assert.doesNotMatch(r.stderr, /EBUSY|internal error/);
    assert.deepEqual(readdirSync(dir).sort(), before, 'no half-built temporary folder');

    assert.equal(train(dir, 'model', ['--seed', '1']).status, 0);
    const first = readFileSync(join(dir, 'model', 'weights.bin'));
    assert.equal(train(dir, 'model', ['--seed', '2']).status, 0);
    assert.ok(!readFileSync(join(dir, 'model', 'weights.bin')).equals(first), 'the old checkpoint was replaced');
    // A checkpoint folder holding anything else is not "ours" any more.
    writeFileSync(join(dir, 'model', 'README.txt'), 'about this model');
    assert.equal(train(dir, 'model').status, 2);
    assert.ok(existsSync(join(dir, 'model', 'README.txt')));
  });
});

test('hostile .npy files: fractional, named or negative dimensions and a 10-byte file are FORMAT errors; a folder is named as one', async () => {
  await withTempDir((dir) => {
    writeData(dir);
    assert.equal(train(dir, 'model').status, 0);
    const cases: [string, string, RegExp][] = [
      ['frac.npy', '(2.5, 3, 6, 2)', /frac\.npy: shape \(2\.5, 3, 6, 2\) has dimension '2\.5'; every dimension must be a non-negative integer/],
      ['named.npy', "('x', 3, 6, 2)", /named\.npy: shape \('x', 3, 6, 2\) has dimension ''x''/],
      ['negative.npy', '(-2, 3, 6, 2)', /negative\.npy: shape \(-2, 3, 6, 2\) has dimension '-2'/],
    ];
    for (const [name, shape, message] of cases) {
      writeRawNpy(join(dir, name), '<f4', shape, new Uint8Array(4 * 2 * PER));
      const r = runCli(['predict', '--model', 'model', '--samples', name, '--backend', 'reference'], dir);
      assert.equal(r.status, 1, name);
      assert.match(r.stderr, message);
    }
    writeFileSync(join(dir, 'short.npy'), Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, 0x10, 0]));
    let r = runCli(['predict', '--model', 'model', '--samples', 'short.npy', '--backend', 'reference'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^strnn: error: short\.npy: damaged \.npy file \(10 bytes end inside the version 2 header\)/);
    mkdirSync(join(dir, 'folder.npy'));
    r = runCli(['predict', '--model', 'model', '--samples', 'folder.npy', '--backend', 'reference'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /folder\.npy: is a folder, expected a file/);
  });
});

test('predict reads a compressed .mat samples variable (MATLAB column-major) to the same rows as the .npy', async () => {
  await withTempDir((dir) => {
    const x = writeData(dir);
    assert.equal(train(dir, 'model').status, 0);
    const B = 60, T = 3, N = 6, dIn = 2;
    const columnMajor = new Float32Array(x.length);
    for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) for (let n = 0; n < N; n++) for (let f = 0; f < dIn; f++) {
      columnMajor[b + B * (t + T * (n + N * f))] = x[((b * T + t) * N + n) * dIn + f]!;
    }
    writeMat(join(dir, 'x.mat'), { x: matNumeric(columnMajor, [B, T, N, dIn]) }, { compress: true });
    const base = ['predict', '--model', 'model', '--backend', 'reference', '--format', 'jsonl'];
    const fromMat = runCli([...base, '--samples', 'x.mat'], dir);
    assert.equal(fromMat.status, 0, fromMat.stderr);
    assert.equal(fromMat.stdout, runCli([...base, '--samples', 'x.npy'], dir).stdout);
  });
});

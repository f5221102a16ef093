import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listDatedRecords, parseRecordName } from '../../src/datasets/dated-records.js';
import { SEED_SESSION_DATES } from '../../src/datasets/seed-layout-facts.js';
import { withTempDir } from '../helpers.js';

test('record names: the 45 real SEED names sort numerically (10_ after 9_, not after 1_) and by date; session = date rank', async () => {
  await withTempDir((dir) => {
    // Write the real names in lexicographic order, the trap a plain readdir sort falls into.
    const names = SEED_SESSION_DATES.flatMap((row) => row.map((date, i) => `${i + 1}_${date}.mat`)).sort();
    assert.equal(names[0], '10_20131130.mat', 'the trap is present: lexicographically, 10_ files come before 1_ files');
    for (const n of names) writeFileSync(join(dir, n), '');
    writeFileSync(join(dir, 'label.mat'), '');
    writeFileSync(join(dir, 'readme.txt'), '');
    const records = listDatedRecords(dir);
    assert.equal(records.length, 45);
    assert.deepEqual(records.map((r) => r.subject), Array.from({ length: 45 }, (_, i) => Math.floor(i / 3) + 1));
    for (const r of records) assert.equal(r.date, SEED_SESSION_DATES[r.session - 1]![r.subject - 1], `${r.file}: session ${r.session}`);
    // Subject 6: 20130712 < 20131016 < 20131113 (session 2 is in another year's autumn than lexical order of months suggests).
    assert.deepEqual(records.filter((r) => r.subject === 6).map((r) => r.file), ['6_20130712.mat', '6_20131016.mat', '6_20131113.mat']);
  });
});

test('record names: names that do not parse, impossible dates and duplicate sessions are refused with the file named', async () => {
  assert.deepEqual(parseRecordName('15_20131105.mat'), { subject: 15, date: '20131105' });
  assert.throws(() => parseRecordName('sub1_20131027.mat', 'SEED'), /SEED\/sub1_20131027\.mat: file name does not look like <subject>_<yyyymmdd>\.mat/);
  assert.throws(() => parseRecordName('1_20131327.mat'), /date 20131327 is not .* a calendar date/);
  assert.throws(() => parseRecordName('0_20131027.mat'), /not a positive subject number/);
  await withTempDir((dir) => {
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', '1_20131027.mat'), '');
    writeFileSync(join(dir, 'a', '01_20131027.mat'), '');
    assert.throws(() => listDatedRecords(join(dir, 'a')), /01_20131027\.mat and 1_20131027\.mat are the same subject and date/);
  });
});

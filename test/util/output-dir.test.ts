// The "is this ours?" rule for output folders, atomic writes that name the file on IO errors, and
// the worker cap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOutputDir } from '../../src/util/output-dir.js';
import { describeWriteError, writeDirAtomic, writeFileAtomic } from '../../src/util/atomic-write.js';
import { cappedWorkers } from '../../src/util/workers.js';
import { StrnnError } from '../../src/util/errors.js';
import { withTempDir } from '../helpers.js';

const RULE = { what: 'a strnn run', ours: (dir: string) => readdirSync(dir).includes('results.json') };

test('checkOutputDir: missing or empty is new, ours is replaceable; files, foreign folders and the current folder are refused', async () => {
  await withTempDir((dir) => {
    assert.equal(checkOutputDir(join(dir, 'absent'), RULE), 'new');
    mkdirSync(join(dir, 'empty'));
    assert.equal(checkOutputDir(join(dir, 'empty'), RULE), 'new');
    mkdirSync(join(dir, 'run'));
    writeFileSync(join(dir, 'run', 'results.json'), '{}');
    assert.equal(checkOutputDir(join(dir, 'run'), RULE), 'replace');
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'a.txt'), 'x');
    assert.throws(() => checkOutputDir(join(dir, 'notes'), RULE), (e: StrnnError) => e.code === 'USAGE' && /notes: folder is not empty and is not a strnn run; refusing to replace it/.test(e.message));
    writeFileSync(join(dir, 'file'), 'x');
    assert.throws(() => checkOutputDir(join(dir, 'file'), { ...RULE, flag: '--root' }), /--root .*file: is a file, expected a folder for a strnn run/);
    assert.throws(() => checkOutputDir('.', RULE), /--out \.: is the current folder or one of its parents/);
    assert.throws(() => checkOutputDir('..', RULE), /is the current folder or one of its parents/);
  });
});

test('atomic writes: a file where a folder should be is an IO error naming the target, with nothing left behind', async () => {
  await withTempDir((dir) => {
    writeFileSync(join(dir, 'plain'), 'x');
    assert.throws(() => writeFileAtomic(join(dir, 'plain', 'out.json'), '{}'), (e: StrnnError) => e.code === 'IO' && /cannot write .*plain\/out\.json: a part of the path is a file, not a folder \((ENOTDIR|EEXIST)\)/.test(e.message));
    // The disk fills up while the folder is being built (the error Node raises for a full disk).
    const fillUntilFull = (tmp: string) => {
      writeFileAtomic(join(tmp, 'weights.bin'), 'w');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    assert.throws(() => writeDirAtomic(join(dir, 'ckpt'), fillUntilFull),
      (e: StrnnError) => e.code === 'IO' && /ckpt: no space left on the device \(ENOSPC\)/.test(e.message));
    assert.deepEqual(readdirSync(dir), ['plain'], 'the temporary folder is removed');
    const full = describeWriteError(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), 'model/weights.bin') as StrnnError;
    assert.equal(full.message, 'cannot write model/weights.bin: no space left on the device (ENOSPC)');
    assert.equal(full.hint, 'free some space or write elsewhere');
  });
});

test('cappedWorkers: never more workers than units of work or cores', () => {
  assert.equal(cappedWorkers(64, 3, 8), 3);
  assert.equal(cappedWorkers(64, 1000, 2), 2);
  assert.equal(cappedWorkers(4, 1000, 8), 4);
  assert.equal(cappedWorkers(8, 0, 8), 1);
});
